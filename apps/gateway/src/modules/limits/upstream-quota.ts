// TCCC's quota for CreateSDKLoginToken: at most `perSecond` (20) calls per Tencent Cloud account in
// any wall-clock second, across all gateway processes. TCCC (and the emulator) count per
// floor(ms / 1000), so the windows here are wall-clock seconds too: the counter for account A in
// second S is the store key `upstream:A:S`, allowed `perSecond` points. A window that opened at the
// first call instead (the library's default) could grant 20 at 1.4 s and 20 more at 1.5 s: 40 in
// second 1. Callers beyond the quota wait in line for the next second, up to their own maxWaitMs.
// A slot granted late in its second counts in the next second too (carryMs): a call slowed on its
// way may reach TCCC after the second turned, and TCCC then counts it there.
// A login asks for its slot and its login limits in one store call (`acquireWith`, admission.ts).
import { Inject, Injectable, Optional } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { upstreamSlot, type UpstreamCounter } from './admission';
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
  /**
   * A slot granted in the last carryMs of its second also takes a slot of the next second. The
   * guard covers a call's usual way to TCCC; on a loaded host a granted call can still take
   * hundreds of milliseconds to get there (measured: up to 0.4 s with both cores busy), and TCCC
   * then counts it in the next second, on top of that second's own grants. Counted in both, it
   * fits either. Grants come early in a second whenever callers queue (they are woken at its
   * start), so the double count costs throughput only when the account is far from its quota.
   */
  carryMs: number;
}

export const UPSTREAM_QUOTA_OPTIONS = Symbol('UPSTREAM_QUOTA_OPTIONS');
export const UPSTREAM_QUOTA_DEFAULTS: Readonly<UpstreamQuotaOptions> = {
  perSecond: 20,
  guardMs: 100,
  carryMs: 500,
};

/**
 * The quota key of a Tencent Cloud account for one TCCC action: TCCC counts its 20 calls per second
 * per action and account. CreateSDKLoginToken keeps the bare account key it always had.
 */
export function upstreamQuotaKey(secretId: string, action: string): string {
  const account = createHash('sha256').update(secretId).digest('hex').slice(0, 32);
  return action === 'CreateSDKLoginToken' ? account : `${account}:${action}`;
}

/**
 * A counter lives this long from its first count, so it outlives its second, also when that count
 * was a carry in the second before (it must not expire and reset within its second).
 */
const COUNTER_TTL_MS = 2_000;

function upstreamCounterKey(accountKey: string, second: number): string {
  return `upstream:${accountKey}:${second}`;
}

/** What one store call for a slot of `second` answered. */
export type SlotAttempt<T> =
  /** the slot was taken (with whatever else the call counted) */
  | { kind: 'granted'; value: T }
  /** the second is used up and nothing was counted: wait for the next one and ask again */
  | { kind: 'full' }
  /** settled without a slot (e.g. a login limit refused): the caller's answer, no upstream call */
  | { kind: 'settled'; value: T };

/**
 * The callers of one process for one account, first come first served: `lanes` of them ask the
 * store at a time (one per 20 calls/s of the account's quota, so that a quota Tencent raised is not
 * held to one store round trip at a time), the others wait their turn.
 */
interface Line {
  active: number;
  queue: Array<() => void>;
  waiting: number;
}

/** Calls per second of quota one lane serves: TCCC's default quota, one lane. */
const CALLS_PER_LANE = 20;

/**
 * Slots of every second that background work (jobs) leaves to foreground callers (logins, an
 * admin's one-off call) of the same account and action: a job takes at most perSecond − this.
 */
export const FOREGROUND_RESERVE = 2;

export type QuotaLaneName = 'foreground' | 'background';

/** What one lane's grants cost their callers, in quota slots (wall-clock seconds) waited. */
export interface LaneWaits {
  grants: number;
  /** grants that came in a later second than the one their caller first asked in */
  deferred: number;
  /** the most seconds any grant came after its caller's first try */
  maxSlotsWaited: number;
}

@Injectable()
export class UpstreamQuota {
  private readonly options: UpstreamQuotaOptions;
  private readonly lines = new Map<string, Line>();
  /** per process, since start: how long each lane's callers waited, counted in slots, not timed */
  readonly waits: Record<QuotaLaneName, LaneWaits> = {
    foreground: { grants: 0, deferred: 0, maxSlotsWaited: 0 },
    background: { grants: 0, deferred: 0, maxSlotsWaited: 0 },
  };

  constructor(
    private readonly store: RateLimitStore,
    @Optional() @Inject(UPSTREAM_QUOTA_OPTIONS) options?: Partial<UpstreamQuotaOptions>,
  ) {
    this.options = { ...UPSTREAM_QUOTA_DEFAULTS, ...options };
    const { perSecond, guardMs } = this.options;
    if (!Number.isSafeInteger(perSecond) || perSecond < 1) throw new RangeError('perSecond must be ≥ 1');
    if (!Number.isInteger(guardMs) || guardMs < 0 || guardMs >= 1000)
      throw new RangeError('guardMs must be within [0, 1000)');
    const { carryMs } = this.options;
    if (!Number.isInteger(carryMs) || carryMs < 0 || carryMs >= 1000)
      throw new RangeError('carryMs must be within [0, 1000)');
  }

