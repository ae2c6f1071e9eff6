import { isJsonObject, readObject } from '../seed/json-reader';
import { EmulatorAdminError } from './admin-errors';

// Fault injection for the TCCC action endpoint. A rule targets one action (or "*") and optionally
// one SdkAppId; the most specific matching rule wins: (action, app) > (action) > (*, app) > (*).

export type FaultLatency = number | { min: number; max: number };

export interface FaultRule {
  /** A TCCC action name, or "*" for every action. */
  action: string;
  /** Only calls whose body carries this SdkAppId. */
  sdkAppId?: number;
  /** Added before the answer is written: fixed ms, or uniformly random within [min, max]. */
  latencyMs?: FaultLatency;
  /** Probability (0..1) that an authenticated, quota-admitted call is answered with errorCode. */
  errorRate?: number;
  /** Default "InternalError". Any string, e.g. "InternalError.DBError", "FailedOperation". */
  errorCode?: string;
  errorMessage?: string;
  /** Hard outage: "refuse" destroys the socket as soon as the request arrives; "hang" never answers. */
  outage?: 'refuse' | 'hang';
}

const RULE_KEYS = [
  'action',
  'sdkAppId',
  'latencyMs',
  'errorRate',
  'errorCode',
  'errorMessage',
  'outage',
] as const;
const MAX_LATENCY_MS = 10 * 60 * 1000;

function invalid(message: string): EmulatorAdminError {
  return new EmulatorAdminError('invalid_request', message);
}

function parseLatency(value: unknown): FaultLatency {
  const isMs = (n: unknown): n is number =>
    typeof n === 'number' && Number.isFinite(n) && n >= 0 && n <= MAX_LATENCY_MS;
  if (isMs(value)) return value;
  if (isJsonObject(value)) {
    const { min, max } = readObject(value, 'fault.latencyMs', ['min', 'max']);
    if (isMs(min) && isMs(max) && min <= max) return { min, max };
  }
  throw invalid(
    `fault.latencyMs must be a number of ms (0..${MAX_LATENCY_MS}) or {min, max} with min <= max`,
  );
}

/** Validates untrusted JSON into a FaultRule. */
export function parseFaultRule(value: unknown): FaultRule {
  const obj = readObject(value, 'fault', RULE_KEYS);
  const action = obj['action'];
  if (typeof action !== 'string' || action.length === 0)
    throw invalid('fault.action must be an action name or "*"');
  const rule: FaultRule = { action };
  const sdkAppId = obj['sdkAppId'];
  if (sdkAppId !== undefined) {
    if (typeof sdkAppId !== 'number' || !Number.isSafeInteger(sdkAppId))
      throw invalid('fault.sdkAppId must be an integer');
    rule.sdkAppId = sdkAppId;
  }
  if (obj['latencyMs'] !== undefined) rule.latencyMs = parseLatency(obj['latencyMs']);
  const errorRate = obj['errorRate'];
  if (errorRate !== undefined) {
    if (typeof errorRate !== 'number' || !(errorRate >= 0 && errorRate <= 1))
      throw invalid('fault.errorRate must be a number in 0..1');
    rule.errorRate = errorRate;
  }
  const errorCode = obj['errorCode'];
  if (errorCode !== undefined) {
    if (typeof errorCode !== 'string' || !/^[A-Za-z][A-Za-z0-9.]*$/.test(errorCode))
      throw invalid('fault.errorCode must look like "InternalError.DBError"');
    rule.errorCode = errorCode;
  }
  const errorMessage = obj['errorMessage'];
  if (errorMessage !== undefined) {
    if (typeof errorMessage !== 'string') throw invalid('fault.errorMessage must be a string');
    rule.errorMessage = errorMessage;
  }
  const outage = obj['outage'];
  if (outage !== undefined) {
    if (outage !== 'refuse' && outage !== 'hang') throw invalid('fault.outage must be "refuse" or "hang"');
    rule.outage = outage;
  }
  return rule;
}

function ruleKey(action: string, sdkAppId: number | undefined): string {
  return `${action}\n${sdkAppId ?? '*'}`;
}

export class FaultRules {
  private readonly rules = new Map<string, FaultRule>();

  /** Adds a rule, replacing the one for the same (action, sdkAppId). */
  set(rule: FaultRule): void {
    this.rules.set(ruleKey(rule.action, rule.sdkAppId), { ...rule });
  }

  remove(action: string, sdkAppId?: number): boolean {
    return this.rules.delete(ruleKey(action, sdkAppId));
  }

  clear(): void {
    this.rules.clear();
  }

  list(): FaultRule[] {
    return [...this.rules.values()].map((rule) => ({ ...rule }));
  }

  match(action: string, sdkAppId: number | null): FaultRule | undefined {
    const candidates: Array<[string, number | undefined]> = [];
    if (sdkAppId !== null) candidates.push([action, sdkAppId]);
    candidates.push([action, undefined]);
    if (sdkAppId !== null) candidates.push(['*', sdkAppId]);
    candidates.push(['*', undefined]);
    for (const [candidateAction, candidateApp] of candidates) {
      const rule = this.rules.get(ruleKey(candidateAction, candidateApp));
      if (rule !== undefined) return rule;
    }
    return undefined;
  }
}

/** Milliseconds to wait for a rule's latency; `random` returns [0, 1). */
export function latencyFor(rule: FaultRule | undefined, random: () => number): number {
  const latency = rule?.latencyMs;
  if (latency === undefined) return 0;
  if (typeof latency === 'number') return latency;
  return latency.min + (latency.max - latency.min) * random();
}
