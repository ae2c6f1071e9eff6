// Admin accounts: platform admins manage them; every change is audited on the platform chain.
import { Injectable } from '@nestjs/common';
import type {
  AdminRole,
  AdminUserCreate,
  AdminUserUpdate,
  AdminUserView,
  Page,
  PageQuery,
} from '@seatgate/contracts';
import { adminEvent, auditActor } from '../../common/context/audit-actor';
import type { RequestContext, RequestMeta } from '../../common/context/request-context';
import { assertPlatformAdmin } from '../../common/context/tenant-access';
import { UnitOfWork } from '../../database/unit-of-work';
import { AuditService } from '../audit/audit.service';
import type { AuditActor } from '../audit/audit.types';
import { TenantDirectory } from '../tenants/tenant-directory';
import { TenantsService } from '../tenants/tenants.service';
import { hashPassword } from './password';
import { userErrors } from './users.errors';
import { UsersRepository, type AdminUserRecord } from './users.repository';

/** `names`: tenant names by id (TenantDirectory.namesOf), one lookup for a whole page of admins. */
export function toUserView(user: AdminUserRecord, names: ReadonlyMap<string, string>): AdminUserView {
  const tenantIds = user.tenants.map((link) => link.tenantId);
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    tenantIds,
    tenants: tenantIds.map((id) => ({ id, name: names.get(id) ?? null })),
    allTenants: hasAllTenants(user),
    disabled: user.disabled,
    passwordChangeRequired: user.mustChangePassword,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
  };
}

/** Every tenant: a platform admin by its role, an auditor only by the explicit flag. */
export function hasAllTenants(user: Pick<AdminUserRecord, 'role' | 'allTenants'>): boolean {
  return user.role === 'platform_admin' || (user.role === 'auditor' && user.allTenants);
}

