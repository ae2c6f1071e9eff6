// Admin reads that call TCCC (an app's staff, the overview with upstream=true) are open to auditors,
// and take the Tencent Cloud account's upstream quota like every other call: a burst of them never
// makes TCCC (the emulator) refuse a call with RequestLimitExceeded (the staff reads ask for a fresh
// list: the gateway would otherwise answer most of them from its 30-second staff cache).
import { bearer, createAdmin } from './support/app';
import { ACCOUNT, businessTenant, startAppWithEmulator, type EmulatedTestApp } from './support/business';

describe('admin reads that call TCCC', () => {
  let stack: EmulatedTestApp;

  beforeAll(async () => {
    stack = await startAppWithEmulator();
  });
  afterAll(() => stack.close());

  it("an auditor's burst of staff and overview reads stays within 20 calls per second", async () => {
    const { t, root, emulator } = stack;
    const tenant = await businessTenant(t, root, emulator, { apps: 3, staff: ['agent1@corp.test'] });
    const auditor = await createAdmin(t, root, 'auditor', [tenant.tenantId]);
    emulator.state.clearCounters();
    const base = `/api/admin/tenants/${tenant.tenantId}`;
    const answers = await Promise.all([
      ...Array.from({ length: 45 }, (_, i) =>
        t.http.get(`${base}/apps/${tenant.apps[i % 3]!.id}/staff?refresh=true`).set(bearer(auditor.token)),
      ),
      ...Array.from({ length: 5 }, () =>
        t.http.get(`${base}/overview?upstream=true`).set(bearer(auditor.token)),
      ),
    ]);
    for (const answer of answers) {
      if (answer.status === 429) {
        expect(answer.body.code).toBe('upstream_rate_limited');
        expect(Number(answer.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      } else {
        expect(answer.status).toBe(200);
      }
    }
    expect(answers.filter((answer) => answer.status === 200).length).toBeGreaterThanOrEqual(20);
    const [peak] = emulator.state.countersView({
      action: 'DescribeStaffInfoList',
      secretId: ACCOUNT.secretId,
    }).peaks;
    expect(peak).toBeDefined();
    expect(peak!.limited).toBe(0);
    expect(peak!.maxCallsPerSecond).toBeLessThanOrEqual(20);
    // an auditor's reads write nothing to the tenant's trail
    const written = await t.sql.query(
      `SELECT action FROM audit_events WHERE actor_id = $1 AND tenant_id = $2`,
      [auditor.id, tenant.tenantId],
    );
    expect(written.rows).toEqual([]);
  });
});
