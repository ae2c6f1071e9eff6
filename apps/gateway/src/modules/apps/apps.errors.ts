// The apps module's refusals.
import { domainError } from '../../common/errors/domain.error';

export const appErrors = {
  notFound: () => domainError('app_not_found', 'app not found'),
  sdkAppIdTaken: (sdkAppId: number) =>
    domainError('sdk_app_id_taken', `SDKAppID ${sdkAppId} is already registered`),
};
