import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/log.js';
import { startTracing } from './sdk.js';

const offCases: Array<{ name: string; env: NodeJS.ProcessEnv }> = [
  { name: 'no variables', env: {} },
  { name: 'exporter none', env: { OTEL_TRACES_EXPORTER: 'none' } },
  { name: 'SDK disabled', env: { OTEL_TRACES_EXPORTER: 'otlp', OTEL_SDK_DISABLED: 'true' } },
  { name: 'empty exporter list', env: { OTEL_TRACES_EXPORTER: ' , ' } },
];

describe('startTracing', () => {
  it.each(offCases)('stays off with $name', async ({ env }) => {
    const tracing = startTracing(env, silentLogger());

    expect(tracing.enabled).toBe(false);
    await tracing.shutdown();
  });
});
