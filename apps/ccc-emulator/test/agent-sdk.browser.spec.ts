import type { Page } from 'playwright-core';
import { ACME_APP, ALICE, BOB, startHarness, type EmulatorHarness } from './support/emulator-fixtures';
import { startAgentPages, type AgentPages, type LoadResult } from './support/agent-pages';

// The SDK script at SdkURL, in Debian's Chromium: loaded cross-origin with crossorigin="anonymous"
// from a page on another origin (a local test server), as the TCCC integration guide does.

describe('agent SDK script in Chromium', () => {
  let pages: AgentPages;
  let pageOrigin: string;
  let harness: EmulatorHarness;

  beforeAll(async () => {
    pages = await startAgentPages();
    pageOrigin = pages.pageOrigin;
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

  function sdkUrl(seat = ALICE, onlyOnce = false): Promise<string> {
    return pages.sdkUrl(harness, seat, onlyOnce);
  }

  function openPage(): Promise<{ page: Page; errors: string[] }> {
    return pages.openPage();
  }

  function load(page: Page, src: string, renderDomId?: string): Promise<LoadResult> {
    return pages.load(page, src, renderDomId);
  }

  it('fires ready for a fresh token and renders the workstation into the named element', async () => {
    const { page, errors } = await openPage();
    try {
      expect(await load(page, await sdkUrl(), 'renderDom')).toEqual({ event: 'ready' });
      const workstation = page.locator('#renderDom [data-testid="tccc-workstation"]');
      await expect(workstation.isVisible()).resolves.toBe(true);
      expect(await page.locator('[data-testid="tccc-seat"]').textContent()).toBe(ALICE);
      expect(await page.locator('[data-testid="tccc-sdkappid"]').textContent()).toBe(String(ACME_APP));
      expect(await page.locator('[data-testid="tccc-status"]').textContent()).toBe('ready');
      expect(await page.locator('[data-testid="tccc-floating-button"]').count()).toBe(0);
      const box = await workstation.boundingBox();
      expect(box?.width).toBeGreaterThanOrEqual(760);
      expect(box?.height).toBeGreaterThanOrEqual(480);
      expect(errors).toEqual([]);

      // ready is sticky: a listener registered after it fired is still called (once, asynchronously).
      const late = await page.evaluate(
        () =>
          new Promise<string>((resolve) => {
            const tccc = (globalThis as unknown as { tccc: TcccLike }).tccc;
            tccc.on(tccc.events.ready, () => resolve('late ready'));
            setTimeout(() => resolve('not called'), 500);
          }),
      );
      expect(late).toBe('late ready');
    } finally {
      await page.close();
    }
  });

  it('fires tokenExpired when an OnlyOnce SdkURL is used a second time', async () => {
    const url = await sdkUrl(ALICE, true);
    const first = await openPage();
    const second = await openPage();
    try {
      expect(await load(first.page, url, 'renderDom')).toEqual({ event: 'ready' });
      const reused = await load(second.page, url, 'renderDom');
      expect(reused.event).toBe('tokenExpired');
      expect(reused.message).toMatch(/used/);
      expect(await second.page.locator('[data-testid="tccc-status"]').textContent()).toBe('tokenExpired');
    } finally {
      await first.page.close();
      await second.page.close();
    }
  });

  it('lets a token without OnlyOnce initialise twice within its lifetime', async () => {
    const url = await sdkUrl(BOB, false);
    const { page } = await openPage();
    try {
      expect(await load(page, url, 'renderDom')).toEqual({ event: 'ready' });
      await page.reload();
      expect(await load(page, url, 'renderDom')).toEqual({ event: 'ready' });
      expect(await page.locator('[data-testid="tccc-seat"]').textContent()).toBe(BOB);
    } finally {
      await page.close();
    }
  });

  it('fires tokenExpired for an expired token, and for an unknown one', async () => {
    const url = await sdkUrl(ALICE, true);
    harness.emulator.state.advanceClock(601_000);
    const { page } = await openPage();
    try {
      expect(await load(page, url, 'renderDom')).toEqual({ event: 'tokenExpired', message: 'token expired' });
      await page.reload();
      const unknown = await load(
        page,
        `${harness.emulator.url}/tccc-agent-sdk/latest/tccc-sdk.js?token=not-a-token`,
        'renderDom',
      );
      expect(unknown.event).toBe('tokenExpired');

      // What the guide says to do next: get a new SdkURL and initialise again, on the same page.
      harness.emulator.state.setClockOffset(0);
      expect(await load(page, await sdkUrl(ALICE, true), 'renderDom')).toEqual({ event: 'ready' });
      expect(await page.locator('[data-testid="tccc-workstation"]').count()).toBe(1);
      expect(await page.locator('[data-testid="tccc-status"]').textContent()).toBe('ready');
    } finally {
      await page.close();
    }
  });

  it('renders a floating button without data-render-dom-id, which opens the workstation', async () => {
    const { page } = await openPage();
    try {
      expect(await load(page, await sdkUrl())).toEqual({ event: 'ready' });
      const button = page.locator('[data-testid="tccc-floating-button"]');
      expect(await button.isVisible()).toBe(true);
      expect(await page.locator('#renderDom [data-testid="tccc-workstation"]').count()).toBe(0);
      const workstation = page.locator(
        '[data-testid="tccc-floating-panel"] [data-testid="tccc-workstation"]',
      );
      expect(await workstation.isVisible()).toBe(false);
      await button.click();
      expect(await workstation.isVisible()).toBe(true);
      expect(await workstation.locator('[data-testid="tccc-seat"]').textContent()).toBe(ALICE);
    } finally {
      await page.close();
    }
  });

  it('works after a 302 from another origin (configuration is baked in, not read from currentScript.src)', async () => {
    const { page, errors } = await openPage();
    try {
      const redirected = `${pageOrigin}/redirect?to=${encodeURIComponent(await sdkUrl(ALICE, true))}`;
      expect(await load(page, redirected, 'renderDom')).toEqual({ event: 'ready' });
      expect(await page.locator('[data-testid="tccc-seat"]').textContent()).toBe(ALICE);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('exposes Agent and Call methods; going online makes the seat undeletable through DeleteStaff', async () => {
    const { page } = await openPage();
    try {
      expect(await load(page, await sdkUrl(), 'renderDom')).toEqual({ event: 'ready' });
      const result = await page.evaluate(async () => {
        const tccc = (globalThis as unknown as { tccc: TcccLike }).tccc;
        const seen: string[] = [];
        tccc.on(tccc.events.statusChanged, (payload) =>
          seen.push(`status:${String((payload as { status: string }).status)}`),
        );
        tccc.on(tccc.events.callOuted, () => seen.push('callOuted'));
        const online = await tccc.Agent.online();
        const call = await tccc.Call.startOutboundCall({ phoneNumber: '008613800000000' });
        await new Promise((resolve) => setTimeout(resolve, 50));
        return { online, call, status: tccc.Agent.getStatus(), seen };
      });
      expect(result.online).toEqual({ status: 'success' });
      expect(result.call).toMatchObject({ status: 'success' });
      expect(result.status).toBe('free');
      expect(result.seen).toEqual(['status:free', 'callOuted']);
      expect(await page.locator('[data-testid="tccc-agent-status"]').textContent()).toBe('free');
      const deleted = await harness.client().DeleteStaff({ SdkAppId: ACME_APP, StaffList: [ALICE] });
      expect(deleted.OnlineStaffList).toEqual([ALICE]);
    } finally {
      await page.close();
    }
  });
});

interface TcccLike {
  events: Record<string, string>;
  on(name: string, fn: (payload: unknown) => void): void;
  Agent: { online(): Promise<unknown>; getStatus(): string };
  Call: { startOutboundCall(options: { phoneNumber: string }): Promise<unknown> };
}
