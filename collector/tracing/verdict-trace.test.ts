import { trace } from '@opentelemetry/api';
import { tracing } from '@opentelemetry/sdk-node';
import { afterAll, describe, expect, it } from 'vitest';
import type { NamedRule, VerdictInput } from '../verdict/types.js';
import { tracedRules } from './verdict-trace.js';

const exporter = new tracing.InMemorySpanExporter();
const provider = new tracing.BasicTracerProvider({ spanProcessors: [new tracing.SimpleSpanProcessor(exporter)] });
trace.setGlobalTracerProvider(provider);

const rules: NamedRule[] = [
  { id: 'clear-rule', check: () => [] },
  { id: 'blocking-rule', check: () => [{ rule: 'blocking-rule', severity: 'unsafe', message: 'image in use', objects: [] }] },
  {
    id: 'broken-rule',
    check: () => {
      throw new Error('cluster view is empty');
    },
  },
];

describe('tracedRules', () => {
  afterAll(async () => {
    await provider.shutdown();
    trace.disable();
  });

  it('spans each rule with its result', () => {
    const input = {} as VerdictInput;
    const wrapped = tracedRules(rules);
    wrapped[0]!.check(input);
    wrapped[1]!.check(input);
    expect(() => wrapped[2]!.check(input)).toThrow('cluster view is empty');
    const spans = exporter.getFinishedSpans();

    expect(spans.map((span) => span.attributes['gapwatch.verdict.rule'])).toEqual(['clear-rule', 'blocking-rule', 'broken-rule']);
    expect(spans[1]?.attributes['gapwatch.verdict.rule_reasons']).toBe(1);
    expect(spans[2]?.status.code).toBe(2);
  });
});
