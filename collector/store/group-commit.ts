/** Result of one item of a committed batch: its value, or the error that rolled back only that item. */
export type ItemResult<O> = { ok: true; value: O } | { ok: false; error: unknown };

/**
 * Commits submitted items in batches, one batch at a time. While a batch commits, new
 * submissions queue and form the next batch, so batches grow with load and add no timer
 * delay. An idle queue waits one event-loop turn (`setImmediate`) so the requests parsed in
 * that turn share a commit. Each promise settles only after its batch's transaction has
 * committed (or failed), so an acknowledgement never precedes durability.
 */
export class GroupCommit<I, O> {
  private queue: Array<{ item: I; resolve: (value: O) => void; reject: (error: unknown) => void }> = [];
  private scheduled: NodeJS.Immediate | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly commit: (items: readonly I[]) => Promise<ItemResult<O>[]>,
    private readonly maxBatch: number,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.running) {
        this.scheduled ??= setImmediate(() => this.start());
      }
    });
  }

  /** Commits everything queued, batch after batch; `close` awaits it so no item is left waiting. */
  async drain(): Promise<void> {
    if (this.scheduled) {
      clearImmediate(this.scheduled);
      this.scheduled = null;
    }
    while (this.running || this.queue.length > 0) {
      this.start();
      await this.running;
    }
  }

  private start(): void {
    this.scheduled = null;
    if (this.running || this.queue.length === 0) {
      return;
    }
    this.running = this.runBatches().finally(() => {
      this.running = null;
    });
  }

  private async runBatches(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      await this.commitBatch(batch);
    }
  }

  private async commitBatch(batch: typeof this.queue): Promise<void> {
    let results: ItemResult<O>[];
    try {
      results = await this.commit(batch.map((entry) => entry.item));
    } catch (err) {
      // The shared transaction did not commit, so nothing of the batch is stored.
      for (const entry of batch) {
        entry.reject(err);
      }
      return;
    }

    batch.forEach((entry, index) => {
      const result = results[index];
      if (result?.ok) {
        entry.resolve(result.value);
      } else {
        entry.reject(result ? result.error : new Error('batch commit returned no result for this item'));
      }
    });
  }
}
