// The demo CRM (apps/demo-crm) in two tabs of one Chromium profile, against the built gateway and
// the emulator (issue 16): the second tab offers to move the workstation or to go to the first,
// moving it empties the first tab, and an admin's ForceMemberOffline (through the TCCC SDK) shows
// on the page as a sign-out, in both of the page's languages.
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { createLoopbackAgent } from '@seatgate/ccc-emulator';
import { chromium, type Browser, type Page } from 'playwright-core';
import { Client as CccClient } from 'tencentcloud-sdk-nodejs/tencentcloud/services/ccc/v20200210/ccc_client';
import { createCrmServer, loadCrmAssets } from '../../apps/demo-crm/src/crm-server';
import { SecretValue } from '../../apps/demo-crm/src/demo-crm-config';
import { CHROMIUM_PATH } from '../../libs/tccc-loader/test/harness/loader-page';
import { freePort } from '../support/gateway-process';
import { ACCOUNT, createHs256Key, startStack, type Stack } from '../support/stack';

const ARTIFACTS = join(__dirname, '../artifacts/demo-crm-tabs');

describe('the demo CRM in two tabs', () => {
  let stack: Stack;
  let crm: Server;
  let crmUrl: string;
  let browser: Browser;
  let agent: ReturnType<typeof createLoopbackAgent>;
  let tccc: CccClient;
  let sdkAppId: number;
  let seat: string;

  beforeAll(async () => {
    stack = await startStack();
    const port = await freePort();
    crmUrl = `http://127.0.0.1:${port}`;
    const tenant = await stack.tenant({ allowedOrigins: [crmUrl] });
    sdkAppId = tenant.sdkAppId;
    seat = tenant.seat(0);
    const key = await createHs256Key(stack.gateways[0]!, stack.root, tenant.tenantId);
    crm = createCrmServer(
      {
        port,
        host: '127.0.0.1',
        seatgateUrl: stack.gateways[0]!.url,
        sdkOrigins: [new URL(stack.emulator.url).origin],
        kid: key.kid,
        secret: new SecretValue(key.secret),
        audience: 'seatgate',
        apps: [{ sdkAppId, label: 'Main' }],
        users: [{ id: 'user-0', name: 'Agent 0', seats: [{ sdkAppId, seatUserId: seat }] }],
      },
      loadCrmAssets(join(__dirname, '../../apps/demo-crm/public')),
      () => {},
    );
    await new Promise<void>((resolve) => crm.listen(port, '127.0.0.1', resolve));
    agent = createLoopbackAgent(stack.emulator.url);
    tccc = new CccClient({
      credential: ACCOUNT,
      region: '',
      profile: { httpProfile: { endpoint: 'ccc.tencentcloudapi.com', protocol: 'http://', agent } },
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    agent?.destroy();
    crm?.closeAllConnections();
    await new Promise((resolve) => crm?.close(resolve));
    await stack?.stop();
  });

  const status = async (page: Page) => ({
    state: await page.locator('#status').getAttribute('data-state'),
    text: await page.locator('#status').innerText(),
  });

  async function logIn(page: Page, expected: string): Promise<void> {
    await page.goto(crmUrl);
    await page.click('#login');
    await page.waitForSelector(`#status[data-state="${expected}"], #status[data-state="error"]`, {
      timeout: 30_000,
    });
  }

  it('offers the second tab to move the workstation, moves it, and shows an admin sign-out', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const problems: string[] = [];
    const [first, second] = [await context.newPage(), await context.newPage()];
    for (const page of [first, second]) page.on('pageerror', (error) => problems.push(error.message));

    await logIn(first, 'ready');
    expect((await status(first)).state).toBe('ready');

    await logIn(second, 'elsewhere');
    expect(await status(second)).toEqual({
      state: 'elsewhere',
      text: 'The workstation is open in another tab · 工作台已在另一个标签页打开',
    });
    expect(await second.locator('#take-over').isVisible()).toBe(true);
    expect(await second.locator('#focus-other').isVisible()).toBe(true);
    await second.screenshot({ path: join(ARTIFACTS, 'second-tab-offered.png'), fullPage: true });

    await second.click('#focus-other');
    await first.waitForFunction(() =>
      document.querySelector('#events')?.textContent?.includes('Another tab asked'),
    );

    await second.click('#take-over');
    await second.waitForSelector('#status[data-state="ready"]', { timeout: 30_000 });
    expect(await second.locator('#workstation [data-testid="tccc-seat"]').innerText()).toBe(seat);
    await first.waitForSelector('#status[data-state="elsewhere"]');
    expect(await status(first)).toEqual({
      state: 'elsewhere',
      text: 'The workstation moved to another tab · 工作台已转到另一个标签页',
    });
    expect(await first.locator('#workstation [data-testid="tccc-workstation"]').count()).toBe(0);
    await first.screenshot({ path: join(ARTIFACTS, 'first-tab-moved.png'), fullPage: true });

    await tccc.ForceMemberOffline({ SdkAppId: sdkAppId, UserId: seat });

    await second.waitForSelector('#status[data-state="signed-out"]', { timeout: 10_000 });
    expect(await status(second)).toEqual({
      state: 'signed-out',
      text: 'An administrator signed this seat out (ForceMemberOffline) · 管理员已将此坐席签出',
    });
    expect(await second.locator('#error [data-field="code"]').innerText()).toBe('signed_out');
    expect(await second.locator('#workstation [data-testid="tccc-workstation"]').count()).toBe(0);
    await second.screenshot({ path: join(ARTIFACTS, 'signed-out.png'), fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  });
});
