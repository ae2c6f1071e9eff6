// Who a business token says is calling, once BusinessJwtGuard has verified it: a vendor's user of
// one tenant, named by the vendor's own user id.
import type { TenantSettings } from '@seatgate/contracts';
import type { Tenant } from '../../generated/prisma/client';
import type { RequestMeta } from './request-context';

export interface BusinessActor {
  type: 'business_user';
  tenantId: string;
  /** the token's `sub` */
  businessUserId: string;
  /** the kid in the token's header (for JWKS keys, the published kid) */
  kid: string;
  /** the signing key's row id */
  keyId: string;
  /** the token's optional `sdkAppId` claim */
  sdkAppId: number | null;
  /** the token's `jti`, if any */
  tokenId: string | null;
}

export interface BusinessContext extends RequestMeta {
  actor: BusinessActor;
  /** the actor's tenant, as read with the signing key (or cached with it): read once per login */
  tenant: Tenant;
  /** the tenant's settings, parsed once with it */
  settings: TenantSettings;
}
