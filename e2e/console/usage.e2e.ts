// Issue 16, the Usage tab, in English and in Chinese: logins issued and refused (by reason) and the
// seats seen online are counted per day of the tenant's time zone, drawn as two charts with the
// same numbers in accessible tables, listed per seat, and exported as CSV (UTF-8 with a BOM);
// axe finds no serious or critical violation.
import { expect, test, type APIRequestContext } from '@playwright/test';
import jwt from 'jsonwebtoken';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { enUS, type MessageKey } from '../../apps/console/src/i18n/en-US';
import { zhCN } from '../../apps/console/src/i18n/zh-CN';
import { AdminApi, ConsolePage, env, type Credentials } from './console.page';

const run = randomBytes(3).toString('hex');
const admin: Credentials = { email: env('SEATGATE_ADMIN_EMAIL'), password: env('SEATGATE_ADMIN_PASSWORD') };
const account = { secretId: env('SEATGATE_E2E_SECRET_ID'), secretKey: env('SEATGATE_E2E_SECRET_KEY') };
const emulatorUrl = env('SEATGATE_E2E_EMULATOR_URL');

async function emulator(request: APIRequestContext, method: 'POST' | 'PUT', path: string, data: unknown) {
  const response = await request.fetch(`${emulatorUrl}/__emulator${path}`, { method, data });
  expect(response.ok(), await response.text()).toBeTruthy();
  return response.json() as Promise<Record<string, unknown>>;
}

/** Today's date in the zone, as the gateway counts it. */
const todayIn = (timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  );

test.describe.serial('usage', () => {
  let ui: ConsolePage;

  test.beforeAll(async ({ browser }) => {
    ui = new ConsolePage(await (await browser.newContext({ acceptDownloads: true })).newPage());
    await ui.signIn(admin);
  });

  test.afterAll(async () => {
    await ui?.page.context().close();
  });

  test.afterEach(() => {
    expect(ui.problems, 'errors in the browser console').toEqual([]);
  });

  for (const [index, locale] of (['en-US', 'zh-CN'] as const).entries()) {
    test(`charts, per-seat hours and the CSV export (${locale})`, async ({ request }) => {
      const dictionary = locale === 'zh-CN' ? zhCN : enUS;
      const t = (key: MessageKey, params: Record<string, string | number> = {}) =>
        dictionary.messages[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
      const api = await AdminApi.signIn(request, admin);
      const tenantId = (await api.createTenant(`usage-${locale.toLowerCase()}-${run}`, `Usage ${run}`)).id;
      const timeZone = 'Asia/Shanghai';
      await api.call('PATCH', `/api/admin/tenants/${tenantId}`, { settings: { timeZone } });
      const sdkAppId = 1400000000 + ((Date.now() + 17 + index * 1_000_003) % 9_000_000);
      const seat = `agent-${run}@usage.e2e`;
      await emulator(request, 'POST', `/accounts/${account.secretId}/apps`, {
        sdkAppId,
        staff: [{ mail: seat }],
      });
      await api.call('POST', `/api/admin/tenants/${tenantId}/apps`, { sdkAppId, label: 'Usage', ...account });
      await api.call('POST', `/api/admin/tenants/${tenantId}/seats`, {
        businessUserId: 'crm-agent',
        sdkAppId,
        seatUserId: seat,
      });
      const key = await api.call<{ kid: string; secret: string }>(
        'POST',
        `/api/admin/tenants/${tenantId}/keys`,
        {
          type: 'hs256',
        },
      );
      const token = (sub: string) =>
        jwt.sign({}, key.secret, {
          algorithm: 'HS256',
          keyid: key.kid,
          subject: sub,
          audience: 'seatgate',
          expiresIn: 60,
        });
      // two logins issued, one refused (no seat mapped for that user)
      for (const sub of ['crm-agent', 'crm-agent', 'crm-nobody']) {
        const answer = await request.post('/api/v1/login', {
          headers: { Authorization: `Bearer ${token(sub)}` },
        });
        expect(answer.status()).toBe(sub === 'crm-nobody' ? 403 : 201);
      }
      // the seat comes online: the sessions view records it in the presence history
      await emulator(request, 'PUT', `/apps/${sdkAppId}/staff/${encodeURIComponent(seat)}/status`, {
        status: 'free',
      });
      await api.call('GET', `/api/admin/tenants/${tenantId}/sessions`);

      await ui.page.goto('/tenants');
      await expect(ui.page.getByTestId('signed-in-email')).toBeVisible();
      if ((await ui.page.locator('html').getAttribute('lang')) !== locale) await ui.switchLanguage(locale);
      await ui.page.goto(`/tenants/${tenantId}/overview`);
      await ui.page.getByRole('tab', { name: t('tenant.tab.usage') }).click();
      await expect(ui.page).toHaveURL(new RegExp(`/tenants/${tenantId}/usage$`));
      const today = todayIn(timeZone);
      await expect(ui.page.getByRole('heading', { name: t('usage.title'), exact: true })).toBeVisible();
      await expect(ui.page.getByText(new RegExp(`${today}\\s*[(（]${timeZone}`)).first()).toBeVisible();

      // the totals, and the charts named for screen readers with their sums
      const statistic = (key: MessageKey) =>
        ui.page.locator('.ant-statistic').filter({ has: ui.page.getByText(t(key), { exact: true }) });
      await expect(statistic('usage.logins').locator('.ant-statistic-content')).toHaveText('2');
      await expect(statistic('usage.refusals').locator('.ant-statistic-content')).toHaveText('1');
      const logins = ui.page.getByRole('img', { name: t('usage.loginsChart') });
      await expect(logins).toBeVisible();
      await expect(ui.page.getByTestId('usage-logins-chart').locator('svg desc')).toHaveText(
        new RegExp(`2 .*1`),
      );
      await expect(ui.page.getByRole('img', { name: t('usage.hoursChart') })).toBeVisible();
      // today's bars: logins and the refusal, each named by its series
      const bars = ui.page.getByTestId('usage-logins-chart').locator('rect title');
      await expect(bars).toHaveCount(2);
      await expect(bars.first()).toHaveText(
        t('overview.chartBar', { date: today, series: t('usage.logins'), count: '2' }),
      );
      // the refusals by reason, in words and code
      await expect(ui.page.getByRole('cell', { name: 'seat_not_mapped', exact: true })).toBeVisible();
      // the seat seen online, in the per-seat table
      await expect(ui.row(seat)).toContainText('crm-agent');
      await ui.screenshot(`usage-${locale}`);
      await ui.axe(`usage.${locale}`);

      // the export: the same period, UTF-8 with a BOM, and the admin told it is downloaded
      const [download] = await Promise.all([
        ui.page.waitForEvent('download'),
        ui.expectToast(t('export.done'), () =>
          ui.page.getByRole('button', { name: t('export.csv') }).click(),
        ),
      ]);
      const bytes = readFileSync((await download.path())!);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.subarray(3).toString('utf8').trim().split(/\r?\n/);
      expect(lines[0]).toBe('date,metric,sdkAppId,seatUserId,businessUserId,reason,value');
      expect(lines).toContain(`${today},logins,,,,,2`);
      expect(lines).toContain(`${today},refusals,,,,seat_not_mapped,1`);
      expect(
        lines.some((line) => line.startsWith(`${today},online_hours,${sdkAppId},${seat},crm-agent,,`)),
      ).toBe(true);
    });
  }
});
