import type { Clock, TimerHandle } from '../core/clock.js';
import type { Logger } from '../core/log.js';
import type { CollectorStore } from './store/types.js';

const PRUNE_EVERY_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface Retention {
  /** Deletes pulls older than the retention now; resolves to how many were deleted. */
  pruneNow(): Promise<number>;
  stop(): void;
}

/** Deletes pulls older than the retention at start and then every hour. */
export function startRetention(options: { store: CollectorStore; clock: Clock; logger: Logger; retentionDays: number }): Retention {
  const { store, clock, retentionDays } = options;
  const logger = options.logger.child({ component: 'retention' });
  let timer: TimerHandle | null = null;
  let stopped = false;

  const pruneNow = async (): Promise<number> => {
    const cutoff = clock.now() - retentionDays * DAY_MS;
    const deleted = await store.prunePulls(cutoff);
    if (deleted > 0) {
      logger.info({ deleted, cutoff: new Date(cutoff).toISOString() }, 'deleted pulls older than the retention');
    }
    return deleted;
  };

  const tick = async () => {
    try {
      await pruneNow();
    } catch (err) {
      // The next tick retries; pulls only stay longer than configured meanwhile.
      logger.error({ err }, 'deleting old pulls failed; retrying in an hour');
    }
    if (!stopped) {
      timer = clock.setTimeout(() => void tick(), PRUNE_EVERY_MS);
    }
  };
  void tick();

  return {
    pruneNow,
    stop() {
      stopped = true;
      if (timer) {
        clock.clearTimeout(timer);
      }
    },
  };
}
