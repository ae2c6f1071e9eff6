// The tccc_apps table (a tenant's TCCC apps and their credential envelopes), which only the apps
// module queries; other modules read apps through AppDirectory. Writes join the caller's unit of
// work; a registered SDKAppID is a domain error.
import { Injectable } from '@nestjs/common';
import type {
  AppCheckOutcome,
  AppKind,
  AppStatus,
  Prisma,
  TcccApp as TcccAppRow,
} from '../../generated/prisma/client';
import { translateViolations } from '../../prisma/constraint-violation';
import { Database } from '../../prisma/database';
import { appErrors } from './apps.errors';

/** A TCCC app as stored (credentials as envelopes only). */
export type TcccApp = TcccAppRow;

/** An app's two credential envelopes, as stored. */
export type CredentialEnvelopes = Pick<TcccApp, 'id' | 'tenantId' | 'secretIdEnc' | 'secretKeyEnc'>;

/** The last check of an app's credentials against TCCC, as stored on the app. */
export interface StoredCheck {
  lastCheckOutcome: AppCheckOutcome;
  lastCheckAt: Date;
  lastCheckCode: string | null;
  lastCheckUpstreamCode: string | null;
}

export interface EncryptedCredentials {
  secretIdEnc: string;
  secretKeyEnc: string;
  secretIdMasked: string;
  credentialsUpdatedAt: Date;
}

@Injectable()
export class AppsRepository {
  constructor(private readonly db: Database) {}

  async list(tenantId: string, skip: number, take: number): Promise<[TcccApp[], number]> {
    return Promise.all([
      this.db.client.tcccApp.findMany({
        where: { tenantId },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        skip,
        take,
      }),
      this.db.client.tcccApp.count({ where: { tenantId } }),
    ]);
  }

  find(tenantId: string, appId: string): Promise<TcccApp | null> {
    return this.db.client.tcccApp.findFirst({ where: { id: appId, tenantId } });
  }

  findBySdkAppId(tenantId: string, sdkAppId: number): Promise<TcccApp | null> {
    return this.db.client.tcccApp.findFirst({ where: { sdkAppId: BigInt(sdkAppId), tenantId } });
  }

  listBySdkAppIds(tenantId: string, sdkAppIds: number[]): Promise<TcccApp[]> {
    return this.db.client.tcccApp.findMany({
      where: { tenantId, sdkAppId: { in: sdkAppIds.map((id) => BigInt(id)) } },
    });
  }

  create(
    data: {
      id: string;
      tenantId: string;
      sdkAppId: number;
      label: string;
      kind: AppKind;
      region: string | null;
    } & EncryptedCredentials &
      StoredCheck,
  ): Promise<TcccApp> {
    return translateViolations(
      () => this.db.client.tcccApp.create({ data: { ...data, sdkAppId: BigInt(data.sdkAppId) } }),
      (violation) =>
        violation.kind === 'unique' && violation.constraint === 'tccc_apps_sdk_app_id_key'
          ? appErrors.sdkAppIdTaken(data.sdkAppId)
          : null,
    );
  }

  update(
    tenantId: string,
    appId: string,
    data:
      | { label?: string; kind?: AppKind; region?: string | null; status?: AppStatus }
      | (EncryptedCredentials & StoredCheck),
  ): Promise<TcccApp> {
    return this.db.client.tcccApp.update({ where: { id: appId, tenantId }, data });
  }

  /**
   * Keeps a connection test's outcome on the app, unless the credentials it tested were rotated
   * meanwhile (or the app is gone): a stale answer must not overwrite a newer check.
   */
  async recordCheck(
    tenantId: string,
    appId: string,
    testedCredentialsAt: Date,
    check: StoredCheck,
  ): Promise<void> {
    await this.db.client.tcccApp.updateMany({
      where: { id: appId, tenantId, credentialsUpdatedAt: testedCredentialsAt },
      data: check,
    });
  }

  async delete(tenantId: string, appId: string): Promise<void> {
    await this.db.client.tcccApp.delete({ where: { id: appId, tenantId } });
  }

  /** The tenant's apps, oldest first (a tenant has a handful). */
  listAll(tenantId: string): Promise<TcccApp[]> {
    return this.db.client.tcccApp.findMany({
      where: { tenantId },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
  }

  countOfTenant(tenantId: string): Promise<number> {
    return this.db.client.tcccApp.count({ where: { tenantId } });
  }

  // Master-key rotation (modules/master-keys) works across tenants by design: it is a platform
  // operation. These reads return the envelopes only, never anything decrypted.

  allCredentialsBatch(afterId: string | null, take: number): Promise<CredentialEnvelopes[]> {
    return this.db.client.tcccApp.findMany({
      where: afterId ? { id: { gt: afterId } } : {},
      orderBy: { id: 'asc' },
      take,
      select: { id: true, tenantId: true, secretIdEnc: true, secretKeyEnc: true },
    });
  }

  findEnvelopes(id: string): Promise<CredentialEnvelopes | null> {
    return this.db.client.tcccApp.findUnique({
      where: { id },
      select: { id: true, tenantId: true, secretIdEnc: true, secretKeyEnc: true },
    });
  }

  /** Replaces the envelopes only if nobody rotated the credentials meanwhile. */
  async replaceEnvelopes(
    app: CredentialEnvelopes,
    next: Pick<CredentialEnvelopes, 'secretIdEnc' | 'secretKeyEnc'>,
  ): Promise<boolean> {
    const where: Prisma.TcccAppWhereInput = {
      id: app.id,
      secretIdEnc: app.secretIdEnc,
      secretKeyEnc: app.secretKeyEnc,
    };
    const result = await this.db.client.tcccApp.updateMany({ where, data: next });
    return result.count === 1;
  }
}
