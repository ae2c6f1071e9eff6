// SCIM 2.0 at /scim/v2 against the emulator through the unmodified SDK, on a real database: the
// discovery resources, Users (create with a provisioned seat, get, list with filters and paging,
// PUT, PATCH, deactivate = offboarding, DELETE), Groups as skill groups with members, the shapes
// Microsoft Entra ID and Okta send, SCIM errors, tokens (shown once, hashed, revoked, overlapping),
// the audit actor and the per-tenant rate limit.
import { createHash } from 'node:crypto';
import { bearer, createAdmin, createTenant, type TestApp } from './support/app';
import {
  ACCOUNT,
  emulatedSdkAppId,
  startAppWithEmulator,
  type EmulatedTestApp,
  type Emulator,
} from './support/business';

const FAST_JOBS = {
  SEATGATE_JOBS_POLL_SECONDS: '0.5',
  SEATGATE_JOBS_OFFLINE_RETRY_SECONDS: '1',
  SEATGATE_JOBS_OFFLINE_RETRY_LIMIT: '30',
  SEATGATE_JOBS_STEP_RETRY_LIMIT: '1',
  SEATGATE_JOBS_STEP_RETRY_SECONDS: '1',
};

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

describe('SCIM 2.0', () => {
  let stack: EmulatedTestApp;
  let emulator: Emulator;
  let t: TestApp;
  let root: string;

  beforeAll(async () => {
    stack = await startAppWithEmulator({ env: FAST_JOBS });
    ({ t, emulator, root } = stack);
  });
  afterAll(() => stack?.close());

  interface Setup {
    tenantId: string;
    slug: string;
    sdkAppId: number;
    appId: string;
    token: string;
    tokenId: string;
  }

  async function setup(options: { scim?: Record<string, unknown>; licences?: number } = {}): Promise<Setup> {
    const tenant = await createTenant(t, root);
    const sdkAppId = emulatedSdkAppId();
    const now = Math.floor(emulator.state.now() / 1000);
    emulator.state.addApp(ACCOUNT.secretId, {
      sdkAppId,
      licences: [{ num: options.licences ?? 100, buyTime: now - 60, endTime: now + 86_400 }],
      skillGroups: [{ name: 'Sales' }],
    });
    const app = await t.http
      .post(`/api/admin/tenants/${tenant.id}/apps`)
      .set(bearer(root))
      .send({ sdkAppId, label: 'SCIM', ...ACCOUNT })
      .expect(201);
    await t.http
      .patch(`/api/admin/tenants/${tenant.id}`)
      .set(bearer(root))
      .send({
        settings: {
          provisioning: { seatIdRule: '{businessUserId}@{domain}', domain: `${tenant.slug}.example` },
          scim: { enabled: true, ...(options.scim ?? {}) },
        },
      })
      .expect(200);
    const token = await t.http
      .post(`/api/admin/tenants/${tenant.id}/scim/tokens`)
      .set(bearer(root))
      .send({ label: 'Entra ID' })
      .expect(201);
    return {
      tenantId: tenant.id,
      slug: tenant.slug,
      sdkAppId,
      appId: app.body.id,
      token: token.body.token,
      tokenId: token.body.id,
    };
  }

  const scim = (s: { token: string }) => ({
    get: (path: string) => t.http.get(`/scim/v2${path}`).set(bearer(s.token)),
    post: (path: string, body: unknown) =>
      t.http
        .post(`/scim/v2${path}`)
        .set(bearer(s.token))
        .set('Content-Type', 'application/scim+json')
        .send(JSON.stringify(body)),
    put: (path: string, body: unknown) =>
      t.http
        .put(`/scim/v2${path}`)
        .set(bearer(s.token))
        .set('Content-Type', 'application/scim+json')
        .send(JSON.stringify(body)),
    patch: (path: string, body: unknown) =>
      t.http
        .patch(`/scim/v2${path}`)
        .set(bearer(s.token))
        .set('Content-Type', 'application/scim+json')
        .send(JSON.stringify(body)),
    delete: (path: string) => t.http.delete(`/scim/v2${path}`).set(bearer(s.token)),
  });

  const newUser = (userName: string, extra: Record<string, unknown> = {}) => ({
    schemas: [USER],
    userName,
    name: { formatted: `${userName} Name`, givenName: userName, familyName: 'Name' },
    emails: [{ value: `${userName}@corp.test`, type: 'work', primary: true }],
    active: true,
    ...extra,
  });

  const staffOf = (sdkAppId: number, mail: string) => emulator.state.directory.staffOf(sdkAppId, mail);

  async function seatsOf(tenantId: string, businessUserId: string) {
    const rows = await t.sql.query<{
      seat_user_id: string;
      status: string;
      origin: string;
      display_name: string | null;
    }>(
      `SELECT seat_user_id, status, origin, display_name FROM seat_mappings WHERE tenant_id = $1 AND business_user_id = $2`,
      [tenantId, businessUserId],
    );
    return rows.rows;
  }

  async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  function expectScimError(
    response: { status: number; body: unknown; headers: Record<string, string> },
    status: number,
    scimType?: string,
  ) {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/scim\+json/);
    expect(response.body).toMatchObject({
      schemas: [ERROR],
      status: String(status),
      detail: expect.any(String),
    });
    if (scimType) expect(response.body).toMatchObject({ scimType });
  }

  it('answers the discovery resources in application/scim+json', async () => {
    const s = await setup();
    const c = scim(s);
    const spc = await c.get('/ServiceProviderConfig').expect(200);
    expect(spc.headers['content-type']).toMatch(/^application\/scim\+json/);
    expect(spc.body).toMatchObject({
      patch: { supported: true },
      filter: { supported: true },
      bulk: { supported: false },
    });
    const types = await c.get('/ResourceTypes').expect(200);
    expect(types.body.Resources.map((type: { id: string }) => type.id)).toEqual(['User', 'Group']);
    await c.get('/ResourceTypes/User').expect(200);
    const schemas = await c.get('/Schemas').expect(200);
    expect(schemas.body.Resources.map((schema: { id: string }) => schema.id)).toEqual([USER, GROUP]);
    await c.get(`/Schemas/${USER}`).expect(200);
    expectScimError(await c.get('/Schemas/urn:nothing'), 404);
    expectScimError(await c.get('/Bulk'), 404);
  });

  it('creates a user with a provisioned seat, reads it, lists it by filter with paging, and refuses a second', async () => {
    const s = await setup();
    const c = scim(s);
    const created = await c
      .post(
        '/Users',
        newUser('ann', {
          externalId: 'ext-ann',
          phoneNumbers: [{ value: '+86 138 0000 0001', type: 'mobile' }],
        }),
      )
      .expect(201);
    expect(created.headers['content-type']).toMatch(/^application\/scim\+json/);
    expect(created.headers['location']).toBe(created.body.meta.location);
    expect(created.body).toMatchObject({
      schemas: [USER],
      userName: 'ann',
      externalId: 'ext-ann',
      active: true,
      meta: { resourceType: 'User' },
    });
    expect(staffOf(s.sdkAppId, 'ann@corp.test')).toMatchObject({
      name: 'ann Name',
      phone: '008613800000001',
      staffNumber: 'ann',
    });
    expect(await seatsOf(s.tenantId, 'ann')).toEqual([
      { seat_user_id: 'ann@corp.test', status: 'enabled', origin: 'provisioned', display_name: 'ann Name' },
    ]);

    const read = await c.get(`/Users/${created.body.id}`).expect(200);
    expect(read.body).toEqual(created.body);

    // the same userName in any case is a uniqueness conflict, and nothing more is created
    expectScimError(await c.post('/Users', newUser('ANN')), 409, 'uniqueness');

    for (const name of ['bob', 'cid', 'dan']) await c.post('/Users', newUser(name)).expect(201);
    const byName = await c.get('/Users?filter=' + encodeURIComponent('userName eq "ANN"')).expect(200);
    expect(byName.body).toMatchObject({ schemas: [LIST], totalResults: 1, startIndex: 1, itemsPerPage: 1 });
    expect(byName.body.Resources[0].id).toBe(created.body.id);
    const none = await c.get('/Users?filter=' + encodeURIComponent('userName eq "nobody"')).expect(200);
    expect(none.body).toMatchObject({ totalResults: 0, Resources: [] });
    const byExternal = await c
      .get('/Users?filter=' + encodeURIComponent('externalId eq "ext-ann"'))
      .expect(200);
    expect(byExternal.body.totalResults).toBe(1);
    // externalId is caseExact
    expect(
      (await c.get('/Users?filter=' + encodeURIComponent('externalId eq "EXT-ANN"')).expect(200)).body
        .totalResults,
    ).toBe(0);
    const byEmail = await c
      .get('/Users?filter=' + encodeURIComponent('emails.value eq "BOB@corp.test"'))
      .expect(200);
    expect(byEmail.body.Resources.map((u: { userName: string }) => u.userName)).toEqual(['bob']);
    const byPrimary = await c
      .get('/Users?filter=' + encodeURIComponent('emails[type eq "work" and value co "cid"]'))
      .expect(200);
    expect(byPrimary.body.Resources.map((u: { userName: string }) => u.userName)).toEqual(['cid']);
    const either = await c
      .get('/Users?filter=' + encodeURIComponent('userName sw "b" or userName eq "dan"'))
      .expect(200);
    expect(either.body.Resources.map((u: { userName: string }) => u.userName)).toEqual(['bob', 'dan']);

    // paging: startIndex is 1-based, count caps the page, totalResults counts all
    const page = await c.get('/Users?startIndex=2&count=2').expect(200);
    expect(page.body).toMatchObject({ totalResults: 4, startIndex: 2, itemsPerPage: 2 });
    expect(page.body.Resources.map((u: { userName: string }) => u.userName)).toEqual(['bob', 'cid']);
    const past = await c.get('/Users?startIndex=10&count=5').expect(200);
    expect(past.body).toMatchObject({ totalResults: 4, itemsPerPage: 0, Resources: [] });
    const zero = await c.get('/Users?count=0').expect(200);
    expect(zero.body).toMatchObject({ totalResults: 4, itemsPerPage: 0 });
  });

  it('takes the seat id from the seat-id rule when the mapping says so, and maps displayName first', async () => {
    const s = await setup({ scim: { mapping: { seatId: 'seatIdRule', name: 'displayName' } } });
    await scim(s)
      .post('/Users', newUser('eve', { displayName: 'Eve D.' }))
      .expect(201);
    expect(staffOf(s.sdkAppId, `eve@${s.slug}.example`)).toMatchObject({ name: 'Eve D.' });
    expect(staffOf(s.sdkAppId, 'eve@corp.test')).toBeUndefined();
  });

  it('maps without creating the staff when provisioning is off', async () => {
    const s = await setup({ scim: { provision: false } });
    emulator.state.directory.addStaff(s.sdkAppId, [{ mail: 'fay@corp.test', name: 'Fay' }]);
    const before = emulator.state.directory.staffOf(s.sdkAppId, 'fay@corp.test');
    await scim(s).post('/Users', newUser('fay')).expect(201);
    expect(await seatsOf(s.tenantId, 'fay')).toMatchObject([
      { seat_user_id: 'fay@corp.test', origin: 'adopted' },
    ]);
    expect(emulator.state.directory.staffOf(s.sdkAppId, 'fay@corp.test')).toEqual(before);
  });

  it('takes Okta updates as PUT, and its list query shape', async () => {
    const s = await setup();
    const c = scim(s);
    // Okta checks whether the user exists first
    const check = await c
      .get(`/Users?filter=${encodeURIComponent('userName eq "gus@okta.test"')}&startIndex=1&count=100`)
      .expect(200);
    expect(check.body).toMatchObject({ totalResults: 0, startIndex: 1 });
    const created = await c
      .post(
        '/Users',
        newUser('gus@okta.test', { emails: [{ value: 'gus@corp.test', primary: true, type: 'work' }] }),
      )
      .expect(201);
    const { id } = created.body;
    const put = await c
      .put(`/Users/${id}`, {
        ...newUser('gus@okta.test', { emails: [{ value: 'gus@corp.test', primary: true, type: 'work' }] }),
        id,
        name: { givenName: 'Gus', familyName: 'Renamed' },
        phoneNumbers: [{ value: '+8613800000009', type: 'mobile', primary: true }],
      })
      .expect(200);
    expect(put.body).toMatchObject({ id, name: { givenName: 'Gus', familyName: 'Renamed' } });
    expect(put.body.name.formatted).toBeUndefined();
    expect(staffOf(s.sdkAppId, 'gus@corp.test')).toMatchObject({
      name: 'Gus Renamed',
      phone: '008613800000009',
    });
    // Okta deactivates with a PUT of active: false: offboarding runs (the seat Seatgate made is deleted)
    await c.put(`/Users/${id}`, { ...put.body, active: false }).expect(200);
    const [disabled] = await seatsOf(s.tenantId, 'gus@okta.test');
    expect(disabled?.status ?? 'gone').not.toBe('enabled');
    await waitFor(() => staffOf(s.sdkAppId, 'gus@corp.test') === undefined);
    await waitFor(async () => (await seatsOf(s.tenantId, 'gus@okta.test')).length === 0);
    expect((await c.get(`/Users/${id}`).expect(200)).body.active).toBe(false);
    // reactivated: a new seat again
    await c.put(`/Users/${id}`, { ...put.body, active: true }).expect(200);
    expect(staffOf(s.sdkAppId, 'gus@corp.test')).toBeDefined();
    expect(await seatsOf(s.tenantId, 'gus@okta.test')).toMatchObject([{ status: 'enabled' }]);
  });

  it('takes what Entra ID sends: "Replace", active "False", a PATCH without path', async () => {
    const s = await setup();
    const c = scim(s);
    const { body: user } = await c.post('/Users', newUser('hal')).expect(201);
    // a pathless Replace with dotted keys
    const renamed = await c
      .patch(`/Users/${user.id}`, {
        schemas: [PATCH],
        Operations: [{ op: 'Replace', value: { 'name.formatted': 'Hal Jordan', displayName: 'Hal' } }],
      })
      .expect(200);
    expect(renamed.body).toMatchObject({ name: { formatted: 'Hal Jordan' }, displayName: 'Hal' });
    expect(staffOf(s.sdkAppId, 'hal@corp.test')).toMatchObject({ name: 'Hal Jordan' });
    // Entra's email and phone paths with filters, Add on a value that is not there yet
    await c
      .patch(`/Users/${user.id}`, {
        schemas: [PATCH],
        Operations: [
          { op: 'Add', path: 'phoneNumbers[type eq "mobile"].value', value: '13800000077' },
          { op: 'Replace', path: 'emails[type eq "work"].value', value: 'hal@corp.test' },
        ],
      })
      .expect(200);
    expect(staffOf(s.sdkAppId, 'hal@corp.test')).toMatchObject({ phone: '008613800000077' });
    // active as the string "False", op "Replace": offboarding
    const off = await c
      .patch(`/Users/${user.id}`, {
        schemas: [PATCH],
        Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
      })
      .expect(200);
    expect(off.body.active).toBe(false);
    await waitFor(() => staffOf(s.sdkAppId, 'hal@corp.test') === undefined);
    await waitFor(async () => (await seatsOf(s.tenantId, 'hal')).length === 0);
    // and a pathless {active: "True"} brings the seat back
    await c
      .patch(`/Users/${user.id}`, {
        schemas: [PATCH],
        Operations: [{ op: 'replace', value: { active: 'True' } }],
      })
      .expect(200);
    expect(staffOf(s.sdkAppId, 'hal@corp.test')).toBeDefined();
  });

  it('offboards as the token (every step audited with it), and asks to retry a reactivation while the seat is still going', async () => {
    const s = await setup();
    const c = scim(s);
    const { body: user } = await c.post('/Users', newUser('oli')).expect(201);
    // the agent is online and TCCC will not sign it out (ForceMemberOffline fails): the seat stays,
    // and the offboarding job retries until it is offline
    emulator.state.setStaffStatus(s.sdkAppId, 'oli@corp.test', 'free');
    emulator.state.setFault({ action: 'ForceMemberOffline', sdkAppId: s.sdkAppId, errorRate: 1 });
    await c
      .patch(`/Users/${user.id}`, {
        schemas: [PATCH],
        Operations: [{ op: 'replace', path: 'active', value: false }],
      })
      .expect(200);
    expect(await seatsOf(s.tenantId, 'oli')).toMatchObject([{ status: 'disabled' }]);
    const early = await c.patch(`/Users/${user.id}`, {
      schemas: [PATCH],
      Operations: [{ op: 'replace', path: 'active', value: true }],
    });
    expectScimError(early, 409);
    expect((await c.get(`/Users/${user.id}`).expect(200)).body.active).toBe(false);
    emulator.state.removeFault('ForceMemberOffline', s.sdkAppId);
    emulator.state.setStaffStatus(s.sdkAppId, 'oli@corp.test', 'offline');
    await waitFor(async () => (await seatsOf(s.tenantId, 'oli')).length === 0);
    await c
      .patch(`/Users/${user.id}`, {
        schemas: [PATCH],
        Operations: [{ op: 'replace', path: 'active', value: true }],
      })
      .expect(200);
    expect(await seatsOf(s.tenantId, 'oli')).toMatchObject([{ status: 'enabled', origin: 'provisioned' }]);
    const events = await t.sql.query<{ action: string; actor_type: string; actor_id: string }>(
      `SELECT action, actor_type, actor_id FROM audit_events WHERE tenant_id = $1 AND action LIKE 'seat.%' ORDER BY seq`,
      [s.tenantId],
    );
    expect(events.rows.map((row) => row.action)).toEqual([
      'seat.provisioned',
      'seat.offboarding_started',
      'seat.offline_required',
      'seat.upstream_deleted',
      'seat.offboarded',
      'seat.provisioned',
    ]);
    expect(events.rows.every((row) => row.actor_type === 'scim_token' && row.actor_id === s.tokenId)).toBe(
      true,
    );
  });

  it('refuses a suspended tenant with 403', async () => {
    const s = await setup();
    await t.http.post(`/api/admin/tenants/${s.tenantId}/suspend`).set(bearer(root));
    const tenant = await t.http.get(`/api/admin/tenants/${s.tenantId}`).set(bearer(root)).expect(200);
    expect(tenant.body.status).toBe('suspended');
    expectScimError(await scim(s).get('/Users'), 403);
  });

  it('deletes a user: offboarded, gone from SCIM', async () => {
    const s = await setup();
    const c = scim(s);
    const { body: user } = await c.post('/Users', newUser('ida')).expect(201);
    await c.delete(`/Users/${user.id}`).expect(204);
    expectScimError(await c.get(`/Users/${user.id}`), 404);
    await waitFor(() => staffOf(s.sdkAppId, 'ida@corp.test') === undefined);
    expectScimError(await c.delete(`/Users/${user.id}`), 404);
  });

  it('maps Groups to skill groups with members, and takes PATCH add/remove members', async () => {
    const s = await setup();
    const c = scim(s);
    const { body: jo } = await c.post('/Users', newUser('jo')).expect(201);
    const { body: kim } = await c.post('/Users', newUser('kim')).expect(201);
    const group = await c
      .post('/Groups', { schemas: [GROUP], displayName: 'Billing', members: [{ value: jo.id }] })
      .expect(201);
    expect(group.body).toMatchObject({
      schemas: [GROUP],
      displayName: 'Billing',
      members: [{ value: jo.id, display: 'jo' }],
    });
    const groupId = Number(group.body.id);
    expect(emulator.state.directory.membersOf(s.sdkAppId, groupId)).toEqual(['jo@corp.test']);
    expectScimError(await c.post('/Groups', { schemas: [GROUP], displayName: 'Billing' }), 409, 'uniqueness');

    // Entra: add a member with capital op, then remove by filter path
    await c
      .patch(`/Groups/${groupId}`, {
        schemas: [PATCH],
        Operations: [{ op: 'Add', path: 'members', value: [{ value: kim.id }] }],
      })
      .expect(200);
    expect(emulator.state.directory.membersOf(s.sdkAppId, groupId).sort()).toEqual([
      'jo@corp.test',
      'kim@corp.test',
    ]);
    await c
      .patch(`/Groups/${groupId}`, {
        schemas: [PATCH],
        Operations: [{ op: 'Remove', path: `members[value eq "${jo.id}"]` }],
      })
      .expect(200);
    expect(emulator.state.directory.membersOf(s.sdkAppId, groupId)).toEqual(['kim@corp.test']);
    // Okta: remove with a value list, rename with a pathless replace
    const renamed = await c
      .patch(`/Groups/${groupId}`, {
        schemas: [PATCH],
        Operations: [
          { op: 'remove', path: 'members', value: [{ value: kim.id }] },
          { op: 'replace', value: { id: String(groupId), displayName: 'Billing EU' } },
        ],
      })
      .expect(200);
    expect(renamed.body).toMatchObject({ displayName: 'Billing EU', members: [] });

    const listed = await c
      .get(`/Groups?filter=${encodeURIComponent('displayName eq "billing eu"')}&excludedAttributes=members`)
      .expect(200);
    expect(listed.body).toMatchObject({
      totalResults: 1,
      Resources: [{ id: String(groupId), displayName: 'Billing EU' }],
    });
    expect(listed.body.Resources[0].members).toBeUndefined();
    const all = await c.get('/Groups').expect(200);
    expect(all.body.Resources.map((g: { displayName: string }) => g.displayName).sort()).toEqual([
      'Billing EU',
      'Sales',
    ]);

    // PUT sets the members; DELETE unbinds them and deletes the skill group
    await c
      .put(`/Groups/${groupId}`, {
        schemas: [GROUP],
        displayName: 'Billing EU',
        members: [{ value: jo.id }, { value: kim.id }],
      })
      .expect(200);
    expect(emulator.state.directory.membersOf(s.sdkAppId, groupId).length).toBe(2);
    // a listed page's members come from one staff read, whatever the number of groups
    emulator.state.clearCounters();
    const withMembers = await c.get('/Groups').expect(200);
    const billing = withMembers.body.Resources.find((g: { id: string }) => g.id === String(groupId));
    expect(billing.members.map((m: { display: string }) => m.display).sort()).toEqual(['jo', 'kim']);
    expect(
      withMembers.body.Resources.find((g: { displayName: string }) => g.displayName === 'Sales').members,
    ).toEqual([]);
    expect(
      emulator.state
        .countersView({ action: 'DescribeStaffInfoList', secretId: ACCOUNT.secretId })
        .rows.filter((row) => row.sdkAppId === s.sdkAppId)
        .reduce((sum, row) => sum + row.accepted, 0),
    ).toBe(1);
    await c.delete(`/Groups/${groupId}`).expect(204);
    expectScimError(await c.get(`/Groups/${groupId}`), 404);
    expect(emulator.state.directory.staffOf(s.sdkAppId, 'jo@corp.test')?.skillGroupBindings).toEqual([]);
    // an unknown member is refused
    expectScimError(
      await c.patch('/Groups/1', {
        schemas: [PATCH],
        Operations: [{ op: 'add', path: 'members', value: [{ value: 'nobody' }] }],
      }),
      400,
      'invalidValue',
    );
  });

  it('answers bad input in SCIM error shape with the right status, never a 500', async () => {
    const s = await setup();
    const c = scim(s);
    const { body: user } = await c.post('/Users', newUser('lee')).expect(201);
    expectScimError(await c.get('/Users?filter=' + encodeURIComponent('userName eq')), 400, 'invalidFilter');
    expectScimError(await c.get('/Users?filter=' + encodeURIComponent('((((')), 400, 'invalidFilter');
    expectScimError(await c.get('/Users?startIndex=abc'), 400, 'invalidValue');
    expectScimError(await c.post('/Users', { schemas: [USER] }), 400, 'invalidValue');
    expectScimError(await c.post('/Users', newUser('mo', { active: 'perhaps' })), 400, 'invalidValue');
    expectScimError(await c.post('/Users', newUser('mo', { emails: 'x' })), 400, 'invalidValue');
    expectScimError(await c.post('/Users', [1, 2]), 400, 'invalidSyntax');
    const badJson = await t.http
      .post('/scim/v2/Users')
      .set(bearer(s.token))
      .set('Content-Type', 'application/scim+json')
      .send('{"userName": ');
    expectScimError(badJson, 400, 'invalidSyntax');
    expectScimError(
      await c.patch(`/Users/${user.id}`, { schemas: [PATCH], Operations: [] }),
      400,
      'invalidSyntax',
    );
    expectScimError(
      await c.patch(`/Users/${user.id}`, { schemas: [PATCH], Operations: [{ op: 'move', path: 'active' }] }),
      400,
      'invalidSyntax',
    );
    expectScimError(
      await c.patch(`/Users/${user.id}`, { schemas: [PATCH], Operations: [{ op: 'remove' }] }),
      400,
    );
    expectScimError(
      await c.patch(`/Users/${user.id}`, {
        schemas: [PATCH],
        Operations: [{ op: 'replace', path: 'userName', value: 'lee2' }],
      }),
      400,
      'mutability',
    );
    expectScimError(await c.get('/Users/not-a-uuid'), 404);
    expectScimError(await c.get('/Users/00000000-0000-4000-8000-000000000000'), 404);
    expectScimError(await c.get('/Groups/abc'), 404);
    expectScimError(
      await c.patch('/Groups/999999', {
        schemas: [PATCH],
        Operations: [{ op: 'replace', path: 'displayName', value: 'x' }],
      }),
      404,
    );
    expectScimError(await c.get('/Users?filter=a&filter=b'), 400, 'invalidValue');

    // odd shapes anywhere: always a 4xx in SCIM's shape, and the user unchanged
    const weird: unknown[] = [
      null,
      'text',
      42,
      { userName: 'nul\u0000name' },
      newUser('zed', { externalId: 'a\u0000b' }),
      newUser('zed', { title: 'x'.repeat(70_000) }),
      newUser('zed', { name: 'not an object' }),
      newUser('zed', { phoneNumbers: [{ value: 5 }] }),
      newUser('zed', { emails: [{ value: 'a@b', primary: 'maybe' }] }),
      { schemas: [PATCH], Operations: [{ op: 'add', value: null }] },
      { schemas: [PATCH], Operations: [{ op: 'replace', path: 'emails[type eq]', value: 1 }] },
      { schemas: [PATCH], Operations: [{ op: 'replace', path: 'userName', value: { a: 1 } }] },
      { schemas: [PATCH], Operations: [{ op: 'replace', path: 'active', value: 'maybe' }] },
      { schemas: [PATCH], Operations: [{ op: 'add', path: 'title', value: 'a\u0000b' }] },
      {
        schemas: [PATCH],
        Operations: Array.from({ length: 101 }, () => ({ op: 'add', path: 'title', value: 'x' })),
      },
      { Operations: 'all of them' },
    ];
    for (const body of weird) {
      for (const response of [
        await c.post('/Users', body),
        await c.put(`/Users/${user.id}`, body),
        await c.patch(`/Users/${user.id}`, body),
        await c.post('/Groups', body),
        await c.patch('/Groups/1', body),
      ]) {
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
        expect(response.body.schemas).toEqual([ERROR]);
      }
    }
    const unchanged = await c.get(`/Users/${user.id}`).expect(200);
    expect(unchanged.body).toMatchObject({ userName: 'lee', active: true });
    expect(unchanged.body.title).toBeUndefined();
  });

  it('tokens: shown once, stored hashed, several live at once, revocable; wrong ones get 401', async () => {
    const s = await setup();
    const listed = await t.http
      .get(`/api/admin/tenants/${s.tenantId}/scim/tokens`)
      .set(bearer(root))
      .expect(200);
    expect(JSON.stringify(listed.body)).not.toContain(s.token);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ id: s.tokenId, label: 'Entra ID', revokedAt: null }),
    ]);
    const stored = await t.sql.query<{ token_hash: string }>(
      'SELECT token_hash FROM scim_tokens WHERE id = $1',
      [s.tokenId],
    );
    expect(stored.rows[0]?.token_hash).toBe(createHash('sha256').update(s.token).digest('hex'));
    expect(stored.rows[0]?.token_hash).not.toContain(s.token.slice(7));

    // rotation: a second token works while the first still does
    const second = await t.http
      .post(`/api/admin/tenants/${s.tenantId}/scim/tokens`)
      .set(bearer(root))
      .send({ label: 'Entra ID (next)' })
      .expect(201);
    await scim(s).get('/ServiceProviderConfig').expect(200);
    await scim({ token: second.body.token }).get('/ServiceProviderConfig').expect(200);
    await t.http
      .delete(`/api/admin/tenants/${s.tenantId}/scim/tokens/${s.tokenId}`)
      .set(bearer(root))
      .expect(204);
    expectScimError(await scim(s).get('/Users'), 401);
    await scim({ token: second.body.token }).get('/Users').expect(200);
    const after = await t.http
      .get(`/api/admin/tenants/${s.tenantId}/scim/tokens`)
      .set(bearer(root))
      .expect(200);
    const first = after.body.items.find((item: { id: string }) => item.id === s.tokenId);
    expect(first).toMatchObject({ revokedAt: expect.any(String), lastUsedAt: expect.any(String) });

    const missing = await t.http.get('/scim/v2/Users');
    expectScimError(missing, 401);
    expect(missing.headers['www-authenticate']).toMatch(/^Bearer/);
    expectScimError(await t.http.get('/scim/v2/Users').set(bearer('sgscim_made-up')), 401);
    expectScimError(await t.http.get('/scim/v2/Users').set(bearer(root)), 401);
    // another tenant's admin cannot see or revoke these tokens
    const other = await createTenant(t, root);
    const stranger = await createAdmin(t, root, 'tenant_admin', [other.id]);
    await t.http.get(`/api/admin/tenants/${s.tenantId}/scim/tokens`).set(bearer(stranger.token)).expect(404);
    await t.http
      .delete(`/api/admin/tenants/${s.tenantId}/scim/tokens/${second.body.id}`)
      .set(bearer(stranger.token))
      .expect(404);
    // an auditor reads but cannot create
    const auditor = await createAdmin(t, root, 'auditor', [s.tenantId]);
    await t.http.get(`/api/admin/tenants/${s.tenantId}/scim`).set(bearer(auditor.token)).expect(200);
    await t.http
      .post(`/api/admin/tenants/${s.tenantId}/scim/tokens`)
      .set(bearer(auditor.token))
      .send({ label: 'x' })
      .expect(403);

    // SCIM turned off: the token is refused with 403
    await t.http
      .patch(`/api/admin/tenants/${s.tenantId}`)
      .set(bearer(root))
      .send({ settings: { scim: { enabled: false } } })
      .expect(200);
    expectScimError(await scim({ token: second.body.token }).get('/Users'), 403);
  });

  it('audits every call with the token as actor, keeps the last sync, and the status page shows it', async () => {
    const s = await setup();
    const c = scim(s);
    await c.post('/Users', newUser('ned')).expect(201);
    await c.get('/Users?filter=' + encodeURIComponent('userName eq')).expect(400);
    const events = await t.sql.query<{
      action: string;
      actor_type: string;
      actor_id: string;
      outcome: string;
      details: { method: string; status: number };
    }>(
      `SELECT action, actor_type, actor_id, outcome, details FROM audit_events WHERE tenant_id = $1 AND actor_type = 'scim_token' ORDER BY seq`,
      [s.tenantId],
    );
    expect(events.rows.every((row) => row.actor_id === s.tokenId)).toBe(true);
    expect(events.rows.map((row) => row.action)).toEqual([
      'seat.provisioned',
      'scim.request',
      'scim.request',
    ]);
    expect(events.rows[1]).toMatchObject({ outcome: 'success', details: { method: 'POST', status: 201 } });
    expect(events.rows[2]).toMatchObject({
      outcome: 'failure',
      details: { method: 'GET', status: 400, scimType: 'invalidFilter' },
    });
    expect(JSON.stringify(events.rows)).not.toContain(s.token);

    const status = await t.http.get(`/api/admin/tenants/${s.tenantId}/scim`).set(bearer(root)).expect(200);
    expect(status.body).toMatchObject({
      endpoint: expect.stringMatching(/\/scim\/v2$/),
      settings: {
        enabled: true,
        provision: true,
        mapping: { seatId: 'primaryEmail', name: 'name.formatted' },
      },
      effectiveAppId: s.appId,
      users: { total: 1, active: 1 },
      activeTokens: 1,
      lastRequestAt: expect.any(String),
      lastChangeAt: expect.any(String),
    });
  });

  it('rate limits each tenant: a 429 in SCIM shape, audited; other tenants unaffected', async () => {
    const s = await setup({ scim: { requestsPerMinute: 3 } });
    const other = await setup();
    for (let i = 0; i < 3; i += 1) await scim(s).get('/Users').expect(200);
    const limited = await scim(s).get('/Users');
    expectScimError(limited, 429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await scim(other).get('/Users').expect(200);
    const denied = await t.sql.query(
      `SELECT 1 FROM audit_events WHERE tenant_id = $1 AND action = 'scim.request' AND outcome = 'denied'`,
      [s.tenantId],
    );
    expect(denied.rowCount).toBe(1);
  });
});
