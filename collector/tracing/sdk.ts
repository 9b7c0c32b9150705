import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { NodeSDK } from '@opentelemetry/sdk-node';
import type { Logger } from '../../core/log.js';

/** A started (or skipped) tracing SDK. */
export interface Tracing {
  readonly enabled: boolean;
  /** Flushes pending spans and stops exporting; safe to call twice. */
  shutdown(): Promise<void>;
}

const DEFAULT_SERVICE_NAME = 'gapwatch-collector';

/**
 * Starts the OpenTelemetry SDK from the standard OTEL_* variables. Tracing is off unless
 * OTEL_TRACES_EXPORTER names an exporter, unlike the SDK's own default of `otlp`, so an
 * air-gapped collector never tries to reach an endpoint it was not given. OTEL_SDK_DISABLED=true
 * always turns it off. `otlp` uses OTLP/HTTP with JSON bodies to OTEL_EXPORTER_OTLP_ENDPOINT
 * (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT); other exporter names are left to the SDK. Metrics
 * and logs are never exported this way, because Prometheus and pino already carry them.
 */
export function startTracing(env: NodeJS.ProcessEnv, log: Logger): Tracing {
  const exporters = (env.OTEL_TRACES_EXPORTER ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const disabled = (env.OTEL_SDK_DISABLED ?? '').trim().toLowerCase() === 'true';
  if (disabled || exporters.length === 0 || exporters.includes('none')) {
    log.debug({ exporters, disabled }, 'tracing is off');
    return { enabled: false, shutdown: async () => undefined };
  }

  const onlyOtlp = exporters.length === 1 && exporters[0] === 'otlp';
  const sdk = new NodeSDK({
    ...(env.OTEL_SERVICE_NAME ? {} : { serviceName: DEFAULT_SERVICE_NAME }),
    ...(onlyOtlp ? { traceExporter: new OTLPTraceExporter() } : {}),
    instrumentations: [],
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  // The endpoint is logged without its query string, which some vendors use for keys.
  const endpoint = (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? env.OTEL_EXPORTER_OTLP_ENDPOINT ?? '(SDK default)').split('?')[0];
  log.info({ exporters, endpoint, serviceName: env.OTEL_SERVICE_NAME ?? DEFAULT_SERVICE_NAME }, 'tracing started');

  let stopping: Promise<void> | null = null;
  return {
    enabled: true,
    shutdown() {
      stopping ??= sdk.shutdown().then(
        () => log.info('tracing stopped'),
        (err: unknown) => log.warn({ err }, 'flushing traces at shutdown failed; the last spans are lost'),
      );
      return stopping;
    },
  };
}
