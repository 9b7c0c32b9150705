import type { Clock } from '../../core/clock.js';
import type { Logger } from '../../core/log.js';
import { MAX_PROBE_RESULTS, type ProbesSection } from '../../wire/findings/probes.js';
import { loadTrustedCas } from './ca.js';
import type { ProbesConfig } from './config.js';
import { OutcomeConfirmer } from './confirm.js';
import { planProbes } from './plan.js';
import type { Prober } from './prober.js';
import { runProbeSet } from './probe-set.js';
import { readContainerdProxy } from './proxy-source.js';
import { toProbeResult } from './section.js';
import { rateLimitedWarn, type ProbeWarn } from './warn.js';
import { collectTargets } from './targets.js';

// Unreadable files and bad settings repeat on every run; one line per problem every 15 minutes.
const WARN_INTERVAL_MS = 15 * 60 * 1000;

export interface ProbeSessionDeps {
  clock: Clock;
  logger: Logger;
  /** certs.d whose upstreams are probed, or null to probe configured targets only. */
  certsDir: string | null;
  probers?: { direct: Prober; proxy: Prober };
}

/**
 * Probe runs that share confirmation state. Each run re-reads certs.d and containerd's proxy
 * settings, because both change without an agent restart.
 */
export class ProbeSession {
  private readonly confirmer: OutcomeConfirmer;
  private readonly ca: string[];
  private readonly warn: ProbeWarn;

  constructor(
    private readonly config: ProbesConfig,
    private readonly deps: ProbeSessionDeps,
  ) {
    this.confirmer = new OutcomeConfirmer(config.confirmations, deps.clock);
    this.ca = loadTrustedCas(config.caFiles);
    this.warn = rateLimitedWarn(deps.logger, WARN_INTERVAL_MS, () => deps.clock.now());
  }

  async run(signal?: AbortSignal): Promise<ProbesSection> {
    const problems: string[] = [];
    const targets = collectTargets(this.config, this.deps.certsDir, this.warn, problems);
    const proxy = this.config.proxy.detect ? readContainerdProxy(this.config.proxy, this.warn, problems) : null;

    let jobs = planProbes(targets, proxy);
    if (jobs.length > MAX_PROBE_RESULTS) {
      this.warn('too many jobs', { jobs: jobs.length, max: MAX_PROBE_RESULTS }, 'too many probe targets, probing the first ones only');
      problems.push(`${jobs.length} probes planned, only the first ${MAX_PROBE_RESULTS} ran`);
      jobs = jobs.slice(0, MAX_PROBE_RESULTS);
    }

    const outcomes = await runProbeSet(jobs, {
      clock: this.deps.clock,
      timeoutMs: this.config.timeoutSeconds * 1000,
      ca: this.ca,
      ...(signal ? { signal } : {}),
      ...(this.deps.probers ? { probers: this.deps.probers } : {}),
    });
    this.confirmer.retain(new Set(jobs.map((job) => job.key)));

    const results = outcomes.map(({ job, observation }) => toProbeResult(job, this.confirmer.observe(job.key, observation)));
    return { results, problems: problems.slice(0, 20).map((problem) => problem.slice(0, 500)) };
  }
}
