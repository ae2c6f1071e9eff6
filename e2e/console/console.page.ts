// Page objects for the admin console: tests say what a user does ("add an app"), these say how
// (which labelled field, which button). Locators go by accessible names, so a test failing here
// often means a control lost its label.
import AxeBuilder from '@axe-core/playwright';
import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const ARTIFACTS = join(__dirname, '../artifacts/console');

export interface Credentials {
  email: string;
  password: string;
}

export function env(name: string, fallback?: string): string {
  const value = process.env[name] ?? fallback;
  if (!value) throw new Error(`set ${name} (see e2e/console/README.md)`);
  return value;
}

/** The admin API, for arranging what a test is not about (other users, other tenants). */
export class AdminApi {
  private constructor(
    private readonly request: APIRequestContext,
    private readonly token: string,
  ) {}

  static async signIn(request: APIRequestContext, credentials: Credentials): Promise<AdminApi> {
    const response = await request.post('/api/auth/login', { data: credentials });
    expect(response.status(), await response.text()).toBe(200);
    const { accessToken } = (await response.json()) as { accessToken: string };
    return new AdminApi(request, accessToken);
  }

  async call<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, data?: unknown): Promise<T> {
    const response = await this.request.fetch(path, {
      method,
      data,
      headers: { Authorization: `Bearer ${this.token}` },
    });
    expect(response.ok(), `${method} ${path}: ${await response.text()}`).toBeTruthy();
    return (response.status() === 204 ? undefined : await response.json()) as T;
  }

  createTenant(slug: string, name: string) {
    return this.call<{ id: string; slug: string }>('POST', '/api/admin/tenants', { slug, name });
  }

  /**
   * An admin that signs in with `password`: created with a temporary one that it then replaces,
   * as an admin created by another admin must (`mustChangePassword` keeps the obligation, for the
   * flow about it). `allTenants`: a platform-wide auditor (an empty tenant list reaches nothing).
   */
  async createAdmin(
    email: string,
    password: string,
    role: string,
    tenantIds: string[],
    allTenants = false,
    { mustChangePassword = false }: { mustChangePassword?: boolean } = {},
  ) {
    const initial = mustChangePassword ? password : `${password}-initial`;
    const created = await this.call<{ id: string }>('POST', '/api/admin/users', {
      email,
      password: initial,
      role,
      tenantIds,
      ...(allTenants ? { allTenants } : {}),
    });
    if (!mustChangePassword) {
      const own = await AdminApi.signIn(this.request, { email, password: initial });
      await own.call('POST', '/api/auth/password', { currentPassword: initial, newPassword: password });
    }
    return created;
  }
}

export class ConsolePage {
  /** uncaught errors and React/antd console errors seen on this page */
  readonly problems: string[] = [];

