// Owns scim_tokens (a tenant's SCIM bearer tokens, kept as SHA-256 digests), scim_users (the users
// a tenant's identity provider manages, with the seat each maps to) and scim_state (when the
// provider last called). Every query names its tenant, except the token lookup, which finds it.
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Prisma } from '../../generated/prisma/client';
import { constraintViolation } from '../../prisma/constraint-violation';
import { Database } from '../../prisma/database';

export interface ScimTokenRecord {
  id: string;
  tenantId: string;
  label: string;
  hint: string;
  createdBy: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface ScimUserRecord {
  id: string;
  tenantId: string;
  userName: string;
  externalId: string | null;
  active: boolean;
  resource: Record<string, unknown>;
  appId: string | null;
  seatUserId: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface ScimUserWrite {
  userName: string;
  externalId: string | null;
  active: boolean;
  resource: Record<string, unknown>;
  appId: string | null;
  seatUserId: string | null;
}

/** The userName is another user's in this tenant (scim_users_user_name). */
export class ScimUserNameTaken extends Error {}

const tokenSelect = {
  id: true,
  tenantId: true,
  label: true,
  hint: true,
  createdBy: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

function toUser(row: {
  id: string;
  tenantId: string;
  userName: string;
  externalId: string | null;
  active: boolean;
  resource: Prisma.JsonValue;
  appId: string | null;
  seatUserId: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}): ScimUserRecord {
  const resource =
    row.resource && typeof row.resource === 'object' && !Array.isArray(row.resource)
      ? (row.resource as Record<string, unknown>)
      : {};
  return { ...row, resource };
}

@Injectable()
export class ScimRepository {
  constructor(private readonly db: Database) {}

  // ---- tokens ---------------------------------------------------------------------------------

  createToken(input: {
    tenantId: string;
    label: string;
    tokenHash: string;
    hint: string;
    createdBy: string | null;
  }): Promise<ScimTokenRecord> {
    return this.db.client.scimToken.create({ data: { id: randomUUID(), ...input }, select: tokenSelect });
  }

  tokensOf(tenantId: string): Promise<ScimTokenRecord[]> {
    return this.db.client.scimToken.findMany({
      where: { tenantId },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      select: tokenSelect,
    });
  }

  findToken(tenantId: string, tokenId: string): Promise<ScimTokenRecord | null> {
    return this.db.client.scimToken.findFirst({ where: { id: tokenId, tenantId }, select: tokenSelect });
  }

  /** Revokes a live token; false when it was revoked already. */
  async revokeToken(tenantId: string, tokenId: string): Promise<boolean> {
    const { count } = await this.db.client.scimToken.updateMany({
      where: { id: tokenId, tenantId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    return count === 1;
  }

  countLiveTokens(tenantId: string): Promise<number> {
    return this.db.client.scimToken.count({ where: { tenantId, revokedAt: null } });
  }

  /**
   * The live token with this digest, marked used now, and its tenant's last request: one
   * statement, so a SCIM call's authentication costs one round trip.
   */
  async useToken(tokenHash: string): Promise<ScimTokenRecord | null> {
    const rows = await this.db.client.$queryRaw<
      {
        id: string;
        tenant_id: string;
        label: string;
        hint: string;
        created_by: string | null;
        created_at: Date;
        last_used_at: Date | null;
      }[]
    >`
      WITH used AS (
        UPDATE scim_tokens SET last_used_at = now()
        WHERE token_hash = ${tokenHash} AND revoked_at IS NULL
        RETURNING id, tenant_id, label, hint, created_by, created_at, last_used_at
      ), state AS (
        INSERT INTO scim_state (tenant_id, last_request_at)
        SELECT tenant_id, now() FROM used
        ON CONFLICT (tenant_id) DO UPDATE SET last_request_at = excluded.last_request_at
      )
      SELECT * FROM used`;
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id,
      tenantId: row.tenant_id,
      label: row.label,
      hint: row.hint,
      createdBy: row.created_by,
      createdAt: row.created_at,
      lastUsedAt: row.last_used_at,
      revokedAt: null,
    };
  }

  // ---- state ----------------------------------------------------------------------------------

  async markChanged(tenantId: string): Promise<void> {
    await this.db.client.$executeRaw`
      INSERT INTO scim_state (tenant_id, last_request_at, last_change_at) VALUES (${tenantId}::uuid, now(), now())
      ON CONFLICT (tenant_id) DO UPDATE SET last_change_at = now()`;
  }

  stateOf(tenantId: string): Promise<{ lastRequestAt: Date | null; lastChangeAt: Date | null } | null> {
    return this.db.client.scimState.findUnique({
      where: { tenantId },
      select: { lastRequestAt: true, lastChangeAt: true },
    });
  }

  // ---- users ----------------------------------------------------------------------------------

  async findUser(tenantId: string, id: string): Promise<ScimUserRecord | null> {
    const row = await this.db.client.scimUser.findFirst({ where: { tenantId, id } });
    return row ? toUser(row) : null;
  }

  async findUserByName(tenantId: string, userName: string): Promise<ScimUserRecord | null> {
    const rows = await this.db.client.$queryRaw<{ id: string }[]>`
      SELECT id FROM scim_users WHERE tenant_id = ${tenantId}::uuid AND lower(user_name) = lower(${userName})`;
    return rows[0] ? this.findUser(tenantId, rows[0].id) : null;
  }

  async usersBySeat(tenantId: string, appId: string, seatUserIds: string[]): Promise<ScimUserRecord[]> {
    if (seatUserIds.length === 0) return [];
    const rows = await this.db.client.scimUser.findMany({
      where: { tenantId, appId, seatUserId: { in: seatUserIds.map((id) => id.toLowerCase()) } },
    });
    return rows.map(toUser);
  }

  async usersByIds(tenantId: string, ids: string[]): Promise<ScimUserRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.client.scimUser.findMany({ where: { tenantId, id: { in: ids } } });
    return rows.map(toUser);
  }

  /** Every user of the tenant, oldest first (a filter the index cannot answer; at most `limit`). */
  async allUsers(tenantId: string, limit: number): Promise<ScimUserRecord[]> {
    const rows = await this.db.client.scimUser.findMany({
      where: { tenantId },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: limit,
    });
    return rows.map(toUser);
  }

  /** One page of the tenant's users, oldest first, and their total. */
  async pageOfUsers(
    tenantId: string,
    skip: number,
    take: number,
  ): Promise<{ users: ScimUserRecord[]; total: number }> {
    const [rows, total] = await Promise.all([
      take === 0
        ? Promise.resolve([])
        : this.db.client.scimUser.findMany({
            where: { tenantId },
            orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
            skip,
            take,
          }),
      this.db.client.scimUser.count({ where: { tenantId } }),
    ]);
    return { users: rows.map(toUser), total };
  }

  async countUsers(tenantId: string): Promise<{ total: number; active: number }> {
    const [total, active] = await Promise.all([
      this.db.client.scimUser.count({ where: { tenantId } }),
      this.db.client.scimUser.count({ where: { tenantId, active: true } }),
    ]);
    return { total, active };
  }

  async createUser(tenantId: string, input: ScimUserWrite): Promise<ScimUserRecord> {
    try {
      const row = await this.db.client.scimUser.create({
        data: {
          id: randomUUID(),
          tenantId,
          ...input,
          seatUserId: input.seatUserId?.toLowerCase() ?? null,
          resource: input.resource as Prisma.InputJsonValue,
        },
      });
      return toUser(row);
    } catch (error) {
      if (constraintViolation(error)?.kind === 'unique') throw new ScimUserNameTaken();
      throw error;
    }
  }

  async updateUser(tenantId: string, id: string, input: ScimUserWrite): Promise<ScimUserRecord> {
    try {
      await this.db.client.scimUser.updateMany({
        where: { tenantId, id },
        data: {
          ...input,
          seatUserId: input.seatUserId?.toLowerCase() ?? null,
          resource: input.resource as Prisma.InputJsonValue,
          version: { increment: 1 },
          updatedAt: new Date(),
        },
      });
    } catch (error) {
      if (constraintViolation(error)?.kind === 'unique') throw new ScimUserNameTaken();
      throw error;
    }
    const row = await this.findUser(tenantId, id);
    if (!row) throw new Error('the SCIM user vanished while it was updated');
    return row;
  }

  async deleteUser(tenantId: string, id: string): Promise<boolean> {
    const { count } = await this.db.client.scimUser.deleteMany({ where: { tenantId, id } });
    return count === 1;
  }
}
