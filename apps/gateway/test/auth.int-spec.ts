// Admin sign-in: sessions, refresh rotation, logout, lockout, disabled accounts, bootstrap.
import { bearer, createAdmin, login, PLATFORM_ADMIN, startTestApp, type TestApp } from './support/app';
import { listenOnLoopback, type Loopback, type SignInAnswer } from './support/loopback';

describe('admin authentication', () => {
  let t: TestApp;
  let root: string;
  let loopback: Loopback;
  let addresses = 0;
  /** a client address no other test in this file used */
  const nextAddress = () => `127.0.${Math.floor(addresses / 250) + 10}.${(addresses++ % 250) + 2}`;
  const signIn = (from: string, email: string, password: string) => loopback.signIn(from, email, password);

  beforeAll(async () => {
    t = await startTestApp();
    root = await login(t, PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
    loopback = await listenOnLoopback(t);
  });
  afterAll(async () => {
    await loopback.close();
    await t.close();
  });

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
    expect(response.body).toEqual({
      accessToken: expect.any(String),
      expiresIn: 900,
      passwordChangeRequired: false,
    });
    const cookie = response.headers['set-cookie']![0]!;
    expect(cookie).toMatch(/^sg_refresh=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const me = await t.http.get('/api/auth/me').set(bearer(response.body.accessToken)).expect(200);
    expect(me.body).toMatchObject({ email: PLATFORM_ADMIN.email, role: 'platform_admin', tenantIds: 'all' });

    const refreshed = await t.http.post('/api/auth/refresh').set('Cookie', cookie.split(';')[0]!).expect(200);
    expect(refreshed.body.accessToken).toEqual(expect.any(String));
    const rotatedCookie = refreshed.headers['set-cookie']![0]!.split(';')[0]!;
    await t.http.get('/api/auth/me').set(bearer(refreshed.body.accessToken)).expect(200);

    await t.http.post('/api/auth/logout').set(bearer(refreshed.body.accessToken)).expect(204);
    const after = await t.http.get('/api/auth/me').set(bearer(refreshed.body.accessToken));
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('unauthenticated');
    expect((await t.http.post('/api/auth/refresh').set('Cookie', rotatedCookie)).status).toBe(401);
  });

  it('a rotated refresh token presented again ends the whole session (reuse detection)', async () => {
    const user = await createAdmin(t, root, 'auditor', []);
    const signedIn = await t.http
      .post('/api/auth/login')
      .send({ email: user.email, password: user.password })
      .expect(200);
    const first = signedIn.headers['set-cookie']![0]!.split(';')[0]!;
    const refreshed = await t.http.post('/api/auth/refresh').set('Cookie', first).expect(200);
    const second = refreshed.headers['set-cookie']![0]!.split(';')[0]!;
    const again = await t.http.post('/api/auth/refresh').set('Cookie', second).expect(200);
    const third = again.headers['set-cookie']![0]!.split(';')[0]!;
    // a thief replays the first token, two rotations old: the session ends for everyone
    const replay = await t.http.post('/api/auth/refresh').set('Cookie', first);
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('session_expired');
    for (const token of [signedIn.body.accessToken, refreshed.body.accessToken, again.body.accessToken]) {
      expect((await t.http.get('/api/auth/me').set(bearer(token as string))).status).toBe(401);
    }
    expect((await t.http.post('/api/auth/refresh').set('Cookie', third)).status).toBe(401);
    const reused = await t.sql.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'auth.refresh.reused' AND actor_id = $1`,
      [user.id],
    );
    expect(reused.rows[0].n).toBe(1);
    // the admin's other sessions are not the stolen family: they live on
    await t.http.get('/api/auth/me').set(bearer(user.token)).expect(200);
  });

  it('two refreshes racing with one token: at most one wins, and the session ends (no grace window)', async () => {
    const user = await createAdmin(t, root, 'auditor', []);
    const signedIn = await t.http
      .post('/api/auth/login')
      .send({ email: user.email, password: user.password })
      .expect(200);
    const cookie = signedIn.headers['set-cookie']![0]!.split(';')[0]!;
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => t.http.post('/api/auth/refresh').set('Cookie', cookie)),
    );
    expect(answers.filter((answer) => answer.status === 200).length).toBeLessThanOrEqual(1);
    for (const answer of answers.filter((a) => a.status === 200)) {
      const next = answer.headers['set-cookie']![0]!.split(';')[0]!;
      expect((await t.http.post('/api/auth/refresh').set('Cookie', next)).status).toBe(401);
      expect((await t.http.get('/api/auth/me').set(bearer(answer.body.accessToken as string))).status).toBe(
        401,
      );
    }
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

  // Throttling: a failed sign-in reserves its attempt before the password is tried, per account and
  // source address, per address, and per account overall (a slowdown). Requests come from distinct
  // loopback addresses (127.0.0.0/8) to play distinct clients, without trusting any proxy header.
  it('40 parallel tries on one account check 5 passwords; the rest are 429 with Retry-After', async () => {
    const victim = await createAdmin(t, root, 'auditor', []);
    const from = nextAddress();
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => signIn(from, victim.email, 'wrong-password')),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(35);
    for (const answer of answers.filter((a) => a.status === 429)) {
      expect(answer.body.code).toBe('too_many_requests');
      expect(Number(answer.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(answer.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    }
    const checked = await t.sql.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'auth.login.failed' AND actor_id = $1`,
      [victim.id],
    );
    expect(checked.rows[0].n).toBe(5);
    // the right password is refused from that address too, until its back-off ends
    expect((await signIn(from, victim.email, victim.password)).status).toBe(429);
  });

  it('an unknown email gets the same answers as a known one, throttling included', async () => {
    const known = await createAdmin(t, root, 'auditor', []);
    const unknown = `nobody-${known.id}@seatgate.test`;
    const from = nextAddress();
    const shape = (answer: SignInAnswer) => ({
      status: answer.status,
      code: answer.body.code,
      detailKeys: Object.keys((answer.body.details as object | undefined) ?? {}),
      retryAfter: answer.headers['retry-after'] !== undefined,
      keys: Object.keys(answer.body).sort(),
    });
    const knownAnswers: SignInAnswer[] = [];
    const unknownAnswers: SignInAnswer[] = [];
    for (let i = 0; i < 7; i += 1) {
      knownAnswers.push(await signIn(from, known.email, 'wrong-password'));
      unknownAnswers.push(await signIn(from, unknown, 'wrong-password'));
    }
    expect(knownAnswers.map(shape)).toEqual(unknownAnswers.map(shape));
    expect(knownAnswers.map((answer) => answer.status)).toEqual([401, 401, 401, 401, 401, 429, 429]);
    expect(JSON.stringify(knownAnswers)).not.toMatch(/locked/i);
  });

  it("a stranger's failures do not lock the admin out: the back-off is per account and source", async () => {
    const admin = await createAdmin(t, root, 'auditor', []);
    const stranger = nextAddress();
    for (let i = 0; i < 12; i += 1) await signIn(stranger, admin.email, `guess-${i}`);
    expect((await signIn(stranger, admin.email, admin.password)).status).toBe(429);
    // the admin, from its own address, is not affected
    const home = nextAddress();
    expect((await signIn(home, admin.email, admin.password)).status).toBe(200);
  });

  it('guesses from many addresses are slowed per account, not locked; a known address passes', async () => {
    const admin = await createAdmin(t, root, 'auditor', []);
    const home = nextAddress();
    expect((await signIn(home, admin.email, admin.password)).status).toBe(200);
    // a distributed guesser: one try from each of 10 addresses fills the account's per-minute ceiling
    for (let i = 0; i < 10; i += 1) {
      expect((await signIn(nextAddress(), admin.email, `guess-${i}`)).status).toBe(401);
    }
    const slowed = await signIn(nextAddress(), admin.email, admin.password);
    expect(slowed.status).toBe(429);
    expect(Number(slowed.headers['retry-after'])).toBeLessThanOrEqual(60);
    // the address the admin signed in from before is not held to the account's ceiling
    expect((await signIn(home, admin.email, admin.password)).status).toBe(200);
    const throttled = await t.sql.query(
      `SELECT details FROM audit_events WHERE action = 'auth.login.throttled' AND actor_display = $1`,
      [admin.email],
    );
    expect(throttled.rows.map((row: { details: { scope: string } }) => row.details.scope)).toContain(
      'account',
    );
  });

  it('a platform admin resetting the password ends sessions, and the new one signs in', async () => {
    const user = await createAdmin(t, root, 'auditor', []);
    await t.http
      .patch(`/api/admin/users/${user.id}`)
      .set(bearer(root))
      .send({ password: 'a-brand-new-password' })
      .expect(200);
    expect((await t.http.get('/api/auth/me').set(bearer(user.token))).status).toBe(401);
    await login(t, user.email, 'a-brand-new-password');
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
