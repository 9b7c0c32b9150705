import type { AgentDirectory, PullHistory } from '../verdict/sources.js';
import type { PullEvent } from '../verdict/types.js';
import type { CollectorStore, StoredPull } from './types.js';

/** Pull history for the verdict, read from the store. */
export function storePullHistory(store: CollectorStore): PullHistory {
  return {
    pullsSince: async (sinceMs) => store.pullsSince(sinceMs).map(toPullEvent),
    historyStartedAt: async () => store.historyStartedAt(),
  };
}

/** Agent liveness for the verdict: every node's newest report. */
export function storeAgentDirectory(store: CollectorStore): AgentDirectory {
  return {
    agents: async () =>
      store.nodes().map((node) => ({ node: node.node, lastReportAt: node.lastReportAt, intervalSeconds: node.intervalSeconds })),
  };
}

// The manifest digest is what a delete candidate names, so it wins over the image id (a config digest).
function toPullEvent(pull: StoredPull): PullEvent {
  const repoDigest = pull.repoDigest === null ? null : pull.repoDigest.slice(pull.repoDigest.indexOf('@') + 1);
  return {
    node: pull.node,
    image: pull.image,
    digest: pull.imageDigest ?? repoDigest ?? pull.imageId,
    at: pull.seenAt,
  };
}
