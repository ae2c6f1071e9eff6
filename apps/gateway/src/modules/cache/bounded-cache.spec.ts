import { BoundedCache, type CacheGate } from './bounded-cache';
import { parseCacheChange } from './cache-invalidation.service';

function gate(): CacheGate & { open: boolean; generation: number; maxAgeMs: number } {
  return { open: true, generation: 0, maxAgeMs: 60_000 };
}

describe('BoundedCache', () => {
  afterEach(() => jest.useRealTimers());

  it('keeps at most maxEntries, dropping the least recently used', () => {
    const cache = new BoundedCache<string, number>('test', 2, gate());
    cache.set('a', 1, 't', 0);
    cache.set('b', 2, 't', 0);
    expect(cache.get('a')).toBe(1); // a is now the most recent
    cache.set('c', 3, 't', 0);
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
  });

  it('stays bounded under a flood of distinct keys', () => {
    const cache = new BoundedCache<string, string[]>('test', 100, gate());
    for (let i = 0; i < 10_000; i += 1) cache.set(`unknown-${i}`, [], 't', 0);
    expect(cache.size).toBe(100);
  });

  it('forgets an entry older than the maximum age', () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const g = gate();
    const cache = new BoundedCache<string, number>('test', 10, g);
    cache.set('a', 1, 't', 0);
    jest.setSystemTime(1_000_000 + g.maxAgeMs + 1);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('serves and stores nothing while the gate is shut', async () => {
    const g = gate();
    const cache = new BoundedCache<string, number>('test', 10, g);
    cache.set('a', 1, 't', 0);
    g.open = false;
    expect(cache.get('a')).toBeUndefined();
    const load = jest.fn(async () => 2);
    expect(await cache.getOrLoad('b', load, () => 't')).toBe(2);
    expect(await cache.getOrLoad('b', load, () => 't')).toBe(2);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('does not store a value read before an invalidation', async () => {
    const g = gate();
    const cache = new BoundedCache<string, number>('test', 10, g);
    await cache.getOrLoad(
      'a',
      async () => {
        g.generation += 1; // an admin change lands while the read is on the wire
        return 1;
      },
      () => 't',
    );
    expect(cache.get('a')).toBeUndefined();
  });

  it('drops one tenant only', () => {
    const cache = new BoundedCache<string, number>('test', 10, gate());
    cache.set('a', 1, 't1', 0);
    cache.set('b', 2, 't2', 0);
    cache.dropTenant('t1');
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBe(2);
  });
});

describe('parseCacheChange', () => {
  it('reads the trigger payload, and treats anything else as a change of every tenant', () => {
    expect(parseCacheChange('{"table":"tenants","tenantId":"t1"}')).toEqual({
      table: 'tenants',
      tenantId: 't1',
    });
    expect(parseCacheChange('{"table":"tenants","tenantId":null}')).toEqual({
      table: 'tenants',
      tenantId: null,
    });
    expect(parseCacheChange('garbage')).toEqual({ table: 'unknown', tenantId: null });
    expect(parseCacheChange(undefined)).toEqual({ table: 'unknown', tenantId: null });
  });
});
