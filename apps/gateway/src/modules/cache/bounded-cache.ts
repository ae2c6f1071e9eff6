// A per-process cache of login-path reads: bounded (least recently used out first), aged (a
// maximum age as a backstop), and governed by a CacheGate — while the gate is shut (this process
// cannot hear about admin changes) nothing is served or stored, and a value read before an
// invalidation is never stored after it (the generation taken before the read must still hold).

/** What every cache obeys: owned by CacheInvalidation. */
export interface CacheGate {
  /** false while the LISTEN connection is down: every cache is bypassed */
  readonly open: boolean;
  /** moves on every invalidation; a read that started in an older generation is not stored */
  readonly generation: number;
  readonly maxAgeMs: number;
}

interface Entry<V> {
  value: V;
  /** the tenant whose change drops this entry */
  tenantId: string;
  storedAt: number;
}

export class BoundedCache<K, V> {
  private readonly entries = new Map<K, Entry<V>>();

  constructor(
    readonly name: string,
    private readonly maxEntries: number,
    private readonly gate: CacheGate,
  ) {}

  /** Take it before reading the source; pass it to `set`. */
  get generation(): number {
    return this.gate.generation;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    if (!this.gate.open) return undefined;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (Date.now() - entry.storedAt > this.gate.maxAgeMs) return undefined;
    // re-inserted last: Map order is the recency order
    this.entries.set(key, entry);
    return entry.value;
  }

  /** The value, or `load()`'s, stored unless the gate shut or an invalidation came meanwhile. */
  async getOrLoad(key: K, load: () => Promise<V>, tenantOf: (value: V) => string | null): Promise<V> {
    const hit = this.get(key);
    if (hit !== undefined) return hit;
    const generation = this.gate.generation;
    const value = await load();
    const tenantId = tenantOf(value);
    if (tenantId !== null) this.set(key, value, tenantId, generation);
    return value;
  }

  /** Stores `value` read in `generation`; a no-op when that generation is over or the gate is shut. */
  set(key: K, value: V, tenantId: string, generation: number): void {
    if (!this.gate.open || generation !== this.gate.generation) return;
    this.entries.delete(key);
    this.entries.set(key, { value, tenantId, storedAt: Date.now() });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }

  dropTenant(tenantId: string): void {
    for (const [key, entry] of this.entries) if (entry.tenantId === tenantId) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
