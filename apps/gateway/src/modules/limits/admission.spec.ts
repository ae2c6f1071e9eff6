import fc from 'fast-check';
import {
  admissionFromRow,
  admissionFromScript,
  admissionScriptArgs,
  upstreamSlot,
  type AdmissionRequest,
} from './admission';
import { decisionOf, type ScopeCheck } from './login-limiter';

describe('upstreamSlot (wall-clock seconds)', () => {
  const instant = fc.integer({ min: 0, max: 4_102_444_800_000 });
  const guard = fc.integer({ min: 0, max: 999 });

  it('puts every instant in the TCCC second floor(ms / 1000)', () => {
    fc.assert(
      fc.property(instant, guard, (now, guardMs) => {
        const slot = upstreamSlot(now, guardMs);
        expect(slot.second).toBe(Math.floor(now / 1000));
        expect(slot.second * 1000).toBeLessThanOrEqual(now);
        expect(now).toBeLessThan(slot.nextSecondAt);
        expect(slot.nextSecondAt - slot.second * 1000).toBe(1000);
      }),
    );
  });

  it('hands out no slot in the last guardMs of a second, and every other instant is open', () => {
    fc.assert(
      fc.property(instant, guard, (now, guardMs) => {
        const slot = upstreamSlot(now, guardMs);
        expect(slot.closesAt).toBe(slot.nextSecondAt - guardMs);
        expect(slot.open).toBe(now % 1000 < 1000 - guardMs);
      }),
    );
  });

  it('a closed slot reopens exactly at the next second', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 999 }), (now, guardMs) => {
        const slot = upstreamSlot(now, guardMs);
        fc.pre(!slot.open);
        const next = upstreamSlot(slot.nextSecondAt, guardMs);
        expect(next.open).toBe(true);
        expect(next.second).toBe(slot.second + 1);
      }),
    );
  });
});

describe('admission replies', () => {
  const request: AdmissionRequest = {
    now: 1_000,
    windowMs: 60_000,
    counters: [
      { key: 'login:user:t:u', limit: 10 },
      { key: 'login:tenant:t', limit: 600 },
    ],
    upstream: { key: 'upstream:a:1', limit: 20, ttlMs: 2_000 },
  };

  it('passes the login counters first, then the upstream counter, all namespaced', () => {
    expect(admissionScriptArgs(request, 'ns:')).toEqual({
      numkeys: 3,
      args: ['ns:login:user:t:u', 'ns:login:tenant:t', 'ns:upstream:a:1', 60_000, 20, 2_000, 0, 10, 600],
    });
    expect(admissionScriptArgs({ ...request, upstream: null }, '')).toEqual({
      numkeys: 2,
      args: ['login:user:t:u', 'login:tenant:t', 60_000, -1, 0, 0, 10, 600],
    });
    const carried = { ...request, upstream: { ...request.upstream!, carryKey: 'upstream:a:2' } };
    expect(admissionScriptArgs(carried, 'ns:')).toEqual({
      numkeys: 4,
      args: [
        'ns:login:user:t:u',
        'ns:login:tenant:t',
        'ns:upstream:a:1',
        'ns:upstream:a:2',
        60_000,
        20,
        2_000,
        1,
        10,
        600,
      ],
    });
  });

  it('reads the three verdicts of the script and of the statement alike', () => {
    expect(admissionFromScript(['granted', 3, 59_000, 7, 12_000], 2)).toEqual({
      kind: 'granted',
      counters: [
        { used: 3, resetMs: 59_000 },
        { used: 7, resetMs: 12_000 },
      ],
    });
    expect(
      admissionFromRow(
        { verdict: 'granted', refused_at: null, used_points: [3, 7], reset_ms: [59_000, 12_000] },
        2,
      ),
    ).toEqual(admissionFromScript(['granted', 3, 59_000, 7, 12_000], 2));
    expect(admissionFromScript(['refused', 2, 600, 4_000], 2)).toEqual({
      kind: 'refused',
      index: 1,
      state: { used: 600, resetMs: 4_000 },
    });
    expect(
      admissionFromRow({ verdict: 'refused', refused_at: 2, used_points: [600], reset_ms: [4_000] }, 2),
    ).toEqual(admissionFromScript(['refused', 2, 600, 4_000], 2));
    expect(admissionFromScript(['full'], 2)).toEqual({ kind: 'full' });
    expect(
      admissionFromRow({ verdict: 'full', refused_at: null, used_points: null, reset_ms: null }, 2),
    ).toEqual({
      kind: 'full',
    });
  });

  it('treats any other reply as a store fault, never as a decision', () => {
    for (const reply of [
      null,
      [],
      ['granted', 1],
      ['refused', 3, 1, 1],
      ['refused', 0, 1, 1],
      ['ok'],
      ['granted', '1', 2],
    ])
      expect(() => admissionFromScript(reply, 1)).toThrow('malformed');
    expect(() => admissionFromRow(undefined, 1)).toThrow('malformed');
    expect(() =>
      admissionFromRow({ verdict: 'granted', refused_at: null, used_points: [1], reset_ms: [1] }, 2),
    ).toThrow('malformed');
  });
});

