// Issue 14, "Lists that scale": a tenant with 5,003 seat mappings and an app whose TCCC staff lists
// 5,004 seats (the last one unmapped). In English and in Chinese: sort a column, change the page
// size, jump to a page, search with its match count, bulk-disable all matching after a dialog that
// names the count, and find the unmapped TCCC seat with the search and "unmapped only".
import { expect, test, type APIRequestContext } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { AdminApi, ConsolePage, env, type Credentials } from './console.page';

const run = randomBytes(3).toString('hex');
const admin: Credentials = { email: env('SEATGATE_ADMIN_EMAIL'), password: env('SEATGATE_ADMIN_PASSWORD') };
const account = { secretId: env('SEATGATE_E2E_SECRET_ID'), secretKey: env('SEATGATE_E2E_SECRET_KEY') };
const emulatorUrl = env('SEATGATE_E2E_EMULATOR_URL');
const MAPPED = 5003;
const STAFF = 5004;
// a call-center SDKAppID (140 and 7 digits), and room for the two more the auto-map flow adds
const sdkAppId = 1400000000 + ((Date.now() + 7) % 9_000_000);
const user = (i: number) => `user-${String(i).padStart(5, '0')}`;
const seat = (i: number) => `s${i}-${run}@lists.e2e`;

/** Registers an app and its seats with the emulator, through its control surface. */
async function emulatedApp(
  request: APIRequestContext,
  id: number,
  staff: { mail: string; name: string; staffNumber: string }[],
): Promise<void> {
  const response = await request.post(`${emulatorUrl}/__emulator/accounts/${account.secretId}/apps`, {
    data: { sdkAppId: id, staff },
  });
  expect(response.status(), await response.text()).toBe(201);
}

const LOCALES = [
  [
    'en-US',
    {
      range: (from: number, to: number) => `${from}–${to} of 5,003`,
      businessUser: 'Business user',
      pageSize: '200 / page',
      search: 'Search business user or seat',
      matching: '10 matching',
      allMatching: 'All 10 mappings matching the filter are selected',
      selectAll: 'Select all 10 matching',
      disable: 'Disable selected',
      confirm: 'Disable 10 seat mappings?',
      done: '10 mappings disabled',
      query: 'user-0004',
      staffCount: '5,004 of 5,004 seats shown · 1 not mapped',
      staffSearch: 'Search seat, name, staff number or business user',
      unmappedOnly: 'Unmapped only',
      notMapped: 'Not mapped',
      autoMap: 'Auto-map',
      byNumber: 'Staff number is the business user',
      autoMapSummary: '3 of 4 unmapped seats match',
      autoMapApply: 'Map 3 seats',
      autoMapDone: '3 seats mapped',
      mapped: 'Mapped',
    },
  ],
  [
    'zh-CN',
    {
      range: (from: number, to: number) => `第 ${from}–${to} 条，共 5,003 条`,
      businessUser: '业务用户',
      pageSize: '200 条/页',
      search: '搜索业务用户或座席',
      matching: '共 10 条匹配',
      allMatching: '已选中符合筛选条件的全部 10 条映射',
      selectAll: '选择全部 10 条符合条件的映射',
      disable: '停用所选',
      confirm: '停用 10 条座席映射？',
      done: '已停用 10 条映射',
      query: 'user-0005',
      staffCount: '显示 5,004 / 5,004 个座席 · 1 个未映射',
      staffSearch: '搜索座席、姓名、工号或业务用户',
      unmappedOnly: '仅未映射',
      notMapped: '未映射',
      autoMap: '自动映射',
      byNumber: '工号即业务用户',
      autoMapSummary: '4 个未映射座席中有 3 个匹配',
      autoMapApply: '映射 3 个座席',
      autoMapDone: '已映射 3 个座席',
      mapped: '已映射',
    },
  ],
] as const;

