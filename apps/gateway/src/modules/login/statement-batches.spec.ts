import { MAX_BATCH, StatementBatches } from './statement-batches';

/** A write that holds each call until released, recording what it was given. */
function heldWrites() {
  const calls: { items: number[]; release: (ok: boolean) => void }[] = [];
  const write = (items: readonly number[]) =>
    new Promise<string[]>((resolve, reject) =>
      calls.push({
        items: [...items],
        release: (ok) =>
          ok ? resolve(items.map((item) => `${item}/${items.length}`)) : reject(new Error('failed')),
      }),
    );
  return { calls, batches: new StatementBatches(write) };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('StatementBatches', () => {
  it('writes a lone item at once, and what arrives meanwhile in one next write', async () => {
    const { calls, batches } = heldWrites();
    const first = batches.submit(1);
    await tick();
    expect(calls.map((call) => call.items)).toEqual([[1]]);
    const later = [2, 3, 4].map((item) => batches.submit(item));
    await tick();
    expect(calls).toHaveLength(1); // the statement is still running
    calls[0]!.release(true);
    await expect(first).resolves.toBe('1/1');
    await tick();
    expect(calls.map((call) => call.items)).toEqual([[1], [2, 3, 4]]);
    calls[1]!.release(true);
    await expect(Promise.all(later)).resolves.toEqual(['2/3', '3/3', '4/3']);
    // idle again: the next item goes at once
    void batches.submit(5);
    await tick();
    expect(calls[2]!.items).toEqual([5]);
  });

  it('retries a failed batch one item at a time, so one bad item fails alone', async () => {
    const { calls, batches } = heldWrites();
    void batches.submit(0);
    await tick();
    const items = Promise.allSettled([1, 2, 3].map((item) => batches.submit(item)));
    calls[0]!.release(true);
    await tick();
    calls[1]!.release(false); // the batch [1, 2, 3]
    for (let i = 2; i < 5; i += 1) {
      await tick();
      calls[i]!.release(calls[i]!.items[0] !== 2);
    }
    const settled = await items;
    expect(settled.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(calls.slice(2).map((call) => call.items)).toEqual([[1], [2], [3]]);
  });

  it(`never writes more than ${MAX_BATCH} items at once`, async () => {
    const { calls, batches } = heldWrites();
    void batches.submit(-1);
    await tick();
    const many = Array.from({ length: MAX_BATCH + 5 }, (_, i) => batches.submit(i));
    calls[0]!.release(true);
    await tick();
    expect(calls[1]!.items).toHaveLength(MAX_BATCH);
    calls[1]!.release(true);
    await tick();
    expect(calls[2]!.items).toHaveLength(5);
    calls[2]!.release(true);
    await Promise.all(many);
  });
});
