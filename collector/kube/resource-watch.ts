import { makeInformer, type Informer, type KubeConfig, type KubernetesObject, type ObjectCache } from '@kubernetes/client-node';
import { Backoff } from '../../core/backoff.js';
import type { Clock, TimerHandle } from '../../core/clock.js';
import { RateLimitedLog, type Logger } from '../../core/log.js';
import { describeKubeError, kubeStatusCode } from './api-errors.js';
import { listAllPages } from './paged-list.js';
import type { ResourceStatus } from './resource-status.js';
import type { PageFetcher, ResourceSpec } from './resources.js';

type CachingInformer = Informer<KubernetesObject> & ObjectCache<KubernetesObject>;

export interface ResourceWatchOptions {
  pageSize: number;
  backoffInitialMs: number;
  backoffMaxMs: number;
}

/**
 * One list+watch informer with a status. The client-node informer stops for good on a list or
 * watch error, so this class restarts it after an exponential backoff. The informer itself
 * handles a 410 Gone on the watch by listing again.
 */
export class ResourceWatch {
  private informer: CachingInformer;
  /** Informer built after an error, serving no reads until its first list completes. */
  private pending: CachingInformer | null = null;
  private readonly fetchPage: PageFetcher;
  private readonly backoff: Backoff;
  private readonly errorLog: RateLimitedLog;
  private current: ResourceStatus;
  private retryTimer: TimerHandle | null = null;
  /** Informers stopped after an error; their abort errors are ignored. */
  private readonly retired = new WeakSet<CachingInformer>();
  private stopped = true;

  constructor(
    readonly spec: ResourceSpec,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly config: KubeConfig,
    private readonly options: ResourceWatchOptions,
  ) {
    this.fetchPage = spec.pageFetcher(config);
    this.informer = this.createInformer();
    this.backoff = new Backoff(options.backoffInitialMs, options.backoffMaxMs);
    this.errorLog = new RateLimitedLog(60_000, () => clock.now());
    this.current = { state: 'pending', error: null, since: clock.now() };
  }

  status(): ResourceStatus {
    return this.current;
  }

  /** Cached objects; the array is fresh but the objects are shared, so callers must not mutate them. */
  list(): readonly KubernetesObject[] {
    return this.informer.list();
  }

  start(): void {
    this.stopped = false;
    this.log.info({ path: this.spec.path }, 'kube watch starting');
    const informer = this.informer;
    void informer.start().catch((err: unknown) => this.onError(informer, err));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer !== null) {
      this.clock.clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    await this.informer.stop();
    await this.pending?.stop();
    this.pending = null;
    this.log.info({ path: this.spec.path }, 'kube watch stopped');
  }

  /**
   * Builds an informer whose list marks the resource synced. A restarted informer would resume
   * its watch without a list, so each retry builds a new one that replaces the old cache once listed.
   */
  private createInformer(): CachingInformer {
    const informer = makeInformer(this.config, this.spec.path, async () => {
      const list = await listAllPages(this.spec.kind, this.fetchPage, this.options.pageSize);
      // The informer fills its cache right after this promise settles, within the same turn.
      setImmediate(() => this.markSynced(informer, list.items.length));
      return list;
    });
    informer.on('error', (err: unknown) => this.onError(informer, err));
    return informer;
  }

  private markSynced(informer: CachingInformer, count: number): void {
    if (this.stopped) {
      return;
    }
    if (informer !== this.informer) {
      this.retired.add(this.informer);
      void this.informer.stop();
      this.informer = informer;
      this.pending = null;
    }
    this.backoff.reset();
    if (this.current.state !== 'synced') {
      this.log.info({ objects: count }, 'kube list synced');
    }
    this.current = { state: 'synced', error: null, since: this.clock.now() };
  }

  private onError(informer: CachingInformer, err: unknown): void {
    if (this.stopped || this.retired.has(informer)) {
      return;
    }
    this.retired.add(informer);
    void informer.stop();
    const code = kubeStatusCode(err);
    const state = code === 403 ? 'forbidden' : 'failed';
    const error = describeKubeError(err);
    this.current = { state, error, since: this.clock.now() };

    const delayMs = code === 403 ? this.backoff.max() : this.backoff.next();
    this.errorLog.run(state, (suppressed) => {
      this.log.warn({ err, state, retryInMs: delayMs, suppressed }, 'kube list or watch failed, retrying');
    });
    this.retryTimer = this.clock.setTimeout(() => {
      this.retryTimer = null;
      if (!this.stopped) {
        const next = this.createInformer();
        this.pending = next;
        void next.start().catch((startErr: unknown) => this.onError(next, startErr));
      }
    }, delayMs);
  }
}
