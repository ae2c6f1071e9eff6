// Writes to one audit chain, one statement at a time per chain and process: what arrives for a
// chain while its statement runs waits and goes together in the next one (up to MAX_BATCH), so
// that the logins of one busy tenant share statements instead of queueing on its chain head one
// lock after the other. A lone write goes at once, as before. A batch that fails is retried one
// write at a time, so that one bad write cannot fail the others.
export const MAX_BATCH = 64;

interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

export class ChainBatches<T, R> {
  private readonly chains = new Map<string, Waiting<T, R>[]>();

  constructor(private readonly write: (chainId: string, items: readonly T[]) => Promise<R>) {}

  submit(chainId: string, item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const waiting = this.chains.get(chainId);
      if (waiting) {
        waiting.push({ item, resolve, reject });
        return;
      }
      this.chains.set(chainId, []);
      void this.drain(chainId, [{ item, resolve, reject }]);
    });
  }

  private async drain(chainId: string, first: Waiting<T, R>[]): Promise<void> {
    let batch = first;
    for (;;) {
      await this.settle(chainId, batch);
      const waiting = this.chains.get(chainId) ?? [];
      if (waiting.length === 0) {
        this.chains.delete(chainId);
        return;
      }
      batch = waiting.splice(0, MAX_BATCH);
    }
  }

  private async settle(chainId: string, batch: Waiting<T, R>[]): Promise<void> {
    try {
      const result = await this.write(
        chainId,
        batch.map((waiting) => waiting.item),
      );
      for (const waiting of batch) waiting.resolve(result);
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      for (const waiting of batch) await this.settle(chainId, [waiting]);
    }
  }
}
