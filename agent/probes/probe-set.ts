import type { Clock } from '../../core/clock.js';
import { directProber } from './direct.js';
import type { ProbeObservation } from './outcome.js';
import type { ProbeJob } from './plan.js';
import type { Prober } from './prober.js';
import { proxyProber } from './proxy.js';
import { runProbe } from './runner.js';

export interface ProbeSetOptions {
  clock: Clock;
  timeoutMs: number;
  ca: readonly string[];
  signal?: AbortSignal;
  /** Probers by path; tests may swap them, the agent uses the real ones. */
  probers?: { direct: Prober; proxy: Prober };
}

/** Runs every job at once; each settles within the timeout, so the set does too. */
export function runProbeSet(jobs: readonly ProbeJob[], options: ProbeSetOptions): Promise<Array<{ job: ProbeJob; observation: ProbeObservation }>> {
  const probers = options.probers ?? { direct: directProber, proxy: proxyProber };
  return Promise.all(
    jobs.map(async (job) => {
      const request = job.proxy ? { target: job.target, ca: options.ca, proxy: job.proxy } : { target: job.target, ca: options.ca };
      const observation = await runProbe(probers[job.path], request, {
        clock: options.clock,
        timeoutMs: options.timeoutMs,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      return { job, observation };
    }),
  );
}
