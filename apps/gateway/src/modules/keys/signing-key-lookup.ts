// What the keys module lets the login slice (modules/login, its BusinessKeyResolver) read and
// refresh in signing_keys: finding the key a business token names and keeping JWKS copies fresh.
// The keys module owns the table; this is its public face for verification, so that no other module
// imports KeysRepository.
import { Injectable } from '@nestjs/common';
import type { JwksDocument } from './key-material';
import { KeysRepository, type SigningKey, type SigningKeyWithTenant } from './keys.repository';

export type { SigningKey, SigningKeyWithTenant } from './keys.repository';

@Injectable()
export class SigningKeyLookup {
  constructor(private readonly keys: KeysRepository) {}

  /** How many keys of the tenant are not revoked (the overview's setup checklist). */
  countActive(tenantId: string): Promise<number> {
    return this.keys.countActive(tenantId);
  }

  /** The key registered under this kid, with its tenant (any tenant: the kid names it). */
  findByKid(kid: string): Promise<SigningKeyWithTenant | null> {
    return this.keys.findByKid(kid);
  }

  /** JWKS keys whose last fetched copy publishes this kid, newest first. */
  findJwksPublishing(kid: string): Promise<SigningKeyWithTenant[]> {
    return this.keys.findJwksPublishing(kid);
  }

  /** Active JWKS keys last fetched before `staleBefore`, oldest first. */
  staleJwksKeys(staleBefore: Date, take: number): Promise<Pick<SigningKey, 'id' | 'tenantId' | 'jwksUrl'>[]> {
    return this.keys.staleJwksKeys(staleBefore, take);
  }

  /** True for exactly one caller among all gateway processes per refresh interval. */
  claimJwksRefresh(id: string, staleBefore: Date, now: Date): Promise<boolean> {
    return this.keys.claimJwksRefresh(id, staleBefore, now);
  }

  saveJwksCache(id: string, cache: JwksDocument): Promise<void> {
    return this.keys.saveJwksCache(id, cache);
  }

  /** Other tenants' active JWKS keys that publish one of these kids. */
  jwksPublishingElsewhere(tenantId: string, kids: string[]): Promise<SigningKey[]> {
    return this.keys.jwksPublishingElsewhere(tenantId, kids);
  }
}
