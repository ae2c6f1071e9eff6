// A reusable page for driving the shipped IIFE in Chromium against any gateway: the stub here, or
// the real gateway and emulator in e2e. It serves a bare page with a render target and the IIFE
// from its own origin, so every gateway call is cross-origin as in production.
//
//   const harness = await openLoaderHarness();
//   const result = await harness.run({ gateway: 'http://127.0.0.1:3000', token: jwt });
//   expect(result.outcomes[0]).toMatchObject({ ok: true });
//   await harness.close();
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import type * as SeatgateLoaderApi from '../../src/iife';
import { buildLoaderIife } from './build-iife';

declare global {
  interface Window {
    SeatgateLoader: typeof SeatgateLoaderApi;
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
}

export type LoaderOutcome = { ok: true } | { ok: false; error: SerializedLoaderError };

export interface LoaderPageResult {
  outcomes: LoaderOutcome[];
  /** Every resolved call got the very same `tccc`, and it is `window.tccc`. */
  oneTccc: boolean;
  /** Lifecycle events seen page-wide: `loading`, `retry:2`, `ready:2`, `error:rate_limited`. */
  events: string[];
  /** `src` of every script tag on the page except the loader itself. */
  leftoverScripts: string[];
  tcccDefined: boolean;
  /** Whether the render target shows something the SDK put there, and its text. */
  rendered: { visible: boolean; text: string };
}

export interface LoaderHarness {
  browser: Browser;
  page: Page;
  /** Origin serving the page; gateways must admit it in CORS. */
  pageOrigin: string;
  /** Opens a fresh page (so a fresh loader) and runs loadTccc there. */
  run(run: LoaderPageRun): Promise<LoaderPageResult>;
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
      return runInPage(page, run);
    },
    async close() {
      await context.close();
      if (!options.browser) await browser.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function runInPage(page: Page, run: LoaderPageRun): Promise<LoaderPageResult> {
  const renderDomId = run.renderDomId === undefined ? RENDER_DOM_ID : run.renderDomId;
  const result = await page.evaluate(
    async ({ gateway, token, calls, sdkAppId, renderDomId, timeoutMs, maxRetries }) => {
      const loader = window.SeatgateLoader;
      const events: string[] = [];
      loader.onLoaderEvent((event) => {
        if (event.type === 'loading') events.push('loading');
        else if (event.type === 'error') events.push(`error:${event.error.code}`);
        else events.push(`${event.type}:${event.attempt}`);
      });
      const settled = await Promise.allSettled(
        Array.from({ length: calls }, () =>
          loader.loadTccc({
            gateway,
            getToken: () => token,
            sdkAppId: sdkAppId ?? undefined,
            renderDomId: renderDomId ?? undefined,
            timeoutMs: timeoutMs ?? undefined,
            maxRetries: maxRetries ?? undefined,
          }),
        ),
      );
      const tccc = (window as unknown as { tccc?: unknown }).tccc;
      const outcomes = settled.map((outcome) => {
        if (outcome.status === 'fulfilled') return { ok: true as const };
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
          },
        };
      });
      const fulfilled = settled.filter((o) => o.status === 'fulfilled').map((o) => o.value);
      return {
        outcomes,
        oneTccc: fulfilled.length > 0 && fulfilled.every((value) => value === tccc),
        events,
        leftoverScripts: Array.from(document.scripts)
          .map((script) => script.src)
          .filter((src) => !src.endsWith('/seatgate-loader.iife.js')),
        tcccDefined: tccc !== undefined,
      };
    },
    {
      gateway: run.gateway,
      token: run.token,
      calls: run.calls ?? 1,
      sdkAppId: run.sdkAppId ?? null,
      renderDomId,
      timeoutMs: run.timeoutMs ?? null,
      maxRetries: run.maxRetries ?? null,
    },
  );
  const rendered = renderDomId ? page.locator(`#${renderDomId} > *`).first() : undefined;
  const visible = rendered ? await rendered.isVisible() : false;
  return {
    ...result,
    rendered: { visible, text: visible && rendered ? await rendered.innerText() : '' },
  };
}