test.describe.serial('seat lists at scale', () => {
  let tenantId = '';
  let ui: ConsolePage;

  test.beforeAll(async ({ browser, request }) => {
    const api = await AdminApi.signIn(request, admin);
    tenantId = (await api.createTenant(`lists-${run}`, `Lists ${run}`)).id;
    await emulatedApp(
      request,
      sdkAppId,
      Array.from({ length: STAFF }, (_, i) => ({ mail: seat(i), name: `Staff ${i}`, staffNumber: `N${i}` })),
    );
    await api.call('POST', `/api/admin/tenants/${tenantId}/apps`, { sdkAppId, label: 'Big app', ...account });
    const csv = [
      'businessUserId,sdkAppId,seatUserId,displayName',
      ...Array.from({ length: MAPPED }, (_, i) => `${user(i)},${sdkAppId},${seat(i)},Staff ${i}`),
    ].join('\n');
    const token = (
      (await (await request.post('/api/auth/login', { data: admin })).json()) as { accessToken: string }
    ).accessToken;
    const imported = await request.post(`/api/admin/tenants/${tenantId}/seats/import`, {
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'text/csv; charset=utf-8' },
      data: csv,
    });
    expect(imported.status(), await imported.text()).toBe(200);
    ui = new ConsolePage(await (await browser.newContext()).newPage());
    await ui.signIn(admin);
  });

  test.afterAll(async () => {
    await ui?.page.context().close();
  });

  test.afterEach(() => {
    expect(ui.problems, 'errors in the browser console').toEqual([]);
  });

  async function inLanguage(locale: (typeof LOCALES)[number][0]): Promise<void> {
    await ui.page.goto('/tenants');
    // the reload's session refresh must land before the next navigation (a refresh token is single use)
    await expect(ui.page.getByTestId('signed-in-email')).toBeVisible();
    if ((await ui.page.locator('html').getAttribute('lang')) !== locale) await ui.switchLanguage(locale);
  }

  const range = () => ui.page.locator('.ant-pagination-total-text');
  const firstUser = () => ui.page.locator('tbody tr.ant-table-row').first().locator('td').nth(1);

  for (const [locale, words] of LOCALES) {
    test(`seats: sort, page size, page jump, search count and bulk disable (${locale})`, async () => {
      await inLanguage(locale);
      await ui.openTenantTab(tenantId, 'seats');
      await expect(range()).toHaveText(words.range(1, 50));

      // sort by business user: ascending, then descending
      const header = ui.page.getByRole('columnheader', { name: words.businessUser });
      await header.click();
      await expect(firstUser()).toHaveText(user(0));
      await header.click();
      await expect(firstUser()).toHaveText(user(MAPPED - 1));
      await header.click(); // back to the default (newest first), then ascending again
      await header.click();
      await expect(firstUser()).toHaveText(user(0));

      // 200 a page, then jump to page 10
      await ui.page.locator('.ant-pagination-options .ant-select').click();
      await ui.page.locator('.ant-select-item-option', { hasText: words.pageSize }).click();
      await expect(range()).toHaveText(words.range(1, 200));
      const jump = ui.page.locator('.ant-pagination-options-quick-jumper input');
      await jump.fill('10');
      await jump.press('Enter');
      await expect(range()).toHaveText(words.range(1801, 2000));
      await expect(firstUser()).toHaveText(user(1800));
      await expect(ui.page.locator('tbody tr.ant-table-row')).toHaveCount(200);
      await ui.screenshot(`seats-sorted-page-10.${locale}`);

      // a search shows its count; bulk-disable all it matches, confirmed with that count
      await ui.page.getByRole('searchbox', { name: words.search }).fill(words.query);
      await ui.page.getByRole('searchbox', { name: words.search }).press('Enter');
      await expect(ui.page.getByTestId('seat-match-count')).toHaveText(words.matching);
      await ui.page.locator('tbody tr.ant-table-row').first().locator('.ant-checkbox-input').check();
      await ui.page.getByRole('button', { name: words.selectAll }).click();
      await expect(ui.page.getByTestId('seat-bulk-count')).toHaveText(words.allMatching);
      await ui.page.getByRole('button', { name: words.disable }).click();
      const dialog = ui.dialog(words.confirm);
      await expect(dialog).toBeVisible();
      await ui.screenshot(`seats-bulk-confirm.${locale}`);
      await dialog.getByRole('button', { name: words.disable }).click();
      await expect(ui.page.getByText(words.done)).toBeVisible();
      await expect(dialog).toBeHidden();
      await expect(ui.page.locator('tbody tr.ant-table-row')).toHaveCount(10);
      for (const row of await ui.page.locator('tbody tr.ant-table-row').all())
        await expect(row).toContainText(locale === 'en-US' ? 'Disabled' : '已停用');
      await ui.screenshot(`seats-bulk-disabled.${locale}`);
    });

    test(`TCCC seats: search and unmapped only over 5,004 staff (${locale})`, async () => {
      await ui.openTenantTab(tenantId, 'staff');
      await expect(ui.page.getByTestId('staff-count')).toHaveText(words.staffCount);
      await ui.page.getByRole('checkbox', { name: words.unmappedOnly }).check();
      await expect(ui.page.locator('tbody tr.ant-table-row')).toHaveCount(1);
      await expect(ui.row(seat(STAFF - 1))).toContainText(words.notMapped);
      await ui.screenshot(`tccc-seats-unmapped.${locale}`);
      await ui.page.getByRole('checkbox', { name: words.unmappedOnly }).uncheck();
      await ui.page.getByRole('searchbox', { name: words.staffSearch }).fill('N4242');
      await ui.page.getByRole('searchbox', { name: words.staffSearch }).press('Enter');
      await expect(ui.page.locator('tbody tr.ant-table-row')).toHaveCount(1);
      await expect(ui.row(seat(4242))).toContainText(user(4242));
      await ui.screenshot(`tccc-seats-search.${locale}`);
    });
  }

  // after both languages' counts above: auto-mapping adds mappings
  for (const [locale, words] of LOCALES) {
    test(`TCCC seats: auto-map by staff number, previewed then applied (${locale})`, async ({ request }) => {
      // a second app whose seats carry the staff numbers of business users the first app maps
      const second = sdkAppId + (locale === 'en-US' ? 1 : 2);
      const first = locale === 'en-US' ? 100 : 200;
      await emulatedApp(request, second, [
        ...[0, 1, 2].map((i) => ({
          mail: `m${first + i}-${run}@lists.e2e`,
          name: `Member ${first + i}`,
          staffNumber: user(first + i),
        })),
        { mail: `stranger-${locale}-${run}@lists.e2e`, name: 'Stranger', staffNumber: 'nobody' },
      ]);
      const api = await AdminApi.signIn(request, admin);
      await api.call('POST', `/api/admin/tenants/${tenantId}/apps`, {
        sdkAppId: second,
        label: `Second app ${locale}`,
        ...account,
      });
      await inLanguage(locale);
      await ui.openTenantTab(tenantId, 'staff');
      await ui.choose(locale === 'en-US' ? 'App' : '应用', String(second));
      await expect(ui.row(`m${first}-${run}@lists.e2e`)).toContainText(words.notMapped);
      await ui.page.getByRole('button', { name: words.autoMap }).click();
      const dialog = ui.page.getByRole('dialog');
      await dialog.getByRole('radio', { name: words.byNumber }).check();
      await expect(dialog.getByTestId('auto-map-summary')).toHaveText(words.autoMapSummary);
      await expect(dialog.getByRole('row', { name: new RegExp(user(first + 2)) })).toBeVisible();
      await ui.screenshot(`tccc-seats-auto-map-preview.${locale}`);
      await dialog.getByRole('button', { name: words.autoMapApply }).click();
      await expect(ui.page.getByText(words.autoMapDone)).toBeVisible();
      await expect(dialog).toBeHidden();
      for (const i of [0, 1, 2])
        await expect(ui.row(`m${first + i}-${run}@lists.e2e`)).toContainText(words.mapped);
      await expect(ui.row(`stranger-${locale}-${run}@lists.e2e`)).toContainText(words.notMapped);
      await ui.screenshot(`tccc-seats-auto-mapped.${locale}`);
    });
  }
});
