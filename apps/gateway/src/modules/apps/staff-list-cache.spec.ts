import { STAFF_CACHE_SECONDS } from '@seatgate/contracts';
import { BoundedCache, type CacheGate } from '../cache/bounded-cache';
import type { CacheInvalidation } from '../cache/cache-invalidation.service';
import type { StaffMember } from '../tccc/tccc.service';
import { StaffListCache, type StaffListSource } from './staff-list-cache';

function setup() {
  const gate = { open: true, generation: 0, maxAgeMs: 60_000 } satisfies CacheGate;
  let cache: BoundedCache<unknown, unknown> | undefined;
  const invalidation = {
    create: (name: string, maxEntries: number) => (cache = new BoundedCache(name, maxEntries, gate)),
  } as unknown as CacheInvalidation;
  const lists = new StaffListCache(invalidation);
  let reads = 0;
  const read = async (): Promise<StaffMember[]> => {
    reads += 1;
    await new Promise((resolve) => setImmediate(resolve));
    return [{ mail: `a${reads}@x`, name: null, staffNumber: null }];
  };
  return { lists, read, reads: () => reads, gate, dropTenant: (id: string) => cache!.dropTenant(id) };
}

const SOURCE: StaffListSource = {
  tenantId: 't1',
  appId: 'app-1',
  region: 'ap-guangzhou',
  credentialsUpdatedAt: new Date('2026-01-01T00:00:00Z'),
};

describe('StaffListCache', () => {
  afterEach(() => jest.useRealTimers());

  it('serves concurrent and later readers of one app from one upstream read', async () => {
    const { lists, read, reads } = setup();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => lists.get(SOURCE, read, { refresh: false })),
    );
    expect(reads()).toBe(1);
    expect(new Set(answers).size).toBe(1);
    await lists.get(SOURCE, read, { refresh: false });
    expect(reads()).toBe(1);
  });

  it('reads again on refresh, after STAFF_CACHE_SECONDS, after new credentials or region, and after a tenant change', async () => {
    const { lists, read, reads, dropTenant } = setup();
    await lists.get(SOURCE, read, { refresh: false });
    await lists.get(SOURCE, read, { refresh: true });
    expect(reads()).toBe(2);
    await lists.get({ ...SOURCE, credentialsUpdatedAt: new Date('2026-02-01T00:00:00Z') }, read, {
      refresh: false,
    });
    await lists.get({ ...SOURCE, region: 'ap-shanghai' }, read, { refresh: false });
    expect(reads()).toBe(4);
    dropTenant('t1');
    await lists.get(SOURCE, read, { refresh: false });
    expect(reads()).toBe(5);
    jest.useFakeTimers({ now: Date.now() + STAFF_CACHE_SECONDS * 1000 + 1, doNotFake: ['setImmediate'] });
    await lists.get(SOURCE, read, { refresh: false });
    expect(reads()).toBe(6);
  });

  it('keeps no failed read: the next reader asks again', async () => {
    const { lists, read, reads } = setup();
    await expect(
      lists.get(SOURCE, () => Promise.reject(new Error('upstream down')), { refresh: false }),
    ).rejects.toThrow('upstream down');
    await lists.get(SOURCE, read, { refresh: false });
    expect(reads()).toBe(1);
  });

  it('stores nothing read across an invalidation (its generation moved on)', async () => {
    const { lists, reads, gate } = setup();
    const slow = async (): Promise<StaffMember[]> => {
      gate.generation += 1; // an admin change lands while TCCC answers
      return [];
    };
    await lists.get(SOURCE, slow, { refresh: false });
    let again = 0;
    await lists.get(SOURCE, async () => ((again += 1), []), { refresh: false });
    expect(again).toBe(1);
    expect(reads()).toBe(0);
  });
});
