import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../core/config.js';
import { silentLogger } from '../../core/log.js';
import { freePort } from '../../test/lab/processes.js';
import { ProbesConfigSchema } from './config.js';
import { createProbesTasks } from './task.js';

const deps = { node: 'node-a', logger: silentLogger(), containerdRoot: '/nonexistent', certsDir: '/nonexistent/certs.d' };

describe('createProbesTasks', () => {
  it('fills config defaults', () => {
    const config = validateConfig(ProbesConfigSchema, {}, 'test');
    expect(config).toMatchObject({ targets: [], timeoutSeconds: 5, confirmations: 2, probeCertsDirUpstreams: true, proxy: { detect: true } });
  });

  it('confirms closed port on second run', async () => {
    const port = await freePort();
    const config = validateConfig(ProbesConfigSchema, { targets: [`127.0.0.1:${port}`], proxy: { detect: false } }, 'test');
    const [task] = createProbesTasks(config, deps);
    if (!task || task.section !== 'probes') {
      throw new Error('createProbesTasks returned no probes task');
    }

    const first = await task.run(new AbortController().signal);
    const second = await task.run(new AbortController().signal);

    expect(first.results.map((result) => [result.outcome, result.latestOutcome])).toEqual([['pending', 'refused']]);
    expect(second.results.map((result) => [result.outcome, result.reachable])).toEqual([['refused', false]]);
    expect(second.problems).toEqual([`cannot list certs.d /nonexistent/certs.d: ENOENT: no such file or directory, scandir '/nonexistent/certs.d'`]);
  });
});
