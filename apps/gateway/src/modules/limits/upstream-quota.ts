// TCCC's quota for CreateSDKLoginToken: at most `perSecond` (20) calls per Tencent Cloud account in
// any wall-clock second, across all gateway processes. TCCC (and the emulator) count per
// floor(ms / 1000), so the windows here are wall-clock seconds too: the counter for account A in
// second S is the store key `upstream:A:S`, allowed `perSecond` points. A window that opened at the
// first call instead (the library's default) could grant 20 at 1.4 s and 20 more at 1.5 s: 40 in
// second 1. Callers beyond the quota wait in line for the next second, up to their own maxWaitMs.
import { Inject, Injectable, Optional } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { UpstreamQuotaExceeded } from './limits.errors';
import { ceilSeconds } from './rate-limit-headers';
import { RateLimitStore } from './rate-limit.store';

export { UpstreamQuotaExceeded } from './limits.errors';

export interface UpstreamQuotaOptions {
  /** TCCC documents 20 requests per second per action and account */
  perSecond: number;
  /**
   * No slot is handed out in the last guardMs of a second, so that a call granted in second S
   * still reaches TCCC within S despite the store round trip, network latency and small clock
   * differences (hosts are assumed NTP-synchronised).
   */
  guardMs: number;
}

export const UPSTREAM_QUOTA_OPTIONS = Symbol('UPSTREAM_QUOTA_OPTIONS');
export const UPSTREAM_QUOTA_DEFAULTS: Readonly<UpstreamQuotaOptions> = { perSecond: 20, guardMs: 100 };

/**
 * The quota key of a Tencent Cloud account for one TCCC action: TCCC counts its 20 calls per second
 * per action and account. CreateSDKLoginToken keeps the bare account key it always had.
 */
export function upstreamQuotaKey(secretId: string, action: string): string {
  const account = createHash('sha256').update(secretId).digest('hex').slice(0, 32);
  return action === 'CreateSDKLoginToken' ? account : `${account}:${action}`;
}

/** A counter outlives its second by this much (it must not expire and reset within it). */
const COUNTER_TTL_SECONDS = 2;

/** The callers of one process waiting for one account, first come first served. */
interface Line {
  tail: Promise<void>;
  waiting: number;
}

@Injectable()
export class UpstreamQuota {
  private readonly options: UpstreamQuotaOptions;
  private readonly limiter: RateLimiterAbstract;
  private readonly lines = new Map<string, Line>();

  constructor(
    store: RateLimitStore,
    @Optional() @Inject(UPSTREAM_QUOTA_OPTIONS) options?: Partial<UpstreamQuotaOptions>,
  ) {
    this.options = { ...UPSTREAM_QUOTA_DEFAULTS, ...options };
    const { perSecond, guardMs } = this.options;
    if (!Number.isSafeInteger(perSecond) || perSecond < 1) throw new RangeError('perSecond must be ≥ 1');
    if (!Number.isInteger(guardMs) || guardMs < 0 || guardMs >= 1000)
      throw new RangeError('guardMs must be within [0, 1000)');
    this.limiter = store.limiter({
      keyPrefix: 'upstream',
      points: perSecond,
      durationSeconds: COUNTER_TTL_SECONDS,
    });
  }

  /**
   * Waits for a slot to call TCCC for `accountKey` (a hash of the SecretId, never the SecretId),
   * at most `maxWaitMs`; throws UpstreamQuotaExceeded when none comes in time. Call it right before
   * the upstream request: the slot belongs to the current second.
   *
   * Within a process, callers for one account queue in arrival order and only the head asks the
   * store, so a burst costs one store call per grant plus one per second of waiting. Across
   * processes the heads race for the same counter; the store's atomic increment decides.
   */
  async acquire(accountKey: string, maxWaitMs: number): Promise<{ waitedMs: number }> {
    const started = Date.now();
    const deadline = started + Math.max(0, maxWaitMs);
    const line = this.lineFor(accountKey);
    const ahead = line.waiting;
    line.waiting += 1;
    const previous = line.tail;
    let leave!: () => void;
    const left = new Promise<void>((resolve) => (leave = resolve));
    line.tail = previous.then(() => left);
    try {
      if (!(await turnBefore(previous, deadline))) {
        throw new UpstreamQuotaExceeded(1 + Math.floor(ahead / this.options.perSecond));
      }
      for (;;) {
        const now = Date.now();
        const second = Math.floor(now / 1000);
        const closesAt = (second + 1) * 1000 - this.options.guardMs;
        if (now < closesAt && (await this.take(accountKey, second, closesAt))) {
          return { waitedMs: Date.now() - started };
        }
        const nextSecond = (second + 1) * 1000;
        if (nextSecond > deadline) throw new UpstreamQuotaExceeded(ceilSeconds(nextSecond - Date.now(), 1));
        await sleep(Math.max(0, nextSecond - Date.now()));
      }
    } finally {
      line.waiting -= 1;
      if (line.waiting === 0 && this.lines.get(accountKey) === line) this.lines.delete(accountKey);
      leave();
    }
  }

  private lineFor(accountKey: string): Line {
    let line = this.lines.get(accountKey);
    if (!line) {
      line = { tail: Promise.resolve(), waiting: 0 };
      this.lines.set(accountKey, line);
    }
    return line;
  }

  /** One point of `second`'s counter, if it has one left and it is still usable in that second. */
  private async take(accountKey: string, second: number, closesAt: number): Promise<boolean> {
    try {
      await this.limiter.consume(`${accountKey}:${second}`);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return false;
      throw rejection;
    }
    // A slot that comes back too late for its second is dropped, not carried into the next second,
    // where it could make perSecond + 1 calls. It is not refunded either: other processes may
    // already have been refused on its account, and the counter dies with its second anyway.
    return Date.now() < closesAt;
  }
}

/** Resolves true when `previous` settles before `deadline`, false once the deadline passes. */
async function turnBefore(previous: Promise<void>, deadline: number): Promise<boolean> {
  const controller = new AbortController();
  const timedOut = sleep(Math.max(0, deadline - Date.now()), false, { signal: controller.signal }).catch(
    () => false,
  );
  try {
    return await Promise.race([previous.then(() => true), timedOut]);
  } finally {
    controller.abort();
  }
}