  constructor(readonly page: Page) {
    page.on('pageerror', (error) => this.problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' || (message.type() === 'warning' && /antd|React/.test(message.text()))) {
        // failed requests the test provoked on purpose (401, 422) are logged by the browser too
        if (!/Failed to load resource/.test(message.text()))
          this.problems.push(`${message.type()}: ${message.text()}`);
      }
    });
  }

  // ---- shell ---------------------------------------------------------------------------------

  async signIn({ email, password }: Credentials): Promise<void> {
    if (!this.page.url().includes('/sign-in')) await this.page.goto('/sign-in');
    await this.page.getByLabel(/^(Email|邮箱)$/).fill(email);
    await this.page.getByLabel(/^(Password|密码)$/).fill(password);
    await this.page.getByRole('button', { name: /^(Sign in|登录)$/ }).click();
    await expect(this.page.getByTestId('signed-in-email')).toHaveText(email.toLowerCase());
  }

  async signOut(): Promise<void> {
    await this.page.getByRole('button', { name: /Sign out|退出登录/ }).click();
    await expect(this.page).toHaveURL(/\/sign-in/);
  }

  async switchLanguage(to: 'zh-CN' | 'en-US'): Promise<void> {
    await this.page.getByTestId('language-switch').click();
    await this.page
      .locator('.ant-select-item-option', { hasText: to === 'zh-CN' ? '简体中文' : 'English' })
      .click();
  }

  nav(name: RegExp): Locator {
    return this.page.getByRole('navigation', { name: /Main navigation|主导航/ }).getByRole('link', { name });
  }

  async screenshot(name: string): Promise<void> {
    mkdirSync(ARTIFACTS, { recursive: true });
    await this.page.waitForLoadState('networkidle');
    // let drawers and dialogs finish sliding in
    await this.page.waitForTimeout(400);
    await this.page.screenshot({
      path: join(ARTIFACTS, `${name}.png`),
      fullPage: true,
      animations: 'disabled',
    });
  }

  /**
   * axe-core on the screen as it is now (WCAG 2.1 A/AA rules): prints every violation with its
   * impact and the nodes it found, and fails on a serious or critical one.
   */
  async axe(screen: string): Promise<void> {
    await this.page.waitForLoadState('networkidle');
    // a dialog still fading in has half its contrast: measure what the admin sees once it settles
    // (spinners run forever: only animations that end are waited for; a cancelled one counts as ended)
    await this.page.evaluate(() =>
      Promise.all(
        document
          .getAnimations()
          .filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity)
          .map((animation) => animation.finished.catch(() => undefined)),
      ),
    );
    const results = await new AxeBuilder({ page: this.page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    const found = results.violations.map(
      (violation) =>
        `${violation.impact ?? 'unknown'} ${violation.id}: ${violation.help} (${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(' '))
          .join(' | ')})` +
        // what the rule measured on the first node (a contrast's colours and ratio, say)
        (violation.nodes[0]?.any[0]?.message ? `: ${violation.nodes[0].any[0].message}` : ''),
    );
    console.log(
      `axe ${screen}: ${results.passes.length} rules passed, ${results.violations.length} violated` +
        (found.length > 0 ? `\n  ${found.join('\n  ')}` : ''),
    );
    const blocking = results.violations.filter(
      (violation) => violation.impact === 'serious' || violation.impact === 'critical',
    );
    // soft: every screen of a flow is checked and printed, then the flow fails
    expect
      .soft(
        blocking.map((violation) => violation.id),
        `serious or critical axe violations on ${screen}`,
      )
      .toEqual([]);
  }

  /** antd's Select: open the labelled combobox, pick the option by its text. */
  async choose(
    label: RegExp | string,
    option: RegExp | string,
    scope: Locator | Page = this.page,
  ): Promise<void> {
    const combobox = scope.getByLabel(label, { exact: typeof label === 'string' });
    await combobox.click();
    // the option in this combobox's own list (aria-controls): another select's list that is still
    // fading out is visible too, and may hold an option of the same text
    await expect(combobox).toHaveAttribute('aria-controls', /.+/);
    const list = await combobox.getAttribute('aria-controls');
    await this.page
      .locator(`.ant-select-dropdown:has([id="${list}"]) .ant-select-item-option`, { hasText: option })
      .first()
      .click();
  }

  /**
   * Does `action` and expects the page to tell the user `text` in a toast (antd message or
   * notification). A success toast is shown for 3 s, an error one for 4.5 s: the page itself
   * watches for it from before the action, so a test runner that is slow to ask (on a loaded
   * machine a second or more passes between a click returning and the next check) does not miss
   * one the user saw come and go.
   */
  async expectToast(text: string, action: () => Promise<void>): Promise<void> {
    const shown = this.page.waitForFunction(
      (wanted) =>
        Array.from(document.querySelectorAll('.ant-message-notice, .ant-notification-notice')).some(
          (notice) => notice.textContent?.includes(wanted) === true && notice.checkVisibility(),
        ),
      text,
      // polled by the page (every 50 ms), not by the test runner
      { polling: 50, timeout: 15_000 },
    );
    await Promise.all([
      shown.catch((error: unknown) => {
        throw new Error(
          `no toast "${text}" was shown: ${error instanceof Error ? error.message : String(error)}`,
        );
      }),
      action(),
    ]);
  }

  dialog(name: RegExp | string): Locator {
    return this.page.getByRole('dialog', { name });
  }

  row(text: string | RegExp): Locator {
    return this.page.getByRole('row').filter({ hasText: text });
  }

  // ---- tenants -------------------------------------------------------------------------------

  async createTenant(name: string, slug: string): Promise<string> {
    await this.page.goto('/tenants');
    await this.page.getByRole('button', { name: 'New tenant' }).click();
    const dialog = this.dialog('New tenant');
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByLabel('Slug').fill(slug);
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect(this.page).toHaveURL(/\/tenants\/[0-9a-f-]{36}\/apps$/);
    return this.page.url().split('/tenants/')[1]!.split('/')[0]!;
  }

  async openTenantTab(
    tenantId: string,
    tab: 'apps' | 'seats' | 'staff' | 'sessions' | 'keys' | 'scim' | 'settings',
  ): Promise<void> {
    await this.page.goto(`/tenants/${tenantId}/${tab}`);
    await expect(this.page.getByRole('tab', { selected: true })).toBeVisible();
  }

  // ---- apps ----------------------------------------------------------------------------------

  /**
   * `skipCheck`: credentials TCCC will refuse (or cannot check) are saved anyway, by the dialog's
   * "Save without checking" once the refusal shows.
   */
  async addApp(
    app: { sdkAppId: number; label: string; secretId: string; secretKey: string },
    options: { skipCheck?: boolean } = {},
  ): Promise<void> {
    await this.page.getByRole('button', { name: 'Add app' }).click();
    const dialog = this.dialog('Add app');
    await dialog.getByLabel('SDKAppID').fill(String(app.sdkAppId));
    await dialog.getByLabel('Label').fill(app.label);
    await dialog.getByLabel('SecretId').fill(app.secretId);
    await dialog.getByLabel('SecretKey').fill(app.secretKey);
    await dialog.getByRole('button', { name: 'Add app' }).click();
    if (options.skipCheck) await dialog.getByRole('button', { name: 'Save without checking' }).click();
    await expect(this.row(String(app.sdkAppId))).toBeVisible();
  }

  async rotateCredentials(
    sdkAppId: number,
    secretId: string,
    secretKey: string,
    options: { skipCheck?: boolean } = {},
  ): Promise<void> {
    await this.row(String(sdkAppId)).getByRole('button', { name: 'Rotate credentials' }).click();
    const dialog = this.dialog(`Rotate credentials of ${sdkAppId}`);
    await dialog.getByLabel('SecretId').fill(secretId);
    await dialog.getByLabel('SecretKey').fill(secretKey);
    await dialog.getByRole('button', { name: 'Rotate credentials' }).click();
    if (options.skipCheck) await dialog.getByRole('button', { name: 'Save without checking' }).click();
    await expect(dialog).toBeHidden();
  }

  /** Returns what the row says after the test: "OK · seats: n" or the error in words. */
  async testConnection(sdkAppId: number): Promise<string> {
    const row = this.row(String(sdkAppId));
    await row.getByRole('button', { name: 'Test connection' }).click();
    const result = row.locator('[aria-live="polite"]');
    await expect(result).not.toBeEmpty();
    return (await result.innerText()).trim();
  }

  // ---- signing keys --------------------------------------------------------------------------

  async createHs256Key(label: string): Promise<{ kid: string; secret: string }> {
    await this.page.getByRole('button', { name: 'Add signing key' }).click();
    const form = this.dialog('Add signing key');
    await form.getByLabel('Label').fill(label);
    await form.getByRole('button', { name: 'Generate secret' }).click();
    const shown = this.dialog('Your new HS256 secret');
    await expect(shown.getByRole('button', { name: 'Done' })).toBeVisible();
    const secret = (await shown.getByTestId('new-signing-secret').innerText()).trim();
    const kid = (await shown.locator('code').first().innerText()).trim();
    await expect(shown.getByRole('button', { name: 'Done' })).toBeDisabled();
    const stored = shown.getByRole('checkbox', { name: 'I have stored the secret' });
    await stored.click();
    await expect(stored).toBeChecked();
    await shown.getByRole('button', { name: 'Done' }).click();
    await expect(shown).toBeHidden();
    await expect(this.row(kid)).toBeVisible();
    return { kid, secret };
  }

  // ---- seats ---------------------------------------------------------------------------------

  async mapSeat(seat: { businessUserId: string; sdkAppId: number; seatUserId: string }): Promise<void> {
    await this.page.getByRole('button', { name: 'Map a seat' }).click();
    const dialog = this.dialog('Map a seat');
    await dialog.getByLabel('Business user').fill(seat.businessUserId);
    await this.choose('App', String(seat.sdkAppId), dialog);
    await dialog.getByLabel('TCCC seat').fill(seat.seatUserId);
    await dialog.getByRole('button', { name: 'Map a seat' }).click();
    await expect(this.row(seat.businessUserId)).toBeVisible();
  }

  importDialog(): Locator {
    return this.dialog('Import seat mappings from CSV');
  }

  async openImport(csv: string): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Import CSV' }).click();
    const dialog = this.importDialog();
    await dialog.getByLabel('File contents (you can fix rows here)').fill(csv);
    return dialog;
  }
}
