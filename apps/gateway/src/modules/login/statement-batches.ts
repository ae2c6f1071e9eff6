// Writes of one kind, one statement at a time per process: what arrives while a statement runs
// waits and goes together in the next one (up to MAX_BATCH), so that concurrent logins share
// statements (and their commits and chain-head locks) instead of each paying for its own. A lone
// write goes at once. A batch that fails is retried one write at a time, so that one bad write
// cannot fail the others.
export const MAX_BATCH = 64;

interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

export class StatementBatches<T, R> {
  /** null while no statement runs */
  private waiting: Waiting<T, R>[] | null = null;

  /** `write` answers one result per item, in order. */
  constructor(private readonly write: (items: readonly T[]) => Promise<R[]>) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      if (this.waiting) {
        this.waiting.push({ item, resolve, reject });
        return;
      }
      this.waiting = [];
      void this.drain([{ item, resolve, reject }]);
    });
  }

  private async drain(first: Waiting<T, R>[]): Promise<void> {
    let batch = first;
    for (;;) {
      await this.settle(batch);
      if (!this.waiting || this.waiting.length === 0) {
        this.waiting = null;
        return;
      }
      batch = this.waiting.splice(0, MAX_BATCH);
    }
  }

  private async settle(batch: Waiting<T, R>[]): Promise<void> {
    try {
      const results = await this.write(batch.map((waiting) => waiting.item));
      if (results.length !== batch.length) throw new Error('a batch write answered the wrong count');
      batch.forEach((waiting, i) => waiting.resolve(results[i]!));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      for (const waiting of batch) await this.settle([waiting]);
    }
  }
}
