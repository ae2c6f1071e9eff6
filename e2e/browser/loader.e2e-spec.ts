// libs/tccc-loader's IIFE in Chromium against a built gateway and the emulator (issues 5 and 16).
import { createLoopbackAgent } from '@seatgate/ccc-emulator';
import { Client as CccClient } from 'tencentcloud-sdk-nodejs/tencentcloud/services/ccc/v20200210/ccc_client';
import { openLoaderHarness, type LoaderHarness } from '../../libs/tccc-loader/test/harness/loader-page';
import { adminCall } from '../support/gateway-process';
import { ACCOUNT, startStack, type Stack } from '../support/stack';

describe('the loader against the real gateway and emulator', () => {
  let stack: Stack;
  let harness: LoaderHarness;
  let gateway: string;

  let agent: ReturnType<typeof createLoopbackAgent> | undefined;
  // An admin's TCCC client: the unmodified SDK, dialling the emulator.
  let tccc: CccClient;

  beforeAll(async () => {
    harness = await openLoaderHarness();
    stack = await startStack();
    gateway = stack.gateways[0]!.url;
    agent = createLoopbackAgent(stack.emulator.url);
    tccc = new CccClient({
      credential: ACCOUNT,
      region: '',
      profile: { httpProfile: { endpoint: 'ccc.tencentcloudapi.com', protocol: 'http://', agent } },
    });
  });
  afterAll(async () => {
    agent?.destroy();
    await harness?.close();
    await stack?.stop();
  });

  const webClients = async (sdkAppId: number, seat: string) =>
    (await tccc.DescribeStaffStatusMetrics({ SdkAppId: sdkAppId, StaffList: [seat] })).Metrics?.[0]
      ?.ClientInfo ?? [];

  const issuedFor = async (tenantId: string) =>
    (
      await stack.db.sql.query(
        `SELECT count(*)::int AS n FROM audit_events WHERE tenant_id = $1 AND action = 'login.issued'`,
        [tenantId],
      )
    ).rows[0].n as number;

  it('reaches ready and the placeholder workstation shows the seat', async () => {
    const tenant = await stack.tenant({ allowedOrigins: [harness.pageOrigin] });
    const result = await harness.run({ gateway, token: tenant.token(0) });
    expect(result.outcomes).toEqual([{ ok: true }]);
    expect(result.rendered.visible).toBe(true);
    expect(result.rendered.text).toContain(tenant.seat(0));
    expect(result.events).toContain('loading');
  });

  it('ten concurrent calls make exactly one login request', async () => {
    const tenant = await stack.tenant({ allowedOrigins: [harness.pageOrigin] });
    const result = await harness.run({ gateway, token: tenant.token(0), calls: 10 });
    expect(result.outcomes).toHaveLength(10);
    expect(result.outcomes.every((outcome) => outcome.ok)).toBe(true);
    expect(result.oneTccc).toBe(true);
    expect(await issuedFor(tenant.tenantId)).toBe(1);
  });

  it('an expired SDK token is retried once with a fresh login, then succeeds', async () => {
    const tenant = await stack.tenant({ allowedOrigins: [harness.pageOrigin] });
    // the first token TCCC issued for this seat has expired by the time the SDK checks it
    const tokens = stack.emulator.state.tokens;
    const verify = tokens.verify.bind(tokens);
    let expireNext = true;
    tokens.verify = (token, nowMs, seatExists) => {
      const record = tokens.peek(token);
      if (record?.seat === tenant.seat(0) && expireNext) {
        expireNext = false;
        record.expiresAtMs = nowMs;
      }
      return verify(token, nowMs, seatExists);
    };
    try {
      const result = await harness.run({ gateway, token: tenant.token(0), maxRetries: 1 });
      expect(result.outcomes).toEqual([{ ok: true }]);
      expect(result.events.some((event) => event.startsWith('retry'))).toBe(true);
      expect(await issuedFor(tenant.tenantId)).toBe(2);
      expect(result.leftoverScripts).toHaveLength(1);
    } finally {
      tokens.verify = verify;
    }
  });

  it('a rate-limited login rejects with rate_limited and a positive retryAfter', async () => {
    const tenant = await stack.tenant({
      allowedOrigins: [harness.pageOrigin],
      rateLimits: { perUserPerMinute: 1, perTenantPerMinute: 100, perIpPerMinute: 100 },
    });
    expect((await harness.run({ gateway, token: tenant.token(0) })).outcomes).toEqual([{ ok: true }]);
    const limited = await harness.run({ gateway, token: tenant.token(0) });
    const outcome = limited.outcomes[0]!;
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.code).toBe('rate_limited');
    expect(outcome.error.retryAfter).toBeGreaterThan(0);
    expect(limited.leftoverScripts).toEqual([]);
  });

  it('a gateway URL that answers 404 rejects with a typed error and leaves no script tag', async () => {
    const tenant = await stack.tenant({ allowedOrigins: [harness.pageOrigin] });
    const result = await harness.run({ gateway: `${gateway}/not-seatgate`, token: tenant.token(0) });
    const outcome = result.outcomes[0]!;
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.status).toBe(404);
    expect(outcome.error.code).toBe('gateway_error');
    expect(result.leftoverScripts).toEqual([]);
    expect(result.tcccDefined).toBe(false);
  });

  it("an admin's ForceMemberOffline reaches the page as signed_out, which unloads and logs in no more", async () => {
    const tenant = await stack.tenant({ allowedOrigins: [harness.pageOrigin] });
    const tab = await harness.openTab();
    try {
      expect((await tab.run({ gateway, token: tenant.token(0) })).outcomes).toEqual([{ ok: true }]);
      expect(await webClients(tenant.sdkAppId, tenant.seat(0))).toEqual([
        { ClientType: 'Web', IsConnected: true },
      ]);

      await tccc.ForceMemberOffline({ SdkAppId: tenant.sdkAppId, UserId: tenant.seat(0) });

      await tab.waitForEvent('signed_out:ForceMemberOffline', 5000);
      expect(await tab.events()).toEqual(['loading', 'ready:1', 'signed_out:ForceMemberOffline']);
      expect(await tab.state()).toEqual({
        leftoverScripts: [],
        tcccDefined: false,
        rendered: { visible: false, text: '' },
      });
      expect(await webClients(tenant.sdkAppId, tenant.seat(0))).toEqual([]);
      expect(await issuedFor(tenant.tenantId)).toBe(1);
    } finally {
      await tab.page.close();
    }
  });

  it("Seatgate's sign-out reaches the open page as signed_out, and the next load is refused with the admin's reason until restored", async () => {
    const tenant = await stack.tenant({ allowedOrigins: [harness.pageOrigin] });
    const gw = stack.gateways[0]!;
    const seats = await adminCall<{ items: { id: string; businessUserId: string }[] }>(
      gw,
      stack.root,
      'GET',
      `/api/admin/tenants/${tenant.tenantId}/seats`,
    );
    const seatId = seats.items.find((seat) => seat.businessUserId === 'user-0')!.id;
    const first = await harness.openTab();
    let second: Awaited<ReturnType<LoaderHarness['openTab']>> | undefined;
    try {
      const run = { gateway, token: tenant.token(0) };
      expect((await first.run(run)).outcomes).toEqual([{ ok: true }]);

      const reason = 'Laptop reported lost';
      await adminCall(
        gw,
        stack.root,
        'POST',
        `/api/admin/tenants/${tenant.tenantId}/seats/${seatId}/sign-out`,
        {
          reason,
        },
      );
      await first.waitForEvent('signed_out:ForceMemberOffline', 5000);
      expect(await first.state()).toEqual({
        leftoverScripts: [],
        tcccDefined: false,
        rendered: { visible: false, text: '' },
      });

      second = await harness.openTab();
      const refused = await second.run(run);
      expect(refused.outcomes).toEqual([
        {
          ok: false,
          error: expect.objectContaining({ code: 'signed_out', serverCode: 'seat_signed_out', reason }),
        },
      ]);
      expect(await issuedFor(tenant.tenantId)).toBe(1);

      await adminCall(
        gw,
        stack.root,
        'POST',
        `/api/admin/tenants/${tenant.tenantId}/seats/${seatId}/restore`,
        {
          reason: 'Found',
        },
      );
      expect((await second.run(run)).outcomes).toEqual([{ ok: true }]);
      expect(await issuedFor(tenant.tenantId)).toBe(2);
    } finally {
      await Promise.all([first.page.close(), second?.page.close()]);
    }
  });

  it('a tenant suspension signs every open workstation out; another tenant keeps its own; resuming lets them load again', async () => {
    const tenant = await stack.tenant({ allowedOrigins: [harness.pageOrigin], users: 3 });
    // user-3: the loader's one-workstation lock is per gateway, SDKAppID and business user, so
    // another tenant's user-0 in this browser would count as the same workstation
    const bystander = await stack.tenant({ allowedOrigins: [harness.pageOrigin], users: 4 });
    const gw = stack.gateways[0]!;
    // tabs 0–2: the tenant's three agents; 3: another tenant's; 4: a later load
    const tabs = await Promise.all([0, 1, 2, 3, 4].map(() => harness.openTab()));
    try {
      // three agents of the tenant, each in a tab of its own, and one of another tenant
      for (const [i, tab] of tabs.slice(0, 3).entries())
        expect((await tab.run({ gateway, token: tenant.token(i) })).outcomes).toEqual([{ ok: true }]);
      expect((await tabs[3]!.run({ gateway, token: bystander.token(3) })).outcomes).toEqual([{ ok: true }]);

      await adminCall(gw, stack.root, 'POST', `/api/admin/tenants/${tenant.tenantId}/suspend`);
      // the sign-out job reaches each open page as signed_out (TCCC's ForceMemberOffline)
      for (const tab of tabs.slice(0, 3)) {
        await tab.waitForEvent('signed_out:ForceMemberOffline', 15_000);
        expect(await tab.state()).toEqual({
          leftoverScripts: [],
          tcccDefined: false,
          rendered: { visible: false, text: '' },
        });
      }
      expect((await tabs[3]!.state()).rendered.visible).toBe(true);
      expect(await webClients(bystander.sdkAppId, bystander.seat(3))).toEqual([
        { ClientType: 'Web', IsConnected: true },
      ]);
      // the next load is refused while suspended
      const refused = await tabs[4]!.run({ gateway, token: tenant.token(0) });
      expect(refused.outcomes).toEqual([
        { ok: false, error: expect.objectContaining({ serverCode: 'tenant_suspended' }) },
      ]);

      // resumed: the restore job lets the seats log in again (TCCC's RestoreMemberOnline)
      await adminCall(gw, stack.root, 'POST', `/api/admin/tenants/${tenant.tenantId}/resume`);
      const deadline = Date.now() + 15_000;
      while (stack.emulator.state.presence.isForcedOffline(tenant.sdkAppId, tenant.seat(2))) {
        if (Date.now() > deadline) throw new Error('the seats were not restored');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect((await tabs[4]!.run({ gateway, token: tenant.token(0) })).outcomes).toEqual([{ ok: true }]);
    } finally {
      await Promise.all(tabs.map((tab) => tab.page.close()));
    }
  });

  it('two tabs of one seat: the second is refused, takeOver() moves the workstation and the first unloads', async () => {
    const tenant = await stack.tenant({ allowedOrigins: [harness.pageOrigin] });
    const first = await harness.openTab();
    const second = await harness.openTab();
    try {
      const run = { gateway, token: tenant.token(0) };
      expect((await first.run(run)).outcomes).toEqual([{ ok: true }]);

      const refused = await second.run(run);
      expect(refused.outcomes).toEqual([
        { ok: false, error: expect.objectContaining({ code: 'workstation_open_elsewhere', takeOver: true }) },
      ]);
      expect(await issuedFor(tenant.tenantId)).toBe(1);

      const moved = await second.takeOver();
      expect(moved.outcomes).toEqual([{ ok: true }]);
      expect(moved.rendered.text).toContain(tenant.seat(0));
      await first.waitForEvent('taken_over');
      expect(await first.state()).toEqual({
        leftoverScripts: [],
        tcccDefined: false,
        rendered: { visible: false, text: '' },
      });
      expect(await issuedFor(tenant.tenantId)).toBe(2);
      // the emulator sees one connected workstation: the first tab's session ended with its unload
      const deadline = Date.now() + 5000;
      let clients = await webClients(tenant.sdkAppId, tenant.seat(0));
      while (clients.length !== 1 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        clients = await webClients(tenant.sdkAppId, tenant.seat(0));
      }
      expect(clients).toEqual([{ ClientType: 'Web', IsConnected: true }]);
    } finally {
      await Promise.all([first.page.close(), second.page.close()]);
    }
  });
});
