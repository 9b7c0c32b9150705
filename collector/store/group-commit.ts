/** Result of one item of a committed batch: its value, or the error that rolled back only that item. */
export type ItemResult<O> = { ok: true; value: O } | { ok: false; error: unknown };

/**
 * Commits items submitted in the same event-loop turn together: the first submission schedules
 * a flush with `setImmediate`, every submission until then joins the batch, and the batch runs
 * through `commit` in one transaction. Each promise settles only after that transaction has
 * committed (or failed), so an acknowledgement never precedes durability. Waiting for the next
 * turn adds no timer delay: under load, the requests parsed while the previous batch ran
 * form the next batch.
 */
export class GroupCommit<I, O> {
  private queue: Array<{ item: I; resolve: (value: O) => void; reject: (error: unknown) => void }> = [];
  private scheduled: NodeJS.Immediate | null = null;

  constructor(
    private readonly commit: (items: readonly I[]) => ItemResult<O>[],
    private readonly maxBatch: number,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.queue.length >= this.maxBatch) {
        this.flush();
        return;
      }
      this.scheduled ??= setImmediate(() => this.flush());
    });
  }

  /** Commits everything queued now; `close` calls it so no submitted item is left waiting. */
  flush(): void {
    if (this.scheduled) {
      clearImmediate(this.scheduled);
      this.scheduled = null;
    }
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) {
      return;
    }

    let results: ItemResult<O>[];
    try {
      results = this.commit(batch.map((entry) => entry.item));
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

  get pending(): number {
    return this.queue.length;
  }
}
