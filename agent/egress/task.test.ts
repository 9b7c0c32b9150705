import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateConfig } from '../../core/config.js';
import { silentLogger } from '../../core/log.js';
import { EgressConfigSchema } from './config.js';
import { createEgressTasks } from './task.js';

const deps = { node: 'node-a', logger: silentLogger(), containerdRoot: '/etc/containerd', certsDir: '/etc/containerd/certs.d' };

function egressTask(config: Record<string, unknown>) {
  const task = createEgressTasks(validateConfig(EgressConfigSchema, config, 'test'), deps)[0];
  if (!task || task.section !== 'egress') {
    throw new Error('createEgressTasks returned no egress task');
  }
  return task;
}

describe('egress task on this machine', () => {
  let server: Server;
  let client: Socket;
  let port: number;

  beforeAll(async () => {
    server = createServer(() => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    client = connect(port, '127.0.0.1');
    await new Promise((resolve) => client.once('connect', resolve));
  });

  afterAll(async () => {
    client.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sees own loopback connection', async () => {
    const section = await egressTask({ ports: [port], allowedCidrs: [] }).run(new AbortController().signal);
    const mine = section.connections.filter((connection) => connection.localPort === client.localPort);
    expect(mine).toEqual([
      { remote: '127.0.0.1', port, local: '127.0.0.1', localPort: client.localPort, state: 'ESTABLISHED', family: 'ipv4' },
    ]);
  });

  it('allows loopback by default', async () => {
    const section = await egressTask({ ports: [port] }).run(new AbortController().signal);
    expect(section.connections.filter((connection) => connection.port === port)).toEqual([]);
  });
});

describe('egress task on fixture root', () => {
  const root = mkdtempSync(join(tmpdir(), 'gw-proc-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('reports missing tcp6 as problem', async () => {
    mkdirSync(join(root, 'net'));
    writeFileSync(
      join(root, 'net', 'tcp'),
      '  sl  local_address rem_address   st\n   0: 0A00000A:C350 0701A8C0:01BB 01 00000000:00000000 00:00000000 00000000 0 0 1\n   1: bad\n',
    );
    const section = await egressTask({ procRoot: root }).run(new AbortController().signal);

    expect(section.connections.map((connection) => connection.remote)).toEqual(['192.168.1.7']);
    expect(section.total).toBe(1);
    expect(section.malformedLines).toBe(1);
    expect(section.problems).toHaveLength(1);
  });

  it('rejects bad CIDR at build', () => {
    expect(() => egressTask({ allowedCidrs: ['10.0.0.0/40'] })).toThrow(expect.objectContaining({ code: 'GW_EGRESS_CIDR_INVALID' }));
  });
});
