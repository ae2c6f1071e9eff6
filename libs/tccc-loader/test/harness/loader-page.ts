// A reusable page for driving the shipped IIFE in Chromium against any gateway: the stub here, or
// the real gateway and emulator in e2e. It serves a bare page with a render target and the IIFE
// from its own origin, so every gateway call is cross-origin as in production.
//
//   const harness = await openLoaderHarness();
//   const result = await harness.run({ gateway: 'http://127.0.0.1:3000', token: jwt });
//   expect(result.outcomes[0]).toMatchObject({ ok: true });
//   await harness.close();
//
// Tabs of one browser profile (the harness's context) for the multi-tab behaviour:
//   const first = await harness.openTab(), second = await harness.openTab();
//   await first.run({ gateway, token });
//   const refused = await second.run({ gateway, token }); // workstation_open_elsewhere
//   await second.takeOver(); await first.waitForEvent('taken_over');
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import type * as SeatgateLoaderApi from '../../src/iife';
import type { MultiTabPolicy } from '../../src/tccc-loader';
import { buildLoaderIife } from './build-iife';

declare global {
  interface Window {
    SeatgateLoader: typeof SeatgateLoaderApi;
    /** The harness's own page state: events seen, and the last rejection (for takeOver()). */
    __seatgateHarness?: { events: string[]; lastError?: SeatgateLoaderApi.SeatgateLoaderError };
  }
}

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumAvailable = () => existsSync(CHROMIUM_PATH);
export const RENDER_DOM_ID = 'seatgate-workstation';

export interface LoaderPageRun {
  gateway: string;
  /** The business token `getToken` returns. */
  token: string;
  /** How many concurrent loadTccc calls the page makes. Default 1. */
  calls?: number;
  sdkAppId?: number;
  /** Default RENDER_DOM_ID; null for none (floating button). */
  renderDomId?: string | null;
  timeoutMs?: number;
  maxRetries?: number;
  multiTab?: MultiTabPolicy;
}

export interface SerializedLoaderError {
  name: string;
  code: string;
  message: string;
  status?: number;
  serverCode?: string;
  requestId?: string;
  retryAfter?: number;
  loginId?: string;
  reason?: string;
  /** workstation_open_elsewhere: whether the error offers takeOver() / focusOther(). */
  takeOver?: boolean;
  focusOther?: boolean;
}

export type LoaderOutcome = { ok: true } | { ok: false; error: SerializedLoaderError };

export interface LoaderPageState {
  /** `src` of every script tag on the page except the loader itself. */
  leftoverScripts: string[];
  tcccDefined: boolean;
  /** Whether the render target shows something the SDK put there, and its text. */
  rendered: { visible: boolean; text: string };
}

export interface LoaderPageResult extends LoaderPageState {
  outcomes: LoaderOutcome[];
  /** Every resolved call got the very same `tccc`, and it is `window.tccc`. */
  oneTccc: boolean;
  /**
   * Lifecycle events seen page-wide during this run: `loading`, `retry:2`, `ready:2`,
   * `error:rate_limited`; later ones: `taken_over`, `focus_requested`, `signed_out:<reason>`.
   */
  events: string[];
}

/** One tab of the harness's browser profile; it keeps its page until the harness closes. */
export interface LoaderTab {
  page: Page;
  /** Runs loadTccc in this tab (the page is loaded once, so its loader is shared by runs). */
  run(run: LoaderPageRun): Promise<LoaderPageResult>;
  /** Calls the last rejection's `takeOver()` and reports it like a run. */
  takeOver(): Promise<LoaderPageResult>;
  /** Calls the last rejection's `focusOther()`. */
  focusOther(): Promise<void>;
  /** Every lifecycle event this tab has seen so far. */
  events(): Promise<string[]>;
  /** Resolves once this tab has seen `event` (as `events()` spells it). */
  waitForEvent(event: string, timeoutMs?: number): Promise<void>;
  state(): Promise<LoaderPageState>;
}

