// Per-second request accounting and the TCCC quota (20 requests per second per action per
// account, counted by whole wall-clock second of the emulator's clock). Buckets older than the
// window are dropped, so memory stays bounded however long the emulator runs.

export interface CounterRow {
  /** Unix second (emulator clock) in which the calls arrived. */
  second: number;
  action: string;
  secretId: string;
  /** SdkAppId from the request body, null when absent or not an integer. */
  sdkAppId: number | null;
  /** Calls admitted by the quota (whatever their eventual outcome). */
  accepted: number;
  /** Calls answered RequestLimitExceeded. */
  limited: number;
}

export interface CounterPeak {
  action: string;
  secretId: string;
  /** Highest number of admitted calls in any one second of the window; never above the quota. */
  maxAcceptedPerSecond: number;
  /** Highest number of calls (admitted + limited) in any one second: what the client really sent. */
  maxCallsPerSecond: number;
  accepted: number;
  limited: number;
}

export interface CounterFilter {
  action?: string;
  secretId?: string;
  sdkAppId?: number;
  sinceSecond?: number;
}

export interface CountersView {
  quotaPerSecond: number;
  windowSeconds: number;
  rows: CounterRow[];
  peaks: CounterPeak[];
}

interface SecondBucket {
  /** action + "\n" + secretId → admitted calls, the quota's unit. */
  admitted: Map<string, number>;
  rows: Map<string, CounterRow>;
}

export class RequestCounters {
  private readonly buckets = new Map<number, SecondBucket>();
  /** SecretId → a quota Tencent raised for that account (on request); others have quotaPerSecond */
  private readonly accountQuotas = new Map<string, number>();

  constructor(
    readonly quotaPerSecond: number,
    readonly windowSeconds: number,
  ) {}

  /** Raises (or lowers) one account's quota; null restores the default. */
  setAccountQuota(secretId: string, perSecond: number | null): void {
    if (perSecond === null) {
      this.accountQuotas.delete(secretId);
      return;
    }
    if (!Number.isSafeInteger(perSecond) || perSecond < 1) throw new RangeError('perSecond must be ≥ 1');
    this.accountQuotas.set(secretId, perSecond);
  }

  /** The quota of one account, per action and second. */
  quotaOf(secretId: string): number {
    return this.accountQuotas.get(secretId) ?? this.quotaPerSecond;
  }

  /**
   * Counts one authenticated call and decides whether the quota admits it.
   * Returns false when the call must be answered RequestLimitExceeded.
   */
  admit(second: number, action: string, secretId: string, sdkAppId: number | null): boolean {
    const bucket = this.bucketFor(second);
    const quotaKey = `${action}\n${secretId}`;
    const used = bucket.admitted.get(quotaKey) ?? 0;
    const admitted = used < this.quotaOf(secretId);
    if (admitted) bucket.admitted.set(quotaKey, used + 1);
    const rowKey = `${quotaKey}\n${sdkAppId ?? ''}`;
    let row = bucket.rows.get(rowKey);
    if (row === undefined) {
      row = { second, action, secretId, sdkAppId, accepted: 0, limited: 0 };
      bucket.rows.set(rowKey, row);
    }
    if (admitted) row.accepted += 1;
    else row.limited += 1;
    return admitted;
  }

  view(filter: CounterFilter = {}): CountersView {
    const rows: CounterRow[] = [];
    const seconds = [...this.buckets.keys()].sort((a, b) => a - b);
    for (const second of seconds) {
      if (filter.sinceSecond !== undefined && second < filter.sinceSecond) continue;
      const bucket = this.buckets.get(second);
      if (bucket === undefined) continue;
      for (const row of bucket.rows.values()) {
        if (filter.action !== undefined && row.action !== filter.action) continue;
        if (filter.secretId !== undefined && row.secretId !== filter.secretId) continue;
        if (filter.sdkAppId !== undefined && row.sdkAppId !== filter.sdkAppId) continue;
        rows.push({ ...row });
      }
    }
    return {
      quotaPerSecond: this.quotaPerSecond,
      windowSeconds: this.windowSeconds,
      rows,
      peaks: peaksOf(rows),
    };
  }

  clear(): void {
    this.buckets.clear();
  }

  private bucketFor(second: number): SecondBucket {
    let bucket = this.buckets.get(second);
    if (bucket === undefined) {
      bucket = { admitted: new Map(), rows: new Map() };
      this.buckets.set(second, bucket);
      this.prune(second);
    }
    return bucket;
  }

  private prune(currentSecond: number): void {
    // Window is relative to the newest second seen; a clock moved backwards keeps its buckets
    // until they fall out of the window again.
    for (const second of this.buckets.keys()) {
      if (second <= currentSecond - this.windowSeconds || second > currentSecond + this.windowSeconds) {
        this.buckets.delete(second);
      }
    }
  }
}

/** Peaks per (action, account): sums rows of the same second across apps first. */
export function peaksOf(rows: readonly CounterRow[]): CounterPeak[] {
  const perSecond = new Map<
    string,
    { action: string; secretId: string; seconds: Map<number, { accepted: number; limited: number }> }
  >();
  for (const row of rows) {
    const key = `${row.action}\n${row.secretId}`;
    let entry = perSecond.get(key);
    if (entry === undefined) {
      entry = { action: row.action, secretId: row.secretId, seconds: new Map() };
      perSecond.set(key, entry);
    }
    const cell = entry.seconds.get(row.second) ?? { accepted: 0, limited: 0 };
    cell.accepted += row.accepted;
    cell.limited += row.limited;
    entry.seconds.set(row.second, cell);
  }
  const peaks: CounterPeak[] = [];
  for (const entry of perSecond.values()) {
    const peak: CounterPeak = {
      action: entry.action,
      secretId: entry.secretId,
      maxAcceptedPerSecond: 0,
      maxCallsPerSecond: 0,
      accepted: 0,
      limited: 0,
    };
    for (const cell of entry.seconds.values()) {
      peak.maxAcceptedPerSecond = Math.max(peak.maxAcceptedPerSecond, cell.accepted);
      peak.maxCallsPerSecond = Math.max(peak.maxCallsPerSecond, cell.accepted + cell.limited);
      peak.accepted += cell.accepted;
      peak.limited += cell.limited;
    }
    peaks.push(peak);
  }
  return peaks;
}
