import type { Clock } from '../../core/clock.js';
import type { Logger } from '../../core/log.js';
import type { ClusterSnapshot } from '../kube/cluster-snapshot.js';
import { findDataPlanePods } from '../kube/istio/data-plane.js';
import { judge } from './judge.js';
import type { AgentDirectory, MirrorCompleteness, PullHistory } from './sources.js';
import type { AgentLiveness, Candidate, MirrorCheck, NamedRule, PullEvent, Reason, Verdict, VerdictWindows } from './types.js';

export interface VerdictDependencies {
  cluster: { snapshot(): ClusterSnapshot };
  pulls: PullHistory;
  agents: AgentDirectory;
  mirror: MirrorCompleteness;
  clock: Clock;
  log: Logger;
}

export interface VerdictSettings {
  windows: VerdictWindows;
  protectedImages: readonly string[];
  /** Rules to run; the built-in set when unset (tracing wraps each rule in a span). */
  rules?: readonly NamedRule[];
}

const NO_ANSWER: MirrorCheck = { answered: false, missing: [], unreachable: [] };

/**
 * Gathers the verdict input from the cluster view, the store and the mirror, then judges it.
 * A source that throws becomes an UNKNOWN reason instead of an error, so the caller always
 * gets a verdict.
 */
export class VerdictService {
  constructor(
    private readonly deps: VerdictDependencies,
    private readonly settings: VerdictSettings,
  ) {}

  async judge(candidate: Candidate, observationSeconds?: number): Promise<Verdict> {
    const now = this.deps.clock.now();
    const windows = observationSeconds === undefined ? this.settings.windows : { ...this.settings.windows, observationMs: observationSeconds * 1000 };
    const failures: Reason[] = [];
    const guard = async <T>(source: string, fallback: T, load: () => Promise<T>): Promise<T> => {
      try {
        return await load();
      } catch (err) {
        this.deps.log.warn({ err, source }, 'verdict input failed to load');
        failures.push({ rule: 'inputs', severity: 'unknown', message: `${source} failed: ${(err as Error)?.message ?? String(err)}`, objects: [] });
        return fallback;
      }
    };

    const cluster = this.deps.cluster.snapshot();
    const [pulls, historyStartedAt, agents, mirror] = await Promise.all([
      guard<PullEvent[]>('pull history', [], () => this.deps.pulls.pullsSince(now - windows.observationMs)),
      guard<number | null>('history start', null, () => this.deps.pulls.historyStartedAt()),
      guard<AgentLiveness[]>('agent list', [], () => this.deps.agents.agents()),
      guard<MirrorCheck>('mirror check', NO_ANSWER, () => this.deps.mirror.check(candidate.keep)),
    ]);

    const input = {
      candidate,
      now,
      windows,
      cluster,
      dataPlane: findDataPlanePods(cluster.pods),
      pulls,
      historyStartedAt,
      agents,
      mirror,
      protectedImages: this.settings.protectedImages,
    };
    return judge(input, failures, this.settings.rules);
  }
}
