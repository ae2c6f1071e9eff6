import { foldLoginCounts, periodDates } from './overview.service';

describe('overview: folding login counts into UTC days', () => {
  it('lists the period as UTC dates ending today, across month and year ends', () => {
    // 00:30 on 1 January in Shanghai is still 31 December in UTC
    expect(periodDates(new Date('2027-01-01T00:30:00+08:00'), 3)).toEqual([
      '2026-12-29',
      '2026-12-30',
      '2026-12-31',
    ]);
    expect(periodDates(new Date('2028-03-01T23:59:59.999Z'), 2)).toEqual(['2028-02-29', '2028-03-01']);
    expect(periodDates(new Date('2026-11-21T12:00:00Z'), 1)).toEqual(['2026-11-21']);
  });

  it("lists the period in another zone's dates when asked (the browser's or the tenant's)", () => {
    // 00:30 on 1 January in Shanghai is 1 January there, while UTC is still in 31 December
    expect(periodDates(new Date('2027-01-01T00:30:00+08:00'), 3, 'Asia/Shanghai')).toEqual([
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
    ]);
    // 20:00 on 28 February in Los Angeles is already 1 March in UTC, and 2028 is a leap year
    expect(periodDates(new Date('2028-03-01T04:00:00Z'), 2, 'America/Los_Angeles')).toEqual([
      '2028-02-28',
      '2028-02-29',
    ]);
  });

  it('counts per day and in total; rate-limited denials are also denials', () => {
    const folded = foldLoginCounts(
      ['2026-11-20', '2026-11-21'],
      [
        { day: '2026-11-20', action: 'login.issued', reason: null, count: 4 },
        { day: '2026-11-20', action: 'login.denied', reason: 'upstream_rate_limited', count: 1 },
        { day: '2026-11-21', action: 'login.redeemed', reason: null, count: 2 },
        { day: '2026-11-21', action: 'login.denied', reason: 'rate_limited', count: 2 },
        { day: '2026-11-21', action: 'login.denied', reason: 'seat_not_mapped', count: 3 },
        { day: '2026-11-21', action: 'login.denied', reason: null, count: 1 },
        { day: '2026-11-21', action: 'login.replay', reason: null, count: 1 },
        { day: '2026-11-21', action: 'login.late_use', reason: null, count: 1 },
      ],
    );
    expect(folded.daily).toEqual([
      { date: '2026-11-20', issued: 4, redeemed: 0, denied: 1, rateLimited: 1, replayed: 0, lateUse: 0 },
      { date: '2026-11-21', issued: 0, redeemed: 2, denied: 6, rateLimited: 2, replayed: 1, lateUse: 1 },
    ]);
    expect(folded.totals).toEqual({
      issued: 4,
      redeemed: 2,
      denied: 7,
      rateLimited: 3,
      replayed: 1,
      lateUse: 1,
    });
    expect(folded.denialReasons).toEqual([
      { reason: 'seat_not_mapped', count: 3 },
      { reason: 'rate_limited', count: 2 },
      { reason: 'unknown', count: 1 },
      { reason: 'upstream_rate_limited', count: 1 },
    ]);
  });

  it('keeps days without logins as zeros and ignores rows outside the period', () => {
    const folded = foldLoginCounts(
      ['2026-11-20', '2026-11-21'],
      [{ day: '2026-11-22', action: 'login.issued', reason: null, count: 9 }],
    );
    expect(folded.daily.map((day) => day.issued)).toEqual([0, 0]);
    expect(folded.totals.issued).toBe(0);
    expect(folded.denialReasons).toEqual([]);
  });
});
