/** Time source injected into schedulers, trackers and timeouts so tests need no sleeps. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export interface TimerHandle {
  readonly id: number;
}

let nextTimerId = 1;
const nodeTimers = new Map<number, NodeJS.Timeout>();

/** The real clock. Its timers are unref'd so a pending timeout never keeps a process alive. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(callback, ms) {
    const id = nextTimerId++;
    const timer = setTimeout(() => {
      nodeTimers.delete(id);
      callback();
    }, ms);
    timer.unref();
    nodeTimers.set(id, timer);
    return { id };
  },
  clearTimeout(handle) {
    const timer = nodeTimers.get(handle.id);
    if (timer) {
      clearTimeout(timer);
      nodeTimers.delete(handle.id);
    }
  },
};

/** Sleeps on the given clock; resolves early when the signal aborts. */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve();
      return;
    }
    const handle = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clock.clearTimeout(handle);
      resolve();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
