// SCIM from the tenant's identity provider (see @seatgate/contracts scim.ts).
export { SCIM_NAME_SOURCES, SCIM_SEAT_ID_SOURCES } from '@seatgate/contracts';
export type {
  ScimSettings,
  ScimStatusView,
  ScimTokenCreate,
  ScimTokenCreated,
  ScimTokenList,
  ScimTokenView,
} from '@seatgate/contracts';
