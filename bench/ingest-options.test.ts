import { describe, expect, it } from 'vitest';
import { isGapwatchError } from '../core/errors.js';
import { benchUsage, parseBenchOptions, wantsHelp, type IntegerOption } from './ingest-options.js';

const OPTIONS: IntegerOption[] = [{ name: 'seconds', default: 40, min: 1, max: 600, hint: 'time bound in seconds' }];

function failure(argv: string[]): unknown {
  try {
    parseBenchOptions(argv, OPTIONS, ['profile']);
  } catch (err) {
    return err;
  }
  return null;
}

describe('bench options', () => {
  it('applies defaults and flags', () => {
    const { values, enabled } = parseBenchOptions(['--profile'], OPTIONS, ['profile']);

    expect(values).toEqual({ seconds: 40 });
    expect([...enabled]).toEqual(['profile']);
  });

  it.each([
    { argv: ['--out', 'x'], option: 'out' },
    { argv: ['--seconds', '0'], option: 'seconds' },
    { argv: ['--seconds', 'ten'], option: 'seconds' },
  ])('names the bad option $argv', ({ argv, option }) => {
    const error = failure(argv);

    expect(isGapwatchError(error, 'GW_BENCH_INGEST_OPTION')).toBe(true);
    expect((error as Error).message).toContain(`--${option} `);
  });

  it('lists options in usage', () => {
    expect(benchUsage('node dist/bench/ingest.js', OPTIONS, ['profile'])).toContain('--seconds N');
    expect(wantsHelp(['--help'])).toBe(true);
  });
});
