// Issue 15's console screens, in English and in Chinese, with axe on each: the Jobs tab (a
// provisioning job with failed lines: list, progress, counts, the outcome filter, CSV and Excel
// downloads), licences per app on the Overview (bought, in TCCC, mapped, end dates in the tenant's
// time zone, warnings), and an app's skill groups (create, rename, members with a priority, remove,
// delete), each change checked in the emulator.
import { expect, test, type APIRequestContext } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { enUS, type MessageKey } from '../../apps/console/src/i18n/en-US';
import { zhCN } from '../../apps/console/src/i18n/zh-CN';
import { AdminApi, ConsolePage, env, type Credentials } from './console.page';

const run = randomBytes(3).toString('hex');
const admin: Credentials = { email: env('SEATGATE_ADMIN_EMAIL'), password: env('SEATGATE_ADMIN_PASSWORD') };
const account = { secretId: env('SEATGATE_E2E_SECRET_ID'), secretKey: env('SEATGATE_E2E_SECRET_KEY') };
const emulatorUrl = env('SEATGATE_E2E_EMULATOR_URL');
const DAY = 86_400;
const LOCALES = ['en-US', 'zh-CN'] as const;
type Locale = (typeof LOCALES)[number];

function words(locale: Locale) {
  const dictionary = locale === 'zh-CN' ? zhCN : enUS;
  return (key: MessageKey, vars: Record<string, string | number> = {}) =>
    dictionary.messages[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in vars ? String(vars[name]) : whole,
    );
}

async function emulator(
  request: APIRequestContext,
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  data?: unknown,
) {
  const response = await request.fetch(`${emulatorUrl}/__emulator${path}`, { method, data });
  expect(response.ok(), await response.text()).toBeTruthy();
  return response.json() as Promise<Record<string, unknown>>;
}

let nextApp = 0;
const newSdkAppId = () => 1400000000 + ((Date.now() + 29 + (nextApp += 1) * 1_000_003) % 9_000_000);

/** YYYY-MM-DD HH:mm of an instant in an IANA zone. */
const inZone = (seconds: number, timeZone: string) =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(seconds * 1000));

