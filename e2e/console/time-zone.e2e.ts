// A tenant's time zone (issue 14), in both languages: set in its settings (a known IANA zone), the
// overview counts its days in it and the audit log's quick periods start at its midnight. The
// browser runs in Asia/Shanghai (playwright.config), the tenant in New York: what follows the
// tenant shows it. A tenant without a zone follows the browser's (one in Tokyo).
import { expect, test, type Browser } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { enUS, type MessageKey } from '../../apps/console/src/i18n/en-US';
import { zhCN } from '../../apps/console/src/i18n/zh-CN';
import { AdminApi, ConsolePage, env, type Credentials } from './console.page';

type Locale = 'en-US' | 'zh-CN';
const run = randomBytes(3).toString('hex');
const root: Credentials = { email: env('SEATGATE_ADMIN_EMAIL'), password: env('SEATGATE_ADMIN_PASSWORD') };
const ZONE = 'America/New_York';
const BROWSER_ZONE = 'Asia/Tokyo';

async function consoleIn(browser: Browser, locale: Locale, timezoneId?: string): Promise<ConsolePage> {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    ...(timezoneId ? { timezoneId } : {}),
  });
  await context.addInitScript((value) => {
    window.localStorage.setItem('seatgate.console.locale', value);
  }, locale);
  return new ConsolePage(await context.newPage());
}

/** Midnight in `zone` `daysBack` days ago, as an instant (what the preset must send). */
function midnightIn(zone: string, daysBack: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date());
  const noonUtc = new Date(`${today}T12:00:00Z`).getTime() - daysBack * 86_400_000;
  const day = new Date(noonUtc).toISOString().slice(0, 10);
  // the offset of that day decides (New York is 4 or 5 hours behind UTC, Tokyo 9 ahead)
  const offset = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'shortOffset' })
    .formatToParts(new Date(noonUtc))
    .find((part) => part.type === 'timeZoneName')!.value; // "GMT-5", "GMT+9"
  const hours = Number(offset.replace('GMT', '') || '0');
  return new Date(new Date(`${day}T00:00:00.000Z`).getTime() - hours * 3_600_000).toISOString();
}

for (const locale of ['en-US', 'zh-CN'] as const) {
  test(`a tenant's time zone: set in settings, followed by the overview and audit presets (${locale})`, async ({
    browser,
    request,
  }) => {
    const dictionary = locale === 'zh-CN' ? zhCN : enUS;
    const t = (key: MessageKey, vars: Record<string, string> = {}) =>
      dictionary.messages[key].replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);
    const api = await AdminApi.signIn(request, root);
    const tenant = await api.createTenant(`e2e-tz-${locale.toLowerCase()}-${run}`, `E2E zone ${run}`);
    // refused by the gateway, whatever the console offers
    const bad = await request.patch(`/api/admin/tenants/${tenant.id}`, {
      data: { settings: { timeZone: 'Asia/Shang_hai' } },
      headers: { Authorization: `Bearer ${await bearerOf(request)}` },
    });
    expect(bad.status()).toBe(400);
    expect((await bad.json()).details.issues[0]).toMatchObject({
      path: 'settings.timeZone',
      code: 'time_zone',
    });

    const ui = await consoleIn(browser, locale);
    const { page } = ui;
    await ui.signIn(root);
    await ui.openTenantTab(tenant.id, 'settings');
    const zoneField = page.getByLabel(t('settings.timeZone'), { exact: true });
    await zoneField.click();
    await zoneField.fill('New_York');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: ZONE }).click();
    await ui.expectToast(t('settings.saved'), () =>
      page.getByRole('button', { name: t('action.save'), exact: true }).click(),
    );
    await ui.screenshot(`time-zone-settings.${locale}`);
    await ui.axe(`time-zone-settings.${locale}`);

    await page.goto(`/tenants/${tenant.id}/overview`);
    await expect(page.getByRole('columnheader', { name: new RegExp(ZONE) })).toBeAttached();
    await expect(page.getByText(new RegExp(ZONE)).first()).toBeVisible();
    await ui.screenshot(`time-zone-overview.${locale}`);
    await ui.axe(`time-zone-overview.${locale}`);

    await page.goto(`/audit?tenantId=${tenant.id}`);
    const presets = page.getByRole('group', { name: t('audit.presets', { zone: ZONE }) });
    await expect(presets).toBeVisible();
    // each preset starts at the tenant's midnight: today, 7 days (today and the 6 before), 30 days
    for (const [key, daysBack] of [
      ['audit.presetToday', 0],
      ['audit.preset30', 29],
      ['audit.preset7', 6],
    ] as const) {
      await presets.getByRole('button', { name: t(key), exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`from=${encodeURIComponent(midnightIn(ZONE, daysBack))}`));
    }
    // the end date has a label of its own
    await expect(page.getByLabel(t('audit.to'), { exact: true })).toBeVisible();
    await ui.screenshot(`time-zone-audit.${locale}`);
    await ui.axe(`time-zone-audit.${locale}`);
    expect(ui.problems, 'errors in the browser console').toEqual([]);
    await page.context().close();
  });
}

for (const locale of ['en-US', 'zh-CN'] as const) {
  test(`a tenant without a time zone: the overview and audit presets follow the browser's (${locale})`, async ({
    browser,
    request,
  }) => {
    const dictionary = locale === 'zh-CN' ? zhCN : enUS;
    const t = (key: MessageKey, vars: Record<string, string> = {}) =>
      dictionary.messages[key].replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);
    const api = await AdminApi.signIn(request, root);
    const tenant = await api.createTenant(
      `e2e-tzb-${locale.toLowerCase()}-${run}`,
      `E2E browser zone ${run}`,
    );
    const ui = await consoleIn(browser, locale, BROWSER_ZONE);
    const { page } = ui;
    await ui.signIn(root);

    await page.goto(`/tenants/${tenant.id}/overview`);
    await expect(page.getByRole('columnheader', { name: new RegExp(BROWSER_ZONE) })).toBeAttached();
    await expect(page.getByText(new RegExp(BROWSER_ZONE)).first()).toBeVisible();
    await ui.screenshot(`time-zone-browser-overview.${locale}`);
    await ui.axe(`time-zone-browser-overview.${locale}`);

    await page.goto(`/audit?tenantId=${tenant.id}`);
    const presets = page.getByRole('group', { name: t('audit.presets', { zone: BROWSER_ZONE }) });
    await expect(presets).toBeVisible();
    await presets.getByRole('button', { name: t('audit.presetToday'), exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`from=${encodeURIComponent(midnightIn(BROWSER_ZONE, 0))}`));
    await ui.screenshot(`time-zone-browser-audit.${locale}`);
    await ui.axe(`time-zone-browser-audit.${locale}`);
    expect(ui.problems, 'errors in the browser console').toEqual([]);
    await page.context().close();
  });
}

async function bearerOf(request: import('@playwright/test').APIRequestContext): Promise<string> {
  const response = await request.post('/api/auth/login', { data: root });
  return ((await response.json()) as { accessToken: string }).accessToken;
}
