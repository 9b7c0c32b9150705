import { describe, expect, it } from 'vitest';
import { makeReport } from '../testing/reports.js';
import { ReportSchema } from '../../wire/report.js';
import { strictValidatorCompiler } from './strict-validator.js';

const validate = strictValidatorCompiler()({ schema: ReportSchema, method: 'POST', url: '/api/v1/reports', httpPart: 'body' }) as (
  body: unknown,
) => boolean;

/** Parses a report whose seq is written as the literal JSON number `seq`, as the collector receives it. */
function reportWithSeq(seq: string): unknown {
  return JSON.parse(JSON.stringify(makeReport()).replace('"seq":1', `"seq":${seq}`));
}

const cases = [
  { name: 'largest safe seq', seq: '9007199254740991', valid: true },
  { name: 'seq rounded to 2^53', seq: '9007199254740993', valid: false },
  { name: 'seq of 1e300', seq: '1e300', valid: false },
  { name: 'seq as exponent form', seq: '1.0e3', valid: true },
  { name: 'zero seq', seq: '0', valid: false },
];

describe('strict report validator', () => {
  it.each(cases)('checks $name', ({ seq, valid }) => {
    expect(validate(reportWithSeq(seq))).toBe(valid);
  });

  it('rejects unsafe stats counter', () => {
    const report = makeReport({ stats: { linesRead: 2 ** 60, parseErrors: 0, ambiguousLines: 0, droppedPulls: 0 } });

    expect(validate(report)).toBe(false);
  });
});
