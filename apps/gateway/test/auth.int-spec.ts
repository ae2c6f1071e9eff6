// Admin sign-in: sessions, refresh rotation, logout, lockout, disabled accounts, bootstrap.
import { bearer, createAdmin, login, PLATFORM_ADMIN, startTestApp, type TestApp } from './support/app';

describe('admin authentication', () => {
  let t: TestApp;
  let root: string;

  beforeAll(async () => {
    t = await startTestApp();
    root = await login(t, PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
  });
  afterAll(() => t.close());

  it('creates exactly one bootstrap admin, and a second start does not add another', async () => {
    const second = await startTestApp({ db: t.db, env: t.env });
    await second.close();
    const admins = await t.sql.query(`SELECT email, role FROM admin_users WHERE email = $1`, [
      PLATFORM_ADMIN.email,
    ]);
    expect(admins.rows).toEqual([{ email: PLATFORM_ADMIN.email, role: 'platform_admin' }]);
  });

  it('signs in, answers /me, refreshes through the httpOnly cookie, and logs out for good', async () => {
    const response = await t.http
      .post('/api/auth/login')
      .send({ email: PLATFORM_ADMIN.email.toUpperCase(), password: PLATFORM_ADMIN.password })
      .expect(200);
    expect(response.body).toEqual({ accessToken: expect.any(String), expiresIn: 900 });
    const cookie = response.headers['set-cookie']![0]!;
    expect(cookie).toMatch(/^sg_refresh=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const me = await t.http.get('/api/auth/me').set(bearer(response.body.accessToken)).expect(200);
    expect(me.body).toMatchObject({ email: PLATFORM_ADMIN.email, role: 'platform_admin', tenantIds: 'all' });

    const refreshed = await t.http.post('/api/auth/refresh').set('Cookie', cookie.split(';')[0]!).expect(200);
    expect(refreshed.body.accessToken).toEqual(expect.any(String));
    // the old refresh token was rotated away
    const replay = await t.http.post('/api/auth/refresh').set('Cookie', cookie.split(';')[0]!);
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('session_expired');

    await t.http.post('/api/auth/logout').set(bearer(refreshed.body.accessToken)).expect(204);
    const after = await t.http.get('/api/auth/me').set(bearer(refreshed.body.accessToken));
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('unauthenticated');
  });

  it('rejects forged, expired-looking and malformed tokens with 401', async () => {
    const [header, payload] = root.split('.');
    for (const token of [
      `${header}.${payload}.forged`,
      'not-a-jwt',
      `${header}.${Buffer.from('{"sub":"x"}').toString('base64url')}.x`,
    ]) {
      const response = await t.http.get('/api/auth/me').set(bearer(token));
      expect(response.status).toBe(401);
    }
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
    expect((await t.http.get('/api/auth/me').set(bearer(none))).status).toBe(401);
  });

  it('locks an account after 5 consecutive failures, audits it, and refuses even the right password', async () => {
    const victim = await createAdmin(t, root, 'auditor', []);
    for (let i = 0; i < 5; i += 1) {
      const failed = await t.http
        .post('/api/auth/login')
        .send({ email: victim.email, password: 'wrong-password' });
      expect(failed.status).toBe(401);
      expect(failed.body.code).toBe('invalid_credentials');
    }
    const locked = await t.http
      .post('/api/auth/login')
      .send({ email: victim.email, password: victim.password });
    expect(locked.status).toBe(403);
    expect(locked.body.code).toBe('account_locked');
    const events = await t.http
      .get(`/api/admin/audit?actor=${encodeURIComponent(victim.email)}&limit=50`)
      .set(bearer(root))
      .expect(200);
    const actions = events.body.items.map((event: { action: string }) => event.action);
    expect(actions).toContain('auth.lockout');
    expect(actions.filter((action: string) => action === 'auth.login.failed')).toHaveLength(6);
    // a platform admin's password reset unlocks
    await t.http
      .patch(`/api/admin/users/${victim.id}`)
      .set(bearer(root))
      .send({ password: 'a-brand-new-password' })
      .expect(200);
    await login(t, victim.email, 'a-brand-new-password');
  });

  it('a success resets the failure count', async () => {
    const user = await createAdmin(t, root, 'auditor', []);
    for (let round = 0; round < 2; round += 1) {
      for (let i = 0; i < 4; i += 1) {
        await t.http.post('/api/auth/login').send({ email: user.email, password: 'nope' }).expect(401);
      }
      await login(t, user.email, user.password);
    }
  });

  it('disabling an account ends its sessions at once', async () => {
    const user = await createAdmin(t, root, 'auditor', []);
    await t.http.get('/api/auth/me').set(bearer(user.token)).expect(200);
    await t.http.patch(`/api/admin/users/${user.id}`).set(bearer(root)).send({ disabled: true }).expect(200);
    expect((await t.http.get('/api/auth/me').set(bearer(user.token))).status).toBe(401);
    const denied = await t.http.post('/api/auth/login').send({ email: user.email, password: user.password });
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe('account_disabled');
  });

  it('answers an unknown email like a wrong password', async () => {
    const response = await t.http
      .post('/api/auth/login')
      .send({ email: 'nobody@seatgate.test', password: 'whatever' });
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('invalid_credentials');
  });
});
