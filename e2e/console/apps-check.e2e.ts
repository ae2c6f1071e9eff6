// Saving what cannot work (issue 14), in both languages: an SDKAppID without TCCC's shape is
// refused on its field; unknown credentials are refused with TCCC's reason; "save without
// checking" leaves a warning on the app; the last check is still shown after a reload; the region
// is picked from Tencent Cloud's list. Needs two apps the emulator knows
// (SEATGATE_E2E_SPARE_SDK_APP_IDS, from serve-stack.ts) and that account's credentials.
import { expect, test, type Browser } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { AdminApi, ConsolePage, env, type Credentials } from './console.page';

const run = randomBytes(3).toString('hex');
const admin: Credentials = { email: env('SEATGATE_ADMIN_EMAIL'), password: env('SEATGATE_ADMIN_PASSWORD') };
const account = { secretId: env('SEATGATE_E2E_SECRET_ID'), secretKey: env('SEATGATE_E2E_SECRET_KEY') };
const spares = env('SEATGATE_E2E_SPARE_SDK_APP_IDS').split(',').map(Number);

/** What the flow reads and presses, in each language. */
const WORDS = {
  'en-US': {
    add: 'Add app',
    label: 'Label',
    region: 'Region',
    regionOption: 'South China (Guangzhou) · ap-guangzhou',
    regionShown: 'South China (Guangzhou) · ap-guangzhou',
    sdkAppIdInvalid: 'An SDKAppID is 10 digits starting with 140 (call center) or 160 (desk).',
    kindDesk: 'Customer-service desk',
    refused: 'TCCC refused these credentials, so nothing was saved.',
    reason: 'TCCC rejected these credentials.',
    saveAnyway: 'Save without checking',
    skipped: 'Saved without checking: test the connection',
    test: 'Test connection',
    failed: 'Last check failed',
    rotate: 'Rotate credentials',
    rotateTitle: (id: number) => `Rotate credentials of ${id}`,
    rotatedUnchecked: (id: number) => `Credentials of ${id} rotated without checking them`,
    passed: 'Last check passed',
    cancel: 'Cancel',
    unsaved: 'Leave without saving?',
    stay: 'Keep editing',
    discard: 'Discard changes',
  },
  'zh-CN': {
    add: '添加应用',
    label: '名称',
    region: '地域',
    regionOption: '华南地区（广州） · ap-guangzhou',
    regionShown: '华南地区（广州） · ap-guangzhou',
    sdkAppIdInvalid: 'SDKAppID 为 10 位数字，以 140（呼叫中心）或 160（客服工作台）开头。',
    kindDesk: '客服工作台',
    refused: 'TCCC 拒绝了这组凭据，未保存任何内容。',
    reason: 'TCCC 拒绝了这组凭据。',
    saveAnyway: '不检查直接保存',
    skipped: '未经检查即保存：请测试连接',
    test: '测试连接',
    failed: '上次检查未通过',
    rotate: '轮换凭据',
    rotateTitle: (id: number) => `轮换 ${id} 的凭据`,
    rotatedUnchecked: (id: number) => `已轮换 ${id} 的凭据，未经检查`,
    passed: '上次检查通过',
    cancel: '取消',
    unsaved: '不保存就离开？',
    stay: '继续编辑',
    discard: '放弃更改',
  },
} as const;

async function consoleIn(browser: Browser, locale: 'en-US' | 'zh-CN'): Promise<ConsolePage> {
  const ui = new ConsolePage(await (await browser.newContext()).newPage());
  await ui.page.goto('/sign-in');
  if (locale === 'zh-CN') await ui.switchLanguage('zh-CN');
  await ui.signIn(admin);
  return ui;
}

