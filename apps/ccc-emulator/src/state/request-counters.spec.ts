import fc from 'fast-check';
import { RequestCounters } from './request-counters';

// Quota arithmetic: per (second, action, account), min(calls, quota) are admitted.

const arrivals = fc.array(
  fc.record({
    second: fc.integer({ min: 1000, max: 1003 }),
    action: fc.constantFrom('CreateSDKLoginToken', 'DescribeStaffInfoList'),
    secretId: fc.constantFrom('AKID-a', 'AKID-b'),
    sdkAppId: fc.constantFrom(1400000001, 1400000002, null),
  }),
  { maxLength: 200 },
);

describe('RequestCounters', () => {
  it('admits exactly min(calls, quota) per second, action and account, whatever the order and apps', () => {
    fc.assert(
      fc.property(arrivals, fc.integer({ min: 1, max: 25 }), (calls, quota) => {
        const counters = new RequestCounters(quota, 600);
        const admitted = new Map<string, number>();
        const total = new Map<string, number>();
        for (const call of calls) {
          const key = `${call.second}|${call.action}|${call.secretId}`;
          total.set(key, (total.get(key) ?? 0) + 1);
          if (counters.admit(call.second, call.action, call.secretId, call.sdkAppId))
            admitted.set(key, (admitted.get(key) ?? 0) + 1);
        }
        for (const [key, count] of total) expect(admitted.get(key) ?? 0).toBe(Math.min(count, quota));
        const view = counters.view();
        const rowTotal = view.rows.reduce((sum, row) => sum + row.accepted + row.limited, 0);
        expect(rowTotal).toBe(calls.length);
        for (const peak of view.peaks) expect(peak.maxAcceptedPerSecond).toBeLessThanOrEqual(quota);
      }),
    );
  });

  it('forgets seconds that fall out of the window', () => {
    const counters = new RequestCounters(20, 600);
    counters.admit(1000, 'DeleteStaff', 'AKID-a', 1);
    counters.admit(1599, 'DeleteStaff', 'AKID-a', 1);
    expect(counters.view().rows.map((row) => row.second)).toEqual([1000, 1599]);
    counters.admit(1600, 'DeleteStaff', 'AKID-a', 1);
    expect(counters.view().rows.map((row) => row.second)).toEqual([1599, 1600]);
  });

  it('filters rows and computes peaks across apps of the same account', () => {
    const counters = new RequestCounters(2, 600);
    counters.admit(5, 'CreateStaff', 'AKID-a', 1);
    counters.admit(5, 'CreateStaff', 'AKID-a', 2);
    counters.admit(5, 'CreateStaff', 'AKID-a', 3);
    counters.admit(6, 'CreateStaff', 'AKID-b', 3);
    const view = counters.view({ secretId: 'AKID-a' });
    expect(view.rows).toHaveLength(3);
    expect(view.peaks).toEqual([
      {
        action: 'CreateStaff',
        secretId: 'AKID-a',
        maxAcceptedPerSecond: 2,
        maxCallsPerSecond: 3,
        accepted: 2,
        limited: 1,
      },
    ]);
    expect(counters.view({ sdkAppId: 3 }).rows.map((row) => [row.secretId, row.limited])).toEqual([
      ['AKID-a', 1],
      ['AKID-b', 0],
    ]);
  });
});
