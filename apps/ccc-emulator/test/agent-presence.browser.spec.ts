import type { Page } from 'playwright-core';
import { ACME_APP, ALICE, sdkFailure, startHarness, type EmulatorHarness } from './support/emulator-fixtures';
import { startAgentPages, type AgentPages } from './support/agent-pages';

// The agent script in Chromium as a connected client: a loaded workstation counts as a "Web"
// client in DescribeStaffStatusMetrics, Agent.offline() and closing the tab clear it, status
// changes made through SetStaffStatus reach the page, and ForceMemberOffline ends the session with
// the emulated `kickedOut` event. Also the Web SDK surface the script gained (statuses,
// floating-button methods, devices, events).

interface TcccPage {
  events: Record<string, string>;
  on(name: string, fn: (payload: unknown) => void): void;
  Agent: {
    online(): Promise<unknown>;
    offline(): Promise<unknown>;
    setStatus(options: { status: unknown; reason?: string }): Promise<{ status: string; errorMsg?: string }>;
    getStatus(): string;
  };
  Call: {
    startOutboundCall(options: { phoneNumber: string }): Promise<{ data?: { sessionId: string } }>;
    hungUp(options: { sessionId: string }): Promise<unknown>;
    transfer(options: { sessionId: string; type: number; number: string }): Promise<unknown>;
  };
  Devices: { getMicrophones(): Promise<unknown[]>; getSpeakers(): Promise<unknown[]> };
  UI: { showfloatButton(): void; hidefloatButton(): void };
  __emulator: { simulate(name: string, payload: unknown): void };
}

/** Runs in the page: records every named event into window.__seen. */
function recordEvents(page: Page, names: string[]): Promise<void> {
  return page.evaluate((eventNames) => {
    const scope = globalThis as unknown as { tccc: TcccPage; __seen: Array<[string, unknown]> };
    scope.__seen = [];
    for (const name of eventNames) scope.tccc.on(name, (payload) => scope.__seen.push([name, payload]));
  }, names);
}

function seen(page: Page): Promise<Array<[string, unknown]>> {
  return page.evaluate(() => (globalThis as unknown as { __seen: Array<[string, unknown]> }).__seen);
}

