import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERDICT_RULES } from '../../collector/verdict/rules.js';
import { resolveCollectorConfig } from '../../collector/config.js';
import { startCollector, type RunningCollector } from '../../collector/main.js';
import { makePull, makeReport } from '../../collector/testing/reports.js';
import { startTracing, type Tracing } from '../../collector/tracing/sdk.js';
import { silentLogger } from '../../core/log.js';

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
  doubleValue?: number;
}

interface ReceivedSpan {
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  attributes: Record<string, string | number | boolean | undefined>;
}

/** Minimal OTLP/HTTP JSON receiver on loopback: stores every span of every POST /v1/traces. */
class OtlpReceiver {
  readonly spans: ReceivedSpan[] = [];
  readonly bodies: string[] = [];
  private server: Server | null = null;

  async start(): Promise<string> {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        if (request.method !== 'POST' || request.url !== '/v1/traces' || !String(request.headers['content-type']).includes('json')) {
          response.writeHead(415).end();
          return;
        }
        const text = Buffer.concat(chunks).toString('utf8');
        this.bodies.push(text);
        this.collect(JSON.parse(text));
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  named(name: string): ReceivedSpan[] {
    return this.spans.filter((span) => span.name === name);
  }

  private collect(body: { resourceSpans?: Array<{ scopeSpans?: Array<{ spans?: Array<Record<string, unknown>> }> }> }): void {
    for (const resource of body.resourceSpans ?? []) {
      for (const scope of resource.scopeSpans ?? []) {
        for (const span of scope.spans ?? []) {
          const attributes: ReceivedSpan['attributes'] = {};
          for (const attribute of (span.attributes as Array<{ key: string; value: OtlpValue }>) ?? []) {
            const value = attribute.value;
            attributes[attribute.key] = value.stringValue ?? (value.intValue === undefined ? undefined : Number(value.intValue)) ?? value.boolValue ?? value.doubleValue;
          }
          this.spans.push({
            name: String(span.name),
            traceId: String(span.traceId),
            spanId: String(span.spanId),
            ...(typeof span.parentSpanId === 'string' && span.parentSpanId !== '' ? { parentSpanId: span.parentSpanId } : {}),
            attributes,
          });
        }
      }
    }
  }
}

const AGENT_TOKEN = 'otel-agent-token-0b5e7d1c9a';
const VERDICT_TOKEN = 'otel-verdict-token-4f2a8e6b3d';

describe('OpenTelemetry traces', () => {
  const receiver = new OtlpReceiver();
  const dir = mkdtempSync(join(tmpdir(), 'gapwatch-otel-'));
  const savedEnv = { ...process.env };
  let collector: RunningCollector | null = null;
  let tracing: Tracing | null = null;

  beforeAll(async () => {
    const endpoint = await receiver.start();
    writeFileSync(join(dir, 'agent-token'), `${AGENT_TOKEN}\n`);
    writeFileSync(join(dir, 'verdict-token'), `${VERDICT_TOKEN}\n`);

    // The exporter reads the standard variables when it is built, as in a deployed collector.
    process.env.OTEL_TRACES_EXPORTER = 'otlp';
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = endpoint;
    process.env.OTEL_EXPORTER_OTLP_PROTOCOL = 'http/json';
    process.env.OTEL_SERVICE_NAME = 'gapwatch-collector-test';
    process.env.OTEL_BSP_SCHEDULE_DELAY = '50';
    tracing = startTracing(process.env, silentLogger());

    const config = resolveCollectorConfig(
      {
        listen: '127.0.0.1:0',
        databasePath: join(dir, 'collector.db'),
        auth: { sharedTokens: [{ file: join(dir, 'agent-token'), nodes: ['node-a'] }], verdictTokenFiles: [join(dir, 'verdict-token')] },
      },
      'test',
    );
    collector = await startCollector({ config, logger: silentLogger() });

    const report = makeReport({ node: 'node-a', seq: 7, pulls: [makePull('one'), makePull('two')] });
    await post(collector, '/api/v1/reports', AGENT_TOKEN, report);
    await post(collector, '/api/v1/reports', null, report);
    await post(collector, '/api/v1/verdicts', VERDICT_TOKEN, { delete: ['registry.example/app:1.0'], keep: ['registry.example/app:2.0'] });

    // Shutdown flushes the batch processor, so every span above has arrived when it resolves.
    await tracing.shutdown();
  });

  afterAll(async () => {
    await collector?.close();
    await tracing?.shutdown();
    await receiver.stop();
    process.env = savedEnv;
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts when an exporter is named', () => {
    expect(tracing?.enabled).toBe(true);
  });

  it('exports the accepted report span', () => {
    const accepted = receiver.named('gapwatch.ingest').find((span) => span.attributes['http.response.status_code'] === 200);

    expect(accepted?.attributes['gapwatch.node']).toBe('node-a');
    expect(accepted?.attributes['gapwatch.report.seq']).toBe(7);
    expect(accepted?.attributes['gapwatch.pulls.accepted']).toBe(2);
  });

  it.each(['receive', 'validate', 'store'])('exports ingest step %s', (step) => {
    const root = receiver.named('gapwatch.ingest').find((span) => span.attributes['http.response.status_code'] === 200);
    const child = receiver.named(`gapwatch.ingest.${step}`).find((span) => span.parentSpanId === root?.spanId);

    expect(child).toBeDefined();
  });

  it('marks the rejected report span', () => {
    const rejected = receiver.named('gapwatch.ingest').find((span) => span.attributes['http.response.status_code'] === 401);

    expect(rejected?.attributes['gapwatch.rejection.code']).toBe('GW_AUTH_MISSING');
  });

  it('exports the verdict span', () => {
    const verdict = receiver.named('gapwatch.verdict')[0];

    expect(verdict?.attributes['gapwatch.verdict.value']).toBe('UNKNOWN');
    expect(verdict?.attributes['gapwatch.verdict.images_delete']).toBe(1);
  });

  it('exports verdict inputs as children', () => {
    const verdict = receiver.named('gapwatch.verdict')[0];
    const sources = receiver
      .named('gapwatch.verdict.input')
      .filter((span) => span.parentSpanId === verdict?.spanId)
      .map((span) => span.attributes['gapwatch.verdict.source'])
      .sort();

    expect(sources).toEqual(['agent list', 'history start', 'mirror check', 'pull history']);
  });

  it('exports one span per verdict rule', () => {
    const verdict = receiver.named('gapwatch.verdict')[0];
    const rules = receiver.named('gapwatch.verdict.rule').filter((span) => span.traceId === verdict?.traceId);

    expect(rules.length).toBe(VERDICT_RULES.length);
  });

  it('exports no secret', () => {
    const all = receiver.bodies.join('\n');

    expect(receiver.bodies.length).toBeGreaterThan(0);
    expect(all.includes(AGENT_TOKEN)).toBe(false);
    expect(all.includes(VERDICT_TOKEN)).toBe(false);
  });
});

async function post(collector: RunningCollector, path: string, token: string | null, body: unknown): Promise<number> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== null) {
    headers.authorization = `Bearer ${token}`;
  }
  const response = await fetch(`${collector.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  await response.text();
  return response.status;
}
