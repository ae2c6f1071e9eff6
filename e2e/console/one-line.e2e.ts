// At 1440×900 (issue 14), in both languages: a tenant tab's header buttons, its rows' action buttons
// and app labels each stay on one line; secondary row actions sit in an overflow menu named for its
// row, and still ask first.
import { expect, test, type Browser, type Locator } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { enUS, type MessageKey } from '../../apps/console/src/i18n/en-US';
import { zhCN } from '../../apps/console/src/i18n/zh-CN';
import { AdminApi, ConsolePage, env, type Credentials } from './console.page';

type Locale = 'en-US' | 'zh-CN';
const run = randomBytes(3).toString('hex');
const root: Credentials = { email: env('SEATGATE_ADMIN_EMAIL'), password: env('SEATGATE_ADMIN_PASSWORD') };
const account = { secretId: env('SEATGATE_E2E_SECRET_ID'), secretKey: env('SEATGATE_E2E_SECRET_KEY') };

async function consoleIn(browser: Browser, locale: Locale): Promise<ConsolePage> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addInitScript((value) => {
    window.localStorage.setItem('seatgate.console.locale', value);
  }, locale);
  return new ConsolePage(await context.newPage());
}

/**
 * Every visible button in `scope` is one line high (antd: 24 px small, 32 px default; a wrapped
 * label doubles it), and the buttons of one group share one top edge (none wrapped to a second row).
 */
async function expectOneLine(scope: Locator, what: string): Promise<number> {
  const boxes = await scope.evaluate((element) =>
    Array.from(element.querySelectorAll('button'))
      .filter((button) => button.offsetParent !== null)
      .map((button) => {
        const box = button.getBoundingClientRect();
        const small = button.classList.contains('ant-btn-sm');
        return { top: Math.round(box.top), height: Math.round(box.height), oneLine: small ? 24 : 32 };
      }),
  );
  expect(boxes.length, `${what}: buttons`).toBeGreaterThan(0);
  for (const box of boxes) expect(box.height, `${what}: button height`).toBe(box.oneLine);
  expect(new Set(boxes.map((box) => box.top)).size, `${what}: rows of buttons`).toBe(1);
  return boxes.length;
}

/** The text is one line: its box is no taller than one line of its font. */
async function expectOneTextLine(text: Locator, what: string): Promise<void> {
  const { height, line } = await text.evaluate((element) => ({
    height: element.getBoundingClientRect().height,
    line: parseFloat(getComputedStyle(element).lineHeight),
  }));
  expect(height, `${what}: one line of ${line}px`).toBeLessThanOrEqual(Math.ceil(line));
}

for (const locale of ['en-US', 'zh-CN'] as const) {
  test(`1440 px: buttons and app labels stay on one line, secondary actions in a named menu (${locale})`, async ({
    browser,
    request,
  }) => {
    const dictionary = locale === 'zh-CN' ? zhCN : enUS;
    const t = (key: MessageKey, vars: Record<string, string> = {}) =>
      dictionary.messages[key].replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);
    const api = await AdminApi.signIn(request, root);
    const tenant = await api.createTenant(`e2e-1440-${locale.toLowerCase()}-${run}`, `1440 ${locale} ${run}`);
    // an SDKAppID TCCC does not know, saved without checking: what the layout shows is the point
    const sdkAppId = 1400000000 + (Number.parseInt(run, 16) % 9_000_000) + (locale === 'zh-CN' ? 1 : 0);
    const label =
      locale === 'zh-CN'
        ? `华东大区客服中心呼叫中心应用（生产环境）${run}`
        : `East China call center production app ${run}`;
    await api.call('POST', `/api/admin/tenants/${tenant.id}/apps`, {
      sdkAppId,
      label,
      ...account,
      skipCheck: true,
    });
    for (const n of [1, 2, 3])
      await api.call('POST', `/api/admin/tenants/${tenant.id}/seats`, {
        businessUserId: `user-${n}-${run}`,
        sdkAppId,
        seatUserId: `agent${n}-${run}@one-line.e2e`,
      });

    const ui = await consoleIn(browser, locale);
    const { page } = ui;
    await ui.signIn(root);

    for (const tab of ['apps', 'seats', 'keys'] as const) {
      await ui.openTenantTab(tenant.id, tab);
      await page.waitForLoadState('networkidle');
      await expectOneLine(page.locator('.sg-page-header').last(), `${tab} header`);
      const rows = page.locator('.ant-table-tbody .ant-table-row');
      for (let index = 0; index < (await rows.count()); index += 1) {
        const cells = rows.nth(index).locator('td');
        await expectOneLine(cells.last(), `${tab} row ${index + 1} actions`);
      }
    }

    // the app's label: one line, whole on hover
    await ui.openTenantTab(tenant.id, 'apps');
    const appRow = ui.row(String(sdkAppId));
    await expectOneTextLine(appRow.locator('td').first().locator('.ant-typography'), 'app label');
    await expect(appRow.locator('td').first()).toHaveText(label);
    // disable from the menu named for the app: asked first
    await appRow.getByRole('button', { name: t('common.moreActionsFor', { name: label }) }).click();
    await expect(page.getByRole('menuitem', { name: t('action.delete') })).toBeVisible();
    await ui.screenshot(`apps-one-line-menu.${locale}`);
    await page.getByRole('menuitem', { name: t('action.disable') }).click();
    const asked = page.getByRole('dialog', { name: t('apps.disableConfirm') });
    await asked.getByRole('button', { name: t('action.confirm') }).click();
    await expect(appRow).toContainText(t('status.disabled'));
    await ui.axe(`apps-one-line.${locale}`);

    // seats: the row keeps Edit; disabling and deleting are in its menu, each confirmed
    await ui.openTenantTab(tenant.id, 'seats');
    const seat = `user-1-${run}`;
    const seatRow = ui.row(seat);
    await expect(seatRow.getByRole('button', { name: t('action.edit') })).toBeVisible();
    await seatRow.getByRole('button', { name: t('common.moreActionsFor', { name: seat }) }).click();
    await page.getByRole('menuitem', { name: t('action.disable') }).click();
    const disabling = page.getByRole('dialog', { name: t('seats.disableConfirm', { user: seat }) });
    await ui.screenshot(`seats-one-line-confirm.${locale}`);
    await disabling.getByRole('button', { name: t('action.disable') }).click();
    await expect(seatRow).toContainText(t('status.disabled'));
    const other = `user-2-${run}`;
    await ui
      .row(other)
      .getByRole('button', { name: t('common.moreActionsFor', { name: other }) })
      .click();
    await page.getByRole('menuitem', { name: t('action.delete') }).click();
    await page
      .getByRole('dialog', { name: t('seats.deleteConfirm', { user: other }) })
      .getByRole('button', { name: t('action.delete') })
      .click();
    await expect(ui.row(other)).toHaveCount(0);
    await expectOneLine(ui.row(seat).locator('td').last(), 'seat row after changes');
    await ui.screenshot(`seats-one-line.${locale}`);
    await ui.axe(`seats-one-line.${locale}`);
    expect(ui.problems).toEqual([]);
    await page.context().close();
  });
}
