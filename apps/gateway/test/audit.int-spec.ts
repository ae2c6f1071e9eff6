// The audit trail: written with the change in one transaction, hash-chained per tenant, and
// verification that finds an UPDATE, a DELETE and a reordering done directly in SQL.
import { bearer, createTenant, login, PLATFORM_ADMIN, startTestApp, type TestApp } from './support/app';

describe('audit trail', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp();
    token = await login(t, PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
  });
  afterAll(() => t.close());

  async function tenantWithEvents(count: number): Promise<string> {
    const tenant = await createTenant(t, token);
    for (let i = 0; i < count - 1; i += 1) {
      await t.http
        .patch(`/api/admin/tenants/${tenant.id}`)
        .set(bearer(token))
        .send({ name: `Name ${i}` })
        .expect(200);
    }
    return tenant.id;
  }

  const verify = async (tenantId: string) =>
    (await t.http.get(`/api/admin/audit/verify?tenantId=${tenantId}`).set(bearer(token)).expect(200)).body;

  const eventIds = async (tenantId: string): Promise<string[]> =>
    (await t.sql.query(`SELECT id FROM audit_events WHERE tenant_id = $1 ORDER BY seq`, [tenantId])).rows.map(
      (row) => row.id,
    );

  it('records who did what, with request id, IP and user agent', async () => {
    const tenant = await createTenant(t, token);
    const list = await t.http.get(`/api/admin/audit?tenantId=${tenant.id}`).set(bearer(token)).expect(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({
      action: 'tenant.created',
      tenantId: tenant.id,
      actor: { type: 'admin', display: PLATFORM_ADMIN.email },
      target: { type: 'tenant', id: tenant.id },
      outcome: 'success',
      requestId: expect.any(String),
      ip: expect.any(String),
    });
    const failed = await t.http
      .post('/api/auth/login')
      .set('User-Agent', 'audit-test/1.0')
      .send({ email: PLATFORM_ADMIN.email, password: 'wrong' });
    expect(failed.status).toBe(401);
    const platform = await t.http
      .get('/api/admin/audit?action=auth.login.failed')
      .set(bearer(token))
      .expect(200);
    expect(platform.body.items[0]).toMatchObject({
      tenantId: null,
      outcome: 'failure',
      userAgent: 'audit-test/1.0',
    });
    expect(JSON.stringify(platform.body)).not.toContain('"wrong"');
  });

  it('an intact chain verifies', async () => {
    const tenantId = await tenantWithEvents(5);
    expect(await verify(tenantId)).toEqual({ ok: true, checked: 5 });
  });

  it('catches an UPDATE made directly in SQL', async () => {
    const tenantId = await tenantWithEvents(5);
    const ids = await eventIds(tenantId);
    await t.sql.query(`UPDATE audit_events SET actor_display = 'someone-else' WHERE id = $1`, [ids[2]]);
    expect(await verify(tenantId)).toMatchObject({ ok: false, firstBrokenEventId: ids[2] });
  });

  it('catches an UPDATE that also recomputes nothing but the details JSON', async () => {
    const tenantId = await tenantWithEvents(4);
    const ids = await eventIds(tenantId);
    await t.sql.query(`UPDATE audit_events SET details = '{"changes":{"name":"Innocent"}}' WHERE id = $1`, [
      ids[1],
    ]);
    expect(await verify(tenantId)).toMatchObject({ ok: false, firstBrokenEventId: ids[1] });
  });

  it('catches a DELETE in the middle and at the end of a chain', async () => {
    const tenantId = await tenantWithEvents(5);
    const ids = await eventIds(tenantId);
    await t.sql.query(`DELETE FROM audit_events WHERE id = $1`, [ids[2]]);
    expect(await verify(tenantId)).toMatchObject({ ok: false, firstBrokenEventId: ids[3] });

    const other = await tenantWithEvents(3);
    const otherIds = await eventIds(other);
    await t.sql.query(`DELETE FROM audit_events WHERE id = $1`, [otherIds[2]]);
    expect(await verify(other)).toMatchObject({ ok: false, firstBrokenEventId: otherIds[1] });
  });

  it('catches two events swapped in order', async () => {
    const tenantId = await tenantWithEvents(5);
    const ids = await eventIds(tenantId);
    // swap the positions of events 2 and 4 (through a free seq, as the pair is unique)
    await t.sql.query('BEGIN');
    await t.sql.query(`UPDATE audit_events SET seq = -seq WHERE id = $1`, [ids[1]]);
    await t.sql.query(`UPDATE audit_events SET seq = 2 WHERE id = $1`, [ids[3]]);
    await t.sql.query(`UPDATE audit_events SET seq = 4 WHERE id = $1`, [ids[1]]);
    await t.sql.query('COMMIT');
    const verdict = await verify(tenantId);
    expect(verdict.ok).toBe(false);
    expect(verdict.firstBrokenEventId).toBe(ids[3]);
  });

  it("one tenant's broken chain does not affect another's", async () => {
    const broken = await tenantWithEvents(3);
    const intact = await tenantWithEvents(3);
    await t.sql.query(`UPDATE audit_events SET outcome = 'failure' WHERE tenant_id = $1 AND seq = 1`, [
      broken,
    ]);
    expect((await verify(broken)).ok).toBe(false);
    expect(await verify(intact)).toEqual({ ok: true, checked: 3 });
  });

  it('concurrent changes keep every chain consistent', async () => {
    const tenants = [await tenantWithEvents(1), await tenantWithEvents(1), await tenantWithEvents(1)];
    await Promise.all(
      tenants.flatMap((tenantId) =>
        Array.from({ length: 8 }, (_, i) =>
          t.http
            .patch(`/api/admin/tenants/${tenantId}`)
            .set(bearer(token))
            .send({ name: `Concurrent ${i}` })
            .expect(200),
        ),
      ),
    );
    for (const tenantId of tenants) expect(await verify(tenantId)).toEqual({ ok: true, checked: 9 });
  });

  it('when the audit write fails, the change fails and nothing is written', async () => {
    const tenant = await createTenant(t, token);
    await t.sql.query(`
      CREATE OR REPLACE FUNCTION refuse_audit() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'audit store unavailable'; END $$ LANGUAGE plpgsql`);
    await t.sql.query(
      `CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION refuse_audit()`,
    );
    try {
      const response = await t.http
        .patch(`/api/admin/tenants/${tenant.id}`)
        .set(bearer(token))
        .send({ name: 'Never saved' });
      expect(response.status).toBe(500);
      expect(response.body).toEqual({
        code: 'internal_error',
        message: 'internal error',
        requestId: expect.any(String),
      });
      const seat = await t.http
        .post(`/api/admin/tenants`)
        .set(bearer(token))
        .send({ slug: 'never-created', name: 'Never' });
      expect(seat.status).toBe(500);
    } finally {
      await t.sql.query(`DROP TRIGGER refuse_audit ON audit_events`);
    }
    const stored = await t.sql.query(`SELECT name FROM tenants WHERE id = $1`, [tenant.id]);
    expect(stored.rows[0].name).not.toBe('Never saved');
    expect((await t.sql.query(`SELECT 1 FROM tenants WHERE slug = 'never-created'`)).rowCount).toBe(0);
  });

  it('lists with filters and cursor pagination, and exports CSV', async () => {
    const tenantId = await tenantWithEvents(7);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await t.http
        .get(`/api/admin/audit?tenantId=${tenantId}&limit=3${cursor ? `&cursor=${cursor}` : ''}`)
        .set(bearer(token))
        .expect(200);
      seen.push(...page.body.items.map((item) => item.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    const updates = await t.http
      .get(`/api/admin/audit?tenantId=${tenantId}&action=tenant.upd`)
      .set(bearer(token))
      .expect(200);
    expect(updates.body.items).toHaveLength(6);
    const csv = await t.http
      .get(`/api/admin/audit/export?tenantId=${tenantId}`)
      .set(bearer(token))
      .expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text.trim().split('\n')).toHaveLength(8);
    const bad = await t.http.get(`/api/admin/audit?cursor=garbage`).set(bearer(token)).expect(400);
    expect(bad.body.code).toBe('validation_failed');
  });
});
