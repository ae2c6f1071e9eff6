// Tencent's published front-end snippet, pasted into a vendor's CRM page whose backend route
// /loginTCCC now asks Seatgate instead of calling TCCC itself. Only the guide's two slips are
// fixed (injectTcccWebSdk → injectTcccWebSDK; the fetch response is parsed), nothing else.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { startStack, type Stack, type StackTenant } from '../support/stack';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const GUIDE_SNIPPET = `
    function injectTcccWebSDK(SdkURL) {
    return new Promise(function(resolve) {
    const script = document.createElement('script');
    script.setAttribute('crossorigin', 'anonymous');
    script.src = SdkURL;
    document.body.appendChild(script);
    script.addEventListener('load', function() {
    // 加载JS SDK文件成功,此时可使用全局变量"tccc"
    tccc.on(tccc.events.ready, function() {
    /**
    * Tccc SDK初始化成功,此时可调用外呼等功能。
    * 注意⚠️:请确保只初始化一次SDK
    * */

    resolve('初始化成功')
    });
    })
    })
    }
    // 请求第二步实现的接口 /loginTCCC
    // 注意⚠️:以下仅为代码样例,不能直接运行
    fetch('/loginTCCC')
    .then(function(res) { return res.json(); })
    .then(function(res) {
    console.log(res);
    var SdkURL = res.SdkURL; // 请确保SdkURL都是通过请求返回的,否则可能会出现不可预知的错误!
    return injectTcccWebSDK(SdkURL);
    })
    .catch(function(error) {
    // 初始化失败
    console.error(error);
    })
`;

/** The vendor's CRM: serves the page, and its /loginTCCC calls Seatgate for the signed-in user. */
function startCrm(
  gatewayUrl: string,
  tokenForSession: () => string,
): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    if (req.url === '/loginTCCC') {
      fetch(`${gatewayUrl}/loginTCCC`, { headers: { Authorization: `Bearer ${tokenForSession()}` } })
        .then(async (upstream) =>
          res.writeHead(upstream.status, { 'content-type': 'application/json' }).end(await upstream.text()),
        )
        .catch(() => res.writeHead(502).end());
      return;
    }
    res
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end(
        `<!doctype html><html><head><meta charset="utf-8"><title>CRM</title></head><body><h1>CRM</h1><script>${GUIDE_SNIPPET}</script></body></html>`,
      );
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    ),
  );
}

describe("Tencent's guide snippet against /loginTCCC", () => {
  let stack: Stack;
  let browser: Browser;
  let crm: { server: Server; origin: string };
  let tenant: StackTenant;

  beforeAll(async () => {
    stack = await startStack();
    let token = '';
    crm = await startCrm(stack.gateways[0]!.url, () => token);
    tenant = await stack.tenant({ users: 1, allowedOrigins: [crm.origin] });
    token = tenant.token(0);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    crm?.server.close();
    await stack?.stop();
  });

  it('reaches tccc.events.ready with the SDK script, and a second injection of the same URL fails', async () => {
    const page = await browser.newPage();
    const loginResponse = page.waitForResponse((response) => response.url().endsWith('/loginTCCC'));
    await page.goto(`${crm.origin}/`);
    const { SdkURL } = (await (await loginResponse).json()) as { SdkURL: string };
    expect(SdkURL).toContain('/api/v1/tickets/');
    await page.waitForFunction(
      () => typeof (window as unknown as { tccc?: unknown }).tccc === 'object',
      undefined,
      { timeout: 15_000 },
    );
    const ready = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const tccc = (
            window as unknown as {
              tccc: {
                on(name: string, fn: (payload?: unknown) => void): void;
                events: Record<string, string>;
              };
            }
          ).tccc;
          tccc.on(tccc.events.ready, () => resolve('ready'));
          tccc.on(tccc.events.tokenExpired, () => resolve('tokenExpired'));
        }),
    );
    expect(ready).toBe('ready');
    // the guide renders no workstation element: the SDK shows its floating button
    expect(await page.locator('[data-testid="tccc-floating-button"]').isVisible()).toBe(true);

    const second = await page.evaluate(
      (url) =>
        new Promise<string>((resolve) => {
          const script = document.createElement('script');
          script.setAttribute('crossorigin', 'anonymous');
          script.src = url;
          script.addEventListener('load', () => resolve('load'));
          script.addEventListener('error', () => resolve('error'));
          document.body.appendChild(script);
        }),
      SdkURL,
    );
    expect(second).toBe('error');
    const replays = await stack.db.sql.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE tenant_id = $1 AND action = 'login.replay'`,
      [tenant.tenantId],
    );
    expect(replays.rows[0].n).toBe(1);
    await page.screenshot({ path: `${__dirname}/../artifacts/guide-snippet.png` }).catch(() => undefined);
    await page.close();
  });
});
