// Ending an admin's sessions, seen from two gateway processes on one database: a change made through
// one process refuses the admin's access tokens and refresh cookies on the other at their next use.
import { randomUUID } from 'node:crypto';
import { bearer, createTenant, login, PLATFORM_ADMIN, startTestApp, type TestApp } from './support/app';

interface Session {
  token: string;
  cookie: string;
}

describe('ending all sessions of an admin, on every gateway process', () => {
  let a: TestApp;
  let b: TestApp;
  let root: string;
  let tenant: string;
  let otherTenant: string;

  beforeAll(async () => {
    a = await startTestApp();
    b = await startTestApp({ db: a.db, env: a.env });
    root = await login(a, PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
    tenant = (await createTenant(a, root)).id;
    otherTenant = (await createTenant(a, root)).id;
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  const signIn = async (t: TestApp, email: string, password: string): Promise<Session> => {
    const response = await t.http.post('/api/auth/login').send({ email, password }).expect(200);
    return {
      token: response.body.accessToken as string,
      cookie: response.headers['set-cookie']![0]!.split(';')[0]!,
    };
  };

  /** An auditor of `tenant` with one session opened on each process. */
  async function auditorWithSessions(): Promise<{ id: string; sessions: Session[] }> {
    const email = `${randomUUID()}@seatgate.test`;
    const password = 'long-enough-password';
    const created = await a.http
      .post('/api/admin/users')
      .set(bearer(root))
      .send({ email, password, role: 'auditor', tenantIds: [tenant] })
      .expect(201);
    return {
      id: created.body.id as string,
      sessions: [await signIn(a, email, password), await signIn(b, email, password)],
    };
  }

  const changes: [string, () => Record<string, unknown>][] = [
    ['a password reset', () => ({ password: 'another-long-password' })],
    ['disabling', () => ({ disabled: true })],
    ['a role change', () => ({ role: 'tenant_admin' })],
    ['a change of tenants', () => ({ tenantIds: [otherTenant] })],
    ['a new tenant added', () => ({ tenantIds: [tenant, otherTenant] })],
    ['becoming platform-wide', () => ({ allTenants: true })],
  ];

  it.each(changes)(
    '%s ends every session, access tokens and refresh cookies alike',
    async (_name, change) => {
      const user = await auditorWithSessions();
      for (const t of [a, b]) {
        for (const session of user.sessions)
          await t.http.get('/api/auth/me').set(bearer(session.token)).expect(200);
      }
      await b.http.patch(`/api/admin/users/${user.id}`).set(bearer(root)).send(change()).expect(200);
      for (const t of [a, b]) {
        for (const session of user.sessions) {
          const me = await t.http.get('/api/auth/me').set(bearer(session.token));
          expect(me.status).toBe(401);
          expect(me.body.code).toBe('unauthenticated');
        }
      }
      for (const [i, session] of user.sessions.entries()) {
        const refreshed = await [a, b][i]!.http.post('/api/auth/refresh').set('Cookie', session.cookie);
        expect(refreshed.status).toBe(401);
        expect(refreshed.body.code).toBe('session_expired');
      }
    },
  );

  it('a change that alters nothing (the same tenants, enabling an enabled admin) keeps the sessions', async () => {
    const user = await auditorWithSessions();
    await b.http
      .patch(`/api/admin/users/${user.id}`)
      .set(bearer(root))
      .send({ tenantIds: [tenant], disabled: false })
      .expect(200);
    for (const session of user.sessions)
      await a.http.get('/api/auth/me').set(bearer(session.token)).expect(200);
  });
});
