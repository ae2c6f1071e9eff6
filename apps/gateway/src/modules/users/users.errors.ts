// The admin-users module's refusals.
import type { IssueCode } from '@seatgate/contracts';
import { domainError } from '../../common/errors/domain.error';

export const userErrors = {
  notFound: () => domainError('user_not_found', 'admin user not found'),
  emailTaken: () => domainError('email_taken', 'an admin with this email already exists'),
  /** a scope that does not say plainly what the admin reaches */
  badScope: (path: 'tenantIds' | 'allTenants', code: IssueCode, message: string) =>
    domainError('validation_failed', `${path}: ${message}`, { issues: [{ path, message, code }] }),
  unknownTenants: (missing: string[]) =>
    domainError('validation_failed', `tenantIds: unknown tenant ${missing[0]}`, {
      issues: [
        {
          path: 'tenantIds',
          message: `unknown tenant ${missing[0]}`,
          code: 'unknown_tenant',
          params: { id: missing[0] ?? '' },
        },
      ],
      missing,
    }),
  ownAccount: (what: 'disable or demote' | 'delete') =>
    domainError('conflict', `you cannot ${what} your own account`),
};
