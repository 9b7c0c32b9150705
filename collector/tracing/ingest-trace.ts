import { context, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { collectorTracer, SpanAttributes } from './tracer.js';

interface RequestSpans {
  root: Span;
  rootContext: Context;
  step: Span | null;
}

/**
 * Traces POST /api/v1/reports with a `gapwatch.ingest` span per request. Its children are
 * `gapwatch.ingest.receive` (authentication, body read and parse), `gapwatch.ingest.validate`
 * (schema check), and `store` and `metrics`, which the handler adds with `step`. Register it
 * before the authentication hook so rejected requests are traced too.
 */
export class IngestTracing {
  private readonly spans = new WeakMap<FastifyRequest, RequestSpans>();

  register(app: FastifyInstance): void {
    const tracer = collectorTracer();

    app.addHook('onRequest', async (request) => {
      const root = tracer.startSpan('gapwatch.ingest', { attributes: { 'http.request.method': request.method } });
      const rootContext = trace.setSpan(context.active(), root);
      const step = tracer.startSpan('gapwatch.ingest.receive', {}, rootContext);
      this.spans.set(request, { root, rootContext, step });
    });

    app.addHook('preValidation', async (request) => {
      const spans = this.spans.get(request);
      if (spans) {
        spans.step?.end();
        spans.step = tracer.startSpan('gapwatch.ingest.validate', {}, spans.rootContext);
      }
    });

    app.addHook('preHandler', async (request) => {
      const spans = this.spans.get(request);
      if (spans) {
        spans.step?.end();
        spans.step = null;
        const body = request.body as { node?: unknown; seq?: unknown; pulls?: unknown[] } | undefined;
        if (typeof body?.node === 'string') {
          spans.root.setAttribute(SpanAttributes.node, body.node);
        }
        if (typeof body?.seq === 'number') {
          spans.root.setAttribute(SpanAttributes.seq, body.seq);
        }
        if (Array.isArray(body?.pulls)) {
          spans.root.setAttribute(SpanAttributes.pullsReceived, body.pulls.length);
        }
      }
    });

    app.addHook('onResponse', async (request, reply) => {
      const spans = this.spans.get(request);
      if (!spans) {
        return;
      }
      spans.step?.end();
      spans.root.setAttribute(SpanAttributes.httpStatus, reply.statusCode);
      if (reply.statusCode >= 400) {
        spans.root.setStatus({ code: SpanStatusCode.ERROR, message: `HTTP ${reply.statusCode}` });
      }
      spans.root.end();
      this.spans.delete(request);
    });
  }

  /**
   * Runs one handler step (`store`) as a child span of the request's span. A step that returns
   * a promise (the store's group commit) ends its span when the promise settles.
   */
  step<T>(request: FastifyRequest, name: 'store', work: (span: Span | null) => T): T {
    const spans = this.spans.get(request);
    if (!spans) {
      return work(null);
    }
    const span = collectorTracer().startSpan(`gapwatch.ingest.${name}`, {}, spans.rootContext);
    const fail = (err: unknown) => {
      span.recordException(err as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error)?.message });
    };

    let result: T;
    try {
      result = context.with(trace.setSpan(spans.rootContext, span), () => work(span));
    } catch (err) {
      fail(err);
      span.end();
      throw err;
    }
    if (result instanceof Promise) {
      return result.then(
        (value: unknown) => {
          span.end();
          return value;
        },
        (err: unknown) => {
          fail(err);
          span.end();
          throw err;
        },
      ) as T;
    }
    span.end();
    return result;
  }

  /** Adds attributes to the request's root span, e.g. the rejection code or the stored counts. */
  annotate(request: FastifyRequest, attributes: Record<string, string | number | boolean>): void {
    this.spans.get(request)?.root.setAttributes(attributes);
  }
}
