// The sessions module's refusals.
import { domainError } from '../../common/errors/domain.error';

export const sessionErrors = {
  seatNotFound: () => domainError('seat_not_found', 'seat mapping not found'),
};
