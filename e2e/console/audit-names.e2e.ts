// Tenant names where ids showed (issue 14), in both languages: the audit table, the event's details
// (with the id kept beside the name) and the audit CSV (a tenantName column beside tenantId); the
// admin users list. And the audit filters: by outcome, and by a family or an exact action chosen
// from the known ones, in the admin's language.
import { expect, test, type Browser } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { enUS, type MessageKey } from '../../apps/console/src/i18n/en-US';
import { zhCN } from '../../apps/console/src/i18n/zh-CN';
import { AdminApi, ConsolePage, env, type Credentials } from './console.page';

type Locale = 'en-US' | 'zh-CN';
const run = randomBytes(3).toString('hex');
const root: Credentials = { email: env('SEATGATE_ADMIN_EMAIL'), password: env('SEATGATE_ADMIN_PASSWORD') };

async function consoleIn(browser: Browser, locale: Locale): Promise<ConsolePage> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  await context.addInitScript((value) => {
    window.localStorage.setItem('seatgate.console.locale', value);
  }, locale);
  return new ConsolePage(await context.newPage());
}

for (const locale of ['en-US', 'zh-CN'] as const) {
  test(`audit and admin users name tenants; audit filters by outcome and exact action (${locale})`, async ({
    browser,
    request,
  }) => {
    const dictionary = locale === 'zh-CN' ? zhCN : enUS;
    const t = (key: MessageKey, vars: Record<string, string> = {}) =>
      dictionary.messages[key].replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);
    const api = await AdminApi.signIn(request, root);
    const name = locale === 'zh-CN' ? `华东客服中心 ${run}` : `East China desk ${run}`;
    const tenant = await api.createTenant(`e2e-names-${locale.toLowerCase()}-${run}`, name);
    const other = await api.createTenant(`e2e-names2-${locale.toLowerCase()}-${run}`, `${name} B`);
    await api.call('PATCH', `/api/admin/tenants/${tenant.id}`, { name: `${name} ✓` });
    const renamed = `${name} ✓`;
    const adminEmail = `names-${locale.toLowerCase()}-${run}@example.com`;
    await api.createAdmin(adminEmail, `names-${run}-password`, 'tenant_admin', [tenant.id, other.id]);
    // a failed sign-in: a platform event with the outcome "failure"
    const refused = await request.post('/api/auth/login', { data: { email: root.email, password: 'wrong' } });
    expect(refused.status()).toBe(401);

    const ui = await consoleIn(browser, locale);
    const { page } = ui;
    /** The action list is long (virtual): type to narrow it, then pick. */
    const pickAction = async (typed: string, option: string) => {
      await page.getByLabel(t('audit.action'), { exact: true }).click();
      await page.keyboard.type(typed);
      await page
        .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option })
        .first()
        .click();
    };
    await ui.signIn(root);

    // 1. the table and the details name the tenant; the details keep its id
    await page.goto(`/audit?tenantId=${tenant.id}`);
    const created = ui.row('tenant.created');
    await expect(created).toContainText(renamed);
    await expect(created).not.toContainText(tenant.id.slice(0, 8));
    await ui.screenshot(`audit-tenant-names.${locale}`);
    await ui.axe(`audit-tenant-names.${locale}`);
    await created.getByRole('button', { name: t('audit.openDetails') }).click();
    const details = page.getByRole('dialog', { name: t('audit.detailTitle') });
    await expect(
      details.getByRole('row', { name: new RegExp(`^${t('audit.tenant')}`) }).first(),
    ).toContainText(renamed);
    await expect(details).toContainText(tenant.id);
    await ui.screenshot(`audit-detail-tenant-name.${locale}`);
    await page.keyboard.press('Escape');

    // 2. the CSV keeps the id for machines and adds the name
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: t('export.csv') }).click(),
    ]);
    const csv = (await readFile(await download.path())).toString('utf8').replace(/^\uFEFF/, '');
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows) expect(row).toMatchObject({ tenantId: tenant.id, tenantName: renamed });

    // 3. an exact action, picked from the translated list: only tenant.updated, not tenant.created
    await pickAction('tenant.updated', '(tenant.updated)');
    await page.getByRole('button', { name: t('action.filter') }).click();
    await expect(page).toHaveURL(/exactAction=tenant\.updated/);
    await expect(ui.row('tenant.updated')).toHaveCount(1);
    await expect(ui.row('tenant.created')).toHaveCount(0);
    await ui.screenshot(`audit-filter-exact-action.${locale}`);

    // a family: every tenant action of this tenant
    const family = t('audit.familyOption', { family: t('audit.family.tenant') });
    await pickAction(t('audit.family.tenant'), family);
    await page.getByRole('button', { name: t('action.filter') }).click();
    await expect(page).toHaveURL(/action=tenant\./);
    await expect(ui.row('tenant.created')).toHaveCount(1);
    await expect(ui.row('tenant.updated')).toHaveCount(1);

    // 4. by outcome, across the platform: failures only, words in the admin's language
    await page.getByRole('button', { name: t('action.reset') }).click();
    // the reset has taken (the filters come from the address, and the form follows it) before the
    // admin picks the next filter
    await expect(page).not.toHaveURL(/[?&](action|exactAction|tenantId)=/);
    await expect(page.getByLabel(t('audit.action'), { exact: true })).toHaveValue('');
    await ui.choose(t('audit.outcome'), t('audit.outcome.failure'));
    await page.getByRole('button', { name: t('action.filter') }).click();
    await expect(page).toHaveURL(/outcome=failure/);
    const body = page.locator('.ant-table-tbody');
    await expect(body.getByRole('row').filter({ hasText: 'auth.login.failed' }).first()).toBeVisible();
    await expect(body.getByText(t('audit.outcome.success'), { exact: true })).toHaveCount(0);
    await expect(body.getByText(t('audit.outcome.failure'), { exact: true }).first()).toBeVisible();
    await ui.screenshot(`audit-filter-outcome.${locale}`);
    await ui.axe(`audit-filter-outcome.${locale}`);
    // the menu's Audit log is the page without filters: the form follows the address it left
    const outcomeField = page.locator('.ant-form-item').filter({ has: page.getByLabel(t('audit.outcome')) });
    await expect(outcomeField).toContainText(t('audit.outcome.failure'));
    await page.getByRole('menuitem', { name: t('nav.audit') }).click();
    await expect(page).not.toHaveURL(/outcome=/);
    await expect(outcomeField).not.toContainText(t('audit.outcome.failure'));
    await expect(body.getByText(t('audit.outcome.success'), { exact: true }).first()).toBeVisible();

    // 5. admin users: the tenants by name, not "Tenants: 2"
    await page.goto('/users');
    await page.getByLabel(t('users.search')).fill(adminEmail);
    await page.getByLabel(t('users.search')).press('Enter');
    const user = ui.row(adminEmail);
    await expect(user).toContainText(renamed);
    await expect(user).toContainText(`${name} B`);
    await expect(user).not.toContainText(t('users.tenantCount', { count: '2' }));
    await ui.screenshot(`users-tenant-names.${locale}`);
    expect(ui.problems).toEqual([]);
    await page.context().close();
  });
}
