// Admin passwords (issue 14), in both languages: an admin another admin created signs in to a
// screen that asks for its own password (the rest of the console stays out of reach), and every
// admin changes its own password from the header. Texts come from the console's dictionaries.
import { expect, test, type Browser } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { enUS, type MessageKey } from '../../apps/console/src/i18n/en-US';
import { zhCN } from '../../apps/console/src/i18n/zh-CN';
import type { IssueCode } from '../../libs/contracts/src';
import { AdminApi, ConsolePage, env, type Credentials } from './console.page';

type Locale = 'en-US' | 'zh-CN';
const run = randomBytes(3).toString('hex');
const root: Credentials = { email: env('SEATGATE_ADMIN_EMAIL'), password: env('SEATGATE_ADMIN_PASSWORD') };

function text(locale: Locale) {
  const dictionary = locale === 'zh-CN' ? zhCN : enUS;
  return {
    t: (key: MessageKey) => dictionary.messages[key],
    issue: (code: IssueCode) => dictionary.issues[code],
  };
}

async function consoleIn(browser: Browser, locale: Locale): Promise<ConsolePage> {
  const context = await browser.newContext();
  await context.addInitScript((value) => {
    window.localStorage.setItem('seatgate.console.locale', value);
  }, locale);
  return new ConsolePage(await context.newPage());
}

for (const locale of ['en-US', 'zh-CN'] as const) {
  test(`a new admin sets its own password first; every admin changes it from the header (${locale})`, async ({
    browser,
    request,
  }) => {
    const { t, issue } = text(locale);
    const api = await AdminApi.signIn(request, root);
    const admin = { email: `pw-${locale.toLowerCase()}-${run}@e2e.test`, password: 'given-by-root-123' };
    await api.createAdmin(admin.email, admin.password, 'auditor', [], true, { mustChangePassword: true });

    const ui = await consoleIn(browser, locale);
    const { page } = ui;
    await ui.signIn(admin);
    const heading = page.getByRole('heading', { name: t('password.requiredTitle') });
    await expect(heading).toBeVisible();
    await expect(ui.nav(/.+/)).toHaveCount(0);
    // the console's other screens stay out of reach, whatever the address
    await page.goto('/audit');
    await expect(heading).toBeVisible();
    await ui.screenshot(`password-required.${locale}`);
    await ui.axe(`password-required.${locale}`);

    const current = page.getByLabel(t('password.current'), { exact: true });
    const next = page.getByLabel(t('password.new'), { exact: true });
    await current.fill('not-the-password');
    await next.fill('chosen-by-me-123');
    await page.getByRole('button', { name: t('password.requiredSave'), exact: true }).click();
    await expect(page.getByText(issue('current_password_wrong'), { exact: true })).toBeVisible();
    await ui.screenshot(`password-required-wrong.${locale}`);
    await ui.axe(`password-required-wrong.${locale}`);
    await current.fill(admin.password);
    await expect(page.getByText(issue('current_password_wrong'), { exact: true })).toHaveCount(0);
    await ui.expectToast(t('password.changed'), () =>
      page.getByRole('button', { name: t('password.requiredSave'), exact: true }).click(),
    );
    await expect(page).toHaveURL(/\/audit$/);
    await expect(ui.nav(/.+/).first()).toBeVisible();

    // from the header: the current password proves it is them
    await page.getByRole('button', { name: t('password.change'), exact: true }).click();
    const dialog = ui.dialog(t('password.change'));
    await dialog.getByLabel(t('password.current'), { exact: true }).fill('chosen-by-me-123');
    await dialog.getByLabel(t('password.new'), { exact: true }).fill('chosen-by-me-123');
    await dialog.getByRole('button', { name: t('password.change'), exact: true }).click();
    await expect(dialog.getByText(issue('password_unchanged'), { exact: true })).toBeVisible();
    await dialog.getByLabel(t('password.new'), { exact: true }).fill('changed-again-456');
    await ui.screenshot(`password-change-header.${locale}`);
    await ui.axe(`password-change-header.${locale}`);
    await ui.expectToast(t('password.changed'), () =>
      dialog.getByRole('button', { name: t('password.change'), exact: true }).click(),
    );
    await expect(dialog).toBeHidden();
    // the session goes on (a new one); the new password is the one that signs in
    await page.reload();
    await expect(page.getByTestId('signed-in-email')).toHaveText(admin.email);
    await ui.signOut();
    await ui.signIn({ email: admin.email, password: 'changed-again-456' });
    await expect(ui.nav(/.+/).first()).toBeVisible();
    expect(ui.problems, 'errors in the browser console').toEqual([]);
    await page.context().close();
  });
}
