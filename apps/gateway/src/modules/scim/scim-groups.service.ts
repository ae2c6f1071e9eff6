// SCIM Groups are the skill groups of the tenant's SCIM app in TCCC (id: the skill group's id,
// displayName: its name); a group's members are the SCIM users whose seats are bound to it.
// Seats bound by hand that belong to no SCIM user are left alone and not listed. Members join at
// TCCC's default priority (3).
import { Injectable } from '@nestjs/common';
import {
  DEFAULT_SKILL_GROUP_PRIORITY,
  skillGroupNameSchema,
  type SkillGroupType,
  type SkillGroupView,
} from '@seatgate/contracts';
import { parse, type Filter } from 'scim2-parse-filter';
import type { TcccApp } from '../apps/app-directory';
import { SkillGroupsService } from '../skill-groups/skill-groups.service';
import type { ScimContext } from './scim-context';
import { matches, parseFilter } from './scim-filter';
import { GROUP_SCHEMA } from './scim-user';
import {
  listResponse,
  paging,
  patchOperations,
  ScimUsersService,
  type ListQuery,
} from './scim-users.service';
import { scimErrors } from './scim.errors';
import { ScimRepository, type ScimUserRecord } from './scim.repository';

interface Member {
  value: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function field(record: Record<string, unknown>, name: string): unknown {
  const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : record[key];
}

function readMembers(value: unknown, path = 'members'): Member[] {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : [value];
  if (items.length > 1_000) throw scimErrors.tooMany('at most 1,000 members per request');
  return items.map((item, index) => {
    const member = isObject(item) ? field(item, 'value') : undefined;
    if (typeof member !== 'string' || member === '')
      throw scimErrors.invalidValue(`${path}[${index}].value must be a user id`);
    return { value: member };
  });
}

function readName(value: unknown): string {
  const parsed = skillGroupNameSchema.safeParse(value);
  if (!parsed.success) throw scimErrors.invalidValue('displayName must be text of 1 to 100 characters');
  return parsed.data;
}

@Injectable()
export class ScimGroupsService {
  constructor(
    private readonly groups: SkillGroupsService,
    private readonly users: ScimUsersService,
    private readonly repository: ScimRepository,
  ) {}

  async list(ctx: ScimContext, query: ListQuery & { excludedAttributes?: string }) {
    const { startIndex, count } = paging(query);
    const filter: Filter | null = query.filter ? parseFilter(query.filter) : null;
    const app = await this.users.scimApp(ctx);
    const all = (await this.groups.groupsOf(app)).filter(
      (group) => !filter || matches(filter, { id: String(group.skillGroupId), displayName: group.name }),
    );
    const page = all.slice(startIndex - 1, startIndex - 1 + count);
    const withMembers = !/(^|,)\s*members\s*(,|$)/i.test(query.excludedAttributes ?? '');
    if (!withMembers || page.length === 0)
      return listResponse(
        page.map((group) => this.resource(ctx, group, null)),
        all.length,
        startIndex,
      );
    // a page's members from one staff read, not one read per group
    const bindings = await this.groups.bindingsOf(app);
    const users = await this.repository.usersBySeat(ctx.tenant.id, app.id, [...bindings.keys()]);
    const resources = page.map((group) =>
      this.resource(
        ctx,
        group,
        users.filter((user) => bindings.get(user.seatUserId ?? '')?.includes(group.skillGroupId)),
      ),
    );
    return listResponse(resources, all.length, startIndex);
  }

  async get(ctx: ScimContext, id: string, query: { excludedAttributes?: string } = {}) {
    const app = await this.users.scimApp(ctx);
    const group = await this.require(app, id);
    const withMembers = !/(^|,)\s*members\s*(,|$)/i.test(query.excludedAttributes ?? '');
    return this.toScim(ctx, app, group, withMembers);
  }

  async create(ctx: ScimContext, body: unknown) {
    if (!isObject(body)) throw scimErrors.invalidSyntax('the request body must be a SCIM Group object');
    const name = readName(field(body, 'displayName'));
    const members = readMembers(field(body, 'members'));
    const app = await this.users.scimApp(ctx);
    const seats = await this.seatsOf(ctx, members);
    const group = await this.groups.createIn(app, { name, type: ctx.settings.groupType as SkillGroupType });
    await this.groups.bindIn(app, group.skillGroupId, seats, DEFAULT_SKILL_GROUP_PRIORITY);
    await this.repository.markChanged(ctx.tenant.id);
    return this.toScim(ctx, app, group, true);
  }

