// Issue 16, the Sessions tab, in English and in Chinese: the live table shows each mapped seat's
// TCCC status (changed in the emulator, it updates without a reload), a tenant admin signs a seat
// out with a reason (the row shows it signed out, and TCCC has it forced offline) and restores it,
// and the history drawer lists the status changes seen.
import { expect, test, type APIRequestContext } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { AdminApi, ConsolePage, env, type Credentials } from './console.page';

const run = randomBytes(3).toString('hex');
const admin: Credentials = { email: env('SEATGATE_ADMIN_EMAIL'), password: env('SEATGATE_ADMIN_PASSWORD') };
const account = { secretId: env('SEATGATE_E2E_SECRET_ID'), secretKey: env('SEATGATE_E2E_SECRET_KEY') };
const emulatorUrl = env('SEATGATE_E2E_EMULATOR_URL');

const LOCALES = [
  [
    'en-US',
    {
      tab: 'Sessions',
      free: 'Free',
      rest: 'Rest',
      offline: 'Offline',
      signOut: 'Sign out',
      dialog: (seat: string) => `Sign out ${seat}?`,
      reason: 'Reason',
      signedOutToast: (seat: string) => `${seat} signed out`,
      signedOutTag: 'Signed out',
      restore: 'Restore',
      restoreDialog: (seat: string) => `Restore ${seat}?`,
      restoredToast: (seat: string) => `${seat} restored`,
      history: 'History',
      historyTitle: (seat: string) => `Status history of ${seat}`,
      filterStatus: 'Status',
      required: 'Give a reason',
      reset: 'Reset',
      multiTab: 'A second browser tab of the same seat',
      refuse: 'Refuse it',
      save: 'Save',
      autoDisabled: 'Signed out: mapping disabled',
    },
  ],
  [
    'zh-CN',
    {
      tab: '在线会话',
      free: '空闲',
      rest: '小休',
      offline: '离线',
      signOut: '签出',
      dialog: (seat: string) => `签出 ${seat}？`,
      reason: '原因',
      signedOutToast: (seat: string) => `已签出 ${seat}`,
      signedOutTag: '已签出',
      restore: '恢复',
      restoreDialog: (seat: string) => `恢复 ${seat}？`,
      restoredToast: (seat: string) => `已恢复 ${seat}`,
      history: '历史',
      historyTitle: (seat: string) => `${seat} 的状态历史`,
      filterStatus: '状态',
      required: '请填写原因',
      reset: '重置',
      multiTab: '同一座席的第二个浏览器标签页',
      refuse: '拒绝',
      save: '保存',
      autoDisabled: '已签出：映射已停用',
    },
  ],
] as const;

async function emulator(request: APIRequestContext, method: 'POST' | 'PUT', path: string, data: unknown) {
  const response = await request.fetch(`${emulatorUrl}/__emulator${path}`, { method, data });
  expect(response.ok(), await response.text()).toBeTruthy();
  return response.json() as Promise<Record<string, unknown>>;
}