export interface LoaderHarness {
  browser: Browser;
  page: Page;
  /** Origin serving the page; gateways must admit it in CORS. */
  pageOrigin: string;
  /** Opens a fresh page (so a fresh loader) and runs loadTccc there. */
  run(run: LoaderPageRun): Promise<LoaderPageResult>;
  /**
   * Opens another tab of the same profile. `webLocks: false` removes `navigator.locks` before any
   * script runs, as on a browser or an origin without them, so the loader falls back to BroadcastChannel.
   */
  openTab(options?: { webLocks?: boolean }): Promise<LoaderTab>;
  close(): Promise<void>;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

const pageHtml = `<!doctype html>
<html><head><meta charset="utf-8"><title>Seatgate loader harness</title></head>
<body>
  <div id="${RENDER_DOM_ID}" style="width:800px;height:500px"></div>
  <script src="/seatgate-loader.iife.js"></script>
</body></html>`;

async function servePage(iife: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    if (req.url === '/seatgate-loader.iife.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(iife);
    } else if (req.url === '/' || req.url?.startsWith('/?')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pageHtml);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Builds the IIFE, serves the page and starts Chromium (or reuses `browser`). */
export async function openLoaderHarness(
  options: { browser?: Browser; iife?: string } = {},
): Promise<LoaderHarness> {
  const iife = options.iife ?? (await buildLoaderIife());
  const { server, origin } = await servePage(iife);
  const browser = options.browser ?? (await launchChromium());
  const context = await browser.newContext();
  let page = await context.newPage();

  return {
    browser,
    get page() {
      return page;
    },
    pageOrigin: origin,
    async run(run) {
      await page.close();
      page = await context.newPage();
      await page.goto(`${origin}/`);
      // Chromium frees a closed tab's Web Locks a moment after the close: a fresh page waits for
      // that, or it would meet the previous page's workstation claim.
      await workstationsFreed(page);
      return runInPage(page, run, 'load');
    },
    async openTab({ webLocks = true } = {}) {
      const tab = await context.newPage();
      if (!webLocks) {
        await tab.addInitScript(() => {
          Reflect.deleteProperty(Navigator.prototype, 'locks');
        });
      }
      await tab.goto(`${origin}/`);
      let lastRun: LoaderPageRun | undefined;
      const events = () => tab.evaluate(() => window.__seatgateHarness?.events.slice() ?? []);
      return {
        page: tab,
        run: (run) => runInPage(tab, (lastRun = run), 'load'),
        takeOver() {
          if (!lastRun) throw new Error('takeOver() before any run in this tab');
          return runInPage(tab, lastRun, 'takeOver');
        },
        focusOther: () => tab.evaluate(() => window.__seatgateHarness?.lastError?.focusOther?.()),
        events,
        async waitForEvent(event, timeoutMs = 10_000) {
          await tab.waitForFunction((name) => window.__seatgateHarness?.events.includes(name), event, {
            timeout: timeoutMs,
          });
        },
        state: () => pageState(tab, lastRun?.renderDomId === undefined ? RENDER_DOM_ID : lastRun.renderDomId),
      };
    },
    async close() {
      await context.close();
      if (!options.browser) await browser.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function runInPage(
  page: Page,
  run: LoaderPageRun,
  action: 'load' | 'takeOver',
): Promise<LoaderPageResult> {
  const renderDomId = run.renderDomId === undefined ? RENDER_DOM_ID : run.renderDomId;
  const result = await page.evaluate(
    async ({ action, gateway, token, calls, sdkAppId, renderDomId, timeoutMs, maxRetries, multiTab }) => {
      const loader = window.SeatgateLoader;
      // Page-wide and kept across runs, so events after a run (taken_over, signed_out) are seen.
      let harness = window.__seatgateHarness;
      if (!harness) {
        const seen: string[] = [];
        harness = window.__seatgateHarness = { events: seen };
        loader.onLoaderEvent((event) => {
          if (event.type === 'error') seen.push(`error:${event.error.code}`);
          else if (event.type === 'retry' || event.type === 'ready')
            seen.push(`${event.type}:${event.attempt}`);
          else seen.push(event.type === 'signed_out' ? `signed_out:${event.error.reason}` : event.type);
        });
      }
      const from = harness.events.length;
      const last = harness.lastError;
      const settled = await Promise.allSettled(
        action === 'takeOver'
          ? [
              last?.takeOver
                ? last.takeOver()
                : Promise.reject(new Error('the last rejection offers no takeOver()')),
            ]
          : Array.from({ length: calls }, () =>
              loader.loadTccc({
                gateway,
                getToken: () => token,
                sdkAppId: sdkAppId ?? undefined,
                renderDomId: renderDomId ?? undefined,
                timeoutMs: timeoutMs ?? undefined,
                maxRetries: maxRetries ?? undefined,
                multiTab: multiTab ?? undefined,
              }),
            ),
      );
      const tccc = (window as unknown as { tccc?: unknown }).tccc;
      const outcomes = settled.map((outcome) => {
        if (outcome.status === 'fulfilled') return { ok: true as const };
        harness.lastError = outcome.reason as InstanceType<typeof loader.SeatgateLoaderError>;
        const e = outcome.reason as Record<string, unknown>;
        const pick = <T>(key: string, type: string) => (typeof e[key] === type ? (e[key] as T) : undefined);
        return {
          ok: false as const,
          error: {
            name: String(e.name),
            code: String(e.code),
            message: String(e.message),
            status: pick<number>('status', 'number'),
            serverCode: pick<string>('serverCode', 'string'),
            requestId: pick<string>('requestId', 'string'),
            retryAfter: pick<number>('retryAfter', 'number'),
            loginId: pick<string>('loginId', 'string'),
            reason: pick<string>('reason', 'string'),
            takeOver: typeof e.takeOver === 'function',
            focusOther: typeof e.focusOther === 'function',
          },
        };
      });
      const fulfilled = settled.filter((o) => o.status === 'fulfilled').map((o) => o.value);
      return {
        outcomes,
        oneTccc: fulfilled.length > 0 && fulfilled.every((value) => value === tccc),
        events: harness.events.slice(from),
      };
    },
    {
      action,
      gateway: run.gateway,
      token: run.token,
      calls: run.calls ?? 1,
      sdkAppId: run.sdkAppId ?? null,
      renderDomId,
      timeoutMs: run.timeoutMs ?? null,
      maxRetries: run.maxRetries ?? null,
      multiTab: run.multiTab ?? null,
    },
  );
  return { ...result, ...(await pageState(page, renderDomId)) };
}

/** Resolves once no tab of this profile holds a Web Lock (at once where there are none). */
export async function workstationsFreed(page: Page): Promise<void> {
  await page.waitForFunction(
    async () => !navigator.locks || (await navigator.locks.query()).held?.length === 0,
  );
}

async function pageState(page: Page, renderDomId: string | null): Promise<LoaderPageState> {
  const state = await page.evaluate(() => ({
    leftoverScripts: Array.from(document.scripts)
      .map((script) => script.src)
      .filter((src) => !src.endsWith('/seatgate-loader.iife.js')),
    tcccDefined: (window as unknown as { tccc?: unknown }).tccc !== undefined,
  }));
  // read in one evaluation: a workstation the SDK signs out right after ready is unloaded at any
  // moment, and a second look would wait for an element that is gone
  const rendered = await page.evaluate((id) => {
    const element = id ? document.querySelector<HTMLElement>(`#${id} > *`) : null;
    const box = element?.getBoundingClientRect();
    const visible =
      !!element &&
      !!box &&
      box.width > 0 &&
      box.height > 0 &&
      getComputedStyle(element).visibility !== 'hidden';
    return { visible, text: visible && element ? element.innerText : '' };
  }, renderDomId);
  return { ...state, rendered };
}
