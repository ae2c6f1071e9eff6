// Accessibility and layout (issue 14): axe-core on every console screen in both languages, its
// results printed and no serious or critical violation; icon-only buttons and date inputs named;
// at 1440 px table actions stay on one line (secondary ones in an overflow menu) and the overview
// chart takes two thirds of the width.
import { expect, test, type Browser } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { enUS, type MessageKey } from '../../apps/console/src/i18n/en-US';
import { zhCN } from '../../apps/console/src/i18n/zh-CN';
import { AdminApi, ConsolePage, env, type Credentials } from './console.page';

type Locale = 'en-US' | 'zh-CN';
const run = randomBytes(3).toString('hex');
const root: Credentials = { email: env('SEATGATE_ADMIN_EMAIL'), password: env('SEATGATE_ADMIN_PASSWORD') };

async function consoleIn(browser: Browser, locale: Locale): Promise<ConsolePage> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addInitScript((value) => {
    window.localStorage.setItem('seatgate.console.locale', value);
  }, locale);
  return new ConsolePage(await context.newPage());
}

test.describe.serial('accessibility and layout', () => {
  let tenantId = '';

  test.beforeAll(async ({ request }) => {
    const api = await AdminApi.signIn(request, root);
    tenantId = (await api.createTenant(`e2e-a11y-${run}`, `E2E a11y ${run}`)).id;
  });

  for (const locale of ['en-US', 'zh-CN'] as const) {
    test(`axe finds no serious or critical violation on any screen (${locale})`, async ({
      browser,
      request,
    }) => {
      const dictionary = locale === 'zh-CN' ? zhCN : enUS;
      const t = (key: MessageKey) => dictionary.messages[key];
      const ui = await consoleIn(browser, locale);
      const { page } = ui;
      await page.goto('/sign-in');
      await expect(page.getByRole('button', { name: t('auth.signIn'), exact: true })).toBeVisible();
      await ui.axe(`sign-in.${locale}`);

      // the screen an admin created by another admin sees first
      const api = await AdminApi.signIn(request, root);
      const fresh = { email: `a11y-${locale.toLowerCase()}-${run}@e2e.test`, password: 'given-by-root-123' };
      await api.createAdmin(fresh.email, fresh.password, 'auditor', [], true, { mustChangePassword: true });
      await ui.signIn(fresh);
      await expect(page.getByRole('heading', { name: t('password.requiredTitle') })).toBeVisible();
      await ui.axe(`password-required.${locale}`);
      await page.getByRole('button', { name: t('auth.signOut'), exact: true }).click();
      await expect(page).toHaveURL(/\/sign-in/);

      await ui.signIn(root);
      const screens: [string, string][] = [
        ['tenants', '/tenants'],
        ['overview', `/tenants/${tenantId}/overview`],
        ['apps', `/tenants/${tenantId}/apps`],
        ['seats', `/tenants/${tenantId}/seats`],
        ['staff', `/tenants/${tenantId}/staff`],
        ['keys', `/tenants/${tenantId}/keys`],
        ['settings', `/tenants/${tenantId}/settings`],
        ['sessions', `/tenants/${tenantId}/sessions`],
        ['usage', `/tenants/${tenantId}/usage`],
        ['audit', '/audit'],
        ['users', '/users'],
      ];
      for (const [name, path] of screens) {
        await page.goto(path);
        await expect(page.locator('main h2, main h3').first()).toBeVisible();
        await ui.axe(`${name}.${locale}`);
        if (name === 'overview') {
          // a new tenant: the setup checklist, every step to do, each linking to its tab
          await expect(page.getByTestId('setup-app_tested').getByRole('link')).toHaveAttribute(
            'href',
            `/tenants/${tenantId}/apps`,
          );
          await expect(page.getByTestId('setup-allowed_origins').getByRole('link')).toHaveAttribute(
            'href',
            `/tenants/${tenantId}/settings`,
          );
          await expect(page.getByText(t('setup.todo'), { exact: true })).toHaveCount(5);
          // at 1440 px the chart takes two thirds of the content width
          const chart = await page.getByTestId('overview-chart').boundingBox();
          const content = await page.locator('main section').first().boundingBox();
          expect(chart!.width / content!.width).toBeGreaterThan(0.62);
          expect(chart!.width / content!.width).toBeLessThan(0.7);
          await ui.screenshot(`overview-setup.${locale}`);
        }
        if (name === 'users' || name === 'tenants') {
          // the icon-only search button is named in the admin's language
          await expect(page.getByRole('button', { name: t('action.search'), exact: true })).toBeVisible();
        }
        if (name === 'audit') {
          // both ends of the period have their own label
          await expect(page.getByLabel(t('audit.from'), { exact: true })).toBeVisible();
          await expect(page.getByLabel(t('audit.to'), { exact: true })).toBeVisible();
        }
      }
      // the header's dialog too
      await page.getByRole('button', { name: t('password.change'), exact: true }).click();
      await expect(ui.dialog(t('password.change'))).toBeVisible();
      await ui.axe(`change-password.${locale}`);
      await page.context().close();
    });
  }
});