  /** PUT: the name and the whole member list as sent. */
  async replace(ctx: ScimContext, id: string, body: unknown) {
    if (!isObject(body)) throw scimErrors.invalidSyntax('the request body must be a SCIM Group object');
    const app = await this.users.scimApp(ctx);
    const group = await this.require(app, id);
    const name = readName(field(body, 'displayName'));
    const members = readMembers(field(body, 'members'));
    if (name !== group.name) await this.groups.updateIn(app, group.skillGroupId, { name });
    await this.setMembers(ctx, app, group.skillGroupId, await this.seatsOf(ctx, members));
    await this.repository.markChanged(ctx.tenant.id);
    return this.toScim(ctx, app, await this.require(app, id), true);
  }

  /**
   * PATCH: displayName replaced; members added, removed (by value list or by
   * `members[value eq "…"]`) or replaced; a pathless operation's value object takes the same keys.
   */
  async patch(ctx: ScimContext, id: string, body: unknown) {
    const operations = patchOperations(body);
    const app = await this.users.scimApp(ctx);
    const group = await this.require(app, id);
    const groupId = group.skillGroupId;
    for (const operation of operations) {
      const { op } = operation;
      const value = 'value' in operation ? operation.value : undefined;
      const path = operation.path?.trim();
      if (!path) {
        if (op === 'remove') throw scimErrors.noTarget('a remove operation names a path');
        if (!isObject(value))
          throw scimErrors.invalidValue('an operation without a path carries an object value');
        for (const [key, entry] of Object.entries(value)) {
          if (key.toLowerCase() === 'displayname') await this.rename(app, groupId, entry);
          else if (key.toLowerCase() === 'members') {
            const seats = await this.seatsOf(ctx, readMembers(entry));
            if (op === 'add') await this.groups.bindIn(app, groupId, seats, DEFAULT_SKILL_GROUP_PRIORITY);
            else await this.setMembers(ctx, app, groupId, seats);
          } else if (!['id', 'schemas', 'meta', 'externalid'].includes(key.toLowerCase()))
            throw scimErrors.invalidPath(`a group has no attribute ${key.slice(0, 60)}`);
        }
        continue;
      }
      if (path.toLowerCase() === 'displayname') {
        if (op === 'remove') throw scimErrors.mutability('displayName is required');
        await this.rename(app, groupId, value);
        continue;
      }
      if (path.toLowerCase() === 'members') {
        const seats =
          op === 'remove' && value === undefined ? null : await this.seatsOf(ctx, readMembers(value));
        if (op === 'add' && seats)
          await this.groups.bindIn(app, groupId, seats, DEFAULT_SKILL_GROUP_PRIORITY);
        else if (op === 'replace' && seats) await this.setMembers(ctx, app, groupId, seats);
        else if (seats === null) await this.setMembers(ctx, app, groupId, []);
        else await this.unbind(app, groupId, seats);
        continue;
      }
      const filtered = /^members\[(.+)\]$/i.exec(path);
      if (filtered?.[1] && op === 'remove') {
        let filter: Filter;
        try {
          filter = parse(filtered[1]);
        } catch {
          throw scimErrors.invalidPath(`cannot parse the path ${path.slice(0, 200)}`);
        }
        const current = await this.memberUsers(ctx, app, groupId);
        const removed = current.filter((user) => matches(filter, { value: user.id, display: user.userName }));
        await this.unbind(
          app,
          groupId,
          removed.map((user) => user.seatUserId).filter((seat): seat is string => !!seat),
        );
        continue;
      }
      throw scimErrors.invalidPath(`a group's PATCH takes displayName or members, not ${path.slice(0, 100)}`);
    }
    await this.repository.markChanged(ctx.tenant.id);
    return this.toScim(ctx, app, await this.require(app, id), true);
  }

