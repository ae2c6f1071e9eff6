// Signing keys: how a tenant's business users prove who they are. A business token is a JWT whose
// header `kid` names one of these keys (and so the tenant); see docs of POST /api/v1/login.
import { z } from 'zod';
import { pageQuery } from './pagination';
import { businessUserIdSchema } from './seats';

export const SIGNING_KEY_TYPES = ['hs256', 'rs256', 'es256', 'jwks'] as const;
export type SigningKeyType = (typeof SIGNING_KEY_TYPES)[number];

/** Seatgate's own key ids: `sg_` and 16 base64url characters. */
export const SEATGATE_KID = /^sg_[A-Za-z0-9_-]{16}$/;

/** A business token may live at most this long (`exp - iat`), in seconds. */
export const BUSINESS_TOKEN_MAX_LIFETIME_SECONDS = 600;
/** Clock skew tolerated on `exp`, `nbf` and `iat`, in seconds. */
export const BUSINESS_TOKEN_CLOCK_TOLERANCE_SECONDS = 30;

const label = z.string().trim().min(1).max(200);

const publicKeyPem = z
  .string()
  .trim()
  .max(16_384)
  .regex(
    /^-----BEGIN (RSA )?PUBLIC KEY-----\r?\n[A-Za-z0-9+/=\r\n]+-----END (RSA )?PUBLIC KEY-----$/,
    'a PEM public key (-----BEGIN PUBLIC KEY-----), never a private key or certificate',
  );

const jwksUrl = z
  .string()
  .trim()
  .max(2048)
  .url()
  .regex(/^https?:\/\//i, 'an http(s) URL');

export const signingKeyCreateSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hs256'), label: label.optional() }).strict(),
  z.object({ type: z.literal('rs256'), publicKeyPem, label: label.optional() }).strict(),
  z.object({ type: z.literal('es256'), publicKeyPem, label: label.optional() }).strict(),
  z.object({ type: z.literal('jwks'), jwksUrl, label: label.optional() }).strict(),
]);
export type SigningKeyCreate = z.infer<typeof signingKeyCreateSchema>;

export const signingKeyListQuery = pageQuery;
export type SigningKeyListQuery = z.infer<typeof signingKeyListQuery>;

export interface SigningKeyView {
  /** the Seatgate key id; tokens name it in their header (JWKS keys: the published kids instead) */
  kid: string;
  tenantId: string;
  type: SigningKeyType;
  label: string | null;
  /** rs256 / es256: `sha256:` + base64url of the DER public key (SPKI) */
  fingerprint: string | null;
  /** jwks only */
  jwksUrl: string | null;
  /** jwks only: the kids published in the last copy fetched */
  jwksKids: string[];
  jwksFetchedAt: string | null;
  createdAt: string;
  revokedAt: string | null;
}

/** POST …/keys answers this; `secret` (hs256 only) is shown here and never again. */
export interface SigningKeyCreated extends SigningKeyView {
  /** hs256: the shared secret; its UTF-8 bytes are the HMAC key */
  secret?: string;
}

/** The claims Seatgate reads from a business token (beyond exp, iat, nbf and aud). */
export const businessTokenClaimsSchema = z.object({
  sub: businessUserIdSchema,
  sdkAppId: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  jti: z.string().min(1).max(256).optional(),
});
export type BusinessTokenClaims = z.infer<typeof businessTokenClaimsSchema>;
