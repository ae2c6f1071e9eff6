// The tenants module's refusals. Another tenant's record reads as not found, never as forbidden.
import { domainError } from '../../common/errors/domain.error';

export const tenantErrors = {
  notFound: () => domainError('tenant_not_found', 'tenant not found'),
  slugTaken: (slug: string) => domainError('tenant_slug_taken', `the slug "${slug}" is taken`),
};
