// The shipped IIFE in Debian's Chromium against a stub Seatgate on another origin, with the fake
// SDK on a third: CORS, the 302 from the one-time login URL, script events and the DOM are real.
import {
  chromiumAvailable,
  CHROMIUM_PATH,
  openLoaderHarness,
  RENDER_DOM_ID,
  type LoaderHarness,
  type LoaderTab,
  workstationsFreed,
} from './harness/loader-page';
import { startStubGateway, type StubGateway } from './harness/stub-gateway';

jest.setTimeout(60_000);

// No Chromium is a failure, not a skip: a suite that did not run must not count as passing.
if (!chromiumAvailable()) {
  throw new Error(`no Chromium at ${CHROMIUM_PATH}: apt-get install -y chromium, or set CHROMIUM_PATH`);
}

describe('the IIFE in Chromium against a stub gateway', () => {
  let harness: LoaderHarness;
  let gateway: StubGateway;

  beforeAll(async () => {
    harness = await openLoaderHarness();
    gateway = await startStubGateway([harness.pageOrigin]);
  });

  afterAll(async () => {
    await harness?.close();
    await gateway?.close();
  });

  beforeEach(() => {
    gateway.logins.length = 0;
    gateway.sdkRequestOrigins.length = 0;
  });

  it('reaches ready and the workstation placeholder is visible in the render target', async () => {
    const result = await harness.run({ gateway: gateway.url, token: 'ok', sdkAppId: 1400000001 });

    expect(result.outcomes).toEqual([{ ok: true }]);
    expect(result.oneTccc).toBe(true);
    expect(result.events).toEqual(['loading', 'ready:1']);
    expect(result.rendered).toEqual({ visible: true, text: 'TCCC agent workstation (stub)' });
    expect(gateway.logins).toEqual([
      { authorization: 'Bearer ok', origin: harness.pageOrigin, body: '{"sdkAppId":1400000001}' },
    ]);
    // The tag the SDK read its render target from, as the loader left it.
    const tag = await harness.page.$eval('script[data-render-dom-id]', (script) => ({
      crossorigin: script.getAttribute('crossorigin'),
      renderDomId: script.getAttribute('data-render-dom-id'),
    }));
    expect(tag).toEqual({ crossorigin: 'anonymous', renderDomId: RENDER_DOM_ID });
    // The one-time URL redirects across origins, so Chromium sends the SDK host `Origin: null`:
    // the real SDK host must answer CORS for that (as `*` does).
    expect(gateway.sdkRequestOrigins).toEqual(['null']);
  });

  it('makes exactly one login request for ten concurrent calls, all resolving to one tccc', async () => {
    const result = await harness.run({ gateway: gateway.url, token: 'ok', calls: 10 });

    expect(result.outcomes).toEqual(Array(10).fill({ ok: true }));
    expect(result.oneTccc).toBe(true);
    expect(gateway.logins).toHaveLength(1);
    expect(result.leftoverScripts).toHaveLength(1);
    expect(result.events).toEqual(['loading', 'ready:1']);
  });

  it('retries an expired SDK token once with a fresh login and then succeeds', async () => {
    const result = await harness.run({ gateway: gateway.url, token: 'expire-once' });

    expect(result.outcomes).toEqual([{ ok: true }]);
    expect(result.events).toEqual(['loading', 'retry:2', 'ready:2']);
    expect(gateway.logins).toHaveLength(2);
    expect(result.leftoverScripts).toHaveLength(1);
    expect(result.rendered.visible).toBe(true);
  });

  it('gives up with token_expired when the retry expires too, leaving no script and no tccc', async () => {
    const result = await harness.run({ gateway: gateway.url, token: 'always-expire' });

    expect(result.outcomes).toEqual([
      { ok: false, error: expect.objectContaining({ name: 'SeatgateLoaderError', code: 'token_expired' }) },
    ]);
    expect(result.events).toEqual(['loading', 'retry:2', 'error:token_expired']);
    expect(gateway.logins).toHaveLength(2);
    expect(result.leftoverScripts).toEqual([]);
    expect(result.tcccDefined).toBe(false);
  });

  it('rejects a rate-limited login with rate_limited and a positive retryAfter', async () => {
    const result = await harness.run({ gateway: gateway.url, token: 'rate-limited' });

    expect(result.outcomes).toEqual([
      {
        ok: false,
        error: expect.objectContaining({
          code: 'rate_limited',
          status: 429,
          serverCode: 'rate_limited',
          retryAfter: 30,
          requestId: expect.any(String),
        }),
      },
    ]);
    expect(result.events).toEqual(['loading', 'error:rate_limited']);
    expect(result.leftoverScripts).toEqual([]);
  });

  it('rejects a gateway URL that answers 404 with a typed error and leaves no script tag', async () => {
    const result = await harness.run({ gateway: `${gateway.url}/not-seatgate`, token: 'ok' });

    expect(result.outcomes).toEqual([
      {
        ok: false,
        error: expect.objectContaining({ name: 'SeatgateLoaderError', code: 'gateway_error', status: 404 }),
      },
    ]);
    expect(result.leftoverScripts).toEqual([]);
    expect(result.tcccDefined).toBe(false);
  });

  it('rejects a gateway that does not admit the page origin with network', async () => {
    const stranger = await startStubGateway([]);
    try {
      const result = await harness.run({ gateway: stranger.url, token: 'ok' });
      expect(result.outcomes).toEqual([{ ok: false, error: expect.objectContaining({ code: 'network' }) }]);
      expect(result.leftoverScripts).toEqual([]);
    } finally {
      await stranger.close();
    }
  });

  it('rejects a spent login URL with ticket_used and removes the failed script', async () => {
    const result = await harness.run({ gateway: gateway.url, token: 'used-ticket' });

    expect(result.outcomes).toEqual([
      {
        ok: false,
        error: expect.objectContaining({ code: 'ticket_used', loginId: expect.stringMatching(/^login-/) }),
      },
    ]);
    expect(result.leftoverScripts).toEqual([]);
    expect(result.tcccDefined).toBe(false);
  });

  it('maps a refused business token to auth_failed with the server code', async () => {
    const result = await harness.run({ gateway: gateway.url, token: 'bad' });

    expect(result.outcomes).toEqual([
      {
        ok: false,
        error: expect.objectContaining({ code: 'auth_failed', status: 401, serverCode: 'invalid_token' }),
      },
    ]);
  });

  it("surfaces the SDK's sign-out after ready as signed_out and unloads, without a new login", async () => {
    const tab = await harness.openTab();
    try {
      const result = await tab.run({ gateway: gateway.url, token: 'kicked', sdkAppId: 1400000099 });
      expect(result.outcomes).toEqual([{ ok: true }]);

      await tab.waitForEvent('signed_out:ForceMemberOffline');

      expect(await tab.events()).toEqual(['loading', 'ready:1', 'signed_out:ForceMemberOffline']);
      expect(await tab.state()).toEqual({
        leftoverScripts: [],
        tcccDefined: false,
        rendered: { visible: false, text: '' },
      });
      expect(gateway.logins).toHaveLength(1);
    } finally {
      await tab.page.close();
    }
  });

  it("maps the gateway's seat_signed_out to signed_out with the admin's reason, and does not retry", async () => {
    const result = await harness.run({ gateway: gateway.url, token: 'signed-out' });

    expect(result.outcomes).toEqual([
      {
        ok: false,
        error: expect.objectContaining({
          code: 'signed_out',
          serverCode: 'seat_signed_out',
          status: 403,
          reason: 'laptop lost',
        }),
      },
    ]);
    expect(gateway.logins).toHaveLength(1);
    expect(result.leftoverScripts).toEqual([]);
  });
});

