// The tccc_apps table (a tenant's TCCC apps and their credential envelopes), which only the apps
// module queries; other modules read apps through AppDirectory.
import { Injectable } from '@nestjs/common';
import type { AppKind, AppStatus, Prisma, TcccApp } from '../../generated/prisma/client';
import { PrismaService, type Tx } from '../../prisma/prisma.service';

/** An app's two credential envelopes, as stored. */
export type CredentialEnvelopes = Pick<TcccApp, 'id' | 'tenantId' | 'secretIdEnc' | 'secretKeyEnc'>;

export interface EncryptedCredentials {
  secretIdEnc: string;
  secretKeyEnc: string;
  secretIdMasked: string;
  credentialsUpdatedAt: Date;
}

@Injectable()
export class AppsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async list(tenantId: string, skip: number, take: number): Promise<[TcccApp[], number]> {
    return Promise.all([
      this.prisma.tcccApp.findMany({
        where: { tenantId },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        skip,
        take,
      }),
      this.prisma.tcccApp.count({ where: { tenantId } }),
    ]);
  }

  find(tenantId: string, appId: string, tx: Tx = this.prisma): Promise<TcccApp | null> {
    return tx.tcccApp.findFirst({ where: { id: appId, tenantId } });
  }

  findBySdkAppId(tenantId: string, sdkAppId: number, tx: Tx = this.prisma): Promise<TcccApp | null> {
    return tx.tcccApp.findFirst({ where: { sdkAppId: BigInt(sdkAppId), tenantId } });
  }

  listBySdkAppIds(tenantId: string, sdkAppIds: number[], tx: Tx = this.prisma): Promise<TcccApp[]> {
    return tx.tcccApp.findMany({ where: { tenantId, sdkAppId: { in: sdkAppIds.map((id) => BigInt(id)) } } });
  }

  create(
    tx: Tx,
    data: {
      id: string;
      tenantId: string;
      sdkAppId: number;
      label: string;
      kind: AppKind;
      region: string | null;
    } & EncryptedCredentials,
  ): Promise<TcccApp> {
    return tx.tcccApp.create({ data: { ...data, sdkAppId: BigInt(data.sdkAppId) } });
  }

  update(
    tx: Tx,
    tenantId: string,
    appId: string,
    data:
      { label?: string; kind?: AppKind; region?: string | null; status?: AppStatus } | EncryptedCredentials,
  ): Promise<TcccApp> {
    return tx.tcccApp.update({ where: { id: appId, tenantId }, data });
  }

  async delete(tx: Tx, tenantId: string, appId: string): Promise<void> {
    await tx.tcccApp.delete({ where: { id: appId, tenantId } });
  }

  /** The tenant's apps, oldest first (a tenant has a handful). */
  listAll(tenantId: string): Promise<TcccApp[]> {
    return this.prisma.tcccApp.findMany({
      where: { tenantId },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
  }

  countOfTenant(tenantId: string, tx: Tx = this.prisma): Promise<number> {
    return tx.tcccApp.count({ where: { tenantId } });
  }

  // Master-key rotation (modules/master-keys) works across tenants by design: it is a platform
  // operation. These reads return the envelopes only, never anything decrypted.

  allCredentialsBatch(afterId: string | null, take: number): Promise<CredentialEnvelopes[]> {
    return this.prisma.tcccApp.findMany({
      where: afterId ? { id: { gt: afterId } } : {},
      orderBy: { id: 'asc' },
      take,
      select: { id: true, tenantId: true, secretIdEnc: true, secretKeyEnc: true },
    });
  }

  findEnvelopes(id: string): Promise<CredentialEnvelopes | null> {
    return this.prisma.tcccApp.findUnique({
      where: { id },
      select: { id: true, tenantId: true, secretIdEnc: true, secretKeyEnc: true },
    });
  }

  /** Replaces the envelopes only if nobody rotated the credentials meanwhile. */
  async replaceEnvelopes(
    app: CredentialEnvelopes,
    next: Pick<CredentialEnvelopes, 'secretIdEnc' | 'secretKeyEnc'>,
    tx: Tx = this.prisma,
  ): Promise<boolean> {
    const where: Prisma.TcccAppWhereInput = {
      id: app.id,
      secretIdEnc: app.secretIdEnc,
      secretKeyEnc: app.secretKeyEnc,
    };
    const result = await tx.tcccApp.updateMany({ where, data: next });
    return result.count === 1;
  }
}
