import { SpanStatusCode, trace, type Attributes, type Span, type Tracer } from '@opentelemetry/api';

/** Returns the collector's tracer, a no-op until `startTracing` registers an SDK. */
export function collectorTracer(): Tracer {
  return trace.getTracer('gapwatch-collector');
}

/** Span attribute names, in the `gapwatch.` namespace. Values are ids and counts, never credentials. */
export const SpanAttributes = {
  node: 'gapwatch.node',
  seq: 'gapwatch.report.seq',
  pullsReceived: 'gapwatch.pulls.received',
  pullsAccepted: 'gapwatch.pulls.accepted',
  pullsDuplicate: 'gapwatch.pulls.duplicate',
  replayed: 'gapwatch.report.replayed',
  identityKind: 'gapwatch.auth.kind',
  rejection: 'gapwatch.rejection.code',
  verdict: 'gapwatch.verdict.value',
  verdictReasons: 'gapwatch.verdict.reasons',
  imagesDelete: 'gapwatch.verdict.images_delete',
  imagesKeep: 'gapwatch.verdict.images_keep',
  verdictSource: 'gapwatch.verdict.source',
  rule: 'gapwatch.verdict.rule',
  ruleReasons: 'gapwatch.verdict.rule_reasons',
  httpStatus: 'http.response.status_code',
} as const;

/** Runs `work` in a child span of the active context; marks the span failed when it throws. */
export async function inSpan<T>(name: string, attributes: Attributes, work: (span: Span) => Promise<T> | T): Promise<T> {
  return collectorTracer().startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await work(span);
    } catch (err) {
      span.recordException(err as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error)?.message });
      throw err;
    } finally {
      span.end();
    }
  });
}

/** Synchronous variant of `inSpan`, for pure steps such as a verdict rule. */
export function inSpanSync<T>(name: string, attributes: Attributes, work: (span: Span) => T): T {
  return collectorTracer().startActiveSpan(name, { attributes }, (span) => {
    try {
      return work(span);
    } catch (err) {
      span.recordException(err as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error)?.message });
      throw err;
    } finally {
      span.end();
    }
  });
}
