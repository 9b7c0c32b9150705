import { describe, expect, it } from 'vitest';
import { decodeAddress, parseProcNetTcp } from './proc-net.js';

const TCP = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000:07E8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1255 1 00000000850e2499 100 0 0 10 0
   1: 0100007F:AE69 0100007F:CAA6 06 00000000:00000000 03:00000504 00000000     0        0 0 3 00000000c0fe4bfe
   2: 0A00000A:C350 0A01A8C0:01BB 01 00000000:00000000 00:00000000 00000000     0        0 4242 1 0000000000000000 20 4 30 10 -1
   3: garbage line
`;

const TCP6 = `  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000000000000000000000000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0 100 0 0 10 0
   1: 00000000000000000000000001000000:D431 B80D0120000000000000000001000000:01BB 02 00000000:00000000 00:00000000 00000000     0        0 2 1 0 100 0 0 10 0
   2: 0000000000000000FFFF00000100007F:9C40 0000000000000000FFFF00000A01A8C0:01BB 08 00000000:00000000 00:00000000 00000000     0        0 3 1 0 100 0 0 10 0
`;

describe('parseProcNetTcp', () => {
  it('parses IPv4 sockets', () => {
    expect(parseProcNetTcp(TCP).sockets).toEqual([
      { family: 'ipv4', local: '0.0.0.0', localPort: 2024, remote: '0.0.0.0', remotePort: 0, state: 'LISTEN' },
      { family: 'ipv4', local: '127.0.0.1', localPort: 44649, remote: '127.0.0.1', remotePort: 51878, state: 'TIME_WAIT' },
      { family: 'ipv4', local: '10.0.0.10', localPort: 50000, remote: '192.168.1.10', remotePort: 443, state: 'ESTABLISHED' },
    ]);
  });

  it('counts malformed lines', () => {
    expect(parseProcNetTcp(TCP).malformedLines).toBe(1);
  });

  it('parses IPv6 and mapped sockets', () => {
    expect(parseProcNetTcp(TCP6).sockets).toEqual([
      { family: 'ipv6', local: '::', localPort: 8080, remote: '::', remotePort: 0, state: 'LISTEN' },
      { family: 'ipv6', local: '::1', localPort: 54321, remote: '2001:db8::1', remotePort: 443, state: 'SYN_SENT' },
      { family: 'ipv4', local: '127.0.0.1', localPort: 40000, remote: '192.168.1.10', remotePort: 443, state: 'CLOSE_WAIT' },
    ]);
  });

  it('maps unknown state number', () => {
    const line = '   0: 0100007F:0050 0100007F:01BB 0F 00000000:00000000 00:00000000 00000000     0        0 1 1\n';
    expect(parseProcNetTcp(line).sockets[0]?.state).toBe('UNKNOWN');
  });

  it('ignores empty text', () => {
    expect(parseProcNetTcp('')).toEqual({ sockets: [], malformedLines: 0 });
  });
});

describe('decodeAddress', () => {
  it.each<[string, string | null]>([
    ['0100007F', '127.0.0.1'],
    ['00000000000000000000000001000000', '::1'],
    ['000080FE00000000FF005452E5A3C2FE', 'fe80::5254:ff:fec2:a3e5'],
    ['0000000000000000FFFF00000100007F', '127.0.0.1'],
    ['0100', null],
  ])('decodes %s', (hex, expected) => {
    expect(decodeAddress(hex)?.address ?? null).toBe(expected);
  });
});
