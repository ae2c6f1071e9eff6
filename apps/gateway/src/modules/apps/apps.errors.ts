// The apps module's refusals.
import type { AppCheckFailedDetails } from '@seatgate/contracts';
import { domainError } from '../../common/errors/domain.error';

export const appErrors = {
  notFound: () => domainError('app_not_found', 'app not found'),
  sdkAppIdTaken: (sdkAppId: number) =>
    domainError('sdk_app_id_taken', `SDKAppID ${sdkAppId} is already registered`),
  /** TCCC refused the credentials being saved; `skipCheck: true` saves them anyway */
  checkFailed: (upstreamMessage: string, details: AppCheckFailedDetails) =>
    domainError(
      'app_check_failed',
      `not saved: ${upstreamMessage} (send skipCheck: true to save without checking)`,
      details,
    ),
  kindMismatch: (sdkAppId: number, kind: string) =>
    domainError('validation_failed', 'the kind must match the SDKAppID', {
      issues: [{ path: 'kind', message: `SDKAppID ${sdkAppId} is a ${kind} app` }],
    }),
};
