import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isGapwatchError } from '../core/errors.js';
import { loadCollectorConfig, parseListen, resolveCollectorConfig } from './config.js';

function errorCodeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (err) {
    return isGapwatchError(err) ? err.code : 'not a GapwatchError';
  }
  return undefined;
}

describe('collector config', () => {
  it('fills loopback defaults', () => {
    const config = resolveCollectorConfig({}, 'test');

    expect(config.listen).toBe('127.0.0.1:9410');
    expect(config.imageLabelLimit).toBe(100);
    expect(config.agentOverdueFactor).toBe(3);
    expect(config.auth).toBeUndefined();
  });

  it('rejects unknown keys', () => {
    expect(errorCodeOf(() => resolveCollectorConfig({ lisen: '127.0.0.1:1' }, 'test'))).toBe('GW_CONFIG_INVALID');
    expect(errorCodeOf(() => resolveCollectorConfig({ auth: { tokenFiles: ['a'], token: 'x' } }, 'test'))).toBe('GW_CONFIG_INVALID');
  });

  it('rejects invalid listen address', () => {
    expect(errorCodeOf(() => resolveCollectorConfig({ listen: 'localhost' }, 'test'))).toBe('GW_COLLECTOR_LISTEN_INVALID');
  });

  it('reads a YAML file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gapwatch-config-'));
    const file = join(dir, 'collector.yaml');
    writeFileSync(file, 'listen: "[::1]:9999"\nimageLabelLimit: 5\nauth:\n  tokenFiles: [/run/token]\n');
    const config = loadCollectorConfig(file);
    rmSync(dir, { recursive: true, force: true });

    expect(config.listen).toBe('[::1]:9999');
    expect(config.imageLabelLimit).toBe(5);
    expect(config.auth?.tokenFiles).toEqual(['/run/token']);
  });

  const listenCases = [
    { value: '127.0.0.1:9410', expected: { host: '127.0.0.1', port: 9410 } },
    { value: '[::1]:0', expected: { host: '::1', port: 0 } },
    { value: 'localhost:80', expected: { host: 'localhost', port: 80 } },
  ];
  it.each(listenCases)('parses listen $value', ({ value, expected }) => {
    expect(parseListen(value)).toEqual(expected);
  });

  it.each(['127.0.0.1', '127.0.0.1:99999', '::1:80', ':80'])('rejects listen %s', (value) => {
    expect(errorCodeOf(() => parseListen(value))).toBe('GW_COLLECTOR_LISTEN_INVALID');
  });
});
