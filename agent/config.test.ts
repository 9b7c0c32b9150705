import { describe, expect, it } from 'vitest';
import { isGapwatchError } from '../core/errors.js';
import { resolveAgentConfig } from './config.js';

describe('resolveAgentConfig', () => {
  it('fills defaults for empty config', () => {
    const config = resolveAgentConfig({}, 'agent.yaml', { NODE_NAME: 'node-1' });
    expect(config.node).toBe('node-1');
    expect(config.collectorUrl).toBe('http://127.0.0.1:9410');
    expect(config.metricsListen).toBe('127.0.0.1:9411');
    expect(config.source).toEqual({ kind: 'journald' });
    expect(config.certsDir).toBe('/etc/containerd/certs.d');
    expect(config.role).toBe('node');
  });

  it('keeps explicit node over env', () => {
    const config = resolveAgentConfig({ node: 'worker-2' }, 'agent.yaml', { NODE_NAME: 'node-1' });
    expect(config.node).toBe('worker-2');
  });

  it('accepts file source', () => {
    const config = resolveAgentConfig({ source: { kind: 'file', path: '/var/log/containerd.log' } }, 'agent.yaml', {});
    expect(config.source).toEqual({ kind: 'file', path: '/var/log/containerd.log' });
  });

  const rejected: Array<[string, unknown, string]> = [
    ['unknown top-level key', { colector: 'x' }, 'unknown key "colector"'],
    ['unknown source key', { source: { kind: 'journald', unitt: 'x' } }, 'unitt'],
    ['batch size too large', { batchSize: 10_000 }, 'batchSize'],
    ['bad role', { role: 'server' }, 'role'],
    ['non-http collector url', { collectorUrl: 'ftp://127.0.0.1/' }, 'collectorUrl'],
  ];
  for (const [name, input, needle] of rejected) {
    it(`rejects ${name}`, () => {
      let caught: unknown;
      try {
        resolveAgentConfig(input, 'agent.yaml', {});
      } catch (err) {
        caught = err;
      }
      expect(isGapwatchError(caught, 'GW_CONFIG_INVALID')).toBe(true);
      expect((caught as Error).message).toContain(needle);
    });
  }

  it('rejects credentials in collector url', () => {
    let caught: unknown;
    try {
      resolveAgentConfig({ collectorUrl: 'http://agent:s3cret@127.0.0.1:9410' }, 'agent.yaml', {});
    } catch (err) {
      caught = err;
    }
    expect(isGapwatchError(caught, 'GW_AGENT_COLLECTOR_CREDENTIALS')).toBe(true);
    expect((caught as Error).message).not.toContain('s3cret');
  });

  const wrongValues: Array<[string, unknown]> = [
    ['negative interval', { intervalSeconds: -5 }],
    ['string batch size', { batchSize: '500' }],
    ['negative spool size', { spoolMaxBytes: -1 }],
    ['empty token file', { tokenFile: '' }],
    ['source without kind', { source: { path: '/x' } }],
  ];
  it.each(wrongValues)('rejects %s', (_name, input) => {
    expect(() => resolveAgentConfig(input, 'agent.yaml', {})).toThrow(/agent\.yaml/);
  });
});
