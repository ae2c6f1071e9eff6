// TCCC's answers, in words an admin can act on. Upstream codes stay in details for support.
import type { LicenceCounts, UpstreamDetails } from '@seatgate/contracts';
import { domainError, DomainError } from '../../common/errors/domain.error';

/** How long to wait after TCCC said it is rate limiting, and after it failed. */
const RATE_LIMITED_RETRY_SECONDS = 1;
const UNAVAILABLE_RETRY_SECONDS = 5;

export const tcccErrors = {
  seatMissing: (details: UpstreamDetails) =>
    domainError('seat_missing_upstream', 'this seat account does not exist in the TCCC application', details),
  credentialsRejected: (details: UpstreamDetails) =>
    domainError(
      'upstream_credentials_rejected',
      "TCCC rejected this app's credentials; an admin must update them",
      details,
    ),
  /** CAM: a sub-account key that may not call this action; the credentials themselves are valid */
  permissionDenied: (details: UpstreamDetails, action: string) =>
    domainError(
      'upstream_permission_denied',
      `these credentials lack permission for the TCCC action ${action}; grant it in CAM`,
      { ...details, action },
    ),
  accountDisabled: (details: UpstreamDetails) =>
    domainError(
      'upstream_account_disabled',
      'the Tencent Cloud account of this app is disabled (for example in arrears)',
      details,
    ),
  licencesExhausted: (details: UpstreamDetails & Partial<LicenceCounts>) =>
    domainError(
      'upstream_licences_exhausted',
      details.purchased === undefined
        ? 'the seat licences of this TCCC app are used up'
        : `the seat licences of this TCCC app are used up (${details.used ?? '?'} of ${details.purchased} in use)`,
      details,
    ),
  packageExpired: (details: UpstreamDetails & Partial<LicenceCounts>) =>
    domainError(
      'upstream_package_expired',
      'every licence purchase of this TCCC app has ended; seats cannot be used until it is renewed',
      details,
    ),
  appNotFound: (details: UpstreamDetails) =>
    domainError(
      'upstream_app_not_found',
      'TCCC does not know this SDKAppID under these credentials',
      details,
    ),
  rateLimited: (details: UpstreamDetails) =>
    domainError('upstream_rate_limited', 'TCCC is rate limiting this account; retry shortly', {
      ...details,
      retryAfterSeconds: RATE_LIMITED_RETRY_SECONDS,
    }),
  unavailable: (details: UpstreamDetails) =>
    domainError('upstream_unavailable', 'TCCC is unavailable right now; retry shortly', {
      ...details,
      retryAfterSeconds: UNAVAILABLE_RETRY_SECONDS,
    }),
  /** the app's circuit is open after repeated failures: calls are not even tried */
  circuitOpen: (sdkAppId: number, retryAfterSeconds: number) =>
    domainError('upstream_unavailable', 'TCCC has been failing for this app; calls are paused briefly', {
      sdkAppId,
      circuit: 'open',
      retryAfterSeconds,
    }),
  skillGroupNotFound: (details: UpstreamDetails) =>
    domainError('skill_group_not_found', 'TCCC has no such skill group in this app', details),
  skillGroupNameTaken: (details: UpstreamDetails) =>
    domainError('skill_group_name_taken', 'this app already has a skill group of this name', details),
  skillGroupNotEmpty: (details: UpstreamDetails) =>
    domainError(
      'skill_group_not_empty',
      'TCCC refuses to delete a skill group that still has seats; remove its members first',
      details,
    ),
  refused: (details: UpstreamDetails) =>
    domainError('upstream_error', `TCCC refused the request (${details.upstreamCode ?? ''})`, details),
};

export type UpstreamFailureKind = 'unavailable' | 'rejected';

export interface UpstreamFailure {
  error: DomainError;
  /** unavailable failures count towards the app's circuit breaker; rejections do not */
  kind: UpstreamFailureKind;
}

interface SdkError {
  code?: unknown;
  message?: unknown;
  requestId?: unknown;
  httpCode?: unknown;
}

/**
 * TCCC's error as Seatgate's. `action` names the call, for a CAM refusal ("lacks permission for
 * CreateStaff"). A bare `LimitExceeded` is what CreateStaff answers past the licences (unconfirmed
 * which sub-code the real service uses there: both mean the licences are used up).
 */
export function mapTcccError(error: unknown, sdkAppId: number, action = 'unknown'): UpstreamFailure {
  const sdk = (error ?? {}) as SdkError;
  const code = typeof sdk.code === 'string' ? sdk.code : '';
  const requestId = typeof sdk.requestId === 'string' ? sdk.requestId : undefined;
  const details: UpstreamDetails = {
    upstreamCode: code || undefined,
    upstreamRequestId: requestId,
    sdkAppId,
  };
  if (code === 'InvalidParameterValue.AccountNotExist') {
    return { kind: 'rejected', error: tcccErrors.seatMissing(details) };
  }
  if (code === 'AuthFailure.UnauthorizedOperation') {
    return { kind: 'rejected', error: tcccErrors.permissionDenied(details, action) };
  }
  if (code === 'OperationDenied.UinDisabled') {
    return { kind: 'rejected', error: tcccErrors.accountDisabled(details) };
  }
  if (code === 'LimitExceeded.BasePackageExpired') {
    return { kind: 'rejected', error: tcccErrors.packageExpired(details) };
  }
  if (code === 'LimitExceeded.InsufficientLicense' || code === 'LimitExceeded') {
    return { kind: 'rejected', error: tcccErrors.licencesExhausted(details) };
  }
  if (code.startsWith('AuthFailure')) {
    return { kind: 'rejected', error: tcccErrors.credentialsRejected(details) };
  }
  if (code === 'InvalidParameterValue.InstanceNotExist' || code === 'InvalidParameter.InstanceNotExist') {
    return { kind: 'rejected', error: tcccErrors.appNotFound(details) };
  }
  if (code === 'InvalidParameterValue.SkillGroupError') {
    return { kind: 'rejected', error: tcccErrors.skillGroupNotFound(details) };
  }
  if (code === 'InvalidParameterValue.SkillGroupExist') {
    return { kind: 'rejected', error: tcccErrors.skillGroupNameTaken(details) };
  }
  // Unconfirmed: that DeleteCCCSkillGroup answers ResourceUnavailable for a group with seats (the
  // emulator does); no other action Seatgate calls answers it.
  if (code === 'ResourceUnavailable' && action === 'DeleteCCCSkillGroup') {
    return { kind: 'rejected', error: tcccErrors.skillGroupNotEmpty(details) };
  }
  if (code === 'RequestLimitExceeded') {
    return { kind: 'rejected', error: tcccErrors.rateLimited(details) };
  }
  if (
    !code ||
    code.startsWith('InternalError') ||
    code === 'FailedOperation' ||
    typeof sdk.httpCode === 'number'
  ) {
    return { kind: 'unavailable', error: tcccErrors.unavailable(details) };
  }
  return { kind: 'rejected', error: tcccErrors.refused(details) };
}
