// The jobs module's refusals.
import { domainError } from '../../common/errors/domain.error';

export const jobErrors = {
  notFound: () => domainError('not_found', 'job not found'),
};
