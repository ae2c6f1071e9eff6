// The signing_keys table (a tenant's business-token keys and the JWKS copies), which only the keys
// module queries: the admin API, the login slice's key resolver (through SigningKeyLookup) and the
// HS256 pass of master-key rotation. Writes join the caller's unit of work; a kid clash is a domain
// error.
import { Injectable } from '@nestjs/common';
import type {
  Prisma,
  SigningKey as SigningKeyRow,
  SigningKeyType,
  Tenant,
} from '../../generated/prisma/client';
import { translateViolations } from '../../prisma/constraint-violation';
import { Database } from '../../prisma/database';
import type { JwksDocument } from './key-material';
import { keyErrors } from './keys.errors';

/** A signing key as stored (an HS256 secret only as its envelope). */
export type SigningKey = SigningKeyRow;

export type SigningKeyWithTenant = SigningKey & { tenant: Tenant };

export interface SigningKeyCreateData {
  id: string;
  tenantId: string;
  kid: string;
  type: SigningKeyType;
  label: string | null;
  secretEnc?: string;
  publicKeyPem?: string;
  jwksUrl?: string;
  jwksCache?: JwksDocument;
  jwksFetchedAt?: Date;
}

/** An HS256 key's secret envelope, as stored. */
export interface HmacSecretEnvelope {
  id: string;
  tenantId: string;
  secretEnc: string;
}

const withSecret = (rows: Pick<SigningKey, 'id' | 'tenantId' | 'secretEnc'>[]): HmacSecretEnvelope[] =>
  rows.flatMap(({ id, tenantId, secretEnc }) => (secretEnc === null ? [] : [{ id, tenantId, secretEnc }]));

const publishes = (kid: string): Prisma.SigningKeyWhereInput => ({
  jwksCache: { path: ['keys'], array_contains: [{ kid }] },
});

@Injectable()
export class KeysRepository {
  constructor(private readonly db: Database) {}

  async list(tenantId: string, skip: number, take: number): Promise<[SigningKey[], number]> {
    return Promise.all([
      this.db.client.signingKey.findMany({
        where: { tenantId },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        skip,
        take,
      }),
      this.db.client.signingKey.count({ where: { tenantId } }),
    ]);
  }

  find(tenantId: string, kid: string): Promise<SigningKey | null> {
    return this.db.client.signingKey.findFirst({ where: { kid, tenantId } });
  }

  create(data: SigningKeyCreateData): Promise<SigningKey> {
    const { jwksCache, ...rest } = data;
    return translateViolations(
      () =>
        this.db.client.signingKey.create({
          data: {
            ...rest,
            ...(jwksCache ? { jwksCache: jwksCache as unknown as Prisma.InputJsonValue } : {}),
          },
        }),
      (violation) =>
        violation.kind === 'unique' && violation.constraint === 'signing_keys_kid_key'
          ? keyErrors.kidClash()
          : null,
    );
  }

  /** Revokes once: false when it was revoked already. An HMAC secret is destroyed with it. */
  async revoke(tenantId: string, kid: string, at: Date): Promise<boolean> {
    const result = await this.db.client.signingKey.updateMany({
      where: { kid, tenantId, revokedAt: null },
      data: { revokedAt: at, secretEnc: null },
    });
    return result.count === 1;
  }

  /** Other tenants' active JWKS keys that publish one of these kids. */
  jwksPublishingElsewhere(tenantId: string, kids: string[]): Promise<SigningKey[]> {
    return this.db.client.signingKey.findMany({
      where: { type: 'jwks', tenantId: { not: tenantId }, revokedAt: null, OR: kids.map(publishes) },
    });
  }

  // Verifying a business token works across tenants by design: the token's kid is what names its
  // tenant. These reads run on every token, so nothing about keys is cached between requests.

  countActive(tenantId: string): Promise<number> {
    return this.db.client.signingKey.count({ where: { tenantId, revokedAt: null } });
  }

  findByKid(kid: string): Promise<SigningKeyWithTenant | null> {
    return this.db.client.signingKey.findUnique({ where: { kid }, include: { tenant: true } });
  }

  /** JWKS keys whose last fetched copy publishes this kid, newest first. */
  findJwksPublishing(kid: string): Promise<SigningKeyWithTenant[]> {
    return this.db.client.signingKey.findMany({
      where: { type: 'jwks', ...publishes(kid) },
      include: { tenant: true },
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    });
  }

  /** Active JWKS keys last fetched before `staleBefore`, oldest first. */
  staleJwksKeys(staleBefore: Date, take: number): Promise<Pick<SigningKey, 'id' | 'tenantId' | 'jwksUrl'>[]> {
    return this.db.client.signingKey.findMany({
      where: {
        type: 'jwks',
        revokedAt: null,
        OR: [{ jwksFetchedAt: null }, { jwksFetchedAt: { lt: staleBefore } }],
      },
      orderBy: { jwksFetchedAt: 'asc' },
      select: { id: true, tenantId: true, jwksUrl: true },
      take,
    });
  }

  /**
   * Claims the next refresh of one JWKS key: true for exactly one caller among all gateway
   * processes per interval (the fetch time moves forward whether the fetch then succeeds or not).
   */
  async claimJwksRefresh(id: string, staleBefore: Date, now: Date): Promise<boolean> {
    const result = await this.db.client.signingKey.updateMany({
      where: {
        id,
        revokedAt: null,
        OR: [{ jwksFetchedAt: null }, { jwksFetchedAt: { lt: staleBefore } }],
      },
      data: { jwksFetchedAt: now },
    });
    return result.count === 1;
  }

  async saveJwksCache(id: string, cache: JwksDocument): Promise<void> {
    await this.db.client.signingKey.updateMany({
      where: { id, revokedAt: null },
      data: { jwksCache: cache as unknown as Prisma.InputJsonValue },
    });
  }

  // Master-key rotation (modules/master-keys) works across tenants by design: it is a platform
  // operation. Only keys that still hold a secret (active HS256 keys) are read.

  hmacSecretsBatch(afterId: string | null, take: number): Promise<HmacSecretEnvelope[]> {
    return this.db.client.signingKey
      .findMany({
        where: { secretEnc: { not: null }, ...(afterId ? { id: { gt: afterId } } : {}) },
        orderBy: { id: 'asc' },
        take,
        select: { id: true, tenantId: true, secretEnc: true },
      })
      .then(withSecret);
  }

  /** The key's secret envelope as it is now; null once the key is gone or revoked. */
  async findHmacSecret(id: string): Promise<HmacSecretEnvelope | null> {
    const row = await this.db.client.signingKey.findUnique({
      where: { id },
      select: { id: true, tenantId: true, secretEnc: true },
    });
    return withSecret(row ? [row] : [])[0] ?? null;
  }

  /** Replaces the envelope only if it is still the one read (not revoked meanwhile). */
  async replaceHmacSecret(key: HmacSecretEnvelope, secretEnc: string): Promise<boolean> {
    const result = await this.db.client.signingKey.updateMany({
      where: { id: key.id, secretEnc: key.secretEnc },
      data: { secretEnc },
    });
    return result.count === 1;
  }
}
