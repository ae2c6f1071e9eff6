// The console as people who run TCCC seats in Chinese enterprises use it: a CSV saved by Chinese
// Excel (GBK) imports with the right names after showing what was read, check results and audit
// actions are in the admin's language (zh-CN and en-US; the GBK file in both), and the audit
// filter's button is 筛选.
import { expect, test } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { AdminApi, ConsolePage, env, type Credentials } from './console.page';
import { gbk } from './gbk';

const run = randomBytes(3).toString('hex');
const admin: Credentials = { email: env('SEATGATE_ADMIN_EMAIL'), password: env('SEATGATE_ADMIN_PASSWORD') };
// a call-center SDKAppID (140 and 7 digits) the emulator does not know: saved without checking
const sdkAppId = Number(`140${String(Date.now() + 7).slice(-7)}`);

test.describe.serial('Chinese first', () => {
  let tenantId = '';
  let ui: ConsolePage;

  test.beforeAll(async ({ browser, request }) => {
    const api = await AdminApi.signIn(request, admin);
    const tenant = await api.createTenant(`zh-${run}`, `中文租户 ${run}`);
    tenantId = tenant.id;
    await api.call('POST', `/api/admin/tenants/${tenantId}/apps`, {
      sdkAppId,
      label: '呼叫中心',
      secretId: `AKIDzh${run}0000`,
      secretKey: `zh-secret-key-${run}`,
      skipCheck: true,
    });
    await api.createAdmin(`zh-${run}@example.com`, `zh-${run}-password-long`, 'tenant_admin', [tenantId]);
    ui = new ConsolePage(await (await browser.newContext()).newPage());
    await ui.page.goto('/sign-in');
    await ui.signIn(admin);
    await ui.switchLanguage('zh-CN');
    await expect(ui.nav(/^租户$/)).toBeVisible();
  });

  test.afterAll(async () => {
    await ui?.page.context().close();
  });

  test.afterEach(() => {
    expect(ui.problems, 'errors in the browser console').toEqual([]);
  });

  test('zh-CN: a GBK CSV from Chinese Excel shows what was read, then imports with the right names', async () => {
    await ui.page.goto(`/tenants/${tenantId}/seats`);
    await ui.page.getByRole('button', { name: '导入 CSV' }).click();
    const dialog = ui.dialog('从 CSV 导入座席映射');
    const csv = [
      'businessUserId,sdkAppId,seatUserId,displayName',
      `zh1-${run},${sdkAppId},zh1-${run}@example.com,张三`,
      `zh2-${run},${sdkAppId},zh2-${run}@example.com,李四·客服`,
    ].join('\r\n');
    await dialog
      .locator('input[type=file]')
      .setInputFiles({ name: '座席.csv', mimeType: 'text/csv', buffer: gbk(`${csv}\r\n`) });
    // what was read, before anything is checked: the encoding, the row count, the first rows
    await expect(dialog.getByText(/按 GBK\/GB18030（中文 Excel）\s*读取：2 行/)).toBeVisible();
    await expect(dialog.locator('pre')).toContainText('张三');
    await expect(dialog.locator('pre')).toContainText('李四·客服');
    await expect(dialog).not.toContainText('\uFFFD');
    await ui.screenshot('seats-import-gbk-read.zh-CN');
    await ui.axe('seats-import-gbk-read.zh-CN');
    await dialog.getByRole('button', { name: '检查文件' }).click();
    await expect(dialog.getByText('2 行全部有效：新增 2 条，已存在 0 条。')).toBeVisible();
    await dialog.getByRole('button', { name: '导入 2 条新映射' }).click();
    await expect(dialog).toBeHidden();
    await expect(ui.row(`zh1-${run}`)).toContainText('张三');
    await expect(ui.row(`zh2-${run}`)).toContainText('李四·客服');
    await ui.screenshot('seats-import-gbk-done.zh-CN');
    await ui.axe('seats-import-gbk-done.zh-CN');
  });

  test('zh-CN: a file neither UTF-8 nor GBK can read is never checked as OK', async () => {
    await ui.page.goto(`/tenants/${tenantId}/seats`);
    await ui.page.getByRole('button', { name: '导入 CSV' }).click();
    const dialog = ui.dialog('从 CSV 导入座席映射');
    const broken = Buffer.concat([
      Buffer.from(
        `businessUserId,sdkAppId,seatUserId,displayName\r\nzh9-${run},${sdkAppId},zh9@example.com,`,
      ),
      Buffer.from([0xff, 0xff]),
      Buffer.from('\r\n'),
    ]);
    await dialog
      .locator('input[type=file]')
      .setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: broken });
    await expect(dialog.getByText(/个字符无法按任何编码读取/).first()).toBeVisible();
    await expect(dialog.getByRole('button', { name: '检查文件' })).toBeDisabled();
    await expect(dialog.getByRole('button', { name: /^导入/ })).toBeDisabled();
    await ui.screenshot('seats-import-unreadable.zh-CN');
    await ui.axe('seats-import-unreadable.zh-CN');
    // text read and not imported: closing asks first
    await dialog.getByRole('button', { name: '取消' }).click();
    await ui.page
      .getByRole('dialog', { name: '不保存就离开？' })
      .getByRole('button', { name: '放弃更改', exact: true })
      .click();
    await expect(dialog).toBeHidden();
  });

  const badRows = () =>
    [
      'businessUserId,sdkAppId,seatUserId,displayName',
      `,${sdkAppId},zh3-${run}@example.com,王五`,
      `zh4-${run},${sdkAppId},not-an-email,赵六`,
      `zh5-${run},0,zh5-${run}@example.com,钱七`,
      `zh6-${run},${sdkAppId},zh1-${run}@example.com,孙八`,
    ].join('\n');

  test('zh-CN: CSV check results are in Chinese, worded from their codes', async () => {
    await ui.page.goto(`/tenants/${tenantId}/seats`);
    await ui.page.getByRole('button', { name: '导入 CSV' }).click();
    const dialog = ui.dialog('从 CSV 导入座席映射');
    await dialog.getByLabel('文件内容（可在此修正）').fill(badRows());
    await dialog.getByRole('button', { name: '检查文件' }).click();
    await expect(dialog.getByText('有 4 个问题需要修正。尚未导入任何数据。')).toBeVisible();
    await expect(dialog.getByRole('row').filter({ hasText: '王五' })).toContainText('业务用户: 必填');
    await expect(dialog.getByRole('row').filter({ hasText: '赵六' })).toContainText(
      'TCCC 座席: 请输入邮箱格式的座席账号',
    );
    await expect(dialog.getByRole('row').filter({ hasText: '钱七' })).toContainText('SDKAppID: 必须是正整数');
    await expect(dialog.getByRole('row').filter({ hasText: '孙八' })).toContainText(
      `座席 zh1-${run}@example.com 已映射给业务用户 zh1-${run}`,
    );
    await expect(dialog).not.toContainText(/Too small|expected string|already mapped|email-like/);
    await ui.screenshot('seats-import-rejected.zh-CN');
    await ui.axe('seats-import-rejected.zh-CN');
    await dialog.getByRole('button', { name: '取消' }).click();
  });

  test('zh-CN: audit actions and targets are translated, and the filter button says 筛选', async () => {
    await ui.page.goto(`/audit?tenantId=${tenantId}`);
    for (const action of ['创建租户', '添加应用', '导入座席映射'])
      await expect(ui.page.getByRole('cell', { name: action, exact: true }).first()).toBeVisible();
    await expect(ui.row('seat.imported')).toContainText('租户');
    await expect(ui.page.getByRole('button', { name: '筛选' })).toBeVisible();
    await expect(ui.page.getByRole('button', { name: '应用' })).toHaveCount(0);
    await expect(ui.page.getByText('全部动作')).toBeVisible();
    await ui.screenshot('audit-translated.zh-CN');
    await ui.axe('audit-translated.zh-CN');

    await ui.page.goto('/audit?action=admin_user.created');
    const created = ui.row('admin_user.created').first();
    await expect(created).toContainText('创建管理员');
    await expect(created).toContainText('管理员');
    await ui.page.goto('/audit?action=auth.login.succeeded');
    await expect(ui.row('auth.login.succeeded').first()).toContainText('管理员登录成功');
    await ui.row('auth.login.succeeded').first().getByRole('button', { name: '详情' }).click();
    await expect(ui.page.getByRole('dialog', { name: '审计事件' })).toContainText('管理员登录成功');
    await ui.screenshot('audit-detail-translated.zh-CN');
    await ui.axe('audit-detail-translated.zh-CN');
    await ui.page.keyboard.press('Escape');
  });

  test('en-US: a GBK CSV from Chinese Excel shows what was read, then imports with the right names', async () => {
    await ui.page.goto(`/tenants/${tenantId}/seats`);
    await ui.switchLanguage('en-US');
    await expect(ui.nav(/^Tenants$/)).toBeVisible();
    await ui.page.getByRole('button', { name: 'Import CSV' }).click();
    const dialog = ui.dialog('Import seat mappings from CSV');
    const csv = [
      'businessUserId,sdkAppId,seatUserId,displayName',
      `zh7-${run},${sdkAppId},zh7-${run}@example.com,张三`,
      `zh8-${run},${sdkAppId},zh8-${run}@example.com,李四·客服`,
    ].join('\r\n');
    await dialog
      .locator('input[type=file]')
      .setInputFiles({ name: 'seats.csv', mimeType: 'text/csv', buffer: gbk(`${csv}\r\n`) });
    await expect(dialog.getByText(/Read as GBK\/GB18030 \(Chinese Excel\):\s*2 rows/)).toBeVisible();
    await expect(dialog.locator('pre')).toContainText('李四·客服');
    await expect(dialog).not.toContainText('\uFFFD');
    await ui.screenshot('seats-import-gbk-read.en-US');
    await ui.axe('seats-import-gbk-read.en-US');
    await dialog.getByRole('button', { name: 'Check file' }).click();
    await expect(dialog.getByText('2 rows are valid: 2 new, 0 already mapped.')).toBeVisible();
    await dialog.getByRole('button', { name: 'Import 2 new mappings' }).click();
    await expect(dialog).toBeHidden();
    await expect(ui.row(`zh7-${run}`)).toContainText('张三');
    await expect(ui.row(`zh8-${run}`)).toContainText('李四·客服');
    await ui.screenshot('seats-import-gbk-done.en-US');
    await ui.axe('seats-import-gbk-done.en-US');
  });

  test('en-US: a file neither UTF-8 nor GBK can read is never checked as OK', async () => {
    await ui.page.goto(`/tenants/${tenantId}/seats`);
    if ((await ui.page.locator('html').getAttribute('lang')) !== 'en-US') await ui.switchLanguage('en-US');
    await expect(ui.nav(/^Tenants$/)).toBeVisible();
    await ui.page.getByRole('button', { name: 'Import CSV' }).click();
    const dialog = ui.dialog('Import seat mappings from CSV');
    const broken = Buffer.concat([
      Buffer.from(
        `businessUserId,sdkAppId,seatUserId,displayName\r\nen9-${run},${sdkAppId},en9@example.com,`,
      ),
      Buffer.from([0xff, 0xff]),
      Buffer.from('\r\n'),
    ]);
    await dialog
      .locator('input[type=file]')
      .setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: broken });
    await expect(
      dialog.getByText(/characters could not be read in any encoding \(shown as �\)/).first(),
    ).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Check file' })).toBeDisabled();
    await expect(dialog.getByRole('button', { name: /^Import/ })).toBeDisabled();
    await ui.screenshot('seats-import-unreadable.en-US');
    await ui.axe('seats-import-unreadable.en-US');
    // text read and not imported: closing asks first
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await ui.page
      .getByRole('dialog', { name: 'Leave without saving?' })
      .getByRole('button', { name: 'Discard changes', exact: true })
      .click();
    await expect(dialog).toBeHidden();
  });

  test('en-US: the same check results and audit actions in English', async () => {
    await ui.page.goto(`/tenants/${tenantId}/seats`);
    if ((await ui.page.locator('html').getAttribute('lang')) !== 'en-US') await ui.switchLanguage('en-US');
    await expect(ui.nav(/^Tenants$/)).toBeVisible();
    await ui.page.getByRole('button', { name: 'Import CSV' }).click();
    const dialog = ui.dialog('Import seat mappings from CSV');
    await dialog.getByLabel('File contents (you can fix rows here)').fill(badRows());
    await dialog.getByRole('button', { name: 'Check file' }).click();
    await expect(dialog.getByText('Problems to fix: 4. Nothing has been imported.')).toBeVisible();
    await expect(dialog.getByRole('row').filter({ hasText: '王五' })).toContainText(
      'Business user: Required',
    );
    await expect(dialog.getByRole('row').filter({ hasText: '钱七' })).toContainText(
      'SDKAppID: Must be a positive whole number',
    );
    await expect(dialog).not.toContainText(/Too small|expected string/);
    await ui.screenshot('seats-import-rejected-coded.en-US');
    await ui.axe('seats-import-rejected-coded.en-US');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await ui.page.goto(`/audit?tenantId=${tenantId}`);
    // two imports: the Chinese file, then the same kind of file in English
    await expect(ui.page.getByRole('cell', { name: 'Seat mappings imported', exact: true })).toHaveCount(2);
    await expect(ui.page.getByRole('cell', { name: 'seat.imported', exact: true })).toHaveCount(2);
    await expect(ui.page.getByRole('button', { name: 'Filter' })).toBeVisible();
    await ui.screenshot('audit-translated.en-US');
    await ui.axe('audit-translated.en-US');
  });
});
