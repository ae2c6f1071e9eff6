// libs/tccc-loader's IIFE in Chromium against a built gateway and the emulator (issue 5).
import { openLoaderHarness, type LoaderHarness } from '../../libs/tccc-loader/test/harness/loader-page';
import { startStack, type Stack } from '../support/stack';

describe('the loader against the real gateway and emulator', () => {
  let stack: Stack;
  let harness: LoaderHarness;
  let gateway: string;

  beforeAll(async () => {
    harness = await openLoaderHarness();
    stack = await startStack();
    gateway = stack.gateways[0]!.url;
  });
  afterAll(async () => {
    await harness?.close();
    await stack?.stop();
  });

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
});
