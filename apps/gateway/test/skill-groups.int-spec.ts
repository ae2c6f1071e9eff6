// An app's skill groups through the admin API, against the emulator through the unmodified SDK on a
// real database: list (every page), create, rename, delete, members with priorities and business
// users; TCCC's refusals as Seatgate's codes; auditors read, tenant admins write; every write audited.
import { bearer, createAdmin, createTenant, type TestApp } from './support/app';
import {
  ACCOUNT,
  emulatedSdkAppId,
  startAppWithEmulator,
  type EmulatedTestApp,
  type Emulator,
} from './support/business';

describe('skill groups', () => {
  let stack: EmulatedTestApp;
  let emulator: Emulator;
  let t: TestApp;
  let root: string;

  beforeAll(async () => {
    stack = await startAppWithEmulator();
    ({ t, emulator, root } = stack);
  });
  afterAll(() => stack?.close());

  async function setup(options: { groups?: number } = {}) {
    const tenant = await createTenant(t, root);
    const sdkAppId = emulatedSdkAppId();
    emulator.state.addApp(ACCOUNT.secretId, {
      sdkAppId,
      skillGroups: Array.from({ length: options.groups ?? 2 }, (_, i) => ({ name: `Group ${i + 1}` })),
      staff: [
        { mail: 'ann@corp.test', name: 'Ann' },
        { mail: 'bob@corp.test', name: 'Bob' },
      ],
    });
    const app = await t.http
      .post(`/api/admin/tenants/${tenant.id}/apps`)
      .set(bearer(root))
      .send({ sdkAppId, label: 'Groups', ...ACCOUNT })
      .expect(201);
    await t.http
      .post(`/api/admin/tenants/${tenant.id}/seats`)
      .set(bearer(root))
      .send({ businessUserId: 'u-ann', sdkAppId, seatUserId: 'ann@corp.test' })
      .expect(201);
    const base = `/api/admin/tenants/${tenant.id}/apps/${app.body.id as string}/skill-groups`;
    return { tenantId: tenant.id, sdkAppId, base };
  }

  const upstreamCalls = (sdkAppId: number, action: string) =>
    emulator.state
      .countersView({ action, secretId: ACCOUNT.secretId })
      .rows.filter((row) => row.sdkAppId === sdkAppId)
      .reduce((sum, row) => sum + row.accepted, 0);

  it('lists every page of DescribeSkillGroupInfoList (PageSize 100), answers again from memory, and re-reads after a write', async () => {
    const s = await setup({ groups: 130 });
    emulator.state.clearCounters();
    const list = await t.http.get(s.base).set(bearer(root)).expect(200);
    expect(list.body.items).toHaveLength(130);
    expect(list.body.items[129]).toMatchObject({ name: 'Group 130', type: 0, memberCount: 0 });
    expect(upstreamCalls(s.sdkAppId, 'DescribeSkillGroupInfoList')).toBe(2);
    expect(upstreamCalls(s.sdkAppId, 'DescribeStaffInfoList')).toBe(1);
    await t.http.get(s.base).set(bearer(root)).expect(200);
    expect(upstreamCalls(s.sdkAppId, 'DescribeSkillGroupInfoList')).toBe(2);
    await t.http.post(s.base).set(bearer(root)).send({ name: 'New', type: 0 }).expect(201);
    const after = await t.http.get(s.base).set(bearer(root)).expect(200);
    expect(after.body.items).toHaveLength(131);
    expect(upstreamCalls(s.sdkAppId, 'DescribeSkillGroupInfoList')).toBe(4);
  });

  it('creates, renames, binds members with priorities, unbinds and deletes, each audited', async () => {
    const s = await setup();
    const created = await t.http
      .post(s.base)
      .set(bearer(root))
      .send({ name: 'Chat', type: 1, maxConcurrency: 5 })
      .expect(201);
    expect(created.body).toMatchObject({ name: 'Chat', type: 1, maxConcurrency: 5, memberCount: 0 });
    const id = created.body.skillGroupId as number;

    // the same name again is TCCC's SkillGroupExist, as a coded 409
    const taken = await t.http.post(s.base).set(bearer(root)).send({ name: 'Chat', type: 1 }).expect(409);
    expect(taken.body.code).toBe('skill_group_name_taken');
    // a phone group takes one session at a time: refused before TCCC is asked
    const phone = await t.http
      .post(s.base)
      .set(bearer(root))
      .send({ name: 'Phones', type: 0, maxConcurrency: 3 })
      .expect(400);
    expect(phone.body.code).toBe('validation_failed');
    // on its field, with a code the console words in the admin's language
    expect(phone.body.details.issues).toEqual([
      expect.objectContaining({ path: 'maxConcurrency', code: 'skill_group_one_session' }),
    ]);
    const badType = await t.http.post(s.base).set(bearer(root)).send({ name: 'X', type: 2 }).expect(400);
    expect(badType.body.code).toBe('validation_failed');

    const renamed = await t.http
      .patch(`${s.base}/${id}`)
      .set(bearer(root))
      .send({ name: 'Chat EN', maxConcurrency: 8 })
      .expect(200);
    expect(renamed.body).toMatchObject({ skillGroupId: id, name: 'Chat EN', maxConcurrency: 8 });

    const bound = await t.http
      .post(`${s.base}/${id}/members`)
      .set(bearer(root))
      .send({ seatIds: ['ann@corp.test', 'bob@corp.test'], priority: 1 })
      .expect(200);
    expect(bound.body.bound).toEqual(['ann@corp.test', 'bob@corp.test']);
    expect(emulator.state.directory.staffOf(s.sdkAppId, 'ann@corp.test')?.skillGroupBindings).toEqual(
      expect.arrayContaining([expect.objectContaining({ skillGroupId: id, priority: 1 })]),
    );
    const members = await t.http.get(`${s.base}/${id}/members`).set(bearer(root)).expect(200);
    expect(members.body.items).toEqual([
      { seatId: 'ann@corp.test', name: 'Ann', priority: 1, businessUserId: 'u-ann' },
      { seatId: 'bob@corp.test', name: 'Bob', priority: 1 },
    ]);
    const list = await t.http.get(s.base).set(bearer(root)).expect(200);
    expect(list.body.items.find((g: { skillGroupId: number }) => g.skillGroupId === id)).toMatchObject({
      name: 'Chat EN',
      memberCount: 2,
    });

    // a group with members cannot be deleted (TCCC's ResourceUnavailable)
    const notEmpty = await t.http.delete(`${s.base}/${id}`).set(bearer(root)).expect(409);
    expect(notEmpty.body.code).toBe('skill_group_not_empty');
    await t.http.delete(`${s.base}/${id}/members/ann@corp.test`).set(bearer(root)).expect(204);
    await t.http.delete(`${s.base}/${id}/members/bob@corp.test`).set(bearer(root)).expect(204);
    expect(emulator.state.directory.membersOf(s.sdkAppId, id)).toEqual([]);
    await t.http.delete(`${s.base}/${id}`).set(bearer(root)).expect(204);
    const gone = await t.http.get(`${s.base}/${id}/members`).set(bearer(root)).expect(404);
    expect(gone.body.code).toBe('skill_group_not_found');

    const events = await t.sql.query<{ action: string; target_id: string }>(
      `SELECT action, target_id FROM audit_events WHERE tenant_id = $1 AND action LIKE 'skill_group.%' ORDER BY seq`,
      [s.tenantId],
    );
    expect(events.rows.map((row) => row.action)).toEqual([
      'skill_group.created',
      'skill_group.updated',
      'skill_group.members_added',
      'skill_group.member_removed',
      'skill_group.member_removed',
      'skill_group.deleted',
    ]);
    expect(events.rows.every((row) => row.target_id === String(id))).toBe(true);
  });

  it('answers coded 4xx for unknown groups, seats and bad input, never a 500', async () => {
    const s = await setup();
    for (const path of [`${s.base}/999999`, `${s.base}/abc`, `${s.base}/-1`, `${s.base}/99999999999`])
      expect((await t.http.patch(path).set(bearer(root)).send({ name: 'N' }).expect(404)).body.code).toBe(
        'skill_group_not_found',
      );
    const [group] = (await t.http.get(s.base).set(bearer(root)).expect(200)).body.items;
    const missingSeat = await t.http
      .post(`${s.base}/${group.skillGroupId}/members`)
      .set(bearer(root))
      .send({ seatIds: ['nobody@corp.test'] })
      .expect(409);
    expect(missingSeat.body.code).toBe('seat_missing_upstream');
    for (const body of [{}, { seatIds: [] }, { seatIds: ['x'] }, { seatIds: ['a@b.c'], priority: 6 }])
      expect(
        (
          await t.http
            .post(`${s.base}/${group.skillGroupId}/members`)
            .set(bearer(root))
            .send(body)
            .expect(400)
        ).body.code,
      ).toBe('validation_failed');
    expect(
      (await t.http.patch(`${s.base}/${group.skillGroupId}`).set(bearer(root)).send({}).expect(400)).body
        .code,
    ).toBe('validation_failed');
    expect(
      (
        await t.http
          .delete(`${s.base}/${group.skillGroupId}/members/not-a-seat`)
          .set(bearer(root))
          .expect(400)
      ).body.code,
    ).toBe('validation_failed');
    const otherApp = s.base.replace(/apps\/[^/]+/, 'apps/00000000-0000-4000-8000-000000000000');
    expect((await t.http.get(otherApp).set(bearer(root)).expect(404)).body.code).toBe('app_not_found');
  });

  it('lets auditors read and refuses their writes', async () => {
    const s = await setup();
    const auditor = await createAdmin(t, root, 'auditor', [s.tenantId]);
    await t.http.get(s.base).set(bearer(auditor.token)).expect(200);
    const refused = await t.http
      .post(s.base)
      .set(bearer(auditor.token))
      .send({ name: 'N', type: 0 })
      .expect(403);
    expect(refused.body.code).toBe('forbidden');
    // another tenant's admin learns nothing about this tenant's groups
    const other = await createTenant(t, root);
    const stranger = await createAdmin(t, root, 'tenant_admin', [other.id]);
    expect((await t.http.get(s.base).set(bearer(stranger.token))).status).toBe(404);
  });
});
