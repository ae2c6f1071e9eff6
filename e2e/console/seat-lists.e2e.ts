// Issue 14, "Lists that scale": a tenant with 5,003 seat mappings and an app whose TCCC staff lists
// 5,004 seats (the last one unmapped). In English and in Chinese: sort a column, change the page
// size, jump to a page, search with its match count, bulk-disable all matching after a dialog that
// names the count, and find the unmapped TCCC seat with the search and "unmapped only". Then the
// map-seat form's TCCC seat picker (search, and the warning for a seat TCCC does not list, which
// still saves), an import with bad and repeated rows imported with "skip the rest" and its problems
// downloaded, an .xlsx export edited and imported back, and a GBK file from Chinese Excel checked
// against the 5,003 mappings and imported.
import { expect, test, type APIRequestContext, type Download } from '@playwright/test';
import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { AdminApi, ConsolePage, env, type Credentials } from './console.page';
import { gbk } from './gbk';

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
      mapSeat: 'Map a seat',
      app: 'App',
      seatField: 'TCCC seat',
      seatFound: 'TCCC lists this seat (Staff 5003)',
      seatMatches: 'Unmapped TCCC seats containing this text: 1. Pick one from the list.',
      seatTaken: 'TCCC lists this seat, and it is already mapped to user-00010.',
      seatMissing: (seat: string) => `TCCC does not list ${seat} for this app.`,
      seatMapped: (user: string) => `${user} is mapped`,
      importOpen: 'Import CSV',
      importTitle: 'Import seat mappings from CSV',
      importText: 'File contents (you can fix rows here)',
      check: 'Check file',
      rejected: 'Problems to fix: 2. Nothing has been imported.',
      skip: 'Import the valid rows and skip the rest',
      skipSummary: '2 new and 0 already mapped will be imported; 2 rows with problems will be skipped.',
      repeats: '1 row(s) repeat an earlier row exactly and count once.',
      problems: 'Download the 2 problems (CSV)',
      problemsHeader: 'Line,Column,Code,Problem,businessUserId,sdkAppId,seatUserId,displayName',
      takenMessage: (seat: string) => `Seat ${seat} is already mapped to business user`,
      commitSkipping: 'Import 2 new mappings, skip 2 rows',
      importedSkipping: 'Imported: 2 new, 0 unchanged; 2 rows skipped',
      exportXlsx: 'Export Excel',
      xlsxRead: 'Read from the Excel sheet “seats”: 11 rows',
      okSummary: '11 rows are valid: 1 new, 10 already mapped.',
      commitOne: 'Import 1 new mappings',
      importedOne: 'Imported: 1 new, 10 unchanged',
      xlsxBad:
        'This file could not be read as an Excel workbook (.xlsx). Save it again from Excel, or as CSV.',
      gbkRead: /Read as GBK\/GB18030 \(Chinese Excel\):\s*3 rows/,
      gbkSummary: '3 rows are valid: 2 new, 1 already mapped.',
      gbkCommit: 'Import 2 new mappings',
      gbkImported: 'Imported: 2 new, 1 unchanged',
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
      mapSeat: '映射座席',
      app: '应用',
      seatField: 'TCCC 座席',
      seatFound: 'TCCC 中存在该座席（Staff 5003）',
      seatMatches: '有 1 个未映射的 TCCC 座席包含此文本：请从列表中选择。',
      seatTaken: 'TCCC 中存在该座席，但已映射给 user-00010。',
      seatMissing: (seat: string) => `TCCC 中该应用没有座席 ${seat}。`,
      seatMapped: (user: string) => `已为 ${user} 映射座席`,
      importOpen: '导入 CSV',
      importTitle: '从 CSV 导入座席映射',
      importText: '文件内容（可在此修正）',
      check: '检查文件',
      rejected: '有 2 个问题需要修正。尚未导入任何数据。',
      skip: '仅导入有效行，跳过其余行',
      skipSummary: '将导入 2 条新映射（0 条已存在）；跳过 2 行有问题的数据。',
      repeats: '有 1 行与前面的行完全相同，只计一次。',
      problems: '下载 2 个问题（CSV）',
      problemsHeader: '行号,列,代码,问题,businessUserId,sdkAppId,seatUserId,displayName',
      takenMessage: (seat: string) => `座席 ${seat} 已映射给业务用户`,
      commitSkipping: '导入 2 条新映射，跳过 2 行',
      importedSkipping: '已导入：新增 2 条，未变 0 条；跳过 2 行',
      exportXlsx: '导出 Excel',
      xlsxRead: '已读取 Excel 工作表“seats”：11 行',
      okSummary: '11 行全部有效：新增 1 条，已存在 10 条。',
      commitOne: '导入 1 条新映射',
      importedOne: '导入完成：新增 1 条，未变 10 条',
      xlsxBad: '无法将该文件读取为 Excel 工作簿（.xlsx）。请用 Excel 重新保存，或另存为 CSV。',
      gbkRead: /按 GBK\/GB18030（中文 Excel）\s*读取：3 行/,
      gbkSummary: '3 行全部有效：新增 2 条，已存在 1 条。',
      gbkCommit: '导入 2 条新映射',
      gbkImported: '导入完成：新增 2 条，未变 1 条',
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
      await ui.axe(`seats-sorted-page-10.${locale}`);

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
      await ui.axe(`seats-bulk-confirm.${locale}`);
      await ui.expectToast(words.done, () => dialog.getByRole('button', { name: words.disable }).click());
      await expect(dialog).toBeHidden();
      await expect(ui.page.locator('tbody tr.ant-table-row')).toHaveCount(10);
      for (const row of await ui.page.locator('tbody tr.ant-table-row').all())
        await expect(row).toContainText(locale === 'en-US' ? 'Disabled' : '已停用');
      await ui.screenshot(`seats-bulk-disabled.${locale}`);
      await ui.axe(`seats-bulk-disabled.${locale}`);
    });

    test(`TCCC seats: search and unmapped only over 5,004 staff (${locale})`, async () => {
      await ui.openTenantTab(tenantId, 'staff');
      await expect(ui.page.getByTestId('staff-count')).toHaveText(words.staffCount);
      await ui.page.getByRole('checkbox', { name: words.unmappedOnly }).check();
      await expect(ui.page.locator('tbody tr.ant-table-row')).toHaveCount(1);
      await expect(ui.row(seat(STAFF - 1))).toContainText(words.notMapped);
      await ui.screenshot(`tccc-seats-unmapped.${locale}`);
      await ui.axe(`tccc-seats-unmapped.${locale}`);
      await ui.page.getByRole('checkbox', { name: words.unmappedOnly }).uncheck();
      await ui.page.getByRole('searchbox', { name: words.staffSearch }).fill('N4242');
      await ui.page.getByRole('searchbox', { name: words.staffSearch }).press('Enter');
      await expect(ui.page.locator('tbody tr.ant-table-row')).toHaveCount(1);
      await expect(ui.row(seat(4242))).toContainText(user(4242));
      await ui.screenshot(`tccc-seats-search.${locale}`);
      await ui.axe(`tccc-seats-search.${locale}`);
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
      await ui.axe(`tccc-seats-auto-map-preview.${locale}`);
      await ui.expectToast(words.autoMapDone, () =>
        dialog.getByRole('button', { name: words.autoMapApply }).click(),
      );
      await expect(dialog).toBeHidden();
      for (const i of [0, 1, 2])
        await expect(ui.row(`m${first + i}-${run}@lists.e2e`)).toContainText(words.mapped);
      await expect(ui.row(`stranger-${locale}-${run}@lists.e2e`)).toContainText(words.notMapped);
      await ui.screenshot(`tccc-seats-auto-mapped.${locale}`);
      await ui.axe(`tccc-seats-auto-mapped.${locale}`);
    });
  }

  /** The file a download hands over, read whole. */
  async function downloaded(download: Download): Promise<Buffer> {
    const path = await download.path();
    return readFile(path);
  }

  for (const [locale, words] of LOCALES) {
    test(`map a seat: the TCCC seat picker, and a seat TCCC does not list saved with a warning (${locale})`, async () => {
      await inLanguage(locale);
      await ui.openTenantTab(tenantId, 'seats');
      await ui.page.getByRole('button', { name: words.mapSeat }).click();
      const dialog = ui.dialog(words.mapSeat);
      await ui.choose(words.app, `Big app (${sdkAppId})`, dialog);
      // the chosen app shows in the field (antd draws the selection as text beside the combobox)
      await expect(dialog.getByText(`Big app (${sdkAppId})`).filter({ visible: true })).toHaveCount(1);
      const field = dialog.getByLabel(words.seatField);
      // the one unmapped seat of 5,004, found by a part of its account
      await field.fill(`s5003-`);
      const choice = ui.page.locator('.ant-select-dropdown:visible .ant-select-item-option', {
        hasText: seat(5003),
      });
      await expect(choice).toBeVisible();
      await expect(choice).toContainText('Staff 5003 · N5003');
      // a part of a listed seat is not called unknown while the admin is still picking
      await expect(dialog.getByTestId('seat-upstream-matches')).toHaveText(words.seatMatches);
      await ui.screenshot(`seat-picker-search.${locale}`);
      await ui.axe(`seat-picker-search.${locale}`);
      await choice.click();
      await expect(field).toHaveValue(seat(5003));
      await expect(dialog.getByTestId('seat-upstream-found')).toHaveText(words.seatFound);
      // a seat TCCC lists but another business user has: said before saving
      await field.fill(seat(10));
      await expect(dialog.getByTestId('seat-upstream-mapped')).toHaveText(words.seatTaken);
      // free text stays possible: a seat TCCC does not list is a warning, and saving still works
      const ghost = `ghost-${locale}-${run}@lists.e2e`;
      await field.fill(ghost);
      await expect(dialog.getByTestId('seat-not-found')).toContainText(words.seatMissing(ghost));
      await dialog.getByLabel(words.businessUser, { exact: true }).fill(`ghost-${locale}`);
      await ui.screenshot(`seat-picker-not-found.${locale}`);
      await ui.axe(`seat-picker-not-found.${locale}`);
      await ui.expectToast(words.seatMapped(`ghost-${locale}`), () =>
        dialog.getByRole('button', { name: words.mapSeat }).click(),
      );
      await expect(dialog).toBeHidden();
    });

    test(`import: bad rows skipped by choice, their problems downloaded, an exact repeat counted once (${locale})`, async () => {
      await inLanguage(locale);
      await ui.openTenantTab(tenantId, 'seats');
      const fresh = (n: number) => `skip-${locale}-${n}-${run}`;
      const csv = [
        'businessUserId,sdkAppId,seatUserId,displayName',
        `${fresh(1)},${sdkAppId},${fresh(1)}@lists.e2e,One`,
        `${fresh(1)},${sdkAppId},${fresh(1)}@lists.e2e,One`, // the same row again: counted once
        `${fresh(2)},${sdkAppId},${seat(10)},Taken`, // seat 10 is user-00010's
        `${fresh(3)},999999,${fresh(3)}@lists.e2e,`, // not an app of this tenant
        `${fresh(4)},${sdkAppId},${fresh(4)}@lists.e2e,Four`,
      ].join('\n');
      await ui.page.getByRole('button', { name: words.importOpen }).click();
      const dialog = ui.dialog(words.importTitle);
      // the template is the tenant's own: a sample row for each of its apps, with its SDKAppID
      // (once the page has the tenant's apps: the dialog may open before their list arrives)
      await expect(dialog.getByTestId('seat-import-template')).toHaveAttribute(
        'href',
        new RegExp(String(sdkAppId + 2)),
      );
      const template = decodeURIComponent(
        ((await dialog.getByTestId('seat-import-template').getAttribute('href')) ?? '').replace(
          /^data:text\/csv;charset=utf-8,/,
          '',
        ),
      );
      const templateRows = template
        .replace(/^\uFEFF/, '')
        .trim()
        .split(/\r\n/);
      expect(templateRows[0]).toBe(
        'businessUserId,sdkAppId,seatUserId,displayName,provision,staffNumber,phone,role,skillGroups',
      );
      expect(templateRows.map((row) => row.split(',')[1])).toEqual(
        expect.arrayContaining([String(sdkAppId), String(sdkAppId + 1), String(sdkAppId + 2)]),
      );
      expect(templateRows).toHaveLength(4);
      await dialog.getByLabel(words.importText).fill(csv);
      await dialog.getByRole('button', { name: words.check }).click();
      await expect(dialog.getByText(words.rejected)).toBeVisible();
      // the explicit choice: checked again with it, counted
      await dialog.getByRole('switch', { name: words.skip }).click();
      await expect(dialog.getByTestId('seat-import-summary')).toContainText(words.skipSummary);
      await expect(dialog.getByTestId('seat-import-summary')).toContainText(words.repeats);
      await ui.screenshot(`seats-import-skip-invalid.${locale}`);
      await ui.axe(`seats-import-skip-invalid.${locale}`);
      // the problems as a file: BOM, the admin's language, the code, the row as it was
      const [download] = await Promise.all([
        ui.page.waitForEvent('download'),
        dialog.getByTestId('seat-import-problems').click(),
      ]);
      expect(download.suggestedFilename()).toBe('seats-problems.csv');
      const bytes = await downloaded(download);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.toString('utf8').slice(1).trim().split(/\r\n/);
      expect(lines[0]).toBe(words.problemsHeader);
      expect(lines).toHaveLength(3);
      expect(lines[1]).toMatch(/^4,seatUserId,csv_seat_taken,/);
      expect(lines[1]).toContain(words.takenMessage(seat(10)));
      expect(lines[1]).toContain(`${fresh(2)},${sdkAppId},${seat(10)},Taken`);
      expect(lines[2]).toMatch(/^5,sdkAppId,csv_app_not_in_tenant,/);
      await ui.expectToast(words.importedSkipping, () =>
        dialog.getByRole('button', { name: words.commitSkipping }).click(),
      );
      await expect(dialog).toBeHidden();
      await ui.page.getByRole('searchbox', { name: words.search }).fill(`skip-${locale}-`);
      await ui.page.getByRole('searchbox', { name: words.search }).press('Enter');
      await expect(ui.page.locator('tbody tr.ant-table-row')).toHaveCount(2);
      await ui.screenshot(`seats-import-skipped-result.${locale}`);
      await ui.axe(`seats-import-skipped-result.${locale}`);
    });

    test(`GBK: a CSV from Chinese Excel, read right, checked against 5,003 mappings and imported (${locale})`, async () => {
      await inLanguage(locale);
      await ui.openTenantTab(tenantId, 'seats');
      const fresh = (n: number) => `gbk-${locale}-${n}-${run}`;
      const csv = [
        'businessUserId,sdkAppId,seatUserId,displayName',
        `${fresh(1)},${sdkAppId},${fresh(1)}@lists.e2e,张三`,
        `${fresh(2)},${sdkAppId},${fresh(2)}@lists.e2e,李四·客服`,
        `${user(7)},${sdkAppId},${seat(7)},Staff 7`, // one of the 5,003, as it is
      ].join('\r\n');
      await ui.page.getByRole('button', { name: words.importOpen }).click();
      const dialog = ui.dialog(words.importTitle);
      await dialog
        .locator('input[type=file]')
        .setInputFiles({ name: 'seats-gbk.csv', mimeType: 'text/csv', buffer: gbk(`${csv}\r\n`) });
      await expect(dialog.getByText(words.gbkRead)).toBeVisible();
      await expect(dialog.locator('pre')).toContainText('李四·客服');
      await expect(dialog).not.toContainText('\uFFFD');
      await dialog.getByRole('button', { name: words.check }).click();
      await expect(dialog.getByTestId('seat-import-summary')).toHaveText(words.gbkSummary);
      await ui.screenshot(`seats-import-gbk-5000.${locale}`);
      await ui.axe(`seats-import-gbk-5000.${locale}`);
      await ui.expectToast(words.gbkImported, () =>
        dialog.getByRole('button', { name: words.gbkCommit }).click(),
      );
      await expect(dialog).toBeHidden();
      await ui.page.getByRole('searchbox', { name: words.search }).fill(`gbk-${locale}-`);
      await ui.page.getByRole('searchbox', { name: words.search }).press('Enter');
      await expect(ui.page.locator('tbody tr.ant-table-row')).toHaveCount(2);
      await expect(ui.row(fresh(1))).toContainText('张三');
      await expect(ui.row(fresh(2))).toContainText('李四·客服');
    });

    test(`.xlsx: export ten mappings, add a row in the workbook, import it back (${locale})`, async () => {
      await inLanguage(locale);
      await ui.openTenantTab(tenantId, 'seats');
      const query = locale === 'en-US' ? 'user-0002' : 'user-0003';
      await ui.page.getByRole('searchbox', { name: words.search }).fill(query);
      await ui.page.getByRole('searchbox', { name: words.search }).press('Enter');
      await expect(ui.page.locator('tbody tr.ant-table-row')).toHaveCount(10);
      const [download] = await Promise.all([
        ui.page.waitForEvent('download'),
        ui.page.getByRole('button', { name: words.exportXlsx }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('seats.xlsx');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.read(Readable.from([await downloaded(download)]));
      const sheet = workbook.worksheets[0]!;
      expect(sheet.name).toBe('seats');
      expect(sheet.getRow(1).values).toEqual([
        undefined,
        'businessUserId',
        'sdkAppId',
        'seatUserId',
        'displayName',
        'status',
        'provision',
        'staffNumber',
        'phone',
        'role',
        'skillGroups',
      ]);
      expect(sheet.actualRowCount).toBe(11);
      // an admin adds one row in Excel and saves
      const added = `xlsx-${locale}-${run}`;
      sheet.addRow([added, sdkAppId, `${added}@lists.e2e`, '新同事', 'enabled']);
      const edited = Buffer.from(await workbook.xlsx.writeBuffer());

      await ui.page.getByRole('button', { name: words.importOpen }).click();
      const dialog = ui.dialog(words.importTitle);
      const chooser = dialog.locator('input[type=file]');
      // a file that only claims to be a workbook: refused in the admin's language, nothing sent
      await chooser.setInputFiles({
        name: 'broken.xlsx',
        mimeType: 'application/octet-stream',
        buffer: Buffer.from('not a zip at all'),
      });
      await expect(dialog.getByTestId('seat-import-read-as')).toHaveText(words.xlsxBad);
      await chooser.setInputFiles({
        name: 'seats.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: edited,
      });
      await expect(dialog.getByTestId('seat-import-read-as')).toContainText(words.xlsxRead);
      await expect(dialog.getByTestId('seat-import-read-as')).toContainText(
        'businessUserId, sdkAppId, seatUserId, displayName, status',
      );
      await dialog.getByRole('button', { name: words.check }).click();
      await expect(dialog.getByTestId('seat-import-summary')).toHaveText(words.okSummary);
      await ui.screenshot(`seats-import-xlsx.${locale}`);
      await ui.axe(`seats-import-xlsx.${locale}`);
      await ui.expectToast(words.importedOne, () =>
        dialog.getByRole('button', { name: words.commitOne }).click(),
      );
      // the dialog closes (its preview lists the same row while it fades out), then the admin searches
      await expect(dialog).toBeHidden();
      await ui.page.getByRole('searchbox', { name: words.search }).fill(added);
      await ui.page.getByRole('searchbox', { name: words.search }).press('Enter');
      await expect(ui.row(added)).toContainText('新同事');
    });
  }
});
