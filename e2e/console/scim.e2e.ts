// Issue 15, the SCIM page, in English and in Chinese: a tenant admin turns SCIM on, creates a token
// (shown once, copied), the identity provider uses it (a user provisioned through /scim/v2 shows in
// the counts and the last sync), and revoking it refuses the provider at once. axe on the page and
// on the token dialog.
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
      tab: 'SCIM',
      title: 'SCIM provisioning',
      enabled: 'SCIM is on',
      save: 'Save',
      saved: 'SCIM settings saved',
      createToken: 'Create token',
      label: 'Label',
      create: 'Create',
      tokenTitle: 'Your new SCIM token',
      stored: 'I have stored the token',
      done: 'Done',
      on: 'On',
      users: '1 (1 active)',
      never: 'Never',
      revoke: 'Revoke',
      revoked: (label: string) => `Token "${label}" revoked`,
      revokedTag: 'Revoked',
    },
  ],
  [
    'zh-CN',
    {
      tab: 'SCIM',
      title: 'SCIM 同步',
      enabled: '开启 SCIM',
      save: '保存',
      saved: 'SCIM 设置已保存',
      createToken: '创建令牌',
      label: '名称',
      create: '创建',
      tokenTitle: '新的 SCIM 令牌',
      stored: '我已保存该令牌',
      done: '完成',
      on: '已开启',
      users: '1 个（1 个启用）',
      never: '从未',
      revoke: '吊销',
      revoked: (label: string) => `令牌“${label}”已吊销`,
      revokedTag: '已吊销',
    },
  ],
] as const;

async function emulator(request: APIRequestContext, path: string, data: unknown) {
  const response = await request.fetch(`${emulatorUrl}/__emulator${path}`, { method: 'POST', data });
  expect(response.ok(), await response.text()).toBeTruthy();
}

test.describe.serial('SCIM page', () => {
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
    test(`turn SCIM on, create a token, see the sync, revoke (${locale})`, async ({ request }) => {
      const api = await AdminApi.signIn(request, admin);
      const tenantId = (await api.createTenant(`scim-${locale.toLowerCase()}-${run}`, `SCIM ${run}`)).id;
      const sdkAppId = 1400000000 + ((Date.now() + 23 + index * 1_000_003) % 9_000_000);
      await emulator(request, `/accounts/${account.secretId}/apps`, {
        sdkAppId,
        licences: [{ num: 10, buyTime: 1, endTime: 4_000_000_000 }],
      });
      await api.call('POST', `/api/admin/tenants/${tenantId}/apps`, {
        sdkAppId,
        label: 'SCIM app',
        ...account,
      });

      await ui.page.goto('/tenants');
      await expect(ui.page.getByTestId('signed-in-email')).toBeVisible();
      if ((await ui.page.locator('html').getAttribute('lang')) !== locale) await ui.switchLanguage(locale);
      await ui.page.goto(`/tenants/${tenantId}/overview`);
      await ui.page.getByRole('tab', { name: words.tab }).click();
      await expect(ui.page).toHaveURL(new RegExp(`/tenants/${tenantId}/scim$`));
      await expect(ui.page.getByRole('heading', { name: words.title })).toBeVisible();
      const endpoint = await ui.page.getByTestId('scim-endpoint').innerText();
      expect(endpoint).toMatch(/\/scim\/v2$/);
      await ui.axe(`scim.${locale}`);

      // turn SCIM on
      await ui.page.getByRole('switch', { name: words.enabled }).click();
      await ui.expectToast(words.saved, () => ui.page.getByRole('button', { name: words.save }).click());
      await expect
        .poll(
          async () =>
            (
              await api.call<{ settings: { scim?: { enabled?: boolean } } }>(
                'GET',
                `/api/admin/tenants/${tenantId}`,
              )
            ).settings.scim?.enabled,
        )
        .toBe(true);
      await expect(ui.page.getByText(words.on, { exact: true })).toBeVisible();
      // the form shows what was saved (a second Save must not turn it off again)
      await expect(ui.page.getByRole('switch', { name: words.enabled })).toBeChecked();

      // create a token: shown once
      const label = `IdP ${locale} ${run}`;
      await ui.page.getByRole('button', { name: words.createToken }).click();
      const create = ui.dialog(words.createToken);
      await create.getByLabel(words.label).fill(label);
      await create.getByRole('button', { name: words.create }).click();
      const shown = ui.dialog(words.tokenTitle);
      await expect(shown).toBeVisible();
      const token = await shown.getByTestId('new-scim-token').innerText();
      expect(token).toMatch(/^sgscim_/);
      await ui.axe(`scim-token.${locale}`);
      await ui.screenshot(`scim-token-${locale}`);
      await expect(shown.getByRole('button', { name: words.done })).toBeDisabled();
      await shown.getByRole('checkbox', { name: words.stored }).check();
      await shown.getByRole('button', { name: words.done }).click();
      await expect(shown).toBeHidden();
      await expect(ui.page.getByText(token)).toHaveCount(0);

      // the identity provider uses it: a user with a seat, then the page shows the sync
      const scimUser = await request.post('/scim/v2/Users', {
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/scim+json' },
        data: {
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
          userName: `scim-${run}-${index}`,
          name: { formatted: 'Ada Lovelace' },
          emails: [{ value: `ada-${run}-${index}@scim.e2e`, primary: true }],
        },
      });
      expect(scimUser.status(), await scimUser.text()).toBe(201);
      await ui.page.reload();
      await expect(ui.page.getByText(words.users)).toBeVisible();
      await expect(ui.row(label)).not.toContainText(words.never);
      await ui.screenshot(`scim-page-${locale}`);

      // revoke: the provider is refused at once
      await ui.row(label).getByRole('button', { name: words.revoke }).click();
      await ui.expectToast(words.revoked(label), () =>
        ui.page.locator('.ant-popconfirm').getByRole('button', { name: words.revoke }).click(),
      );
      await expect(ui.row(label)).toContainText(words.revokedTag);
      const refused = await request.get('/scim/v2/Users', { headers: { Authorization: `Bearer ${token}` } });
      expect(refused.status()).toBe(401);
    });
  }
});
