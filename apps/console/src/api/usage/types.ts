export type { UsageDay, UsageQuery, UsageSeatDay, UsageSeatTotal, UsageView } from '@seatgate/contracts';

/** What the Usage page asks for: `days` days ending `to`, counted in `timeZone`. */
export interface UsageParams {
  days: number;
  to: string;
  timeZone: string;
}
