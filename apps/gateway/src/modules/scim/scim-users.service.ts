// SCIM Users (RFC 7644 §3): each is a business user of the tenant (userName), with a seat in the
// tenant's SCIM app while active. Creating an active user provisions its seat through the seat
// lifecycle (CreateStaff with the tenant's defaults, or adopting a seat that exists); changes to
// its name and phone reach a provisioned seat (ModifyStaff); `active: false` and DELETE offboard
// it with the offboarding job. The identity provider's representation is kept as it sent it.
import { Injectable } from '@nestjs/common';
import type { Filter } from 'scim2-parse-filter';
import { scimPatch, ScimError as PatchError, type ScimPatchOperation } from 'scim-patch';
import { isDomainError } from '../../common/errors/domain.error';
import { AppDirectory, type TcccApp } from '../apps/app-directory';
import { SeatLifecycleService, type LifecycleCaller } from '../seats/seat-lifecycle.service';
import { scimActor, type ScimContext } from './scim-context';
import { MAX_PAGE_SIZE } from './scim-discovery';
import { matches, parseFilter, userNameEquals } from './scim-filter';
import {
  ENTERPRISE_USER_SCHEMA,
  LIST_SCHEMA,
  PATCH_SCHEMA,
  readUser,
  USER_SCHEMA,
  type UserAttributes,
} from './scim-user';
import { scimErrors } from './scim.errors';
import { ScimRepository, ScimUserNameTaken, type ScimUserRecord } from './scim.repository';

/** A filter the index cannot answer is evaluated over at most this many users. */
const FILTER_SCAN_LIMIT = 20_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ListQuery {
  filter?: string;
  startIndex?: string;
  count?: string;
}

export function paging(query: ListQuery): { startIndex: number; count: number } {
  const number = (value: string | undefined, fallback: number) => {
    if (value === undefined || value === '') return fallback;
    if (!/^-?\d{1,9}$/.test(value.trim())) throw scimErrors.invalidValue('startIndex and count are integers');
    return Number(value);
  };
  // RFC 7644 §3.4.2.4: startIndex below 1 is 1; a negative count is 0
  const startIndex = Math.max(1, number(query.startIndex, 1));
  const count = Math.min(MAX_PAGE_SIZE, Math.max(0, number(query.count, 100)));
  return { startIndex, count };
}