interface Scope {
  role: AdminRole;
  allTenants: boolean;
  tenantIds: string[];
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((id) => b.includes(id));

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
    private readonly uow: UnitOfWork,
    private readonly tenants: TenantsService,
    private readonly tenantNames: TenantDirectory,
  ) {}

  async list(ctx: RequestContext, query: PageQuery & { q?: string }): Promise<Page<AdminUserView>> {
    assertPlatformAdmin(ctx);
    const [items, total] = await this.users.list(query.q, (query.page - 1) * query.pageSize, query.pageSize);
    return { items: await this.views(items), total, page: query.page, pageSize: query.pageSize };
  }

  async get(ctx: RequestContext, id: string): Promise<AdminUserView> {
    assertPlatformAdmin(ctx);
    return this.view(await this.require(id));
  }

  /** Views of these admins with their tenants' names, read in one query. */
  private async views(users: AdminUserRecord[]): Promise<AdminUserView[]> {
    const names = await this.tenantNames.namesOf(
      users.flatMap((user) => user.tenants.map((link) => link.tenantId)),
    );
    return users.map((user) => toUserView(user, names));
  }

  private async view(user: AdminUserRecord): Promise<AdminUserView> {
    return toUserView(user, await this.tenantNames.namesOf(user.tenants.map((link) => link.tenantId)));
  }

  private async require(id: string): Promise<AdminUserRecord> {
    const user = await this.users.findById(id);
    if (!user) throw userErrors.notFound();
    return user;
  }

  /** Refuses a scope that does not say plainly what the admin reaches. */
  private async checkScope({ role, allTenants, tenantIds }: Scope): Promise<void> {
    if (role === 'platform_admin' && (tenantIds.length > 0 || !allTenants)) {
      throw userErrors.badScope(
        'tenantIds',
        'scope_platform_admin_tenants',
        'platform admins manage every tenant; leave tenantIds empty',
      );
    }
    if (role === 'tenant_admin' && allTenants) {
      throw userErrors.badScope(
        'allTenants',
        'scope_platform_wide_role',
        'only auditors can be platform-wide',
      );
    }
    if (role === 'tenant_admin' && tenantIds.length === 0) {
      throw userErrors.badScope(
        'tenantIds',
        'scope_tenant_admin_needs_tenant',
        'a tenant admin needs at least one tenant',
      );
    }
    if (role === 'auditor' && allTenants && tenantIds.length > 0) {
      throw userErrors.badScope(
        'tenantIds',
        'scope_platform_wide_auditor_tenants',
        'a platform-wide auditor reads every tenant; leave tenantIds empty',
      );
    }
    const unique = [...new Set(tenantIds)];
    const existing = await this.tenants.existingIds(unique);
    const missing = unique.filter((id) => !existing.includes(id));
    if (missing.length > 0) throw userErrors.unknownTenants(missing);
  }

  async create(ctx: RequestContext, input: AdminUserCreate): Promise<AdminUserView> {
    assertPlatformAdmin(ctx);
    return this.createAccount(auditActor(ctx), ctx, input);
  }

  /** Also used by the bootstrap at start and by the CLI. */
  async createAccount(actor: AuditActor, meta: RequestMeta, input: AdminUserCreate): Promise<AdminUserView> {
    await this.checkScope(createScope(input));
    const passwordHash = await hashPassword(input.password);
    // a password another admin chose is known to two people: its holder replaces it first (the
    // bootstrap admin and the CLI's accounts are set up by their own holder)
    const mustChangePassword = actor.type === 'admin';
    const user = await this.uow.run(async () => {
      const created = await this.users.create({
        ...createScope(input),
        email: input.email,
        passwordHash,
        mustChangePassword,
      });
      await this.audit.append({
        tenantId: null,
        actor,
        action: 'admin_user.created',
        target: { type: 'admin_user', id: created.id },
        meta,
        details: {
          email: created.email,
          role: created.role,
          allTenants: created.allTenants,
          tenantIds: input.tenantIds,
          password: 'changed',
          passwordChangeRequired: mustChangePassword,
        },
      });
      return created;
    });
    return this.view(user);
  }

  async update(ctx: RequestContext, id: string, input: AdminUserUpdate): Promise<AdminUserView> {
    assertPlatformAdmin(ctx);
    const current = await this.require(id);
    const before: Scope = {
      role: current.role,
      allTenants: hasAllTenants(current),
      tenantIds: current.tenants.map((link) => link.tenantId),
    };
    const after = updatedScope(before, input);
    await this.checkScope(after);
    if (id === ctx.actor.id && (input.disabled === true || after.role !== 'platform_admin')) {
      throw userErrors.ownAccount('disable or demote');
    }
    const tenantsChanged = !sameSet(before.tenantIds, after.tenantIds);
    // Any change to how this admin signs in or what it may reach ends all its sessions; it signs
    // in again under the new terms.
    const endSessions =
      input.password !== undefined ||
      (input.disabled !== undefined && input.disabled !== current.disabled) ||
      after.role !== before.role ||
      after.allTenants !== before.allTenants ||
      tenantsChanged;
    const passwordHash = input.password ? await hashPassword(input.password) : undefined;
    // a reset by another admin is that admin's choice: its holder replaces it at the next sign-in
    const mustChangePassword = input.password === undefined ? undefined : id !== ctx.actor.id;
    const user = await this.uow.run(async () => {
      const updated = await this.users.update(id, {
        passwordHash,
        role: input.role,
        allTenants: after.allTenants,
        tenantIds: tenantsChanged ? after.tenantIds : undefined,
        disabled: input.disabled,
        mustChangePassword,
        endSessions,
      });
      await this.audit.append(
        adminEvent(ctx, {
          tenantId: null,
          action: 'admin_user.updated',
          target: { type: 'admin_user', id },
          details: {
            ...input,
            password: input.password ? 'changed' : undefined,
            passwordChangeRequired: mustChangePassword,
            sessionsEnded: endSessions,
          },
        }),
      );
      return updated;
    });
    return this.view(user);
  }

  async delete(ctx: RequestContext, id: string): Promise<void> {
    assertPlatformAdmin(ctx);
    if (id === ctx.actor.id) throw userErrors.ownAccount('delete');
    const current = await this.require(id);
    await this.uow.run(async () => {
      await this.users.delete(id);
      await this.audit.append(
        adminEvent(ctx, {
          tenantId: null,
          action: 'admin_user.deleted',
          target: { type: 'admin_user', id },
          details: { email: current.email },
        }),
      );
    });
  }
}

function createScope(input: AdminUserCreate): Scope {
  return {
    role: input.role,
    allTenants: input.role === 'platform_admin' ? input.allTenants !== false : input.allTenants === true,
    tenantIds: [...new Set(input.tenantIds)],
  };
}

/**
 * The scope after a change. Access is never widened by implication: a new role starts without
 * platform-wide access unless it is a platform admin or `allTenants` says so; becoming
 * platform-wide (or a platform admin) drops the tenant list unless one is given (then refused).
 */
function updatedScope(before: Scope, input: AdminUserUpdate): Scope {
  const role = input.role ?? before.role;
  const allTenants =
    input.allTenants ?? (role === 'platform_admin' ? true : role === before.role ? before.allTenants : false);
  const tenantIds = input.tenantIds ? [...new Set(input.tenantIds)] : allTenants ? [] : before.tenantIds;
  return { role, allTenants, tenantIds };
}