describe('decisionOf', () => {
  const scopes = ['user', 'ip', 'tenant'] as const;
  const checksArb = fc
    .subarray([...scopes], { minLength: 1 })
    .chain((chosen) =>
      fc.tuple(
        ...chosen.map((scope) =>
          fc
            .integer({ min: 0, max: 1_000 })
            .map((limit): ScopeCheck => ({ scope, limit, key: `k-${scope}` })),
        ),
      ),
    );
  const stateArb = fc.record({
    used: fc.integer({ min: 1, max: 1_200 }),
    resetMs: fc.integer({ min: 0, max: 60_000 }),
  });

  it('an admission reports the most constrained scope, never negative, within the window', () => {
    fc.assert(
      fc.property(checksArb, fc.array(stateArb, { minLength: 3, maxLength: 3 }), (checks, states) => {
        const decision = decisionOf(checks, { kind: 'granted', counters: states.slice(0, checks.length) });
        expect(decision.allowed).toBe(true);
        const match = /^"(user|ip|tenant)";r=(\d+);t=(\d+)$/.exec(decision.headers.RateLimit ?? '');
        expect(match).not.toBeNull();
        const remaining = Number(match![2]);
        const reset = Number(match![3]);
        const least = Math.min(...checks.map((check, i) => Math.max(0, check.limit - states[i]!.used)));
        expect(remaining).toBe(least);
        expect(reset).toBeLessThanOrEqual(60);
        expect(decision.headers['Retry-After']).toBeUndefined();
        expect(decision.headers['RateLimit-Policy']!.split(', ')).toHaveLength(checks.length);
      }),
    );
  });

  it('a refusal names its scope and asks for a wait of at least 1 s, up to the window end', () => {
    fc.assert(
      fc.property(checksArb, fc.nat(), stateArb, (checks, pick, state) => {
        const index = pick % checks.length;
        const decision = decisionOf(checks, { kind: 'refused', index, state });
        if (decision.allowed) throw new Error('a refusal was allowed');
        expect(decision.scope).toBe(checks[index]!.scope);
        expect(decision.retryAfterSeconds).toBe(Math.max(1, Math.ceil(state.resetMs / 1000)));
        expect(decision.headers['Retry-After']).toBe(String(decision.retryAfterSeconds));
        expect(decision.headers.RateLimit).toBe(
          `"${checks[index]!.scope}";r=0;t=${decision.retryAfterSeconds}`,
        );
      }),
    );
  });

  it('an upstream verdict without an upstream counter is a fault', () => {
    expect(() => decisionOf([{ scope: 'user', limit: 1, key: 'k' }], { kind: 'full' })).toThrow();
  });
});
