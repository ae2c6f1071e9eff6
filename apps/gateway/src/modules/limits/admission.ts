// One admission of a rate-limited attempt: the login counters (user, IP, tenant) and the upstream
// quota's counter of the current wall-clock second, checked together and counted only when every
// one has room, so a refusal counts nowhere and needs no refund. The store runs it as one Lua
// script (Redis) or one statement (PostgreSQL, the function rate_limit_admit); this file holds
// what both share: the request and outcome shapes, the Lua script and the wall-clock maths.

export interface AdmissionCounter {
  /** the counter's key without the store's namespace, e.g. `login:user:<tenant>:<user>` */
  key: string;
  /** the quota: an attempt is admitted while fewer than this were counted in the window */
  limit: number;
}

export interface AdmissionRequest {
  /** this process's clock, epoch ms: windows start and end by it (as rate-limiter-flexible's do) */
  now: number;
  /** window of the login counters; a window starts at the first attempt it counts */
  windowMs: number;
  /** login counters, in the order a refusal is reported (most specific first) */
  counters: readonly AdmissionCounter[];
  /** the upstream quota's counter for one wall-clock second, or null when none applies */
  upstream: UpstreamCounter | null;
  /**
   * The audit event of a refusal, appended by the admission's own statement where the store can
   * (PostgreSQL): its content (hash version 2) with `placeholder` standing for the refusing scope,
   * `scopes[i]` being counter i's. Redis cannot write it: the caller audits the refusal itself.
   */
  refusalAudit?: RefusalAudit;
}

export interface UpstreamCounter extends AdmissionCounter {
  ttlMs: number;
  /**
   * The next second's counter, for a slot granted late in its second: the slot must have room in
   * both and counts in both, so that a call reaching TCCC after the second turned is counted in the
   * second TCCC counts it in (upstream-quota.ts, carryMs). Same limit and TTL.
   */
  carryKey?: string;
}

export interface RefusalAudit {
  content: string;
  placeholder: string;
  scopes: readonly string[];
}

export interface CounterState {
  /** attempts counted in the current window (after this one, when it was admitted) */
  used: number;
  /** ms until the window ends */
  resetMs: number;
}

export type AdmissionOutcome =
  /** everything was counted; one state per login counter */
  | { kind: 'granted'; counters: CounterState[] }
  /** login counter `index` is at its quota; nothing was counted (`audited`: its event was written) */
  | { kind: 'refused'; index: number; state: CounterState; audited?: boolean }
  /** the upstream second is used up; nothing was counted */
  | { kind: 'full' };

/**
 * KEYS: the login counters, then the upstream counter (when ARGV[2] ≥ 0), then its carry counter
 * (when ARGV[4] is 1).
 * ARGV: windowMs, upstream limit (-1: none), upstream ttlMs, carry (0/1), then one limit per login
 * counter. A counter without a TTL is treated as ended: every counter is written with one.
 * Returns {'refused', i, used, resetMs} | {'full'} | {'granted', used1, reset1, used2, reset2, ...}.
 */
export const ADMISSION_LUA = `
local windowMs = tonumber(ARGV[1])
local upLimit = tonumber(ARGV[2])
local n = #ARGV - 4
local used, reset, running = {}, {}, {}
for i = 1, n do
  local ttl = redis.call('PTTL', KEYS[i])
  local count = 0
  running[i] = ttl > 0
  if running[i] then
    count = tonumber(redis.call('GET', KEYS[i])) or 0
  else
    ttl = windowMs
  end
  if count >= tonumber(ARGV[4 + i]) then return {'refused', i, count, ttl} end
  used[i] = count + 1
  reset[i] = ttl
end
if upLimit >= 0 then
  local ups = {KEYS[n + 1]}
  if ARGV[4] == '1' then ups[2] = KEYS[n + 2] end
  local counts = {}
  for j, key in ipairs(ups) do
    counts[j] = 0
    if redis.call('PTTL', key) > 0 then counts[j] = tonumber(redis.call('GET', key)) or 0 end
    if counts[j] >= upLimit then return {'full'} end
  end
  for j, key in ipairs(ups) do
    if counts[j] > 0 then redis.call('INCR', key) else redis.call('SET', key, 1, 'PX', ARGV[3]) end
  end
end
local out = {'granted'}
for i = 1, n do
  if running[i] then redis.call('INCR', KEYS[i]) else redis.call('SET', KEYS[i], 1, 'PX', windowMs) end
  out[#out + 1] = used[i]
  out[#out + 1] = reset[i]
end
return out
`;