test.describe.serial('sessions', () => {
  let ui: ConsolePage;

  test.beforeAll(async ({ browser }) => {
    ui = new ConsolePage(await (await browser.newContext()).newPage());
    await ui.signIn(admin);
  });

  test.afterAll(async () => {
    await ui?.page.context().close();
  });

  test.afterEach(() => {
    expect(ui.problems, 'errors in the browser console').toEqual([]);
  });

  for (const [index, [locale, words]] of LOCALES.entries()) {
    test(`live status, sign-out with a reason, restore and history (${locale})`, async ({ request }) => {
      const api = await AdminApi.signIn(request, admin);
      const tenantId = (await api.createTenant(`sessions-${locale.toLowerCase()}-${run}`, `Sessions ${run}`))
        .id;
      const sdkAppId = 1400000000 + ((Date.now() + 11 + index * 1_000_007) % 9_000_000);
      const free = `free-${run}@sessions.e2e`;
      const away = `away-${run}@sessions.e2e`;
      await emulator(request, 'POST', `/accounts/${account.secretId}/apps`, {
        sdkAppId,
        staff: [{ mail: free }, { mail: away }],
      });
      await api.call('POST', `/api/admin/tenants/${tenantId}/apps`, { sdkAppId, label: 'Live', ...account });
      for (const [user, seat] of [
        ['crm-free', free],
        ['crm-away', away],
      ])
        await api.call('POST', `/api/admin/tenants/${tenantId}/seats`, {
          businessUserId: user,
          sdkAppId,
          seatUserId: seat,
        });
      await emulator(request, 'PUT', `/apps/${sdkAppId}/staff/${encodeURIComponent(free)}/status`, {
        status: 'free',
      });

      await ui.page.goto('/tenants');
      await expect(ui.page.getByTestId('signed-in-email')).toBeVisible();
      if ((await ui.page.locator('html').getAttribute('lang')) !== locale) await ui.switchLanguage(locale);
      await ui.page.goto(`/tenants/${tenantId}/overview`);
      await ui.page.getByRole('tab', { name: words.tab }).click();
      await expect(ui.page).toHaveURL(new RegExp(`/tenants/${tenantId}/sessions$`));

      const freeRow = ui.row(free);
      await expect(freeRow).toContainText(words.free);
      await expect(ui.row(away)).toContainText(words.offline);

      // TCCC's status changes: the table follows without a reload (it refreshes every few seconds)
      await emulator(request, 'PUT', `/apps/${sdkAppId}/staff/${encodeURIComponent(free)}/status`, {
        status: 'rest',
        reason: 'lunch',
      });
      await expect(freeRow).toContainText(words.rest, { timeout: 20_000 });

      // filter by status
      await ui.choose(words.filterStatus, words.rest);
      await expect(ui.page.locator('tbody tr.ant-table-row')).toHaveCount(1);
      await expect(ui.page.locator('tbody tr.ant-table-row')).toContainText(free);
      await ui.page.getByRole('button', { name: words.reset }).click();
      await expect(ui.page.locator('tbody tr.ant-table-row')).toHaveCount(2);

      // sign out: a reason is required, then the seat shows signed out
      await freeRow.getByRole('button', { name: words.signOut }).click();
      const dialog = ui.dialog(words.dialog(free));
      await dialog.getByRole('button', { name: words.signOut }).click();
      await expect(dialog).toContainText(words.required);
      await dialog.getByLabel(words.reason).fill(`Laptop lost ${locale}`);
      await ui.screenshot(`sessions-sign-out-${locale}`);
      await ui.expectToast(words.signedOutToast(free), () =>
        dialog.getByRole('button', { name: words.signOut }).click(),
      );
      await expect(freeRow).toContainText(words.signedOutTag);
      await expect(freeRow).toContainText(words.offline);
      const listed = await api.call<{
        items: { seatId: string; seatUserId: string; signedOut: { reason: string } | null }[];
      }>('GET', `/api/admin/tenants/${tenantId}/sessions`);
      expect(listed.items.find((item) => item.seatUserId === free)?.signedOut?.reason).toBe(
        `Laptop lost ${locale}`,
      );
      await ui.screenshot(`sessions-signed-out-${locale}`);

      // restore
      await freeRow.getByRole('button', { name: words.restore }).click();
      const restore = ui.dialog(words.restoreDialog(free));
      await restore.getByLabel(words.reason).fill('Found it');
      await ui.expectToast(words.restoredToast(free), () =>
        restore.getByRole('button', { name: words.restore }).click(),
      );
      await expect(freeRow).not.toContainText(words.signedOutTag);
      await expect(freeRow.getByRole('button', { name: words.signOut })).toBeVisible();

      // the history drawer: free, rest, offline (newest first)
      await freeRow.getByRole('button', { name: words.history }).click();
      const drawer = ui.dialog(words.historyTitle(free));
      await expect(drawer.locator('.ant-timeline-item')).toHaveCount(3);
      await expect(drawer.locator('.ant-timeline-item').first()).toContainText(words.offline);
      await expect(drawer.locator('.ant-timeline-item').last()).toContainText(words.free);
      await ui.screenshot(`sessions-history-${locale}`);
      await ui.page.keyboard.press('Escape');

      // disabling the mapping of an online seat signs it out (a job), and the row says why;
      // enabled again, the seat is restored
      await emulator(request, 'PUT', `/apps/${sdkAppId}/staff/${encodeURIComponent(free)}/status`, {
        status: 'free',
      });
      const seatId = listed.items.find((item) => item.seatUserId === free)!.seatId;
      await api.call('PATCH', `/api/admin/tenants/${tenantId}/seats/${seatId}`, { status: 'disabled' });
      await expect(freeRow).toContainText(words.autoDisabled, { timeout: 20_000 });
      await expect(freeRow).toContainText(words.offline);
      await ui.screenshot(`sessions-auto-signed-out-${locale}`);
      await api.call('PATCH', `/api/admin/tenants/${tenantId}/seats/${seatId}`, { status: 'enabled' });
      await expect(freeRow).not.toContainText(words.autoDisabled, { timeout: 20_000 });

      // the tenant's multi-tab policy, sent with every login
      await ui.openTenantTab(tenantId, 'settings');
      await ui.choose(words.multiTab, words.refuse);
      await ui.page.getByRole('button', { name: words.save, exact: true }).click();
      await expect
        .poll(
          async () =>
            (await api.call<{ settings: { multiTab?: string } }>('GET', `/api/admin/tenants/${tenantId}`))
              .settings.multiTab,
        )
        .toBe('refuse');
    });
  }
});
