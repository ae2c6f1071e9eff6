// TCCC's answers, in words an admin can act on. Upstream codes stay in details for support.
import type { UpstreamDetails } from '@seatgate/contracts';
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

export function mapTcccError(error: unknown, sdkAppId: number): UpstreamFailure {
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
  if (code.startsWith('AuthFailure')) {
    return { kind: 'rejected', error: tcccErrors.credentialsRejected(details) };
  }
  if (code === 'InvalidParameterValue.InstanceNotExist' || code === 'InvalidParameter.InstanceNotExist') {
    return { kind: 'rejected', error: tcccErrors.appNotFound(details) };
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