test.describe.serial('seat lifecycle screens', () => {
  let ui: ConsolePage;

  test.beforeAll(async ({ browser }) => {
    ui = new ConsolePage(await (await browser.newContext({ acceptDownloads: true })).newPage());
    await ui.signIn(admin);
  });
  test.afterAll(async () => {
    await ui?.page.context().close();
  });
  test.afterEach(() => {
    expect(ui.problems, 'errors in the browser console').toEqual([]);
  });

  async function inLocale(locale: Locale) {
    await ui.page.goto('/tenants');
    await expect(ui.page.getByTestId('signed-in-email')).toBeVisible();
    if ((await ui.page.locator('html').getAttribute('lang')) !== locale) await ui.switchLanguage(locale);
    await expect(ui.page.locator('html')).toHaveAttribute('lang', locale);
  }

  for (const locale of LOCALES) {
    test(`Jobs: list, progress, counts, outcome filter and downloads (${locale})`, async ({ request }) => {
      const t = words(locale);
      const api = await AdminApi.signIn(request, admin);
      const tenantId = (await api.createTenant(`jobs-${locale.toLowerCase()}-${run}`, `Jobs ${run}`)).id;
      const sdkAppId = newSdkAppId();
      const now = Math.floor(Date.now() / 1000);
      // one seat exists (adopted); two lines ask for a phone another seat has (failed)
      await emulator(request, 'POST', `/accounts/${account.secretId}/apps`, {
        sdkAppId,
        licences: [{ num: 50, buyTime: now - DAY, endTime: now + 300 * DAY }],
        staff: [{ mail: `u-3-${run}@jobs.e2e` }, { mail: `owner-${run}@jobs.e2e`, phone: '008613800000077' }],
      });
      await api.call('POST', `/api/admin/tenants/${tenantId}/apps`, { sdkAppId, label: 'Jobs', ...account });
      // TCCC answers CreateStaff slowly (8 s; 45 lines are 5 steps of 10, 4 at a time: about 16 s):
      // the job is seen running, then followed to its end
      await emulator(request, 'PUT', '/faults', { action: 'CreateStaff', sdkAppId, latencyMs: 8_000 });
      const rows = Array.from({ length: 45 }, (_, i) => ({
        businessUserId: `u-${i}-${run}`,
        seatUserId: `u-${i}-${run}@jobs.e2e`,
        ...(i === 5 || i === 9 ? { phone: '008613800000077' } : {}),
      }));
      const started = await api.call<{ jobId: string }>(
        'POST',
        `/api/admin/tenants/${tenantId}/seats/provision`,
        { sdkAppId, rows },
      );

      await inLocale(locale);
      await ui.page.goto(`/tenants/${tenantId}/overview`);
      await ui.page.getByRole('tab', { name: t('tenant.tab.jobs') }).click();
      await expect(ui.page).toHaveURL(new RegExp(`/tenants/${tenantId}/jobs$`));
      const row = ui.row(t('jobs.kind.provision'));
      await expect(row).toContainText(admin.email.toLowerCase());
      await expect(row).toContainText('Jobs');
      await expect(row).toContainText(t('jobs.status.running'));

      // the job's page while it runs, then at its end, without a reload
      await row.getByRole('link', { name: t('jobs.kind.provision') }).click();
      await expect(ui.page).toHaveURL(new RegExp(`/tenants/${tenantId}/jobs/${started.jobId}$`));
      // the Jobs tab stays selected on a job's page
      await expect(ui.page.getByRole('tab', { selected: true })).toHaveText(t('tenant.tab.jobs'));
      const title = ui.page.getByRole('heading', { level: 3 });
      await expect(title).toContainText(t('jobs.status.running'));
      await expect(ui.page.getByText(t('jobs.refreshing'))).toBeVisible();
      await ui.screenshot(`job-detail-running.${locale}`);

      // a hidden browser tab asks nothing (3 refresh periods), and asks again once visible
      let asked = 0;
      const counting = (request: { url(): string }) => {
        if (new URL(request.url()).pathname === `/api/admin/tenants/${tenantId}/jobs/${started.jobId}`)
          asked += 1;
      };
      ui.page.on('request', counting);
      const visibility = (state: 'hidden' | 'visible') =>
        ui.page.evaluate((value) => {
          Object.defineProperty(document, 'visibilityState', { value, configurable: true });
          Object.defineProperty(document, 'hidden', { value: value === 'hidden', configurable: true });
          document.dispatchEvent(new Event('visibilitychange'));
        }, state);
      await visibility('hidden');
      asked = 0;
      await ui.page.waitForTimeout(3 * 2_000);
      expect(asked, 'requests for the job while the tab was hidden').toBe(0);
      await visibility('visible');
      await expect.poll(() => asked, { timeout: 5_000 }).toBeGreaterThan(0);
      ui.page.off('request', counting);

      await expect(title).toContainText(t('jobs.status.failed'), { timeout: 60_000 });
      await expect(ui.page.getByText(t('jobs.refreshing'))).toHaveCount(0);
      await expect(ui.page.getByTestId('job-progress-text')).toHaveText(
        t('jobs.progressLabel', { done: 45, total: 45 }),
      );
      await expect(ui.page.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
      const counts = ui.page.getByLabel(t('jobs.counts'));
      await expect(counts).toContainText(`${t('jobs.outcome.created')} 42`);
      await expect(counts).toContainText(`${t('jobs.outcome.adopted')} 1`);
      await expect(counts).toContainText(`${t('jobs.outcome.failed')} 2`);
      await expect(ui.page.locator('tbody tr.ant-table-row')).toHaveCount(45);

      // only the failed lines, with the reason in words
      await ui.page.getByText(`${t('jobs.outcome.failed')} (2)`).click();
      const failed = ui.page.locator('tbody tr.ant-table-row');
      await expect(failed).toHaveCount(2);
      await expect(failed.first()).toContainText(`u-5-${run}`);
      await expect(failed.first()).toContainText(t('jobs.code.phoneTaken'));
      await expect(failed.first()).toContainText('InvalidParameterValue.PhoneNumIsBoundOtherAccount');
      await ui.axe(`job-detail-failed.${locale}`);
      await ui.screenshot(`job-detail-failed.${locale}`);

      // the filtered lines as CSV, then all of them as Excel
      const [csv] = await Promise.all([
        ui.page.waitForEvent('download'),
        ui.page.getByRole('button', { name: t('jobs.downloadFilteredCsv') }).click(),
      ]);
      expect(csv.suggestedFilename()).toBe(`job-provision-${started.jobId}-failed.csv`);
      const text = (await (await csv.createReadStream()).toArray()).join('');
      expect(
        text
          .replace(/^\uFEFF/, '')
          .trim()
          .split(/\r?\n/),
      ).toHaveLength(3);
      await ui.page.getByText(t('jobs.filter.all', { count: 45 })).click();
      await expect(ui.page.locator('tbody tr.ant-table-row')).toHaveCount(45);
      // the list shows the job's end too
      await ui.page.getByRole('link', { name: t('jobs.title') }).click();
      await expect(ui.row(t('jobs.kind.provision'))).toContainText(t('jobs.status.failed'));
      await expect(ui.row(t('jobs.kind.provision'))).toContainText('45/45');
      await ui.axe(`jobs-list.${locale}`);
      await ui.screenshot(`jobs-list.${locale}`);
      await ui.page.getByRole('link', { name: t('jobs.kind.provision') }).click();
      const [xlsx] = await Promise.all([
        ui.page.waitForEvent('download'),
        ui.page.getByRole('button', { name: t('jobs.downloadXlsx') }).click(),
      ]);
      expect(xlsx.suggestedFilename()).toBe(`job-provision-${started.jobId}.xlsx`);
    });

    test(`Overview: licences per app with end dates in the tenant's time zone and warnings (${locale})`, async ({
      request,
    }) => {
      const t = words(locale);
      const api = await AdminApi.signIn(request, admin);
      const tenantId = (await api.createTenant(`licences-${locale.toLowerCase()}-${run}`, `Licences ${run}`))
        .id;
      const zone = 'Asia/Shanghai';
      await api.call('PATCH', `/api/admin/tenants/${tenantId}`, { settings: { timeZone: zone } });
      const sdkAppId = newSdkAppId();
      const now = Math.floor(Date.now() / 1000);
      // 10 licences, 6 of them ending in 10 or 11 days (at 20:30 UTC: the next day in Shanghai), 9 seats
      const soon = Math.floor((now + 10 * DAY) / DAY) * DAY + 20 * 3600 + 1800;
      const soonDays = Math.ceil((soon - now) / DAY);
      const later = now + 400 * DAY;
      await emulator(request, 'POST', `/accounts/${account.secretId}/apps`, {
        sdkAppId,
        licences: [
          { num: 6, buyTime: now - 30 * DAY, endTime: soon },
          { num: 4, buyTime: now - 30 * DAY, endTime: later },
        ],
        staff: Array.from({ length: 9 }, (_, i) => ({ mail: `agent${i}-${run}@licences.e2e` })),
      });
      await api.call('POST', `/api/admin/tenants/${tenantId}/apps`, {
        sdkAppId,
        label: 'Licensed',
        ...account,
      });
      await api.call('POST', `/api/admin/tenants/${tenantId}/seats`, {
        businessUserId: `crm-${run}`,
        sdkAppId,
        seatUserId: `agent0-${run}@licences.e2e`,
      });

      await inLocale(locale);
      await ui.page.goto(`/tenants/${tenantId}/overview`);
      const section = ui.page.getByTestId('licences');
      await expect(section).toContainText(t('licences.lead', { zone }));
      const row = section.getByRole('row').filter({ hasText: String(sdkAppId) });
      await expect(row).toContainText(t('licences.purchase', { seats: 6, end: inZone(soon, zone) }));
      await expect(row).toContainText(t('licences.purchase', { seats: 4, end: inZone(later, zone) }));
      await expect(row).toContainText(t('licences.mappedCounts', { enabled: 1, disabled: 0 }));
      const cells = row.locator('td');
      await expect(cells.nth(1)).toHaveText('10');
      await expect(cells.nth(2)).toHaveText('9');
      await expect(cells.nth(3)).toHaveText('1');
      await expect(section).toContainText(
        t('licences.warning.nearly_exhausted', { available: 1, purchased: 10 }),
      );
      await expect(section).toContainText(
        t('licences.warning.expiring', { seats: 6, end: inZone(soon, zone), days: soonDays }),
      );
      await ui.axe(`overview-licences.${locale}`);
      await ui.screenshot(`overview-licences.${locale}`);

      // one more seat in TCCC: asked again, every licence is used
      await emulator(request, 'POST', `/apps/${sdkAppId}/staff`, { mail: `agent9-${run}@licences.e2e` });
      await ui.expectToast(t('licences.refreshed'), () =>
        section.getByRole('button', { name: t('licences.refresh') }).click(),
      );
      await expect(section).toContainText(t('licences.warning.exhausted', { inTccc: 10, purchased: 10 }));
      await expect(cells.nth(3)).toHaveText('0');
    });

    test(`Skill groups: create, rename, members with a priority, remove, delete (${locale})`, async ({
      request,
    }) => {
      const t = words(locale);
      const api = await AdminApi.signIn(request, admin);
      const tenantId = (await api.createTenant(`groups-${locale.toLowerCase()}-${run}`, `Groups ${run}`)).id;
      const sdkAppId = newSdkAppId();
      const seat = `agent-${run}@groups.e2e`;
      await emulator(request, 'POST', `/accounts/${account.secretId}/apps`, {
        sdkAppId,
        staff: [{ mail: seat, name: 'Ann' }],
        skillGroups: [{ name: `Existing ${run}` }],
      });
      const app = await api.call<{ id: string }>('POST', `/api/admin/tenants/${tenantId}/apps`, {
        sdkAppId,
        label: 'Groups',
        ...account,
      });
      await api.call('POST', `/api/admin/tenants/${tenantId}/seats`, {
        businessUserId: `crm-ann-${run}`,
        sdkAppId,
        seatUserId: seat,
      });
      const groupsInTccc = async () => {
        const state = (await emulator(request, 'GET', '/state')) as {
          accounts: { apps: { sdkAppId: number; skillGroups: { name: string }[] }[] }[];
        };
        const found = state.accounts.flatMap((a) => a.apps).find((a) => a.sdkAppId === sdkAppId);
        return (found?.skillGroups ?? []).map((group) => group.name).sort();
      };

      await inLocale(locale);
      await ui.page.goto(`/tenants/${tenantId}/apps`);
      await ui.page.getByRole('link', { name: `${t('skillGroups.link')}: Groups` }).click();
      await expect(ui.page).toHaveURL(new RegExp(`/tenants/${tenantId}/apps/${app.id}/skill-groups$`));
      await expect(ui.page.getByRole('tab', { selected: true })).toHaveText(t('tenant.tab.apps'));
      await expect(ui.row(`Existing ${run}`)).toBeVisible();

      // create
      const name = `Sales ${run}`;
      await ui.page.getByRole('button', { name: t('skillGroups.create') }).click();
      const create = ui.dialog(t('skillGroups.create'));
      await create.getByLabel(t('skillGroups.name')).fill(name);
      // closing with a name typed asks first; "keep editing" keeps it
      await ui.page.keyboard.press('Escape');
      const unsaved = ui.page.getByRole('dialog', { name: t('unsaved.title') });
      await unsaved.getByRole('button', { name: t('unsaved.stay'), exact: true }).click();
      await expect(unsaved).toBeHidden();
      await expect(create.getByLabel(t('skillGroups.name'))).toHaveValue(name);
      // a phone group (the default type) takes one session at a time: the gateway's refusal lands on
      // its field, in the admin's language, and no toast says it again (watched from before the click)
      await create.getByLabel(t('skillGroups.maxConcurrency')).fill('2');
      const toastShown = ui.page
        .waitForFunction(() => document.querySelector('.ant-notification-notice') !== null, undefined, {
          polling: 50,
          timeout: 2_000,
        })
        .then(
          () => true,
          () => false,
        );
      await create.getByRole('button', { name: t('skillGroups.create') }).click();
      await expect(create.locator('.ant-form-item-explain-error')).toHaveText(
        (locale === 'zh-CN' ? zhCN : enUS).issues.skill_group_one_session,
      );
      expect(await toastShown, 'a toast beside the field error').toBe(false);
      await ui.screenshot(`skill-group-field-error.${locale}`);
      await ui.axe(`skill-group-field-error.${locale}`);
      await create.getByLabel(t('skillGroups.maxConcurrency')).fill('1');
      await expect(create.locator('.ant-form-item-explain-error')).toHaveCount(0);
      await ui.axe(`skill-group-create.${locale}`);
      await ui.expectToast(t('skillGroups.created', { name }), () =>
        create.getByRole('button', { name: t('skillGroups.create') }).click(),
      );
      await expect(ui.row(name)).toContainText(t('skillGroups.type.0'));
      await expect.poll(groupsInTccc).toEqual([`Existing ${run}`, name].sort());

      // rename
      const renamed = `Sales East ${run}`;
      await ui
        .row(name)
        .getByRole('button', { name: t('skillGroups.rename') })
        .click();
      const edit = ui.dialog(t('skillGroups.renameTitle', { name }));
      await edit.getByLabel(t('skillGroups.name')).fill(renamed);
      await ui.expectToast(t('skillGroups.updated', { name: renamed }), () =>
        edit.getByRole('button', { name: t('action.save') }).click(),
      );
      await expect.poll(groupsInTccc).toEqual([`Existing ${run}`, renamed].sort());

      // members: add the seat at priority 2, see its business user, remove it
      await ui
        .row(renamed)
        .getByRole('button', { name: t('skillGroups.manageMembers') })
        .click();
      const drawer = ui.dialog(t('skillGroups.membersOf', { name: renamed }));
      await expect(drawer).toContainText(t('skillGroups.noMembers'));
      await drawer.getByLabel(t('skillGroups.addSeats')).fill(seat);
      await ui.page
        .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: seat })
        .first()
        .click();
      await ui.choose(t('skillGroups.priority'), /^2$/, drawer);
      await ui.expectToast(t('skillGroups.membersAdded', { count: 1 }), () =>
        drawer.getByRole('button', { name: t('skillGroups.addMembers') }).click(),
      );
      const member = drawer.getByRole('row').filter({ hasText: seat });
      await expect(member).toContainText(`crm-ann-${run}`);
      await expect(member.locator('td').nth(3)).toHaveText('2');
      await ui.axe(`skill-group-members.${locale}`);
      await ui.screenshot(`skill-group-members.${locale}`);
      await member.getByRole('button', { name: t('skillGroups.removeMember') }).click();
      await ui.expectToast(t('skillGroups.memberRemoved', { seat }), () =>
        ui.page
          .locator('.ant-popconfirm:visible')
          .getByRole('button', { name: t('skillGroups.removeMember') })
          .click(),
      );
      await expect(drawer).toContainText(t('skillGroups.noMembers'));
      await ui.page.keyboard.press('Escape');

      // delete
      await ui
        .row(renamed)
        .getByRole('button', { name: t('common.moreActionsFor', { name: renamed }) })
        .click();
      await ui.page.getByRole('menuitem', { name: t('action.delete') }).click();
      const asked = ui.dialog(t('skillGroups.deleteConfirm', { name: renamed }));
      await ui.expectToast(t('skillGroups.deleted', { name: renamed }), () =>
        asked.getByRole('button', { name: t('action.delete') }).click(),
      );
      await expect(ui.row(renamed)).toHaveCount(0);
      await expect.poll(groupsInTccc).toEqual([`Existing ${run}`]);
      await ui.axe(`skill-groups.${locale}`);
      await ui.screenshot(`skill-groups.${locale}`);
    });
  }
});