  /** DELETE: the group's members are unbound (TCCC deletes only empty groups), then the group. */
  async delete(ctx: ScimContext, id: string): Promise<void> {
    const app = await this.users.scimApp(ctx);
    const group = await this.require(app, id);
    const members = await this.groups.membersOf(app, group.skillGroupId);
    if (members.length > 0)
      await this.groups.unbindIn(
        app,
        group.skillGroupId,
        members.map((member) => member.seatId),
      );
    await this.groups.deleteIn(app, group.skillGroupId);
    await this.repository.markChanged(ctx.tenant.id);
  }

  // ---- helpers --------------------------------------------------------------------------------

  private async rename(app: TcccApp, groupId: number, value: unknown): Promise<void> {
    await this.groups.updateIn(app, groupId, { name: readName(value) });
  }

  /** The seats of these SCIM users (active, with a seat in the SCIM app); unknown ids are refused. */
  private async seatsOf(ctx: ScimContext, members: Member[]): Promise<string[]> {
    const ids = [...new Set(members.map((member) => member.value.toLowerCase()))];
    const valid = ids.filter((id) => /^[0-9a-f-]{36}$/.test(id));
    const users = await this.repository.usersByIds(ctx.tenant.id, valid);
    if (users.length < ids.length) {
      const known = new Set(users.map((user) => user.id));
      const unknown = ids.find((id) => !known.has(id)) ?? '';
      throw scimErrors.invalidValue(`no user with id ${unknown.slice(0, 80)} in this tenant`);
    }
    const app = await this.users.scimApp(ctx);
    return users
      .filter((user) => user.active && user.appId === app.id && user.seatUserId)
      .map((user) => user.seatUserId as string);
  }

  private async memberUsers(ctx: ScimContext, app: TcccApp, groupId: number): Promise<ScimUserRecord[]> {
    const members = await this.groups.membersOf(app, groupId);
    return this.repository.usersBySeat(
      ctx.tenant.id,
      app.id,
      members.map((member) => member.seatId),
    );
  }

  /** The group's SCIM members become exactly these seats (hand-bound seats stay). */
  private async setMembers(ctx: ScimContext, app: TcccApp, groupId: number, seats: string[]): Promise<void> {
    const wanted = new Set(seats.map((seat) => seat.toLowerCase()));
    const current = await this.memberUsers(ctx, app, groupId);
    const have = new Set(current.map((user) => user.seatUserId?.toLowerCase() ?? ''));
    const toRemove = [...have].filter((seat) => seat && !wanted.has(seat));
    const toAdd = [...wanted].filter((seat) => !have.has(seat));
    if (toAdd.length > 0) await this.groups.bindIn(app, groupId, toAdd, DEFAULT_SKILL_GROUP_PRIORITY);
    await this.unbind(app, groupId, toRemove);
  }

  private async unbind(app: TcccApp, groupId: number, seats: string[]): Promise<void> {
    if (seats.length > 0) await this.groups.unbindIn(app, groupId, seats);
  }

  private async require(app: TcccApp, id: string): Promise<SkillGroupView> {
    if (!/^[1-9]\d{0,9}$/.test(id)) throw scimErrors.notFound(`Group ${id.slice(0, 80)}`);
    const group = (await this.groups.groupsOf(app, { refresh: true })).find(
      (candidate) => candidate.skillGroupId === Number(id),
    );
    if (!group) throw scimErrors.notFound(`Group ${id}`);
    return group;
  }

  private async toScim(ctx: ScimContext, app: TcccApp, group: SkillGroupView, withMembers: boolean) {
    return this.resource(
      ctx,
      group,
      withMembers ? await this.memberUsers(ctx, app, group.skillGroupId) : null,
    );
  }

  private resource(ctx: ScimContext, group: SkillGroupView, members: ScimUserRecord[] | null) {
    return {
      schemas: [GROUP_SCHEMA],
      id: String(group.skillGroupId),
      displayName: group.name,
      ...(members
        ? {
            members: members.map((user) => ({
              value: user.id,
              display: user.userName,
              $ref: `${ctx.base}/Users/${user.id}`,
            })),
          }
        : {}),
      meta: { resourceType: 'Group', location: `${ctx.base}/Groups/${group.skillGroupId}` },
    };
  }
}
