// The signing-keys module's refusals (business-token denials live in business-token.errors.ts).
import { domainError } from '../../common/errors/domain.error';

export const keyErrors = {
  notFound: () => domainError('key_not_found', 'signing key not found'),
  /** 96 random bits: a clash is all but impossible, but must not become a 500 */
  kidClash: () => domainError('conflict', 'key id clash; try again'),
  kidsOfOtherTenant: (kids: string[]) =>
    domainError('conflict', `the JWKS publishes key ids another tenant's JWKS already uses`, { kids }),
  invalidPublicKey: (message: string) =>
    domainError('validation_failed', `publicKeyPem: ${message}`, {
      issues: [{ path: 'publicKeyPem', message }],
    }),
};
