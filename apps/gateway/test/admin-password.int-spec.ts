// An admin's own password (issue 14): an account another admin created or reset signs in, is told
// to choose its own password, and every admin route but its session's own refuses with
// password_change_required until it does; every admin can change its own password, proving the
// current one; each change is audited and ends the admin's other sessions.
import { bearer, login, PLATFORM_ADMIN, startTestApp, unique, type TestApp } from './support/app';

describe('admin passwords: the first sign-in and a change of one’s own', () => {
  let t: TestApp;
  let root: string;

  beforeAll(async () => {
    t = await startTestApp();
    root = await login(t, PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
  });
  afterAll(() => t.close());

  async function newAdmin(role: 'platform_admin' | 'auditor' = 'platform_admin') {
    const email = `${unique('pw')}@seatgate.test`.toLowerCase();
    const password = 'set-by-another-admin';
    const created = await t.http
      .post('/api/admin/users')
      .set(bearer(root))
      .send({ email, password, role, tenantIds: [], ...(role === 'auditor' ? { allTenants: true } : {}) })
      .expect(201);
    return { id: created.body.id as string, email, password };
  }

  const signIn = (email: string, password: string) =>
    t.http.post('/api/auth/login').send({ email, password });

  const auditOf = async (adminId: string) =>
    (
      await t.sql.query<{ action: string; outcome: string; details: Record<string, unknown> | null }>(
        `SELECT action, outcome, details FROM audit_events WHERE target_id = $1 ORDER BY seq`,
        [adminId],
      )
    ).rows;

  it('an admin created by another admin must choose its own password; only its session’s routes answer until then', async () => {
    const admin = await newAdmin();
    const listed = await t.http.get(`/api/admin/users/${admin.id}`).set(bearer(root)).expect(200);
    expect(listed.body.passwordChangeRequired).toBe(true);

    const first = await signIn(admin.email, admin.password).expect(200);
    expect(first.body.passwordChangeRequired).toBe(true);
    const token = first.body.accessToken as string;
    const me = await t.http.get('/api/auth/me').set(bearer(token)).expect(200);
    expect(me.body.passwordChangeRequired).toBe(true);
    for (const path of ['/api/admin/tenants', '/api/admin/users', '/api/admin/audit']) {
      const refused = await t.http.get(path).set(bearer(token));
      expect({ path, status: refused.status, code: refused.body.code }).toEqual({
        path,
        status: 403,
        code: 'password_change_required',
      });
    }
    const write = await t.http
      .post('/api/admin/tenants')
      .set(bearer(token))
      .send({ slug: unique('pw-t').toLowerCase(), name: 'never' });
    expect([write.status, write.body.code]).toEqual([403, 'password_change_required']);

    const changed = await t.http
      .post('/api/auth/password')
      .set(bearer(token))
      .send({ currentPassword: admin.password, newPassword: 'my-own-password-1' })
      .expect(200);
    expect(changed.body.passwordChangeRequired).toBe(false);
    expect(changed.headers['set-cookie']?.[0]).toMatch(/^sg_refresh=/);
    const fresh = changed.body.accessToken as string;
    await t.http.get('/api/admin/tenants').set(bearer(fresh)).expect(200);
    expect((await t.http.get('/api/auth/me').set(bearer(fresh))).body.passwordChangeRequired).toBe(false);
    // the session that signed in with the other admin's password ended with it
    expect((await t.http.get('/api/auth/me').set(bearer(token))).status).toBe(401);
    await signIn(admin.email, admin.password).expect(401);
    const again = await signIn(admin.email, 'my-own-password-1').expect(200);
    expect(again.body.passwordChangeRequired).toBe(false);

    const events = await auditOf(admin.id);
    expect(events.map((event) => [event.action, event.outcome])).toEqual([
      ['admin_user.created', 'success'],
      ['auth.password.changed', 'success'],
    ]);
    expect(events[0]!.details).toMatchObject({ passwordChangeRequired: true });
    expect(events[1]!.details).toMatchObject({ wasRequired: true, sessionsEnded: true });
    expect(JSON.stringify(events)).not.toMatch(/set-by-another-admin|my-own-password-1/);
  });

  it('a reset by another admin requires a change again; an admin’s own edit does not', async () => {
    const admin = await newAdmin('auditor');
    const first = await signIn(admin.email, admin.password).expect(200);
    await t.http
      .post('/api/auth/password')
      .set(bearer(first.body.accessToken as string))
      .send({ currentPassword: admin.password, newPassword: 'auditor-own-password' })
      .expect(200);
    await t.http
      .patch(`/api/admin/users/${admin.id}`)
      .set(bearer(root))
      .send({ password: 'reset-by-root-123' })
      .expect(200);
    const afterReset = await signIn(admin.email, 'reset-by-root-123').expect(200);
    expect(afterReset.body.passwordChangeRequired).toBe(true);
    const refused = await t.http.get('/api/admin/audit').set(bearer(afterReset.body.accessToken as string));
    expect([refused.status, refused.body.code]).toEqual([403, 'password_change_required']);
    // a role or tenant change alone leaves the password and its obligation as they were
    const view = await t.http.get(`/api/admin/users/${admin.id}`).set(bearer(root)).expect(200);
    expect(view.body.passwordChangeRequired).toBe(true);

    // the bootstrap admin (set up by its holder) never had to change
    expect((await t.http.get('/api/auth/me').set(bearer(root))).body.passwordChangeRequired).toBe(false);
  });

  it('every admin changes its own password by proving the current one; refusals are coded on their field', async () => {
    const admin = await newAdmin();
    const first = await signIn(admin.email, admin.password).expect(200);
    const token = first.body.accessToken as string;
    const wrong = await t.http
      .post('/api/auth/password')
      .set(bearer(token))
      .send({ currentPassword: 'not-my-password', newPassword: 'whatever-long-1' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe('validation_failed');
    expect(wrong.body.details.issues).toEqual([
      expect.objectContaining({ path: 'currentPassword', code: 'current_password_wrong' }),
    ]);
    const same = await t.http
      .post('/api/auth/password')
      .set(bearer(token))
      .send({ currentPassword: admin.password, newPassword: admin.password });
    expect([same.status, same.body.details.issues[0].path, same.body.details.issues[0].code]).toEqual([
      400,
      'newPassword',
      'password_unchanged',
    ]);
    const short = await t.http
      .post('/api/auth/password')
      .set(bearer(token))
      .send({ currentPassword: admin.password, newPassword: 'short' });
    expect([short.status, short.body.details.issues[0].path, short.body.details.issues[0].code]).toEqual([
      400,
      'newPassword',
      'too_short',
    ]);
    const unknownField = await t.http
      .post('/api/auth/password')
      .set(bearer(token))
      .send({ currentPassword: admin.password, newPassword: 'long-enough-pass', role: 'auditor' });
    expect(unknownField.status).toBe(400);
    // nothing changed: the obligation stays, the old password still works
    expect((await t.http.get('/api/auth/me').set(bearer(token))).body.passwordChangeRequired).toBe(true);
    await t.http
      .post('/api/auth/password')
      .send({ currentPassword: 'x', newPassword: 'y'.repeat(12) })
      .expect(401);

    const events = await auditOf(admin.id);
    expect(events.map((event) => [event.action, event.outcome])).toEqual([
      ['admin_user.created', 'success'],
      ['auth.password.changed', 'failure'],
    ]);
    expect(events[1]!.details).toEqual({ reason: 'wrong_current_password' });

    // the platform admin changes its own too, and its other sessions end
    const other = await login(t, PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
    const changed = await t.http
      .post('/api/auth/password')
      .set(bearer(root))
      .send({ currentPassword: PLATFORM_ADMIN.password, newPassword: 'root-password-456' })
      .expect(200);
    expect((await t.http.get('/api/auth/me').set(bearer(other))).status).toBe(401);
    root = changed.body.accessToken as string;
    await t.http.get('/api/admin/users').set(bearer(root)).expect(200);
  });
});
