import { describe, expect, it } from 'vitest';
import { buildAllowedList } from './allowed.js';
import type { TcpSocket } from './proc-net.js';
import { selectEgress } from './select.js';

const SOCKETS: TcpSocket[] = [
  { family: 'ipv4', local: '10.0.0.10', localPort: 50000, remote: '10.20.0.5', remotePort: 443, state: 'ESTABLISHED' },
  { family: 'ipv4', local: '10.0.0.10', localPort: 50001, remote: '192.0.2.7', remotePort: 443, state: 'SYN_SENT' },
  { family: 'ipv4', local: '10.0.0.10', localPort: 50002, remote: '192.0.2.7', remotePort: 80, state: 'ESTABLISHED' },
  { family: 'ipv4', local: '0.0.0.0', localPort: 443, remote: '0.0.0.0', remotePort: 0, state: 'LISTEN' },
  { family: 'ipv6', local: '::1', localPort: 50003, remote: '2001:db8::1', remotePort: 443, state: 'ESTABLISHED' },
  { family: 'ipv6', local: '::1', localPort: 50004, remote: 'fd00::9', remotePort: 443, state: 'ESTABLISHED' },
];

describe('selectEgress', () => {
  it('keeps only non-mirror 443 connections', () => {
    const allowed = buildAllowedList(['10.20.0.0/16', 'fd00::/8']);
    const found = selectEgress(SOCKETS, [443], allowed).map((connection) => `${connection.remote} ${connection.port} ${connection.state}`);
    expect(found).toEqual(['192.0.2.7 443 SYN_SENT', '2001:db8::1 443 ESTABLISHED']);
  });

  it('watches configured ports', () => {
    const found = selectEgress(SOCKETS, [80], buildAllowedList([]));
    expect(found.map((connection) => connection.localPort)).toEqual([50002]);
  });
});

describe('buildAllowedList', () => {
  it.each(['10.0.0.0', '10.0.0.0/33', 'fd00::/129', 'mirror/24', '10.0.0.0/8/1', '10.0.0.0/x'])('rejects invalid CIDR %s', (cidr) => {
    expect(() => buildAllowedList([cidr])).toThrow(expect.objectContaining({ code: 'GW_EGRESS_CIDR_INVALID' }));
  });
});
