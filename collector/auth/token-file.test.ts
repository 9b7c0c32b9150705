import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isGapwatchError } from '../../core/errors.js';
import { FakeClock } from '../../core/fake-clock.js';
import { silentLogger } from '../../core/log.js';
import { tokenDigest } from './digest.js';
import { TokenFile } from './token-file.js';

describe('TokenFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gapwatch-token-'));
  const file = join(dir, 'token');

  afterEach(() => {
    rmSync(file, { force: true });
  });

  it('reads the first line', () => {
    writeFileSync(file, 'alpha\nsecond line\n');
    const token = new TokenFile(file, new FakeClock(), silentLogger());

    expect(token.digest()?.equals(tokenDigest('alpha'))).toBe(true);
  });

  it('picks up a rotated token', () => {
    const clock = new FakeClock();
    writeFileSync(file, 'alpha\n');
    const token = new TokenFile(file, clock, silentLogger());
    writeFileSync(file, 'bravo-longer\n');
    clock.advance(1000);

    expect(token.digest()?.equals(tokenDigest('bravo-longer'))).toBe(true);
  });

  it('revokes a deleted token', () => {
    const clock = new FakeClock();
    writeFileSync(file, 'alpha\n');
    const token = new TokenFile(file, clock, silentLogger());
    unlinkSync(file);
    clock.advance(1000);

    expect(token.digest()).toBeNull();
  });

  it('rejects an empty file', () => {
    writeFileSync(file, '\n');
    let code = '';
    try {
      new TokenFile(file, new FakeClock(), silentLogger());
    } catch (err) {
      code = isGapwatchError(err) ? err.code : 'other';
    }

    expect(code).toBe('GW_COLLECTOR_TOKEN_FILE');
  });
});