describe('one workstation per browser profile and seat, two tabs in Chromium', () => {
  let harness: LoaderHarness;
  let gateway: StubGateway;
  let tabs: LoaderTab[] = [];
  // Each test its own app, so a claim a test leaves behind cannot meet the next one's.
  let sdkAppId = 1400000100;

  beforeAll(async () => {
    harness = await openLoaderHarness();
    gateway = await startStubGateway([harness.pageOrigin]);
  });
  afterAll(async () => {
    await harness?.close();
    await gateway?.close();
  });
  beforeEach(() => {
    gateway.logins.length = 0;
    sdkAppId += 1;
  });
  afterEach(async () => {
    await Promise.all(tabs.map((tab) => tab.page.close()));
    tabs = [];
  });

  async function twoTabs(webLocks: boolean): Promise<[LoaderTab, LoaderTab]> {
    tabs = [await harness.openTab({ webLocks }), await harness.openTab({ webLocks })];
    for (const tab of tabs) {
      expect(await tab.page.evaluate(() => 'locks' in navigator)).toBe(webLocks);
    }
    return tabs as [LoaderTab, LoaderTab];
  }

  describe.each([
    ['Web Locks', true],
    ['the BroadcastChannel fallback (navigator.locks removed)', false],
  ])('with %s', (_name, webLocks) => {
    it('refuses the second tab before it logs in; takeOver() moves the workstation and the first unloads', async () => {
      const [first, second] = await twoTabs(webLocks);
      const run = { gateway: gateway.url, token: 'ok', sdkAppId };
      expect((await first.run(run)).outcomes).toEqual([{ ok: true }]);

      const refused = await second.run(run);

      expect(refused.outcomes).toEqual([
        {
          ok: false,
          error: expect.objectContaining({
            code: 'workstation_open_elsewhere',
            takeOver: true,
            focusOther: true,
          }),
        },
      ]);
      expect(refused.events).toEqual(['loading', 'error:workstation_open_elsewhere']);
      expect(refused.leftoverScripts).toEqual([]);
      expect(gateway.logins).toHaveLength(1);

      await second.focusOther();
      await first.waitForEvent('focus_requested');

      const moved = await second.takeOver();

      expect(moved.outcomes).toEqual([{ ok: true }]);
      expect(moved.events).toEqual(['loading', 'ready:1']);
      expect(moved.rendered).toEqual({ visible: true, text: 'TCCC agent workstation (stub)' });
      await first.waitForEvent('taken_over');
      expect(await first.events()).toEqual(['loading', 'ready:1', 'focus_requested', 'taken_over']);
      expect(await first.state()).toEqual({
        leftoverScripts: [],
        tcccDefined: false,
        rendered: { visible: false, text: '' },
      });
      expect(gateway.logins).toHaveLength(2);

      // and back: the first tab is now the one refused
      const back = await first.run(run);
      expect(back.outcomes).toEqual([
        { ok: false, error: expect.objectContaining({ code: 'workstation_open_elsewhere' }) },
      ]);
    });

    it('under the takeOver policy the second tab takes the workstation at once', async () => {
      const [first, second] = await twoTabs(webLocks);
      await first.run({ gateway: gateway.url, token: 'ok', sdkAppId });

      const taken = await second.run({ gateway: gateway.url, token: 'ok', sdkAppId, multiTab: 'takeOver' });

      expect(taken.outcomes).toEqual([{ ok: true }]);
      await first.waitForEvent('taken_over');
      expect((await first.state()).tcccDefined).toBe(false);
    });
  });

  it('under the refuse policy offers no takeOver()', async () => {
    const [first, second] = await twoTabs(true);
    await first.run({ gateway: gateway.url, token: 'ok', sdkAppId });
    const refused = await second.run({ gateway: gateway.url, token: 'ok', sdkAppId, multiTab: 'refuse' });
    expect(refused.outcomes).toEqual([
      {
        ok: false,
        error: expect.objectContaining({
          code: 'workstation_open_elsewhere',
          takeOver: false,
          focusOther: true,
        }),
      },
    ]);
  });

  it('frees the workstation when its tab closes', async () => {
    const [first, second] = await twoTabs(true);
    await first.run({ gateway: gateway.url, token: 'ok', sdkAppId });
    await first.page.close();
    tabs = [second];
    await workstationsFreed(second.page);

    expect((await second.run({ gateway: gateway.url, token: 'ok', sdkAppId })).outcomes).toEqual([
      { ok: true },
    ]);
  });

  it("remembers the tenant's policy from the login answer for later tabs, over the option", async () => {
    // its own gateway origin: the policy is remembered per gateway in this profile's localStorage
    const strict = await startStubGateway([harness.pageOrigin]);
    try {
      const [first, second] = await twoTabs(true);
      await first.run({ gateway: strict.url, token: 'tenant-refuses', sdkAppId });

      const refused = await second.run({
        gateway: strict.url,
        token: 'tenant-refuses',
        sdkAppId,
        multiTab: 'takeOver',
      });

      expect(refused.outcomes).toEqual([
        {
          ok: false,
          error: expect.objectContaining({ code: 'workstation_open_elsewhere', takeOver: false }),
        },
      ]);
      expect((await first.state()).tcccDefined).toBe(true);
      expect(strict.logins).toHaveLength(1);
    } finally {
      await strict.close();
    }
  });

  it('lets another seat (another app) load beside it', async () => {
    const [first, second] = await twoTabs(true);
    await first.run({ gateway: gateway.url, token: 'ok', sdkAppId });
    const other = await second.run({ gateway: gateway.url, token: 'ok', sdkAppId: sdkAppId + 1000 });
    expect(other.outcomes).toEqual([{ ok: true }]);
    expect((await first.state()).tcccDefined).toBe(true);
  });
});
