// TCCC's answers, in words an admin can act on. Upstream codes stay in details for support.
import { DomainError } from '../../common/errors/domain.error';

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
  const details = { upstreamCode: code || undefined, upstreamRequestId: requestId, sdkAppId };
  if (code === 'InvalidParameterValue.AccountNotExist') {
    return {
      kind: 'rejected',
      error: new DomainError(
        'seat_missing_upstream',
        'this seat account does not exist in the TCCC application',
        details,
      ),
    };
  }
  if (code.startsWith('AuthFailure')) {
    return {
      kind: 'rejected',
      error: new DomainError(
        'upstream_credentials_rejected',
        "TCCC rejected this app's credentials; an admin must update them",
        details,
      ),
    };
  }
  if (code === 'InvalidParameterValue.InstanceNotExist' || code === 'InvalidParameter.InstanceNotExist') {
    return {
      kind: 'rejected',
      error: new DomainError(
        'upstream_app_not_found',
        'TCCC does not know this SDKAppID under these credentials',
        details,
      ),
    };
  }
  if (code === 'RequestLimitExceeded') {
    return {
      kind: 'rejected',
      error: new DomainError(
        'upstream_rate_limited',
        'TCCC is rate limiting this account; retry shortly',
        details,
        { 'Retry-After': '1' },
      ),
    };
  }
  if (
    !code ||
    code.startsWith('InternalError') ||
    code === 'FailedOperation' ||
    typeof sdk.httpCode === 'number'
  ) {
    return {
      kind: 'unavailable',
      error: new DomainError(
        'upstream_unavailable',
        'TCCC is unavailable right now; retry shortly',
        details,
        { 'Retry-After': '5' },
      ),
    };
  }
  return {
    kind: 'rejected',
    error: new DomainError('upstream_error', `TCCC refused the request (${code})`, details),
  };
}