  /**
   * The store counter of `accountKey`'s quota in wall-clock `second`, to pass in an admission;
   * asked at `now`, late in that second (carryMs), it carries the next second's counter too.
   */
  counter(
    accountKey: string,
    second: number,
    perSecond = this.options.perSecond,
    now?: number,
  ): UpstreamCounter {
    const counter: UpstreamCounter = {
      key: upstreamCounterKey(accountKey, second),
      limit: perSecond,
      ttlMs: COUNTER_TTL_MS,
    };
    if (now !== undefined && now >= (second + 1) * 1000 - this.options.carryMs)
      counter.carryKey = upstreamCounterKey(accountKey, second + 1);
    return counter;
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
    return this.acquireWith(accountKey, maxWaitMs, this.slotOf(accountKey, perSecond), perSecond).then(
      ({ waitedMs }) => ({ waitedMs }),
    );
  }

  /**
   * A slot for background work (a job step), in a lower lane than `acquire`: it counts on the same
   * store counter as foreground callers but only up to perSecond − FOREGROUND_RESERVE, so that a
   * foreground caller always finds a slot left in the current second however busy jobs are; and it
   * queues in a line of its own, so that a job waiting for the next second never holds the line a
   * foreground caller of this process stands in.
   */
  acquireBackground(
    accountKey: string,
    maxWaitMs: number,
    perSecond = this.options.perSecond,
  ): Promise<{ waitedMs: number }> {
    const jobLimit = Math.max(1, perSecond - FOREGROUND_RESERVE);
    return this.acquireWith(
      `${accountKey}:background`,
      maxWaitMs,
      this.slotOf(accountKey, jobLimit),
      jobLimit,
      'background',
    ).then(({ waitedMs }) => ({ waitedMs }));
  }

  /** One try for a slot of the account's counter in `second`, counted up to `limit`. */
  private slotOf(accountKey: string, limit: number) {
    return async (
      second: number,
      now: number,
    ): Promise<{ kind: 'granted'; value: undefined } | { kind: 'full' }> => {
      const outcome = await this.store.admit({
        now,
        windowMs: COUNTER_TTL_MS,
        counters: [],
        upstream: this.counter(accountKey, second, limit, now),
      });
      return outcome.kind === 'granted' ? { kind: 'granted', value: undefined } : { kind: 'full' };
    };
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
    lane: QuotaLaneName = 'foreground',
  ): Promise<{ value: T; waitedMs: number }> {
    const started = Date.now();
    const firstSecond = Math.floor(started / 1000);
    const granted = (second: number) => {
      const waits = this.waits[lane];
      waits.grants += 1;
      if (second > firstSecond) waits.deferred += 1;
      waits.maxSlotsWaited = Math.max(waits.maxSlotsWaited, second - firstSecond);
    };
    const deadline = started + Math.max(0, maxWaitMs);
    const line = this.lineFor(accountKey);
    const ahead = line.waiting;
    line.waiting += 1;
    let entered = false;
    try {
      entered = await turnBefore(line, Math.max(1, Math.floor(perSecond / CALLS_PER_LANE)), deadline);
      if (!entered) throw new UpstreamQuotaExceeded(1 + Math.floor(ahead / perSecond));
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
            if (Date.now() < slot.closesAt) {
              granted(slot.second);
              return { value: result.value, waitedMs: Date.now() - started };
            }
            regrant = true;
          }
        }
        if (slot.nextSecondAt > deadline)
          throw new UpstreamQuotaExceeded(ceilSeconds(slot.nextSecondAt - Date.now(), 1));
        await sleep(Math.max(0, slot.nextSecondAt - Date.now()));
      }
    } finally {
      if (entered) leaveTurn(line);
      line.waiting -= 1;
      if (line.waiting === 0 && this.lines.get(accountKey) === line) this.lines.delete(accountKey);
    }
  }

  private lineFor(accountKey: string): Line {
    let line = this.lines.get(accountKey);
    if (!line) {
      line = { active: 0, queue: [], waiting: 0 };
      this.lines.set(accountKey, line);
    }
    return line;
  }
}

/**
 * Takes one of the line's `lanes` at once when one is free and nobody waits; otherwise waits in
 * order until one is handed over (true) or the deadline passes (false). No timer when none waits.
 */
function turnBefore(line: Line, lanes: number, deadline: number): Promise<boolean> | boolean {
  if (line.active < lanes && line.queue.length === 0) {
    line.active += 1;
    return true;
  }
  return new Promise((resolve) => {
    const wake = () => {
      clearTimeout(timer);
      line.active += 1;
      resolve(true);
    };
    const timer = setTimeout(
      () => {
        const at = line.queue.indexOf(wake);
        if (at >= 0) line.queue.splice(at, 1);
        resolve(false);
      },
      Math.max(0, deadline - Date.now()),
    );
    line.queue.push(wake);
  });
}

/** Frees a lane: the next in line (if any) takes it. */
function leaveTurn(line: Line): void {
  line.active -= 1;
  line.queue.shift()?.();
}