export function listResponse(resources: unknown[], total: number, startIndex: number) {
  return {
    schemas: [LIST_SCHEMA],
    totalResults: total,
    startIndex,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}

/** PATCH operations as scim-patch takes them: `op` in lower case (Entra sends "Replace"). */
export function patchOperations(body: unknown): ScimPatchOperation[] {
  if (!body || typeof body !== 'object') throw scimErrors.invalidSyntax('the body must be a PatchOp');
  const record = body as Record<string, unknown>;
  const key = Object.keys(record).find((name) => name.toLowerCase() === 'operations');
  const operations = key === undefined ? undefined : record[key];
  const schemas = record['schemas'];
  if (Array.isArray(schemas) && !schemas.includes(PATCH_SCHEMA))
    throw scimErrors.invalidSyntax(`a PATCH body names the schema ${PATCH_SCHEMA}`);
  if (!Array.isArray(operations) || operations.length === 0)
    throw scimErrors.invalidSyntax('a PATCH body has a non-empty Operations list');
  if (operations.length > 100) throw scimErrors.tooMany('at most 100 operations per PATCH');
  return operations.map((operation, index) => {
    if (!operation || typeof operation !== 'object')
      throw scimErrors.invalidSyntax(`Operations[${index}] is not an object`);
    const entry = operation as Record<string, unknown>;
    const op = typeof entry['op'] === 'string' ? entry['op'].toLowerCase() : '';
    if (!['add', 'remove', 'replace'].includes(op))
      throw scimErrors.invalidSyntax(`Operations[${index}].op must be add, remove or replace`);
    const path = entry['path'];
    if (path !== undefined && (typeof path !== 'string' || path.length > 500))
      throw scimErrors.invalidPath(`Operations[${index}].path must be a string`);
    return { ...entry, op } as unknown as ScimPatchOperation;
  });
}

@Injectable()
export class ScimUsersService {
  constructor(
    private readonly repository: ScimRepository,
    private readonly lifecycle: SeatLifecycleService,
    private readonly apps: AppDirectory,
  ) {}

  // ---- reads ----------------------------------------------------------------------------------

  async get(ctx: ScimContext, id: string) {
    return this.toScim(ctx, await this.require(ctx, id));
  }

  async list(ctx: ScimContext, query: ListQuery) {
    const { startIndex, count } = paging(query);
    const tenantId = ctx.tenant.id;
    if (!query.filter) {
      const { users, total } = await this.repository.pageOfUsers(tenantId, startIndex - 1, count);
      return listResponse(
        users.map((user) => this.toScim(ctx, user)),
        total,
        startIndex,
      );
    }
    const filter = parseFilter(query.filter);
    const matching = await this.filtered(ctx, filter);
    return listResponse(matching.slice(startIndex - 1, startIndex - 1 + count), matching.length, startIndex);
  }

  private async filtered(ctx: ScimContext, filter: Filter) {
    const userName = userNameEquals(filter);
    if (userName !== null) {
      const user = await this.repository.findUserByName(ctx.tenant.id, userName);
      return user ? [this.toScim(ctx, user)] : [];
    }
    const users = await this.repository.allUsers(ctx.tenant.id, FILTER_SCAN_LIMIT);
    return users.map((user) => this.toScim(ctx, user)).filter((resource) => matches(filter, resource));
  }

  // ---- writes ---------------------------------------------------------------------------------

  async create(ctx: ScimContext, body: unknown) {
    const { resource, attributes } = readUser(body, ctx.settings);
    if (await this.repository.findUserByName(ctx.tenant.id, attributes.userName))
      throw scimErrors.uniqueness(`a user with userName "${attributes.userName}" exists`);
    const seat = attributes.active ? await this.seatFor(ctx, attributes) : null;
    let user: ScimUserRecord;
    try {
      user = await this.repository.createUser(ctx.tenant.id, {
        userName: attributes.userName,
        externalId: attributes.externalId,
        active: attributes.active,
        resource,
        appId: seat?.appId ?? null,
        seatUserId: seat?.seatUserId ?? null,
      });
    } catch (error) {
      if (error instanceof ScimUserNameTaken)
        throw scimErrors.uniqueness(`a user with userName "${attributes.userName}" exists`);
      throw error;
    }
    await this.repository.markChanged(ctx.tenant.id);
    return this.toScim(ctx, user);
  }

  /** PUT: the whole user as sent (Okta sends its updates this way). */
  async replace(ctx: ScimContext, id: string, body: unknown) {
    const current = await this.require(ctx, id);
    return this.apply(ctx, current, readUser(body, ctx.settings));
  }

  /** PATCH: scim-patch applies the operations to the stored representation, which is read again. */
  async patch(ctx: ScimContext, id: string, body: unknown) {
    const current = await this.require(ctx, id);
    const operations = patchOperations(body);
    let patched: Record<string, unknown>;
    try {
      patched = scimPatch(
        {
          ...structuredClone(current.resource),
          schemas: [USER_SCHEMA],
          meta: { created: current.createdAt, lastModified: current.updatedAt },
        },
        operations,
        { mutateDocument: false, treatMissingAsAdd: true },
      ) as unknown as Record<string, unknown>;
    } catch (error) {
      if (error instanceof PatchError) {
        const scimType =
          error.scimCode === 'noTarget'
            ? 'noTarget'
            : error.scimCode === 'invalidPath'
              ? 'invalidPath'
              : error.scimCode === 'invalidValue'
                ? 'invalidValue'
                : 'invalidSyntax';
        throw scimErrors[scimType](error.message);
      }
      throw scimErrors.invalidSyntax('the PATCH operations cannot be applied to this user');
    }
    return this.apply(ctx, current, readUser(patched, ctx.settings));
  }

  async delete(ctx: ScimContext, id: string): Promise<void> {
    const current = await this.require(ctx, id);
    if (current.active) await this.offboard(ctx, current.userName);
    await this.repository.deleteUser(ctx.tenant.id, id);
    await this.repository.markChanged(ctx.tenant.id);
  }

  // ---- the seat behind a user -----------------------------------------------------------------

  private async apply(
    ctx: ScimContext,
    current: ScimUserRecord,
    next: { resource: Record<string, unknown>; attributes: UserAttributes },
  ) {
    const { attributes } = next;
    const renamed = attributes.userName.toLowerCase() !== current.userName.toLowerCase();
    if (renamed && current.active && current.seatUserId)
      throw scimErrors.mutability(
        'userName is the business user id of a user with a seat; deactivate the user before renaming it',
      );
    if (renamed && (await this.repository.findUserByName(ctx.tenant.id, attributes.userName)))
      throw scimErrors.uniqueness(`a user with userName "${attributes.userName}" exists`);
    let seat =
      current.appId && current.seatUserId ? { appId: current.appId, seatUserId: current.seatUserId } : null;
    if (current.active && !attributes.active) {
      await this.offboard(ctx, current.userName);
      seat = null;
    } else if (attributes.active && (!current.active || !seat)) {
      seat = await this.seatFor(ctx, attributes);
    } else if (attributes.active && seat) {
      await this.changeSeat(ctx, current, seat.appId, attributes);
    }
    let updated: ScimUserRecord;
    try {
      updated = await this.repository.updateUser(ctx.tenant.id, current.id, {
        userName: attributes.userName,
        externalId: attributes.externalId,
        active: attributes.active,
        resource: next.resource,
        appId: seat?.appId ?? null,
        seatUserId: seat?.seatUserId ?? null,
      });
    } catch (error) {
      if (error instanceof ScimUserNameTaken)
        throw scimErrors.uniqueness(`a user with userName "${attributes.userName}" exists`);
      throw error;
    }
    await this.repository.markChanged(ctx.tenant.id);
    return this.toScim(ctx, updated);
  }

  /**
   * The seat of an active user in the SCIM app: the mapping the business user has there already,
   * else a new one (provisioned in TCCC unless the tenant said not to).
   */
  private async seatFor(
    ctx: ScimContext,
    attributes: UserAttributes,
  ): Promise<{ appId: string; seatUserId: string }> {
    const app = await this.scimApp(ctx);
    const existing = (await this.lifecycle.mappingsOf(ctx.tenant.id, attributes.userName)).find(
      (mapping) => mapping.appId === app.id,
    );
    // a disabled mapping is one being offboarded (or disabled by an admin): not handed out again
    if (existing?.status === 'disabled') throw scimErrors.seatBusy();
    if (existing) return { appId: app.id, seatUserId: existing.seatUserId };
    const seatUserId =
      ctx.settings.mapping.seatId === 'primaryEmail' && attributes.email ? attributes.email : undefined;
    const created = await this.lifecycle.provisionAs(
      this.caller(ctx),
      ctx.tenant.id,
      app,
      {
        businessUserId: attributes.userName,
        ...(seatUserId ? { seatUserId } : {}),
        ...(attributes.name ? { displayName: attributes.name } : {}),
        ...(attributes.phone ? { phone: attributes.phone } : {}),
      },
      { createInTccc: ctx.settings.provision },
    );
    return { appId: app.id, seatUserId: created.seatUserId };
  }

  /** The user's name and phone to its seat (and to TCCC, when Seatgate created the seat). */
  private async changeSeat(
    ctx: ScimContext,
    current: ScimUserRecord,
    appId: string,
    attributes: UserAttributes,
  ) {
    const mapping = (await this.lifecycle.mappingsOf(ctx.tenant.id, current.userName)).find(
      (candidate) => candidate.appId === appId,
    );
    if (!mapping) return;
    const change = {
      ...(attributes.name && attributes.name !== mapping.displayName ? { displayName: attributes.name } : {}),
      ...(attributes.phone && attributes.phone !== mapping.phone ? { phone: attributes.phone } : {}),
    };
    if (Object.keys(change).length > 0)
      await this.lifecycle.changeAs(this.caller(ctx), ctx.tenant.id, mapping.id, change);
  }

  private async offboard(ctx: ScimContext, businessUserId: string): Promise<void> {
    try {
      await this.lifecycle.offboardAs(this.caller(ctx), ctx.tenant.id, businessUserId, {});
    } catch (error) {
      // no seat left to offboard (offboarded already, or never given one)
      if (!isDomainError(error, 'seat_not_found')) throw error;
    }
  }

  /** The tenant's SCIM app: the one its settings name, else its first enabled app. */
  async scimApp(ctx: ScimContext): Promise<TcccApp> {
    const apps = await this.apps.allOf(ctx.tenant.id);
    const app = ctx.settings.appId
      ? apps.find((candidate) => candidate.id === ctx.settings.appId)
      : apps.find((candidate) => candidate.status === 'enabled');
    if (!app) throw scimErrors.noApp();
    return app;
  }

  private caller(ctx: ScimContext): LifecycleCaller {
    return { actor: scimActor(ctx), meta: ctx };
  }

  private async require(ctx: ScimContext, id: string): Promise<ScimUserRecord> {
    const user = UUID.test(id) ? await this.repository.findUser(ctx.tenant.id, id.toLowerCase()) : null;
    if (!user) throw scimErrors.notFound(`User ${id.slice(0, 80)}`);
    return user;
  }

  toScim(ctx: ScimContext, user: ScimUserRecord): Record<string, unknown> {
    const { resource } = user;
    return {
      schemas: resource[ENTERPRISE_USER_SCHEMA] ? [USER_SCHEMA, ENTERPRISE_USER_SCHEMA] : [USER_SCHEMA],
      ...resource,
      id: user.id,
      userName: user.userName,
      ...(user.externalId ? { externalId: user.externalId } : {}),
      active: user.active,
      meta: {
        resourceType: 'User',
        created: user.createdAt.toISOString(),
        lastModified: user.updatedAt.toISOString(),
        location: `${ctx.base}/Users/${user.id}`,
        version: `W/"${user.version}"`,
      },
    };
  }
}