/** The script's ARGV and KEYS for a request, `namespace` prefixed to every key. */
export function admissionScriptArgs(
  request: AdmissionRequest,
  namespace: string,
): { numkeys: number; args: (string | number)[] } {
  const { upstream } = request;
  const keys = request.counters.map((counter) => namespace + counter.key);
  if (upstream) keys.push(namespace + upstream.key);
  if (upstream?.carryKey !== undefined) keys.push(namespace + upstream.carryKey);
  const args = [
    ...keys,
    request.windowMs,
    upstream ? upstream.limit : -1,
    upstream ? upstream.ttlMs : 0,
    upstream?.carryKey !== undefined ? 1 : 0,
    ...request.counters.map((counter) => counter.limit),
  ];
  return { numkeys: keys.length, args };
}

/** Reads the script's reply; anything else is a store fault, never a decision. */
export function admissionFromScript(reply: unknown, counters: number): AdmissionOutcome {
  if (!Array.isArray(reply) || reply.length === 0) throw new Error('rate-limit script: malformed reply');
  const [verdict, ...rest] = reply as unknown[];
  const numbers = rest.map((value) => {
    if (typeof value !== 'number' || !Number.isSafeInteger(value))
      throw new Error('rate-limit script: malformed reply');
    return value;
  });
  if (verdict === 'full' && numbers.length === 0) return { kind: 'full' };
  if (verdict === 'refused' && numbers.length === 3) {
    const [index, used, resetMs] = numbers as [number, number, number];
    if (index >= 1 && index <= counters)
      return { kind: 'refused', index: index - 1, state: { used, resetMs } };
  }
  if (verdict === 'granted' && numbers.length === counters * 2) {
    const states: CounterState[] = [];
    for (let i = 0; i < numbers.length; i += 2) states.push({ used: numbers[i]!, resetMs: numbers[i + 1]! });
    return { kind: 'granted', counters: states };
  }
  throw new Error('rate-limit script: malformed reply');
}

/** A row of rate_limit_admit. */
export interface AdmissionRow {
  verdict: string;
  refused_at: number | null;
  used_points: number[] | null;
  reset_ms: number[] | null;
}

export function admissionFromRow(row: AdmissionRow | undefined, counters: number): AdmissionOutcome {
  if (row?.verdict === 'full') return { kind: 'full' };
  const used = row?.used_points ?? [];
  const reset = row?.reset_ms ?? [];
  if (row?.verdict === 'refused' && row.refused_at !== null && used.length === 1 && reset.length === 1) {
    const index = row.refused_at - 1;
    if (index >= 0 && index < counters)
      return { kind: 'refused', index, state: { used: used[0]!, resetMs: reset[0]! } };
  }
  if (row?.verdict === 'granted' && used.length === counters && reset.length === counters) {
    return { kind: 'granted', counters: used.map((value, i) => ({ used: value, resetMs: reset[i]! })) };
  }
  throw new Error('rate_limit_admit: malformed row');
}

/**
 * Where `now` falls in the upstream quota's wall-clock seconds (TCCC counts per floor(ms / 1000)).
 * No slot is handed out in the last `guardMs` of a second: a call granted in second S must still
 * reach TCCC within S.
 */
export interface UpstreamSlot {
  second: number;
  /** grants for `second` are usable until this instant */
  closesAt: number;
  /** when the next second, and its fresh quota, begins */
  nextSecondAt: number;
  /** whether a grant may be asked for now */
  open: boolean;
}

export function upstreamSlot(now: number, guardMs: number): UpstreamSlot {
  const second = Math.floor(now / 1000);
  const nextSecondAt = (second + 1) * 1000;
  const closesAt = nextSecondAt - guardMs;
  return { second, closesAt, nextSecondAt, open: now < closesAt };
}
