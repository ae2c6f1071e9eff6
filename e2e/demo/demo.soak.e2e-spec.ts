// The Quick start as a newcomer meets it (issue 7): `npm run demo` in a clean copy of the
// repository, the curl sequence it prints, its demo CRM page in Chromium, Ctrl-C, and a second run
// that finds the first one's data. Slow by nature: the first run builds every workspace.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { makeCleanCopy } from './clean-copy';
import {
  freePorts,
  freshShellEnv,
  listening,
  processesUnder,
  startDemo,
  type DemoPorts,
  type DemoProcess,
  type DemoReady,
} from './demo-process';

const ROOT = join(__dirname, '..', '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const MINUTE = 60_000;
/** screenshots of the demo CRM, kept for people to look at (gitignored) */
const ARTIFACTS = join(ROOT, 'e2e/artifacts/demo');
// the heading scripts/lib/demo-banner.mjs prints above the curl sequence
const CURL_BLOCK_TITLE = 'Log alice in with curl (bash):';
const ALICE_SEAT = 'alice@demo.seatgate.local';

interface RunRecord {
  ready: DemoReady;
  password: string;
  seconds: number;
}

/** The curl sequence exactly as printed: the indented lines under its heading, up to a blank line. */
/** Where the demo's PostgreSQL keeps its data: .seatgate/pg, or where .seatgate/pg says it moved it. */
function pgDataDir(copy: string): string {
  const folder = join(copy, '.seatgate/pg');
  const note = join(folder, 'data-location');
  return existsSync(note) ? readFileSync(note, 'utf8').trim() : folder;
}

function printedCurlSequence(output: string): string {
  const lines = output.split('\n');
  const start = lines.findIndex((line) => line.trim() === CURL_BLOCK_TITLE);
  if (start < 0) throw new Error(`the demo printed no "${CURL_BLOCK_TITLE}" block:\n${output}`);
  const block: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '') break;
    block.push(line.replace(/^ {4}/, ''));
  }
  return block.join('\n');
}

function printedPassword(output: string, email: string): string {
  const match = new RegExp(`Sign in as\\s+${email.replace(/\./g, '\\.')}\\s+/\\s+(\\S+)`).exec(output);
  if (!match) throw new Error(`the demo printed no sign-in line for ${email}`);
  return match[1]!;
}

