// Forms and feedback (issue 14), in both languages: sign-in errors that clear as the user types
// and never Chromium's English bubble; server conflicts on their field, naming the conflict;
// one error toast at most, closed by a success; formats explained; confirmations that name what
// they act on; unsaved changes asked about; a tenant's name opening its Overview; token snippets
// for five languages. Texts come from the console's own dictionaries, so a test fails when a
// screen shows something other than what the dictionary says for its language.
import { expect, test, type Browser } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { enUS, type MessageKey } from '../../apps/console/src/i18n/en-US';
import { zhCN } from '../../apps/console/src/i18n/zh-CN';
import { AdminApi, ConsolePage, env, type Credentials } from './console.page';

type Locale = 'en-US' | 'zh-CN';
const LOCALES: Locale[] = ['en-US', 'zh-CN'];
const run = randomBytes(3).toString('hex');
const admin: Credentials = { email: env('SEATGATE_ADMIN_EMAIL'), password: env('SEATGATE_ADMIN_PASSWORD') };

function text(locale: Locale) {
  const dictionary = locale === 'zh-CN' ? zhCN : enUS;
  return {
    t: (key: MessageKey, vars: Record<string, string> = {}) =>
      dictionary.messages[key].replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole),
    error: (code: keyof typeof enUS.errors) => dictionary.errors[code],
  };
}

/** A browser context in one language (the console remembers the choice per browser). */
async function consoleIn(browser: Browser, locale: Locale, who?: Credentials): Promise<ConsolePage> {
  const context = await browser.newContext();
  await context.addInitScript((value) => {
    window.localStorage.setItem('seatgate.console.locale', value);
  }, locale);
  const ui = new ConsolePage(await context.newPage());
  if (who) {
    await ui.page.goto('/sign-in');
    await ui.signIn(who);
  }
  return ui;
}

const errorToasts = (ui: ConsolePage) => ui.page.locator('.ant-notification-notice');

