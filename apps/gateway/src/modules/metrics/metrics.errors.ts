// The metrics endpoint's refusals on the main port.
import { domainError } from '../../common/errors/domain.error';

export const metricsErrors = {
  /** no token configured, or metrics served on their own port: the route does not exist here */
  noRoute: () => domainError('not_found', 'no such route'),
  tokenInvalid: () =>
    domainError('metrics_token_invalid', 'send the metrics token as "Authorization: Bearer <token>"'),
};
