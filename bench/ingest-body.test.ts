import { describe, expect, it } from 'vitest';
import { strictValidatorCompiler } from '../collector/ingest/strict-validator.js';
import { ReportSchema, type Report } from '../wire/report.js';
import { ReportBodyBuilder } from './ingest-body.js';
import { checkWorkload } from './ingest-workload-check.js';
import { imageCatalog, nodeIdentity, type WorkloadShape } from './ingest-workload.js';

const SHAPE: WorkloadShape = { nodes: 1000, images: 200, pullsPerReport: 50, seed: 1 };

type Validate = ((body: unknown) => boolean) & { errors?: unknown };

function reportValidator(): Validate {
  const compile = strictValidatorCompiler();
  return compile({ schema: ReportSchema, method: 'POST', url: '/api/v1/reports', httpPart: 'body' }) as unknown as Validate;
}

/** Builds `reports` reports for each of the first `nodes` nodes, node by node in turn. */
function buildReports(shape: WorkloadShape, nodes: number, reports: number, withFindings = false): Report[] {
  const builder = new ReportBodyBuilder(shape, imageCatalog(shape.images));
  const identities = Array.from({ length: nodes }, (_, index) => nodeIdentity(index));
  const built: Report[] = [];
  for (let round = 0; round < reports; round++) {
    for (const identity of identities) {
      built.push(JSON.parse(builder.next(identity, withFindings && round === 0).body.toString()) as Report);
    }
  }
  return built;
}

describe('ReportBodyBuilder', () => {
  it.each([
    { name: 'plain reports', withFindings: false },
    { name: 'reports with findings', withFindings: true },
  ])('validates $name against ReportSchema', ({ withFindings }) => {
    const validate = reportValidator();

    for (const report of buildReports(SHAPE, 20, 3, withFindings)) {
      expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it('attaches findings when requested', () => {
    const [first, second] = buildReports(SHAPE, 1, 2, true);

    expect(first?.findings).toBeDefined();
    expect(second?.findings).toBeUndefined();
  });

  it('writes ids as 32 hex', () => {
    for (const report of buildReports(SHAPE, 10, 2)) {
      for (const pull of report.pulls) {
        expect(pull.id).toMatch(/^[0-9a-f]{32}$/);
      }
    }
  });

  it('keeps ids distinct over reports', () => {
    const reports = buildReports(SHAPE, 200, 5);
    const ids = new Set(reports.flatMap((report) => report.pulls.map((pull) => pull.id)));

    expect(ids.size).toBe(200 * 5 * SHAPE.pullsPerReport);
  });

  it('spreads id prefixes uniformly', () => {
    // 16 buckets of the first hex digit over 50,000 ids: a uniform spread puts about 3,125 ids
    // in each, and shared prefixes would pile them into one or two.
    const counts = new Array<number>(16).fill(0);
    for (const report of buildReports(SHAPE, 200, 5)) {
      for (const pull of report.pulls) {
        counts[Number.parseInt(pull.id[0] as string, 16)] += 1;
      }
    }

    expect(Math.min(...counts)).toBeGreaterThan(2900);
    expect(Math.max(...counts)).toBeLessThan(3350);
  });

  it('increases seq per node', () => {
    const seqs = buildReports(SHAPE, 3, 4)
      .filter((report) => report.node === nodeIdentity(1).node)
      .map((report) => report.seq);

    expect(seqs).toEqual([1, 2, 3, 4]);
  });

  it('sends pullsPerReport records', () => {
    const [report] = buildReports({ ...SHAPE, pullsPerReport: 7 }, 1, 1);

    expect(report?.pulls).toHaveLength(7);
  });

  it('accepts zero pulls per report', () => {
    const validate = reportValidator();
    const [report] = buildReports({ ...SHAPE, pullsPerReport: 0 }, 1, 1);

    expect(report?.pulls).toEqual([]);
    expect(validate(report)).toBe(true);
  });

  it('ends pulls before sentAt', () => {
    for (const report of buildReports(SHAPE, 5, 2)) {
      for (const pull of report.pulls) {
        expect(Date.parse(pull.endedAt ?? '')).toBeLessThanOrEqual(Date.parse(report.sentAt));
        expect(Date.parse(pull.startedAt ?? '')).toBeLessThanOrEqual(Date.parse(pull.endedAt ?? ''));
      }
    }
  });

  it('repeats bodies for same seed', () => {
    const first = buildReports(SHAPE, 30, 3);
    const second = buildReports(SHAPE, 30, 3);

    expect(second).toEqual(first);
  });

  it('changes bodies with seed', () => {
    const first = buildReports(SHAPE, 1, 1);
    const second = buildReports({ ...SHAPE, seed: 2 }, 1, 1);

    expect(second[0]?.pulls[0]?.id).not.toBe(first[0]?.pulls[0]?.id);
    expect(second[0]?.pulls.map((pull) => pull.image)).not.toEqual(first[0]?.pulls.map((pull) => pull.image));
  });
});

describe('checkWorkload', () => {
  it.each([false, true])('accepts default shape (findings %s)', (withFindings) => {
    expect(() => checkWorkload(SHAPE, withFindings)).not.toThrow();
  });

  it('accepts single node and image', () => {
    expect(() => checkWorkload({ nodes: 1, images: 1, pullsPerReport: 5, seed: 0 }, true)).not.toThrow();
  });
});
