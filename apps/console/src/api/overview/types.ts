export type {
  LoginCounts,
  OverviewAppSeats,
  OverviewDay,
  OverviewUpstream,
  OverviewView,
  LicencePurchaseView,
  LicenceWarning,
  OverviewAppLicences,
  OverviewLicences,
  OverviewLicencesView,
} from '@seatgate/contracts';
export {
  OVERVIEW_DEFAULT_DAYS,
  OVERVIEW_MAX_DAYS,
  RATE_LIMIT_REASONS,
  LICENCE_EXPIRY_WARNING_DAYS,
  LICENCE_USE_WARNING_RATIO,
} from '@seatgate/contracts';

export interface OverviewParams {
  /** days of the browser's time zone, today included (1 to OVERVIEW_MAX_DAYS) */
  days: number;
}
