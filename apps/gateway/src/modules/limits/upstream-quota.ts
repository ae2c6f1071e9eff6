// TCCC's quota for CreateSDKLoginToken: at most `perSecond` (20) calls per Tencent Cloud account in
// any wall-clock second, across all gateway processes. TCCC (and the emulator) count per
// floor(ms / 1000), so the windows here are wall-clock seconds too: the counter for account A in
// second S is the store key `upstream:A:S`, allowed `perSecond` points. A window that opened at the
// first call instead (the library's default) could grant 20 at 1.4 s and 20 more at 1.5 s: 40 in
// second 1. Callers beyond the quota wait in line for the next second, up to their own maxWaitMs.
// A login asks for its slot and its login limits in one store call (`acquireWith`, admission.ts).
import { Inject, Injectable, Optional } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { upstreamSlot, type AdmissionRequest } from './admission';
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
const COUNTER_TTL_MS = 2_000;

/** What one store call for a slot of `second` answered. */
export type SlotAttempt<T> =
  /** the slot was taken (with whatever else the call counted) */
  | { kind: 'granted'; value: T }
  /** the second is used up and nothing was counted: wait for the next one and ask again */
  | { kind: 'full' }
  /** settled without a slot (e.g. a login limit refused): the caller's answer, no upstream call */
  | { kind: 'settled'; value: T };

/** The callers of one process waiting for one account, first come first served. */
interface Line {
  tail: Promise<void>;
  waiting: number;
}

@Injectable()
export class UpstreamQuota {
  private readonly options: UpstreamQuotaOptions;
  private readonly lines = new Map<string, Line>();

  constructor(
    private readonly store: RateLimitStore,
    @Optional() @Inject(UPSTREAM_QUOTA_OPTIONS) options?: Partial<UpstreamQuotaOptions>,
  ) {
    this.options = { ...UPSTREAM_QUOTA_DEFAULTS, ...options };
    const { perSecond, guardMs } = this.options;
    if (!Number.isSafeInteger(perSecond) || perSecond < 1) throw new RangeError('perSecond must be ≥ 1');
    if (!Number.isInteger(guardMs) || guardMs < 0 || guardMs >= 1000)
      throw new RangeError('guardMs must be within [0, 1000)');
  }

  /** The store counter of `accountKey`'s quota in wall-clock `second`, to pass in an admission. */
  counter(
    accountKey: string,
    second: number,
    perSecond = this.options.perSecond,
  ): NonNullable<AdmissionRequest['upstream']> {
    return { key: `upstream:${accountKey}:${second}`, limit: perSecond, ttlMs: COUNTER_TTL_MS };
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
  async acquire(
    accountKey: string,
    maxWaitMs: number,
    perSecond = this.options.perSecond,
  ): Promise<{ waitedMs: number }> {
    return this.acquireWith(
      accountKey,
      maxWaitMs,
      async (second, now) => {
        const outcome = await this.store.admit({
          now,
          windowMs: COUNTER_TTL_MS,
          counters: [],
          upstream: this.counter(accountKey, second, perSecond),
        });
        return outcome.kind === 'granted' ? { kind: 'granted', value: undefined } : { kind: 'full' };
      },
      perSecond,
    ).then(({ waitedMs }) => ({ waitedMs }));
  }

  /**
   * `acquire`, with the store call made by `attempt` for the slot of wall-clock `second`, so that a
   * caller can count other limits in the same call (LoginLimiter.admit). `attempt` runs once per
   * try: at the head of the line, then once per second of waiting while the second is full. A
   * grant that comes back after its second closed is dropped and asked again in the next second;
   * `attempt` is told (`regrant`) so that it counts its other limits once only.
   */
  async acquireWith<T>(
    accountKey: string,
    maxWaitMs: number,
    attempt: (second: number, now: number, regrant: boolean) => Promise<SlotAttempt<T>>,
    /** the account's quota when Tencent raised it; the default otherwise */
    perSecond = this.options.perSecond,
  ): Promise<{ value: T; waitedMs: number }> {
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
        throw new UpstreamQuotaExceeded(1 + Math.floor(ahead / perSecond));
      }
      let regrant = false;
      for (;;) {
        const now = Date.now();
        const slot = upstreamSlot(now, this.options.guardMs);
        if (slot.open) {
          const result = await attempt(slot.second, now, regrant);
          if (result.kind === 'settled') return { value: result.value, waitedMs: Date.now() - started };
          if (result.kind === 'granted') {
            // A slot that comes back too late for its second is dropped, not carried into the next
            // second, where it could make perSecond + 1 calls. It is not refunded either: other
            // processes may already have been refused on its account, and it dies with its second.
            if (Date.now() < slot.closesAt) return { value: result.value, waitedMs: Date.now() - started };
            regrant = true;
          }
        }
        if (slot.nextSecondAt > deadline)
          throw new UpstreamQuotaExceeded(ceilSeconds(slot.nextSecondAt - Date.now(), 1));
        await sleep(Math.max(0, slot.nextSecondAt - Date.now()));
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