for (const [index, locale] of (['en-US', 'zh-CN'] as const).entries()) {
  test(`saving a TCCC app that cannot work (${locale})`, async ({ browser, request }) => {
    const w = WORDS[locale];
    const sdkAppId = spares[index]!;
    const api = await AdminApi.signIn(request, admin);
    const tenant = await api.createTenant(`check-${locale.toLowerCase()}-${run}`, `Check ${locale} ${run}`);
    const ui = await consoleIn(browser, locale);
    const { page } = ui;
    await ui.openTenantTab(tenant.id, 'apps');

    // 1. an SDKAppID without TCCC's shape: refused on the field, before anything is sent
    await page.getByRole('button', { name: w.add }).click();
    const dialog = ui.dialog(w.add);
    const sdkAppIdField = dialog.getByLabel('SDKAppID');
    await sdkAppIdField.fill('12345');
    await sdkAppIdField.blur();
    await expect(dialog.getByText(w.sdkAppIdInvalid)).toBeVisible();
    await dialog.getByRole('button', { name: w.add }).click();
    await expect(dialog.getByText(w.sdkAppIdInvalid)).toBeVisible();
    // a desk's SDKAppID is accepted and names its kind
    await sdkAppIdField.fill('1600000001');
    await expect(dialog.getByText(w.sdkAppIdInvalid)).toBeHidden();
    await expect(dialog.getByTestId('app-kind')).toHaveText(w.kindDesk);
    await ui.screenshot(`apps-check-sdkappid.${locale}`);
    await ui.axe(`apps-check-sdkappid.${locale}`);
    // what was typed is not lost by a stray Cancel: the dialog asks, and "keep editing" keeps it
    await dialog.getByRole('button', { name: w.cancel, exact: true }).click();
    const ask = page.getByRole('dialog', { name: w.unsaved });
    await expect(ask).toBeVisible();
    await ui.screenshot(`apps-unsaved-add.${locale}`);
    await ui.axe(`apps-unsaved-add.${locale}`);
    await ask.getByRole('button', { name: w.stay, exact: true }).click();
    await expect(ask).toBeHidden();
    await expect(dialog).toBeVisible();
    await expect(sdkAppIdField).toHaveValue('1600000001');

    // 2. unknown credentials for an app TCCC knows: refused with TCCC's reason and code
    await sdkAppIdField.fill(String(sdkAppId));
    await dialog.getByLabel(w.label).fill(`Check ${run}`);
    await ui.choose(w.region, w.regionOption, dialog);
    await dialog.getByLabel('SecretId').fill(`AKIDunknown${run}0001`);
    await dialog.getByLabel('SecretKey').fill(`unknown-secret-key-${run}`);
    await dialog.getByRole('button', { name: w.add }).click();
    const refusal = dialog.getByTestId('app-check-failure');
    await expect(refusal).toContainText(w.refused);
    await expect(refusal).toContainText(w.reason);
    await expect(refusal).toContainText('AuthFailure.SecretIdNotFound');
    await ui.screenshot(`apps-check-refused.${locale}`);
    await ui.axe(`apps-check-refused.${locale}`);
    const notSaved = await api.call<{ total: number }>('GET', `/api/admin/tenants/${tenant.id}/apps`);
    expect(notSaved.total).toBe(0);

    // 3. "save without checking": saved, with a visible warning
    await refusal.getByRole('button', { name: w.saveAnyway }).click();
    await expect(dialog).toBeHidden();
    const row = ui.row(String(sdkAppId));
    await expect(row.getByTestId('app-last-check')).toContainText(w.skipped);
    // 5. the region came from the list
    await expect(row).toContainText(w.regionShown);
    const saved = await api.call<{ items: { sdkAppId: number; region: string | null }[] }>(
      'GET',
      `/api/admin/tenants/${tenant.id}/apps`,
    );
    expect(saved.items).toEqual([expect.objectContaining({ sdkAppId, region: 'ap-guangzhou' })]);

    // 4. the last check survives a reload: the warning, then a failed test, then a passed check
    await page.reload();
    await expect(row.getByTestId('app-last-check')).toContainText(w.skipped);
    await ui.screenshot(`apps-check-skipped.${locale}`);
    await ui.axe(`apps-check-skipped.${locale}`);
    await row.getByRole('button', { name: w.test }).click();
    await expect(row.locator('[aria-live="polite"]')).toContainText(w.reason);
    await page.reload();
    await expect(row.getByTestId('app-last-check')).toContainText(w.failed);
    await expect(row.getByTestId('app-last-check')).toContainText('AuthFailure.SecretIdNotFound');
    await ui.screenshot(`apps-check-failed.${locale}`);
    await ui.axe(`apps-check-failed.${locale}`);

    // 6. rotating to credentials TCCC refuses: refused with TCCC's reason, nothing changed; then
    // the same credentials saved by the explicit "save without checking"
    const secretIdBefore = async () =>
      (await api.call<{ items: { secretIdMasked: string }[] }>('GET', `/api/admin/tenants/${tenant.id}/apps`))
        .items[0]!.secretIdMasked;
    const maskedBefore = await secretIdBefore();
    await row.getByRole('button', { name: w.rotate }).click();
    const refusedRotation = ui.dialog(w.rotateTitle(sdkAppId));
    await refusedRotation.getByLabel('SecretId').fill(`AKIDrotated${run}0002`);
    await refusedRotation.getByLabel('SecretKey').fill(`rotated-secret-key-${run}`);
    await refusedRotation.getByRole('button', { name: w.rotate }).click();
    const rotationRefusal = refusedRotation.getByTestId('app-check-failure');
    await expect(rotationRefusal).toContainText(w.refused);
    await expect(rotationRefusal).toContainText(w.reason);
    await expect(rotationRefusal).toContainText('AuthFailure.SecretIdNotFound');
    await ui.screenshot(`apps-check-rotate-refused.${locale}`);
    await ui.axe(`apps-check-rotate-refused.${locale}`);
    expect(await secretIdBefore()).toBe(maskedBefore);
    await ui.expectToast(w.rotatedUnchecked(sdkAppId), () =>
      rotationRefusal.getByRole('button', { name: w.saveAnyway }).click(),
    );
    await expect(refusedRotation).toBeHidden();
    expect(await secretIdBefore()).not.toBe(maskedBefore);
    await expect(row.getByTestId('app-last-check')).toContainText(w.skipped);

    // a rotation typed and then closed (Esc) asks first; discarded, nothing is rotated
    await row.getByRole('button', { name: w.rotate }).click();
    const abandoned = ui.dialog(w.rotateTitle(sdkAppId));
    await abandoned.getByLabel('SecretId').fill(account.secretId);
    const maskedSkipped = await secretIdBefore();
    await page.keyboard.press('Escape');
    await page
      .getByRole('dialog', { name: w.unsaved })
      .getByRole('button', { name: w.discard, exact: true })
      .click();
    await expect(abandoned).toBeHidden();
    expect(await secretIdBefore()).toBe(maskedSkipped);
    // an untouched dialog closes without a question
    await row.getByRole('button', { name: w.rotate }).click();
    await expect(abandoned).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(abandoned).toBeHidden();
    await expect(page.getByRole('dialog', { name: w.unsaved })).toHaveCount(0);

    // rotating to the right credentials is checked and passes
    await row.getByRole('button', { name: w.rotate }).click();
    const rotation = ui.dialog(w.rotateTitle(sdkAppId));
    await rotation.getByLabel('SecretId').fill(account.secretId);
    await rotation.getByLabel('SecretKey').fill(account.secretKey);
    await rotation.getByRole('button', { name: w.rotate }).click();
    await expect(rotation).toBeHidden();
    await page.reload();
    await expect(row.getByTestId('app-last-check')).toContainText(w.passed);
    await ui.screenshot(`apps-check-passed.${locale}`);
    await ui.axe(`apps-check-passed.${locale}`);

    expect(ui.problems, 'errors in the browser console').toEqual([]);
    await page.context().close();
  });
}