/** Runs the printed sequence in bash; returns the login answer and the two ticket uses. */
function runCurlSequence(output: string): { login: { loginId: string }; first: string; second: string } {
  const result = spawnSync('bash', ['-c', printedCurlSequence(output)], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  const lines = result.stdout.trim().split('\n');
  if (result.status !== 0 || lines.length < 3)
    throw new Error(`the curl sequence failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return {
    login: JSON.parse(lines[lines.length - 3]!) as { loginId: string },
    first: lines[lines.length - 2]!,
    second: lines[lines.length - 1]!,
  };
}

async function adminToken(ready: DemoReady, password: string): Promise<string> {
  const response = await fetch(`${ready.gateway}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: ready.admin, password }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

async function adminGet<T>(ready: DemoReady, token: string, path: string): Promise<T> {
  const response = await fetch(`${ready.gateway}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * Ctrl-C: the demo script stops everything and exits 0 (its last line says so; a failure prints
 * "stopped (exit code N)"). npm itself ends with 0 or, as Debian's sh re-raises a SIGINT it saw
 * while waiting even when its child then exits 0, by SIGINT: either way only once the script ended.
 */
async function expectInterruptedCleanly(demo: DemoProcess): Promise<void> {
  expect(['SIGINT', 0]).toContain(await demo.interrupt(30_000));
  const lines = demo.output().trim().split('\n');
  expect(lines[lines.length - 1]).toBe('[seatgate] stopped');
}

async function expectAllStopped(copy: string, ports: DemoPorts): Promise<void> {
  const secrets = JSON.parse(readFileSync(join(copy, '.seatgate/demo-secrets.json'), 'utf8')) as {
    pgPort: number;
  };
  const open: number[] = [];
  for (const port of [ports.gateway, ports.emulator, ports.crm, secrets.pgPort]) {
    if (await listening(port)) open.push(port);
  }
  expect(open).toEqual([]);
  expect(processesUnder(copy)).toEqual([]);
}

describe('npm run demo from a clean copy', () => {
  let copy = '';
  let ports: DemoPorts;
  let demo: DemoProcess | undefined;
  let browser: Browser | undefined;
  let first: RunRecord | undefined;
  let aliceLoginId = '';
  let kid = '';
  const killDemo = () => demo?.kill();

  beforeAll(() => {
    // an orphaned demo would keep its ports and PostgreSQL: it dies with the test process
    process.once('exit', killDemo);
    copy = makeCleanCopy(ROOT);
  }, 3 * MINUTE);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    demo?.kill();
    process.removeListener('exit', killDemo);
    if (!copy) return;
    for (const left of processesUnder(copy)) {
      try {
        process.kill(left.pid, 'SIGKILL');
      } catch {
        // gone already
      }
    }
    const relocated = pgDataDir(copy);
    if (!relocated.startsWith(copy)) rmSync(relocated, { recursive: true, force: true });
    rmSync(copy, { recursive: true, force: true });
  }, MINUTE);

  it('lies in a folder only its owner may enter, as a clone in a home folder does', () => {
    // as root, the embedded PostgreSQL runs as the postgres user, who cannot enter this folder
    expect(statSync(copy).mode & 0o777).toBe(0o700);
  });

  it('is a fresh clone: no .seatgate/, no builds, no generated client', () => {
    expect(existsSync(join(copy, 'package.json'))).toBe(true);
    expect(existsSync(join(copy, '.seatgate'))).toBe(false);
    expect(existsSync(join(copy, 'apps/gateway/dist'))).toBe(false);
    expect(existsSync(join(copy, 'apps/gateway/src/generated'))).toBe(false);
  });

  it(
    'builds, starts and prints the ready line',
    async () => {
      ports = await freePorts();
      const started = Date.now();
      demo = startDemo(copy, freshShellEnv(ports));
      const ready = await demo.ready(8 * MINUTE);
      first = {
        ready,
        password: printedPassword(demo.output(), ready.admin),
        seconds: Math.round((Date.now() - started) / 1000),
      };
      process.stdout.write(`[demo e2e] first run ready after ${first.seconds} s (it builds everything)\n`);
      expect(ready.console).toBe(`http://127.0.0.1:${ports.gateway}/`);
      expect(ready.crm).toBe(`http://127.0.0.1:${ports.crm}/`);
      expect(ready.emulator).toBe(`http://127.0.0.1:${ports.emulator}`);
      expect(existsSync(join(pgDataDir(copy), 'PG_VERSION'))).toBe(true);
      // the secrets stay on disk, readable by their owner only, and out of the printed text
      const secretsFile = join(copy, '.seatgate/demo-secrets.json');
      const secrets = JSON.parse(readFileSync(secretsFile, 'utf8')) as {
        masterKey: string;
        tcccAccount: { secretKey: string };
        signingKey: { kid: string; secret: string };
      };
      expect(spawnSync('stat', ['-c', '%a', secretsFile], { encoding: 'utf8' }).stdout.trim()).toBe('600');
      kid = secrets.signingKey.kid;
      const logs = ['gateway', 'ccc-emulator', 'demo-crm']
        .map((name) => readFileSync(join(copy, `.seatgate/logs/${name}.log`), 'utf8'))
        .join('\n');
      for (const secret of [secrets.masterKey, secrets.tcccAccount.secretKey, secrets.signingKey.secret]) {
        expect(demo.output()).not.toContain(secret);
        expect(logs).not.toContain(secret);
      }
    },
    9 * MINUTE,
  );

  it('the printed curl sequence logs alice in once: a 302 to the SdkURL, then 410', async () => {
    const { login, first: use, second } = runCurlSequence(demo!.output());
    aliceLoginId = login.loginId;
    const redirect = /^302 (\S+)$/.exec(use);
    expect(redirect).not.toBeNull();
    const sdkUrl = redirect![1]!;
    expect(sdkUrl.startsWith(`${first!.ready.emulator}/tccc-agent-sdk/`)).toBe(true);
    // the SdkURL serves the emulator's agent SDK, configured for alice's seat
    const script = await fetch(sdkUrl);
    expect(script.status).toBe(200);
    expect(await script.text()).toContain(ALICE_SEAT);
    expect(second).toBe('410');
  });

  it(
    'the demo CRM page logs a user in and shows the workstation',
    async () => {
      mkdirSync(ARTIFACTS, { recursive: true });
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      });
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));

      await page.goto(first!.ready.crm);
      await page.selectOption('#user', 'bob');
      await page.selectOption('#app', '1600000001');
      await page.click('#login');
      await page.waitForSelector('#status[data-state="ready"], #status[data-state="error"]', {
        timeout: 30_000,
      });
      const status = page.locator('#status');
      expect({ state: await status.getAttribute('data-state'), text: await status.innerText() }).toEqual({
        state: 'ready',
        text: expect.stringContaining('Workstation ready'),
      });
      const workstation = page.locator('#workstation [data-testid="tccc-workstation"]');
      expect(await workstation.isVisible()).toBe(true);
      expect(await page.locator('#workstation [data-testid="tccc-seat"]').innerText()).toBe(
        'bob@demo.seatgate.local',
      );
      expect(await page.locator('#workstation [data-testid="tccc-sdkappid"]').innerText()).toBe('1600000001');
      const box = await page.locator('#workstation').boundingBox();
      expect(box!.width).toBeGreaterThanOrEqual(760);
      expect(box!.height).toBeGreaterThanOrEqual(480);
      // the page's Content-Security-Policy let the loader, the ticket redirect and the SDK through
      expect(problems).toEqual([]);
      await page.screenshot({ path: join(ARTIFACTS, 'crm-workstation.png'), fullPage: true });

      // a user without a seat gets the loader's typed error on the page
      const refused = await browser.newPage();
      await refused.goto(first!.ready.crm);
      await refused.selectOption('#user', 'frank');
      await refused.click('#login');
      await refused.waitForSelector('#status[data-state="error"]', { timeout: 30_000 });
      expect(await refused.locator('#error [data-field="code"]').innerText()).toBe('seat_not_mapped');
      expect(await refused.locator('#error [data-field="server-code"]').innerText()).toBe('seat_not_mapped');
      await refused.screenshot({ path: join(ARTIFACTS, 'crm-refused.png'), fullPage: true });
      await browser.close();
      browser = undefined;
    },
    2 * MINUTE,
  );

  it(
    'Ctrl-C (SIGINT) stops every process (demo.mjs exits 0; npm reports the signal), leaving nothing listening',
    async () => {
      await expectInterruptedCleanly(demo!);
      await expectAllStopped(copy, ports);
    },
    MINUTE,
  );

  it(
    'a second run reuses the data: same admin, one demo tenant, same key, the first run audited',
    async () => {
      ports = await freePorts();
      const started = Date.now();
      demo = startDemo(copy, freshShellEnv(ports));
      const ready = await demo.ready(5 * MINUTE);
      process.stdout.write(
        `[demo e2e] second run ready after ${Math.round((Date.now() - started) / 1000)} s ` +
          `(first: ${first!.seconds} s)\n`,
      );
      const output = demo.output();
      expect(printedPassword(output, ready.admin)).toBe(first!.password);
      expect(output).toContain('demo tenant "demo" found');
      expect(output).not.toMatch(
        /\[seatgate\] (demo tenant .* created|TCCC app .* registered|signing key .* created)/,
      );

      const token = await adminToken(ready, first!.password);
      const tenants = await adminGet<{ items: { id: string; slug: string }[]; total: number }>(
        ready,
        token,
        '/api/admin/tenants?pageSize=200',
      );
      const demoTenants = tenants.items.filter((tenant) => tenant.slug === 'demo');
      expect(demoTenants).toHaveLength(1);
      const tenantId = demoTenants[0]!.id;
      const keys = await adminGet<{ items: { kid: string }[] }>(
        ready,
        token,
        `/api/admin/tenants/${tenantId}/keys`,
      );
      expect(keys.items.map((key) => key.kid)).toEqual([kid]);
      const apps = await adminGet<{ items: { sdkAppId: number }[] }>(
        ready,
        token,
        `/api/admin/tenants/${tenantId}/apps`,
      );
      expect(apps.items.map((app) => app.sdkAppId).sort()).toEqual([1400000001, 1600000001]);
      // the new CRM port's origins replaced the first run's
      const tenant = await adminGet<{ settings: { allowedOrigins: string[] } }>(
        ready,
        token,
        `/api/admin/tenants/${tenantId}`,
      );
      expect(tenant.settings.allowedOrigins.sort()).toEqual(
        [`http://127.0.0.1:${ports.crm}`, `http://localhost:${ports.crm}`].sort(),
      );

      const audit = await adminGet<{ items: { action: string; target: { id: string | null } }[] }>(
        ready,
        token,
        `/api/admin/audit?tenantId=${tenantId}&action=login.&limit=200`,
      );
      expect(audit.items).toContainEqual(
        expect.objectContaining({
          action: 'login.issued',
          target: expect.objectContaining({ id: aliceLoginId }),
        }),
      );
      expect(audit.items.map((event) => event.action)).toEqual(
        expect.arrayContaining(['login.issued', 'login.redeemed', 'login.replay']),
      );

      // and the reused key still signs tokens the gateway accepts
      const again = runCurlSequence(output);
      expect(again.first).toMatch(/^302 /);
      expect(again.second).toBe('410');
    },
    6 * MINUTE,
  );

  it(
    'Ctrl-C stops the second run cleanly too',
    async () => {
      await expectInterruptedCleanly(demo!);
      await expectAllStopped(copy, ports);
    },
    MINUTE,
  );
});
