// An app's skill groups in TCCC: list (with each group's member count), create, rename, change the
// concurrency, delete, and bind or unbind seats. Seatgate keeps no copy of them: every call goes to
// TCCC in the upstream quota's background lane, so a login never waits behind them; a list is
// answered from memory for SKILL_GROUP_CACHE_SECONDS and dropped by this process's own writes.
// The admin API checks access and audits here; the SCIM groups call the `…Of(app, …)` methods.
import { Injectable } from '@nestjs/common';
import {
  DEFAULT_SKILL_GROUP_PRIORITY,
  SKILL_GROUP_CACHE_SECONDS,
  type SkillGroupCreate,
  type SkillGroupList,
  type SkillGroupMemberList,
  type SkillGroupMembersAdd,
  type SkillGroupMembersResult,
  type SkillGroupType,
  type SkillGroupUpdate,
  type SkillGroupView,
} from '@seatgate/contracts';
import { adminEvent } from '../../common/context/audit-actor';
import type { RequestContext } from '../../common/context/request-context';
import { AppDirectory, type TcccApp } from '../apps/app-directory';
import { appErrors } from '../apps/apps.errors';
import { AppsService } from '../apps/apps.service';
import { AuditService } from '../audit/audit.service';
import type { BoundedCache } from '../cache/bounded-cache';
import { CacheInvalidation } from '../cache/cache-invalidation.service';
import { SeatDirectory } from '../seats/seat-directory';
import { TcccService, type QuotaLane, type TcccTarget } from '../tccc/tccc.service';
import { TenantsService } from '../tenants/tenants.service';
import { skillGroupErrors } from './skill-groups.errors';

const LANE: QuotaLane = 'background';

interface CachedList {
  items: SkillGroupView[];
  /** each seat (mail, lower case) → the ids of the groups it is bound to, from the same read */
  bindings: Map<string, number[]>;
  fetchedAt: number;
}

@Injectable()
export class SkillGroupsService {
  private readonly lists: BoundedCache<string, CachedList>;

  constructor(
    private readonly tenants: TenantsService,
    private readonly apps: AppDirectory,
    private readonly appsService: AppsService,
    private readonly seats: SeatDirectory,
    private readonly tccc: TcccService,
    private readonly audit: AuditService,
    invalidation: CacheInvalidation,
  ) {
    this.lists = invalidation.create('tccc-skill-groups', 1_000);
  }

  // ---- the admin API --------------------------------------------------------------------------

  async list(ctx: RequestContext, tenantId: string, appId: string): Promise<SkillGroupList> {
    await this.tenants.require(ctx, tenantId, 'read');
    return { items: await this.groupsOf(await this.requireApp(tenantId, appId)) };
  }

  async create(
    ctx: RequestContext,
    tenantId: string,
    appId: string,
    input: SkillGroupCreate,
  ): Promise<SkillGroupView> {
    await this.tenants.require(ctx, tenantId, 'write');
    const app = await this.requireApp(tenantId, appId);
    const created = await this.createIn(app, input);
    await this.audit.record(
      adminEvent(ctx, {
        tenantId,
        action: 'skill_group.created',
        target: { type: 'skill_group', id: String(created.skillGroupId) },
        details: { sdkAppId: Number(app.sdkAppId), ...created },
      }),
    );
    return created;
  }

  async update(
    ctx: RequestContext,
    tenantId: string,
    appId: string,
    skillGroupId: number,
    change: SkillGroupUpdate,
  ): Promise<SkillGroupView> {
    await this.tenants.require(ctx, tenantId, 'write');
    const app = await this.requireApp(tenantId, appId);
    const { before, after } = await this.updateIn(app, skillGroupId, change);
    await this.audit.record(
      adminEvent(ctx, {
        tenantId,
        action: 'skill_group.updated',
        target: { type: 'skill_group', id: String(skillGroupId) },
        details: {
          sdkAppId: Number(app.sdkAppId),
          before: { name: before.name, maxConcurrency: before.maxConcurrency },
          after: { name: after.name, maxConcurrency: after.maxConcurrency },
        },
      }),
    );
    return after;
  }

  async delete(ctx: RequestContext, tenantId: string, appId: string, skillGroupId: number): Promise<void> {
    await this.tenants.require(ctx, tenantId, 'write');
    const app = await this.requireApp(tenantId, appId);
    const group = await this.deleteIn(app, skillGroupId);
    await this.audit.record(
      adminEvent(ctx, {
        tenantId,
        action: 'skill_group.deleted',
        target: { type: 'skill_group', id: String(skillGroupId) },
        details: { sdkAppId: Number(app.sdkAppId), name: group.name, type: group.type },
      }),
    );
  }

