import type { ClusterSnapshot } from '../kube/cluster-snapshot.js';
import type { DataPlanePod } from '../kube/istio/data-plane.js';

export type VerdictValue = 'SAFE' | 'UNSAFE' | 'UNKNOWN';

/** A Kubernetes object, node or agent behind a reason. */
export interface ReasonObject {
  kind: string;
  namespace: string | null;
  name: string;
  node: string | null;
  image: string | null;
}

/** One reason against deleting. `unsafe` blocks the deletion, `unknown` means data is missing. */
export interface Reason {
  rule: string;
  severity: 'unsafe' | 'unknown';
  message: string;
  objects: ReasonObject[];
}

/** Images of version N-1 to delete and of version N to keep, as written by the operator. */
export interface Candidate {
  delete: readonly string[];
  keep: readonly string[];
}

export interface VerdictWindows {
  /** Pull history a deletion must be clear of, milliseconds. */
  observationMs: number;
  /** Time N must have been fully rolled out before N-1 may go, milliseconds. */
  rollbackMs: number;
  /** An agent is silent once its last report is older than interval × this factor. */
  overdueFactor: number;
}

/** One image pull a node reported. */
export interface PullEvent {
  node: string;
  image: string;
  /** Repository digest or image id the pull resolved to, when known. */
  digest: string | null;
  at: number;
}

/** Last report of one agent. */
export interface AgentLiveness {
  node: string;
  lastReportAt: number;
  intervalSeconds: number;
}

/** Result of checking that every image and platform of version N resolves by digest in the mirror. */
export interface MirrorCheck {
  /** False when the registry did not answer for some image; the verdict is then UNKNOWN. */
  answered: boolean;
  missing: Array<{ image: string; detail: string }>;
  unreachable: Array<{ image: string; detail: string }>;
}

/** Everything a rule may read; built once per verdict so every rule sees the same data. */
export interface VerdictInput {
  candidate: Candidate;
  now: number;
  windows: VerdictWindows;
  cluster: ClusterSnapshot;
  dataPlane: readonly DataPlanePod[];
  pulls: readonly PullEvent[];
  /** Epoch milliseconds of the first stored report, or null when nothing is stored yet. */
  historyStartedAt: number | null;
  agents: readonly AgentLiveness[];
  mirror: MirrorCheck;
  /** Extra image patterns never to delete, on top of pause/sandbox and static-pod images. */
  protectedImages: readonly string[];
}

/** A rule returns its reasons; an empty list clears it. A throw makes the verdict UNKNOWN. */
export type VerdictRule = (input: VerdictInput) => Reason[];

export interface NamedRule {
  id: string;
  check: VerdictRule;
}

export interface Verdict {
  verdict: VerdictValue;
  judgedAt: string;
  reasons: Reason[];
}
