// Unit specs of the claims check of a verified business token.
import {
  BUSINESS_TOKEN_CLOCK_TOLERANCE_SECONDS,
  BUSINESS_TOKEN_MAX_LIFETIME_SECONDS,
} from '@seatgate/contracts';
import fc from 'fast-check';
import { createSecretKey } from 'node:crypto';
import { DomainError } from '../../common/errors/domain.error';
import { tenantSettings } from '../tenants/tenant-settings';
import { BusinessAuthDenied, type BusinessAuthSubject } from './business-auth.errors';
import type { ResolvedBusinessKey } from './business-key.resolver';
import { businessActorFromClaims } from './business-token.claims';

const NOW = 1_900_000_000;

function resolvedKey(tenant: Partial<ResolvedBusinessKey['tenant']> = {}): ResolvedBusinessKey {
  const row = {
    id: 'tenant-a',
    slug: 'acme',
    name: 'Acme',
    status: 'active',
    settings: {},
    createdAt: new Date(0),
    updatedAt: new Date(0),
    ...tenant,
  } as ResolvedBusinessKey['tenant'];
  return {
    keyId: 'key-row-1',
    kid: 'sg_kid',
    algorithm: 'HS256',
    key: createSecretKey(Buffer.from('a'.repeat(32))),
    tenant: row,
    settings: tenantSettings(row),
  };
}

/** What a refusal says it knew of the caller (for its audit), or null when the claims pass. */
function subjectOf(payload: unknown, key = resolvedKey()): BusinessAuthSubject | null {
  try {
    businessActorFromClaims(payload, key, NOW);
    return null;
  } catch (error) {
    if (error instanceof BusinessAuthDenied) return error.subject;
    throw error;
  }
}

const claims = (overrides: Record<string, unknown> = {}) => ({
  sub: 'crm-user-7',
  aud: 'seatgate',
  iat: NOW - 10,
  exp: NOW + 290,
  ...overrides,
});

/** The denial code, or 'accepted'. */
function verdict(payload: unknown, key = resolvedKey()): string {
  try {
    businessActorFromClaims(payload, key, NOW);
    return 'accepted';
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

describe('business token claims', () => {
  it('names the business user, its tenant, key and optional sdkAppId and jti', () => {
    const actor = businessActorFromClaims(claims({ sdkAppId: 1400000001, jti: 't-1' }), resolvedKey(), NOW);
    expect(actor).toEqual({
      type: 'business_user',
      tenantId: 'tenant-a',
      businessUserId: 'crm-user-7',
      kid: 'sg_kid',
      keyId: 'key-row-1',
      sdkAppId: 1400000001,
      tokenId: 't-1',
    });
    expect(businessActorFromClaims(claims(), resolvedKey(), NOW)).toMatchObject({
      sdkAppId: null,
      tokenId: null,
    });
  });

  it.each([null, 'a string', 42, [claims()]])(
    'a payload %j that is not a JSON object is token_malformed',
    (payload) => {
      expect(verdict(payload)).toBe('token_malformed');
    },
  );

  it.each([
    ['no sub', { sub: undefined }],
    ['an empty sub', { sub: '' }],
    ['a sub that begins like a formula', { sub: '=cmd' }],
    ['a sub of 129 characters', { sub: 'u'.repeat(129) }],
    ['a sdkAppId that is not a positive integer', { sdkAppId: 0 }],
    ['an empty jti', { jti: '' }],
  ])('%s is token_malformed, and no business user is recorded', (_name, overrides) => {
    expect(verdict(claims(overrides))).toBe('token_malformed');
    expect(subjectOf(claims(overrides))).toEqual({
      kid: 'sg_kid',
      tenantId: 'tenant-a',
      keyId: 'key-row-1',
      businessUserId: null,
    });
  });

  it('the audience is "seatgate" unless the tenant sets its own; a list of audiences may carry it', () => {
    expect(verdict(claims({ aud: 'seatgate' }))).toBe('accepted');
    expect(verdict(claims({ aud: ['other', 'seatgate'] }))).toBe('accepted');
    expect(verdict(claims({ aud: undefined }))).toBe('wrong_audience');
    expect(verdict(claims({ aud: 'Seatgate' }))).toBe('wrong_audience');
    const own = resolvedKey({ settings: { tokenAudience: 'acme-crm' } });
    expect(verdict(claims({ aud: 'acme-crm' }), own)).toBe('accepted');
    expect(verdict(claims({ aud: 'seatgate' }), own)).toBe('wrong_audience');
    // the sub is known by then: the refusal is audited for that user
    expect(verdict(claims({ aud: 'x' }), own)).toBe('wrong_audience');
    expect(subjectOf(claims({ aud: 'x' }), own)?.businessUserId).toBe('crm-user-7');
  });

  it('a token must carry numeric iat and exp', () => {
    expect(verdict(claims({ iat: undefined }))).toBe('token_lifetime_too_long');
    expect(verdict(claims({ exp: String(NOW + 60) }))).toBe('token_lifetime_too_long');
    expect(verdict(claims({ exp: Number.POSITIVE_INFINITY }))).toBe('token_lifetime_too_long');
  });

  it('lives at most 600 s and may be issued at most 30 s in the future (the boundaries)', () => {
    expect(BUSINESS_TOKEN_MAX_LIFETIME_SECONDS).toBe(600);
    expect(verdict(claims({ iat: NOW, exp: NOW + 600 }))).toBe('accepted');
    expect(verdict(claims({ iat: NOW, exp: NOW + 601 }))).toBe('token_lifetime_too_long');
    expect(verdict(claims({ iat: NOW + 30, exp: NOW + 60 }))).toBe('accepted');
    expect(verdict(claims({ iat: NOW + 31, exp: NOW + 60 }))).toBe('token_not_yet_valid');
  });

  it('for any iat and exp: accepted exactly when exp - iat ≤ 600 and iat ≤ now + 30', () => {
    const time = fc.oneof(
      fc.integer({ min: NOW - 2_000, max: NOW + 2_000 }),
      fc.double({ min: NOW - 2_000, max: NOW + 2_000, noNaN: true }),
    );
    fc.assert(
      fc.property(time, time, (iat, exp) => {
        const expected =
          exp - iat > BUSINESS_TOKEN_MAX_LIFETIME_SECONDS
            ? 'token_lifetime_too_long'
            : iat > NOW + BUSINESS_TOKEN_CLOCK_TOLERANCE_SECONDS
              ? 'token_not_yet_valid'
              : 'accepted';
        expect(verdict(claims({ iat, exp }))).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('a suspended tenant refuses every otherwise valid token, and only those', () => {
    const suspended = resolvedKey({ status: 'suspended' });
    expect(verdict(claims(), suspended)).toBe('tenant_suspended');
    // a bad token is refused for what is wrong with it, before the tenant's state is told
    expect(verdict(claims({ aud: 'x' }), suspended)).toBe('wrong_audience');
  });
});