describe('agent script presence in Chromium', () => {
  let pages: AgentPages;
  let harness: EmulatorHarness;

  beforeAll(async () => {
    pages = await startAgentPages();
  });
  afterAll(async () => {
    await pages.close();
  });
  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(async () => {
    await harness.close();
  });

  async function metrics(): Promise<{ Status?: string; ClientInfo?: unknown[] } | undefined> {
    const answer = await harness
      .client()
      .DescribeStaffStatusMetrics({ SdkAppId: ACME_APP, StaffList: [ALICE] });
    return answer.Metrics?.[0];
  }

  /** Polls (10 calls/s, under the quota) until the seat's metrics satisfy `done`, for up to 5 s. */
  async function metricsUntil(
    done: (m: { Status?: string; ClientInfo?: unknown[] } | undefined) => boolean,
  ): Promise<{ Status?: string; ClientInfo?: unknown[] } | undefined> {
    const deadline = Date.now() + 5000;
    let last = await metrics();
    while (!done(last) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      last = await metrics();
    }
    return last;
  }

  async function readyPage(): Promise<Page> {
    const { page } = await pages.openPage();
    expect(await pages.load(page, await pages.sdkUrl(harness), 'renderDom')).toEqual({ event: 'ready' });
    return page;
  }

  function tccc<T>(page: Page, fn: (sdk: TcccPage) => Promise<T> | T): Promise<T> {
    return page.evaluate((source) => {
      const sdk = (globalThis as unknown as { tccc: TcccPage }).tccc;
      return (new Function('sdk', `return (${source})(sdk);`) as (s: TcccPage) => Promise<T> | T)(sdk);
    }, fn.toString());
  }

  it('counts a loaded workstation as a connected Web client; Agent.offline and closing the tab clear it', async () => {
    const page = await readyPage();
    expect(await metrics()).toMatchObject({
      Status: 'offline',
      ClientInfo: [{ ClientType: 'Web', IsConnected: true }],
    });
    await tccc(page, (sdk) => sdk.Agent.online());
    expect(await metrics()).toMatchObject({
      Status: 'free',
      ClientInfo: [{ ClientType: 'Web', IsConnected: true }],
    });
    await tccc(page, (sdk) => sdk.Agent.offline());
    expect(await metrics()).toMatchObject({ Status: 'offline', ClientInfo: [] });
    await tccc(page, (sdk) => sdk.Agent.online());
    expect(await metrics()).toMatchObject({ Status: 'free', ClientInfo: [{ ClientType: 'Web' }] });

    await page.close();
    const after = await metricsUntil((m) => m?.ClientInfo?.length === 0);
    expect(after).toMatchObject({ Status: 'offline', ClientInfo: [] });
    const history = await harness.client().DescribeStaffStatusHistory({
      SdkAppId: ACME_APP,
      StaffUserId: ALICE,
      StartTimestamp: Math.floor(Date.now() / 1000) - 60,
      EndTimestamp: Math.floor(Date.now() / 1000) + 60,
    });
    expect(history.Data?.map((item) => item.Status)).toEqual(['free', 'offline', 'free', 'offline']);
    expect(history.Data?.at(-1)?.Reason).toBe('disconnected');
    expect(history.Data?.[0]?.SessionId).not.toBe('');
  });

  it('ends the session when the page removes the workstation, as an unloading loader does', async () => {
    const page = await readyPage();
    try {
      expect(await metrics()).toMatchObject({ ClientInfo: [{ ClientType: 'Web', IsConnected: true }] });

      // (this project's types have no DOM: the page's own code as a string)
      await page.evaluate("document.getElementById('renderDom').textContent = ''");

      expect(await metricsUntil((m) => m?.ClientInfo?.length === 0)).toMatchObject({ ClientInfo: [] });
      expect(await tccc(page, (sdk) => sdk.Agent.online())).toEqual({
        status: 'error',
        errorMsg: 'SDK instance was replaced',
      });
    } finally {
      await page.close();
    }
  });

  it('brings a SetStaffStatus change to the page as statusChanged', async () => {
    const page = await readyPage();
    try {
      await tccc(page, (sdk) => sdk.Agent.online());
      await recordEvents(page, ['statusChanged']);
      const answer = await harness.client().SetStaffStatus({
        SdkAppId: ACME_APP,
        StaffStatusList: [{ StaffUserId: ALICE, Status: 'rest', Reason: 'meeting' }],
      });
      expect(answer.StaffStatusList?.[0]).toMatchObject({
        ErrorCode: '',
        Status: 'rest',
        PreviousStatus: 'free',
      });
      await page.waitForFunction(() => (globalThis as unknown as { __seen: unknown[] }).__seen.length > 0);
      expect(await seen(page)).toEqual([['statusChanged', { status: 'rest' }]]);
      expect(await tccc(page, (sdk) => sdk.Agent.getStatus())).toBe('rest');
      expect(await page.locator('[data-testid="tccc-agent-status"]').textContent()).toBe('rest');
    } finally {
      await page.close();
    }
  });

  it('ends the session on ForceMemberOffline (emulated kickedOut) and refuses the seat until RestoreMemberOnline', async () => {
    const url = await pages.sdkUrl(harness);
    const { page } = await pages.openPage();
    try {
      expect(await pages.load(page, url, 'renderDom')).toEqual({ event: 'ready' });
      await tccc(page, (sdk) => sdk.Agent.online());
      await recordEvents(page, ['kickedOut', 'statusChanged']);
      await harness.client().ForceMemberOffline({ SdkAppId: ACME_APP, UserId: ALICE });
      await page.waitForFunction(() => (globalThis as unknown as { __seen: unknown[] }).__seen.length > 0);
      expect(await seen(page)).toEqual([
        [
          'kickedOut',
          { reason: 'ForceMemberOffline', message: expect.stringContaining('ForceMemberOffline') },
        ],
      ]);
      expect(await page.locator('[data-testid="tccc-status"]').textContent()).toBe('kickedOut');
      expect(await tccc(page, (sdk) => sdk.Agent.getStatus())).toBe('offline');
      expect(await tccc(page, (sdk) => sdk.Agent.online())).toEqual({
        status: 'error',
        errorMsg: expect.any(String),
      });
      expect(await metricsUntil((m) => m?.ClientInfo?.length === 0)).toMatchObject({
        Status: 'offline',
        ClientInfo: [],
      });

      // The seat cannot log in again: no new SdkURL, and the old one no longer initialises.
      expect(
        (await sdkFailure(harness.client().CreateSDKLoginToken({ SdkAppId: ACME_APP, SeatUserId: ALICE })))
          .code,
      ).toBe('FailedOperation');
      await page.reload();
      const reused = await pages.load(page, url, 'renderDom');
      expect(reused.event).toBe('tokenExpired');
      expect(reused.message).toMatch(/forced offline/);

      await harness.client().RestoreMemberOnline({ SdkAppId: ACME_APP, UserId: ALICE });
      expect(await pages.load(page, await pages.sdkUrl(harness), 'renderDom')).toEqual({ event: 'ready' });
      expect(await metrics()).toMatchObject({ ClientInfo: [{ ClientType: 'Web', IsConnected: true }] });
    } finally {
      await page.close();
    }
  });

  it('refuses unknown statuses in Agent.setStatus and reports arrange as afterCallWork', async () => {
    const page = await readyPage();
    try {
      for (const status of ['away', 'offline', 'afterCallWork', '', 42]) {
        const refused = await page.evaluate(
          (value) => (globalThis as unknown as { tccc: TcccPage }).tccc.Agent.setStatus({ status: value }),
          status,
        );
        expect(refused).toEqual({ status: 'error', errorMsg: expect.stringContaining('unknown status') });
      }
      expect(await metrics()).toMatchObject({ Status: 'offline' });
      expect(await tccc(page, (sdk) => sdk.Agent.setStatus({ status: 'arrange' }))).toEqual({
        status: 'success',
      });
      expect(await tccc(page, (sdk) => sdk.Agent.getStatus())).toBe('arrange');
      expect(await metrics()).toMatchObject({ Status: 'afterCallWork' });
      await tccc(page, (sdk) => sdk.Agent.setStatus({ status: 'rest', reason: 'break' }));
      const answer = await harness
        .client()
        .DescribeStaffStatusMetrics({ SdkAppId: ACME_APP, StaffList: [ALICE] });
      expect(answer.Metrics?.[0]).toMatchObject({ Status: 'rest', Reason: 'break' });
      for (const status of ['free', 'busy', 'notReady']) {
        expect(
          await page.evaluate(
            (value) => (globalThis as unknown as { tccc: TcccPage }).tccc.Agent.setStatus({ status: value }),
            status,
          ),
        ).toEqual({ status: 'success' });
      }
    } finally {
      await page.close();
    }
  });

  it('fires calloutAccepted, sessionCompleted, transfer and autoTransfer, and lists devices', async () => {
    const page = await readyPage();
    try {
      const names = await tccc(page, (sdk) => sdk.events);
      expect(names).toMatchObject({
        calloutAccepted: 'calloutAccepted',
        autoTransfer: 'autoTransfer',
        sessionCompleted: 'sessionCompleted',
        transfer: 'transfer',
      });
      await recordEvents(page, [
        'callOuted',
        'calloutAccepted',
        'sessionEnded',
        'sessionCompleted',
        'transfer',
        'autoTransfer',
      ]);
      const sessionId = await tccc(page, async (sdk) => {
        const call = await sdk.Call.startOutboundCall({ phoneNumber: '008613800000000' });
        await new Promise((resolve) => setTimeout(resolve, 20));
        const id = call.data?.sessionId ?? '';
        await sdk.Call.transfer({ sessionId: id, type: 1, number: '8001' });
        await new Promise((resolve) => setTimeout(resolve, 20));
        await sdk.Call.hungUp({ sessionId: id });
        sdk.__emulator.simulate('autoTransfer', { sessionId: 'inbound-1' });
        await new Promise((resolve) => setTimeout(resolve, 50));
        return id;
      });
      expect((await seen(page)).map(([name]) => name)).toEqual([
        'callOuted',
        'calloutAccepted',
        'transfer',
        'sessionEnded',
        'sessionCompleted',
        'autoTransfer',
      ]);
      expect((await seen(page))[1]).toEqual(['calloutAccepted', { sessionId }]);
      expect((await seen(page))[4]).toEqual(['sessionCompleted', { sessionId }]);

      const devices = await tccc(page, async (sdk) => ({
        microphones: await sdk.Devices.getMicrophones(),
        speakers: await sdk.Devices.getSpeakers(),
      }));
      expect(Array.isArray(devices.microphones)).toBe(true);
      expect(Array.isArray(devices.speakers)).toBe(true);
      for (const device of [...devices.microphones, ...devices.speakers]) {
        expect(device).toEqual({
          deviceId: expect.any(String),
          groupId: expect.any(String),
          kind: expect.any(String),
          label: expect.any(String),
        });
      }
    } finally {
      await page.close();
    }
  });

  it('hides and shows the floating button with UI.hidefloatButton and UI.showfloatButton', async () => {
    const { page } = await pages.openPage();
    try {
      expect(await pages.load(page, await pages.sdkUrl(harness))).toEqual({ event: 'ready' });
      const button = page.locator('[data-testid="tccc-floating-button"]');
      expect(await button.isVisible()).toBe(true);
      await tccc(page, (sdk) => sdk.UI.hidefloatButton());
      expect(await button.isVisible()).toBe(false);
      await tccc(page, (sdk) => sdk.UI.showfloatButton());
      expect(await button.isVisible()).toBe(true);
    } finally {
      await page.close();
    }
  });
});
