import { chromium, type Browser, type Page } from 'playwright-core';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ACME_APP, ALICE, type EmulatorHarness } from './emulator-fixtures';

// One setup helper for the agent script's browser tests: Debian's Chromium, and a page served from
// another origin (a local test server) that loads the SdkURL with crossorigin="anonymous", as the
// TCCC integration guide does.

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>agent page</title></head>
<body>
<div id="renderDom" style="width:800px;height:500px"></div>
<script>
  // The guide's injectTcccWebSDK, reporting which lifecycle event fired.
  window.loadSdk = function (src, renderDomId) {
    return new Promise(function (resolve) {
      var script = document.createElement('script');
      script.setAttribute('crossorigin', 'anonymous');
      if (renderDomId) script.dataset.renderDomId = renderDomId;
      script.src = src;
      script.addEventListener('load', function () {
        window.tccc.on(window.tccc.events.ready, function () { resolve({ event: 'ready' }); });
        window.tccc.on(window.tccc.events.tokenExpired, function (e) { resolve({ event: 'tokenExpired', message: e.message }); });
      });
      script.addEventListener('error', function () { resolve({ event: 'script-error' }); });
      document.body.appendChild(script);
    });
  };
</script>
</body></html>`;

export interface LoadResult {
  event: string;
  message?: string;
}

export interface AgentPages {
  browser: Browser;
  pageOrigin: string;
  /** A fresh page (its own browser context) on the page origin, collecting console errors. */
  openPage(): Promise<{ page: Page; errors: string[] }>;
  /** Loads the SDK script into the page; resolves with the lifecycle event that fired first. */
  load(page: Page, src: string, renderDomId?: string): Promise<LoadResult>;
  /** An SdkURL from CreateSDKLoginToken through the official client. */
  sdkUrl(harness: EmulatorHarness, seat?: string, onlyOnce?: boolean): Promise<string>;
  close(): Promise<void>;
}

export async function startAgentPages(): Promise<AgentPages> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const pageServer: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://page.invalid');
    if (url.pathname === '/redirect') {
      res.writeHead(302, { Location: url.searchParams.get('to') ?? '/' });
      res.end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(PAGE);
  });
  await new Promise<void>((resolve) => pageServer.listen(0, '127.0.0.1', resolve));
  const pageOrigin = `http://127.0.0.1:${(pageServer.address() as AddressInfo).port}`;
  return {
    browser,
    pageOrigin,
    async openPage() {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${pageOrigin}/agent.html`);
      return { page, errors };
    },
    load(page, src, renderDomId) {
      return page.evaluate(
        ([source, domId]) =>
          (globalThis as unknown as { loadSdk(s: string, d?: string): Promise<LoadResult> }).loadSdk(
            source,
            domId,
          ),
        [src, renderDomId] as const,
      );
    },
    async sdkUrl(harness, seat = ALICE, onlyOnce = false) {
      const answer = await harness
        .client()
        .CreateSDKLoginToken({ SdkAppId: ACME_APP, SeatUserId: seat, OnlyOnce: onlyOnce });
      if (answer.SdkURL === undefined) throw new Error('no SdkURL');
      return answer.SdkURL;
    },
    async close() {
      await browser.close();
      await new Promise((resolve) => pageServer.close(resolve));
    },
  };
}
