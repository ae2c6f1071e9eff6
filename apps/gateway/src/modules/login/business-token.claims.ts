// The claims of a business token whose signature has been verified: who (sub), for whom (aud),
// for how long (iat/exp, at most 10 minutes), and whether its tenant may sign in at all.
import {
  BUSINESS_TOKEN_CLOCK_TOLERANCE_SECONDS,
  BUSINESS_TOKEN_MAX_LIFETIME_SECONDS,
  businessTokenClaimsSchema,
  DEFAULT_TOKEN_AUDIENCE,
} from '@seatgate/contracts';
import type { BusinessActor } from '../../common/context/business-context';
import { denial, type BusinessAuthSubject } from './business-auth.errors';
import type { ResolvedBusinessKey } from './business-key.resolver';

const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

export function businessActorFromClaims(
  payload: unknown,
  resolved: ResolvedBusinessKey,
  nowSeconds: number,
): BusinessActor {
  let subject: BusinessAuthSubject = {
    kid: resolved.kid,
    tenantId: resolved.tenant.id,
    keyId: resolved.keyId,
    businessUserId: null,
  };
  if (!payload || typeof payload !== 'object' || Array.isArray(payload))
    throw denial('token_malformed', "the token's payload is not a JSON object", subject);
  const claims = payload as Record<string, unknown>;
  const parsed = businessTokenClaimsSchema.safeParse(claims);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw denial(
      'token_malformed',
      `the token's claims are invalid: ${issue?.path.join('.')}: ${issue?.message}`,
      subject,
    );
  }
  subject = { ...subject, businessUserId: parsed.data.sub };

  const audience = resolved.settings.tokenAudience ?? DEFAULT_TOKEN_AUDIENCE;
  const aud = claims.aud;
  if (!(aud === audience || (Array.isArray(aud) && aud.includes(audience))))
    throw denial('wrong_audience', `the token's audience (aud) must be "${audience}"`, subject);

  const { iat, exp } = claims;
  if (!isTime(iat) || !isTime(exp))
    throw denial('token_lifetime_too_long', 'the token must carry iat and exp', subject);
  if (exp - iat > BUSINESS_TOKEN_MAX_LIFETIME_SECONDS)
    throw denial(
      'token_lifetime_too_long',
      `the token may live at most ${BUSINESS_TOKEN_MAX_LIFETIME_SECONDS} s (exp - iat)`,
      subject,
    );
  // an iat in the future would stretch the lifetime past the limit
  if (iat > nowSeconds + BUSINESS_TOKEN_CLOCK_TOLERANCE_SECONDS)
    throw denial('token_not_yet_valid', 'the token was issued in the future (iat)', subject);

  if (resolved.tenant.status === 'suspended')
    throw denial('tenant_suspended', "the token's tenant is suspended", subject);

  return {
    type: 'business_user',
    tenantId: resolved.tenant.id,
    businessUserId: parsed.data.sub,
    kid: resolved.kid,
    keyId: resolved.keyId,
    sdkAppId: parsed.data.sdkAppId ?? null,
    tokenId: parsed.data.jti ?? null,
  };
}
