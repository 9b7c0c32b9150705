import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isGapwatchError } from '../../core/errors.js';
import { CollectorTls } from './collector-tls.js';

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (err) {
    return isGapwatchError(err) ? err.code : 'not a GapwatchError';
  }
  return undefined;
}

describe('CollectorTls', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gapwatch-agent-tls-'));
  const ca = join(dir, 'ca.crt');

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('uses the default without files', () => {
    expect(new CollectorTls({}).current()).toBeUndefined();
  });

  it('rejects a certificate without key', () => {
    expect(codeOf(() => new CollectorTls({ clientCertFile: '/etc/gapwatch/agent.crt' }))).toBe('GW_AGENT_TLS_INCOMPLETE');
  });

  it('names a missing file', () => {
    expect(codeOf(() => new CollectorTls({ collectorCaFile: join(dir, 'absent.crt') }).current())).toBe('GW_AGENT_TLS_FILE');
  });

  it('rebuilds after a file changes', () => {
    writeFileSync(ca, 'first\n');
    const tls = new CollectorTls({ collectorCaFile: ca });
    const first = tls.current();
    const again = tls.current();
    writeFileSync(ca, 'second, longer\n');
    const renewed = tls.current();

    expect(again).toBe(first);
    expect(renewed).not.toBe(first);
  });
});