test.describe.serial('forms and feedback', () => {
  let tenantId = '';
  const tenantSlug = `e2e-forms-${run}`;
  const audience = `crm-${run}`;

  test.beforeAll(async ({ request }) => {
    const api = await AdminApi.signIn(request, admin);
    tenantId = (await api.createTenant(tenantSlug, `E2E forms ${run}`)).id;
    await api.call('PATCH', `/api/admin/tenants/${tenantId}`, { settings: { tokenAudience: audience } });
  });

  for (const locale of LOCALES) {
    test(`sign-in: errors clear while typing, the form's own email message, a stale toast closes (${locale})`, async ({
      browser,
    }) => {
      const { t, error } = text(locale);
      const ui = await consoleIn(browser, locale);
      const { page } = ui;
      await page.goto('/sign-in');
      const email = page.getByLabel(t('auth.email'), { exact: true });
      const password = page.getByLabel(t('auth.password'), { exact: true });
      const signIn = page.getByRole('button', { name: t('auth.signIn'), exact: true });
      // never a native email field: Chromium's bubble would speak English over the form
      await expect(email).not.toHaveAttribute('type', 'email');

      await signIn.click();
      const required = page.getByText(t('validation.required'), { exact: true });
      await expect(required).toHaveCount(2);
      await email.fill('not-an-email');
      await expect(required).toHaveCount(1);
      await password.fill('wrong-password-123');
      await expect(required).toHaveCount(0);
      await signIn.click();
      await expect(page.getByText(t('validation.email'), { exact: true })).toBeVisible();
      await ui.screenshot(`forms-sign-in-email.${locale}`);

      await email.fill(admin.email);
      await expect(page.getByText(t('validation.email'), { exact: true })).toHaveCount(0);
      await signIn.click();
      await expect(page.getByText(error('invalid_credentials'))).toBeVisible();
      await expect(required).toHaveCount(0);
      await expect(page.getByText(t('validation.email'), { exact: true })).toHaveCount(0);
      await ui.screenshot(`forms-sign-in-wrong.${locale}`);

      // the right password: the "wrong password" toast does not stay beside the signed-in console
      await password.fill(admin.password);
      await signIn.click();
      await expect(page.getByTestId('signed-in-email')).toHaveText(admin.email.toLowerCase());
      await expect(errorToasts(ui)).toHaveCount(0);
      expect(ui.problems, 'errors in the browser console').toEqual([]);
      await page.context().close();
    });

    test(`tenants: a taken slug shows on its field; a name opens the Overview (${locale})`, async ({
      browser,
    }) => {
      const { t } = text(locale);
      const ui = await consoleIn(browser, locale, admin);
      const { page } = ui;
      await page.goto('/tenants');
      await page.getByRole('button', { name: t('tenants.create'), exact: true }).click();
      const dialog = ui.dialog(t('tenants.create'));
      await dialog.getByLabel(t('tenants.name'), { exact: true }).fill(`E2E taken ${run}`);
      const slugInput = dialog.getByLabel(t('tenants.slug'), { exact: true });
      await slugInput.fill('Not A Slug');
      await dialog.getByRole('button', { name: t('action.create'), exact: true }).click();
      await expect(dialog.getByText(t('validation.format.slug'))).toBeVisible();
      await expect(dialog.getByText(t('validation.format'), { exact: true })).toHaveCount(0);

      await slugInput.fill(tenantSlug);
      await expect(dialog.getByText(t('validation.format.slug'))).toHaveCount(0);
      await dialog.getByRole('button', { name: t('action.create'), exact: true }).click();
      const taken = t('tenants.slugTaken', { slug: tenantSlug });
      await expect(dialog.getByText(taken)).toBeVisible();
      await expect(errorToasts(ui)).toHaveCount(0);
      await ui.screenshot(`forms-slug-taken.${locale}`);
      // typing a new slug clears the conflict
      await slugInput.fill(`${tenantSlug}-${locale.toLowerCase()}`);
      await expect(dialog.getByText(taken)).toHaveCount(0);
      await dialog.getByRole('button', { name: t('action.cancel'), exact: true }).click();

      const search = page.getByLabel(t('tenants.search'), { exact: true });
      await search.fill(tenantSlug);
      await search.press('Enter');
      await page.getByRole('link', { name: `E2E forms ${run}`, exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`/tenants/${tenantId}/overview$`));
      expect(ui.problems, 'errors in the browser console').toEqual([]);
      await page.context().close();
    });

    test(`tenant settings: origin format explained; leaving unsaved changes asks first (${locale})`, async ({
      browser,
    }) => {
      const { t } = text(locale);
      const ui = await consoleIn(browser, locale, admin);
      const { page } = ui;
      await ui.openTenantTab(tenantId, 'settings');
      const origins = page.getByLabel(t('settings.allowedOrigins'), { exact: true });
      await origins.fill('https://crm.example.com/login');
      await origins.press('Enter');
      await page.getByRole('button', { name: t('action.save'), exact: true }).click();
      await expect(page.getByText(t('validation.format.origin'))).toBeVisible();
      await expect(page.getByText(t('validation.format'), { exact: true })).toHaveCount(0);
      await ui.screenshot(`forms-origin-format.${locale}`);

      // unsaved: the Apps tab asks; "keep editing" stays, "discard" leaves (a tab the keyboard
      // or mouse last touched is announced with its position, "Tab 2 of 6 Apps")
      const appsTab = page.getByRole('tab', { name: new RegExp(`${t('tenant.tab.apps')}$`) });
      await appsTab.click();
      const ask = page.getByRole('dialog', { name: t('unsaved.title') });
      await expect(ask).toBeVisible();
      await ui.screenshot(`forms-unsaved-settings.${locale}`);
      await ask.getByRole('button', { name: t('unsaved.stay'), exact: true }).click();
      await expect(ask).toBeHidden();
      await expect(page).toHaveURL(new RegExp(`/tenants/${tenantId}/settings$`));
      await appsTab.click();
      await page
        .getByRole('dialog', { name: t('unsaved.title') })
        .getByRole('button', { name: t('unsaved.leave'), exact: true })
        .click();
      await expect(page).toHaveURL(new RegExp(`/tenants/${tenantId}/apps$`));

      // unchanged settings leave without a question
      await ui.openTenantTab(tenantId, 'settings');
      await appsTab.click();
      await expect(page).toHaveURL(new RegExp(`/tenants/${tenantId}/apps$`));
      expect(ui.problems, 'errors in the browser console').toEqual([]);
      await page.context().close();
    });

    // fixme, a known defect of the console (issue 14, open): when this flow runs after the others in
    // one suite, the dialog's second submit (a fresh address after the taken one) sometimes stays
    // loading forever while the gateway answers the same request at once; alone it passes. Kept
    // visible as a fixme until the console is fixed, not counted as passing.
    test.fixme(`admin users: a taken email on its field; closing with changes asks (${locale})`, async ({
      browser,
      request,
    }) => {
      const { t } = text(locale);
      const ui = await consoleIn(browser, locale, admin);
      const { page } = ui;
      const existing = `taken-${locale.toLowerCase()}-${run}@e2e.test`;
      const api = await AdminApi.signIn(request, admin);
      await api.createAdmin(existing, 'a-long-password-123', 'tenant_admin', [tenantId]);
      await page.goto('/users');
      await page.getByRole('button', { name: t('users.create'), exact: true }).click();
      const dialog = ui.dialog(t('users.create'));
      const email = dialog.getByLabel(t('auth.email'), { exact: true });
      await expect(email).not.toHaveAttribute('type', 'email');
      // the tenant first: a multiple select stays open after a pick, until focus moves on
      // (searched: a gateway with many tenants lists only the first ones)
      const tenants = dialog.getByLabel(t('users.tenants'), { exact: true });
      await tenants.click();
      await tenants.fill(tenantSlug);
      await page
        .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: `E2E forms ${run}` })
        .click();
      await email.click();
      await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
      await email.fill(existing);
      await dialog.getByLabel(t('users.initialPassword'), { exact: true }).fill('a-long-password-123');
      await dialog.getByRole('button', { name: t('users.create'), exact: true }).click();
      const taken = t('users.emailTaken', { email: existing });
      await expect(dialog.getByText(taken)).toBeVisible();
      await expect(errorToasts(ui)).toHaveCount(0);
      await ui.screenshot(`forms-email-taken.${locale}`);

      // closing the dialog with changes asks; keep editing, then discard
      await dialog.getByRole('button', { name: t('action.cancel'), exact: true }).click();
      const ask = page.getByRole('dialog', { name: t('unsaved.title') });
      await expect(ask).toBeVisible();
      await ask.getByRole('button', { name: t('unsaved.stay'), exact: true }).click();
      await expect(ask).toBeHidden();
      await expect(dialog).toBeVisible();
      // a new address: the conflict goes as the field changes, and the admin is created
      const fresh = `fresh-${locale.toLowerCase()}-${run}@e2e.test`;
      await email.fill(fresh);
      await expect(dialog.getByText(taken)).toHaveCount(0);
      await dialog.getByRole('button', { name: t('users.create'), exact: true }).click();
      await expect(page.getByText(t('users.created', { email: fresh }))).toBeVisible();
      await expect(dialog).toBeHidden();

      await page.getByRole('button', { name: t('users.create'), exact: true }).click();
      await dialog.getByLabel(t('auth.email'), { exact: true }).fill('someone@e2e.test');
      await page.keyboard.press('Escape');
      await ask.getByRole('button', { name: t('unsaved.leave'), exact: true }).click();
      await expect(dialog).toBeHidden();
      expect(ui.problems, 'errors in the browser console').toEqual([]);
      await page.context().close();
    });

    test(`signing keys: revoke names the key; snippets in five languages with copy (${locale})`, async ({
      browser,
    }) => {
      const { t } = text(locale);
      const ui = await consoleIn(browser, locale, admin);
      const { page } = ui;
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
      await ui.openTenantTab(tenantId, 'keys');
      const label = `forms-${locale}`;
      await page.getByRole('button', { name: t('keys.add'), exact: true }).click();
      const form = ui.dialog(t('keys.add'));
      await form.getByLabel(t('keys.label'), { exact: true }).fill(label);
      await form.getByRole('button', { name: t('keys.generate'), exact: true }).click();
      const shown = ui.dialog(t('keys.secretTitle'));
      const kid = (await shown.locator('code').first().innerText()).trim();
      await shown.getByRole('checkbox', { name: t('keys.secretStored') }).click();
      await shown.getByRole('button', { name: t('action.done'), exact: true }).click();
      await expect(shown).toBeHidden();

      const row = ui.row(kid);
      await row.getByRole('button', { name: t('keys.snippet'), exact: true }).click();
      const expectations: [string, string, RegExp[]][] = [
        ['node', 'Node.js', [/require\('jsonwebtoken'\)/, /algorithm: 'HS256'/, /expiresIn: '5m'/]],
        ['java', 'Java', [/import io\.jsonwebtoken\.Jwts;/, /Jwts\.SIG\.HS256/, /plusSeconds\(300\)/]],
        ['go', 'Go', [/github\.com\/golang-jwt\/jwt\/v5/, /SigningMethodHS256/, /300 \* time\.Second/]],
        ['python', 'Python', [/import jwt/, /algorithm="HS256"/, /"exp": now \+ 300/]],
        ['php', 'PHP', [/use Firebase\\JWT\\JWT;/, /'HS256'/, /'exp' => \$now \+ 300/]],
      ];
      const drawer = page.getByRole('dialog').filter({ has: page.getByRole('tab', { name: 'PHP' }) });
      for (const [key, name, patterns] of expectations) {
        await drawer.getByRole('tab', { name, exact: true }).click();
        // the drawer's title names the language shown
        await expect(
          page.getByRole('dialog', { name: t('keys.snippetTitleIn', { language: name }) }),
        ).toBeVisible();
        const code = await drawer.getByTestId(`token-snippet-${key}`).innerText();
        // what the gateway checks: kid header, sub, the tenant's aud, iat and exp, sdkAppId optional
        expect(code).toContain(kid);
        expect(code).toContain(audience);
        expect(code).toMatch(/sdkAppId/);
        for (const pattern of patterns) expect(code).toMatch(pattern);
        if (key !== 'node') expect(code).toMatch(/iat/);
        await drawer.getByRole('button', { name: t('action.copy') }).click();
        await expect
          .poll(() => page.evaluate(() => navigator.clipboard.readText()))
          .toBe(code.trimEnd() + '\n');
        if (key === 'go') await ui.screenshot(`forms-snippet-go.${locale}`);
      }
      await page.locator('.ant-drawer-close').click();
      await expect(drawer).toBeHidden();

      await row.getByRole('button', { name: t('keys.revoke'), exact: true }).click();
      const confirm = page.locator('.ant-popconfirm:visible').filter({
        hasText: t('keys.revokeConfirmNamed', { type: t('keys.type.hs256'), label }),
      });
      await expect(confirm).toBeVisible();
      await expect(confirm).toContainText(t('keys.revokeKid', { kid }));
      await ui.screenshot(`forms-revoke-key.${locale}`);
      await confirm.getByRole('button', { name: t('keys.revoke'), exact: true }).click();
      await expect(row).toContainText(t('keys.revokedAt'));
      expect(ui.problems, 'errors in the browser console').toEqual([]);
      await page.context().close();
    });
  }
});