  async members(
    ctx: RequestContext,
    tenantId: string,
    appId: string,
    skillGroupId: number,
  ): Promise<SkillGroupMemberList> {
    await this.tenants.require(ctx, tenantId, 'read');
    return { items: await this.membersOf(await this.requireApp(tenantId, appId), skillGroupId) };
  }

  async addMembers(
    ctx: RequestContext,
    tenantId: string,
    appId: string,
    skillGroupId: number,
    input: SkillGroupMembersAdd,
  ): Promise<SkillGroupMembersResult> {
    await this.tenants.require(ctx, tenantId, 'write');
    const app = await this.requireApp(tenantId, appId);
    const priority = input.priority ?? DEFAULT_SKILL_GROUP_PRIORITY;
    const bound: string[] = [];
    try {
      await this.bindIn(app, skillGroupId, input.seatIds, priority, (seatId) => bound.push(seatId));
    } finally {
      // what TCCC bound before a refusal stays bound: the trail says so either way
      if (bound.length > 0)
        await this.audit.record(
          adminEvent(ctx, {
            tenantId,
            action: 'skill_group.members_added',
            target: { type: 'skill_group', id: String(skillGroupId) },
            details: { sdkAppId: Number(app.sdkAppId), seatIds: bound, priority },
          }),
        );
    }
    return { bound };
  }

  async removeMember(
    ctx: RequestContext,
    tenantId: string,
    appId: string,
    skillGroupId: number,
    seatId: string,
  ): Promise<void> {
    await this.tenants.require(ctx, tenantId, 'write');
    const app = await this.requireApp(tenantId, appId);
    await this.unbindIn(app, skillGroupId, [seatId]);
    await this.audit.record(
      adminEvent(ctx, {
        tenantId,
        action: 'skill_group.member_removed',
        target: { type: 'skill_group', id: String(skillGroupId) },
        details: { sdkAppId: Number(app.sdkAppId), seatId },
      }),
    );
  }

  // ---- for callers that checked access themselves (SCIM groups) --------------------------------

  /** Every skill group of the app with its member count (cached briefly). */
  async groupsOf(app: TcccApp, options: { refresh?: boolean } = {}): Promise<SkillGroupView[]> {
    return (await this.read(app, options)).items;
  }

  /** Each seat of the app with the ids of the groups it is bound to (read with the groups). */
  async bindingsOf(app: TcccApp): Promise<Map<string, number[]>> {
    return (await this.read(app, {})).bindings;
  }

  private async read(app: TcccApp, options: { refresh?: boolean }): Promise<CachedList> {
    const key = this.cacheKey(app);
    const kept = this.lists.get(key);
    if (!options.refresh && kept && Date.now() - kept.fetchedAt < SKILL_GROUP_CACHE_SECONDS * 1000)
      return kept;
    const generation = this.lists.generation;
    const target = this.target(app);
    const groups = await this.tccc.listSkillGroups(target, LANE);
    const counts = new Map<number, number>();
    const bindings = new Map<string, number[]>();
    for (const member of await this.tccc.staffBindings(target, LANE)) {
      bindings.set(
        member.mail.toLowerCase(),
        member.groups.map((group) => group.id),
      );
      for (const group of member.groups) counts.set(group.id, (counts.get(group.id) ?? 0) + 1);
    }
    const items = groups.map((group): SkillGroupView => ({
      skillGroupId: group.id,
      name: group.name,
      type: group.type as SkillGroupType,
      ...(group.maxConcurrency !== null ? { maxConcurrency: group.maxConcurrency } : {}),
      memberCount: counts.get(group.id) ?? 0,
    }));
    const list = { items, bindings, fetchedAt: Date.now() };
    this.lists.set(key, list, app.tenantId, generation);
    return list;
  }

  /** One group of the app, read fresh from TCCC; not found when TCCC does not list it. */
  async groupOf(app: TcccApp, skillGroupId: number): Promise<SkillGroupView> {
    const group = (await this.groupsOf(app, { refresh: true })).find(
      (candidate) => candidate.skillGroupId === skillGroupId,
    );
    if (!group) throw skillGroupErrors.notFound(skillGroupId);
    return group;
  }

