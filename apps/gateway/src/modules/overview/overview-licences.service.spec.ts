// When an app's licences need attention: the thresholds at their edges.
import { LICENCE_EXPIRY_WARNING_DAYS } from '@seatgate/contracts';
import { licenceWarnings } from './overview-licences.service';

const NOW = Date.UTC(2026, 10, 30, 12);
const DAY = 86_400;
const at = (days: number) => Math.floor(NOW / 1000) + Math.round(days * DAY);
const details = (purchased: number, inTccc: number, ends: number[] = []) => ({
  purchased,
  inTccc,
  purchases: ends.map((endTime) => ({ num: 5, sipNum: 0, buyTime: 0, endTime })),
});

describe('licenceWarnings', () => {
  it('none bought, every one used, nearly used (at 90%), or nothing to say', () => {
    expect(licenceWarnings(details(0, 0), NOW)).toEqual([{ kind: 'none' }]);
    expect(licenceWarnings(details(10, 10), NOW)).toEqual([{ kind: 'exhausted', purchased: 10, inTccc: 10 }]);
    // TCCC listing more seats than licences (seats made before a purchase ended) is still "used up"
    expect(licenceWarnings(details(10, 12), NOW)).toEqual([{ kind: 'exhausted', purchased: 10, inTccc: 12 }]);
    expect(licenceWarnings(details(10, 9), NOW)).toEqual([
      { kind: 'nearly_exhausted', purchased: 10, inTccc: 9, available: 1 },
    ]);
    expect(licenceWarnings(details(100, 89), NOW)).toEqual([]);
    expect(licenceWarnings(details(100, 90), NOW)).toEqual([
      { kind: 'nearly_exhausted', purchased: 100, inTccc: 90, available: 10 },
    ]);
  });

  it('a purchase ending within the warning days, counted in whole days up', () => {
    const edge = at(LICENCE_EXPIRY_WARNING_DAYS);
    expect(licenceWarnings(details(10, 0, [edge, edge + 1, 0]), NOW)).toEqual([
      {
        kind: 'expiring',
        seats: 5,
        endsAt: new Date(edge * 1000).toISOString(),
        days: LICENCE_EXPIRY_WARNING_DAYS,
      },
    ]);
    expect(licenceWarnings(details(10, 0, [at(0.5)]), NOW)).toEqual([
      expect.objectContaining({ kind: 'expiring', days: 1 }),
    ]);
  });
});
