import type { Clock } from '../../core/clock.js';
import { classifyFailure } from './classify.js';
import type { ProbeObservation } from './outcome.js';
import type { Prober, ProbeRequest } from './prober.js';

export interface RunProbeOptions {
  clock: Clock;
  timeoutMs: number;
  /** Aborts the probe when the agent stops; the probe then rejects instead of reporting. */
  signal?: AbortSignal;
}

/** Runs one prober under a timeout and turns its response or error into an observation. */
export async function runProbe(
  prober: Prober,
  request: Omit<ProbeRequest, 'signal'>,
  { clock, timeoutMs, signal }: RunProbeOptions,
): Promise<ProbeObservation> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = clock.setTimeout(() => {
    timedOut = true;
    controller.abort(new Error(`no response within ${timeoutMs} ms`));
  }, timeoutMs);
  const onStop = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onStop, { once: true });
  const started = clock.now();

  try {
    const { status } = await prober({ ...request, signal: controller.signal });
    const at = clock.now();
    return { outcome: 'reachable', detail: `HTTP ${status} from /v2/`, status, durationMs: at - started, at };
  } catch (err) {
    if (signal?.aborted) {
      throw err;
    }
    const at = clock.now();
    const code = (err as { code?: unknown }).code;
    const detail = timedOut ? `no response within ${timeoutMs} ms` : truncate(String((err as Error).message ?? err));
    return {
      outcome: classifyFailure(typeof code === 'string' ? code : undefined, timedOut, String((err as Error).message ?? '')),
      detail: typeof code === 'string' && !detail.includes(code) ? truncate(`${code}: ${detail}`) : detail,
      durationMs: at - started,
      at,
    };
  } finally {
    clock.clearTimeout(timer);
    signal?.removeEventListener('abort', onStop);
  }
}

// Error text goes on the wire, whose detail field is at most 500 characters.
function truncate(text: string): string {
  return text.length > 500 ? `${text.slice(0, 497)}...` : text;
}