  async createIn(app: TcccApp, input: SkillGroupCreate): Promise<SkillGroupView> {
    if (input.type !== 1 && input.maxConcurrency !== undefined && input.maxConcurrency !== 1)
      throw skillGroupErrors.concurrencyOfType();
    try {
      const skillGroupId = await this.tccc.createSkillGroup(this.target(app), input, LANE);
      return {
        skillGroupId,
        name: input.name,
        type: input.type,
        maxConcurrency: input.maxConcurrency ?? 1,
        memberCount: 0,
      };
    } finally {
      this.forget(app);
    }
  }

  async updateIn(
    app: TcccApp,
    skillGroupId: number,
    change: SkillGroupUpdate,
  ): Promise<{ before: SkillGroupView; after: SkillGroupView }> {
    const before = await this.groupOf(app, skillGroupId);
    if (before.type !== 1 && change.maxConcurrency !== undefined && change.maxConcurrency !== 1)
      throw skillGroupErrors.concurrencyOfType();
    try {
      await this.tccc.updateSkillGroup(this.target(app), skillGroupId, change, LANE);
    } finally {
      this.forget(app);
    }
    return {
      before,
      after: {
        ...before,
        ...(change.name !== undefined ? { name: change.name } : {}),
        ...(change.maxConcurrency !== undefined ? { maxConcurrency: change.maxConcurrency } : {}),
      },
    };
  }

  async deleteIn(app: TcccApp, skillGroupId: number): Promise<SkillGroupView> {
    const group = await this.groupOf(app, skillGroupId);
    try {
      await this.tccc.deleteSkillGroup(this.target(app), skillGroupId, LANE);
    } finally {
      this.forget(app);
    }
    return group;
  }

  /** The group's seats, with the business user mapped to each in this app. */
  async membersOf(app: TcccApp, skillGroupId: number) {
    await this.groupOf(app, skillGroupId);
    const members = await this.tccc.staffBindings(this.target(app), LANE, skillGroupId);
    const mapped = new Map(
      (await this.seats.mappingsOfApp(app.tenantId, app.id)).map((mapping) => [
        mapping.seatUserId.toLowerCase(),
        mapping.businessUserId,
      ]),
    );
    return members.map((member) => {
      const businessUserId = mapped.get(member.mail.toLowerCase());
      return {
        seatId: member.mail,
        ...(member.name ? { name: member.name } : {}),
        priority:
          member.groups.find((group) => group.id === skillGroupId)?.priority ?? DEFAULT_SKILL_GROUP_PRIORITY,
        ...(businessUserId ? { businessUserId } : {}),
      };
    });
  }

  /** Binds each seat (one BindStaffSkillGroupList per seat); `onBound` hears each success. */
  async bindIn(
    app: TcccApp,
    skillGroupId: number,
    seatIds: string[],
    priority: number,
    onBound: (seatId: string) => void = () => undefined,
  ): Promise<void> {
    await this.groupOf(app, skillGroupId);
    const target = this.target(app);
    try {
      for (const seatId of seatIds) {
        await this.tccc.bindSkillGroups(target, seatId, [skillGroupId], LANE, priority);
        onBound(seatId);
      }
    } finally {
      this.forget(app);
    }
  }

  async unbindIn(app: TcccApp, skillGroupId: number, seatIds: string[]): Promise<void> {
    await this.groupOf(app, skillGroupId);
    const target = this.target(app);
    try {
      for (const seatId of seatIds) await this.tccc.unbindSkillGroups(target, seatId, [skillGroupId], LANE);
    } finally {
      this.forget(app);
    }
  }

  // ---- helpers --------------------------------------------------------------------------------

  private async requireApp(tenantId: string, appId: string): Promise<TcccApp> {
    const app = await this.apps.byId(tenantId, appId);
    if (!app) throw appErrors.notFound();
    return app;
  }

  private target(app: TcccApp): TcccTarget {
    return {
      appId: app.id,
      tenantId: app.tenantId,
      sdkAppId: Number(app.sdkAppId),
      region: app.region,
      ...this.appsService.secretsOf(app),
    };
  }

  /** Keyed by the credentials' time and the region too, so a rotation is never answered from the old list. */
  private cacheKey(app: TcccApp): string {
    return `${app.id}\u0000${app.credentialsUpdatedAt.toISOString()}\u0000${app.region ?? ''}`;
  }

  private forget(app: TcccApp): void {
    this.lists.dropTenant(app.tenantId);
  }
}
