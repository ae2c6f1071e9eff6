// Signing keys verify the business tokens a tenant's backend mints (see @seatgate/contracts keys.ts).
export {
  DEFAULT_TOKEN_AUDIENCE,
  BUSINESS_TOKEN_MAX_LIFETIME_SECONDS,
  SIGNING_KEY_TYPES,
} from '@seatgate/contracts';
export type {
  Page,
  SigningKeyCreate,
  SigningKeyCreated,
  SigningKeyType,
  SigningKeyView,
} from '@seatgate/contracts';

export interface SigningKeyListParams {
  page: number;
  pageSize: number;
}
