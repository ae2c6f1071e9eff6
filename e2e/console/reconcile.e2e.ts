// Issue 15, provisioning and the reconcile plan in the console, in English and in Chinese: the
// tenant's provisioning defaults with the seat-id rule's preview; the map-seat form creating the
// seat in TCCC (its id from the rule); an import with a provisioning row that says how many seats
// it creates and follows the job; the TCCC seats tab's reconcile plan (counts per action, lines
// with reasons, one line left out), applied as a job with its progress, then a stale plan refused
// and previewed again. axe on every new screen.
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
      defaultsTitle: 'Seats created in TCCC: defaults',
      preview: (seat: string) => `Business user agent-1001 gets seat ${seat}`,
      mapSeat: 'Map a seat',
      businessUser: 'Business user',
      provision: 'Create the seat in TCCC',
      fromRule: (seat: string) => `: ${seat}`,
      mapped: (user: string) => `${user} is mapped`,
      importOpen: 'Import CSV',
      importTitle: 'Import seat mappings from CSV',
      importText: 'File contents (you can fix rows here)',
      check: 'Check file',
      provisionSummary: '1 rows create their seat in TCCC: 1 new seats',
      commitProvisioning: 'Import 0 mappings and provision 1 seats',
      jobDone: 'The job has finished',
      done: 'Done',
      reconcile: 'Reconcile',
      reconcileTitle: (app: string) => `Reconcile plan: ${app}`,
      counts: ['Create in TCCC: 1', 'Adopt: 1', 'Delete in TCCC: 1', 'Remove mapping: 0'],
      reasonOrphan: 'Seatgate created this seat and its mapping was removed',
      choose: (seat: string) => `Choose: Adopt ${seat}`,
      apply: (count: number) => `Apply ${count} lines`,
      stale: 'TCCC or the mappings changed since this plan was computed',
      retry: 'Retry',
    },
  ],
  [
    'zh-CN',
    {
      defaultsTitle: '在 TCCC 中创建座席：默认值',
      preview: (seat: string) => `业务用户 agent-1001 将获得座席 ${seat}`,
      mapSeat: '映射座席',
      businessUser: '业务用户',
      provision: '在 TCCC 中创建该座席',
      fromRule: (seat: string) => `：${seat}`,
      mapped: (user: string) => `已为 ${user} 映射座席`,
      importOpen: '导入 CSV',
      importTitle: '从 CSV 导入座席映射',
      importText: '文件内容（可在此修正）',
      check: '检查文件',
      provisionSummary: '1 行将在 TCCC 中创建座席：新建 1 个',
      commitProvisioning: '导入 0 条映射并创建 1 个座席',
      jobDone: '任务已完成',
      done: '完成',
      reconcile: '对账',
      reconcileTitle: (app: string) => `对账计划：${app}`,
      counts: ['在 TCCC 中创建: 1', '纳管: 1', '在 TCCC 中删除: 1', '移除映射: 0'],
      reasonOrphan: '该座席由 Seatgate 创建，其映射已被移除',
      choose: (seat: string) => `选择：纳管 ${seat}`,
      apply: (count: number) => `执行 ${count} 项`,
      stale: '计划生成后 TCCC 或座席映射已变化',
      retry: '重试',
    },
  ],
] as const;

async function emulator(request: APIRequestContext, method: 'POST', path: string, data: unknown) {
  const response = await request.fetch(`${emulatorUrl}/__emulator${path}`, { method, data });
  expect(response.ok(), await response.text()).toBeTruthy();
  return response.json() as Promise<Record<string, unknown>>;
}

test.describe.serial('provisioning and the reconcile plan', () => {
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
    test(`defaults, provisioning by form and import, the reconcile plan applied (${locale})`, async ({
      request,
    }) => {
      const api = await AdminApi.signIn(request, admin);
      const slug = `recon-${locale.toLowerCase()}-${run}`;
      const tenantId = (await api.createTenant(slug, `Reconcile ${run}`)).id;
      const domain = `${slug}.example`;
      const base = 1400000000 + ((Date.now() + 23 + index * 1_000_003) % 8_000_000);
      const sdkAppId = base;
      const otherSdkAppId = base + 1;
      const endTime = Math.floor(Date.now() / 1000) + 30 * 86_400;
      const seat = (name: string) => `${name}@${domain}`;
      await emulator(request, 'POST', `/accounts/${account.secretId}/apps`, {
        sdkAppId,
        licences: [{ num: 50, endTime }],
        skillGroups: [{ name: 'Sales' }],
        staff: [{ mail: seat('known') }, { mail: seat('carol'), name: 'Carol' }],
      });
      await emulator(request, 'POST', `/accounts/${account.secretId}/apps`, {
        sdkAppId: otherSdkAppId,
        licences: [{ num: 50, endTime }],
        staff: [],
      });
      await api.call('PATCH', `/api/admin/tenants/${tenantId}`, {
        settings: { provisioning: { domain, defaultSkillGroups: ['Sales'] } },
      });
      const label = 'Reconciled';
      await api.call('POST', `/api/admin/tenants/${tenantId}/apps`, { sdkAppId, label, ...account });
      await api.call('POST', `/api/admin/tenants/${tenantId}/apps`, {
        sdkAppId: otherSdkAppId,
        label: 'Users',
        ...account,
      });
      for (const [user, app, seatId] of [
        ['u-known', sdkAppId, seat('known')],
        ['u-missing', sdkAppId, seat('missing')],
        [seat('carol'), otherSdkAppId, `carol@other.${domain}`],
        [seat('erin'), otherSdkAppId, `erin@other.${domain}`],
      ] as const)
        await api.call('POST', `/api/admin/tenants/${tenantId}/seats`, {
          businessUserId: user,
          sdkAppId: app,
          seatUserId: seatId,
        });
      // a seat Seatgate created whose mapping was then removed by hand
      const orphan = await api.call<{ id: string }>('POST', `/api/admin/tenants/${tenantId}/seats`, {
        businessUserId: 'u-orphan',
        sdkAppId,
        seatUserId: seat('orphan'),
        provision: true,
      });
      await api.call('DELETE', `/api/admin/tenants/${tenantId}/seats/${orphan.id}`);

      await ui.page.goto('/tenants');
      await expect(ui.page.getByTestId('signed-in-email')).toBeVisible();
      if ((await ui.page.locator('html').getAttribute('lang')) !== locale) await ui.switchLanguage(locale);

      // the defaults, with the rule's preview
      await ui.openTenantTab(tenantId, 'settings');
      await expect(ui.page.getByText(words.defaultsTitle)).toBeVisible();
      await expect(ui.page.getByTestId('seat-id-preview')).toHaveText(words.preview(`agent-1001@${domain}`));
      await ui.axe(`provisioning-defaults.${locale}`);
      await ui.screenshot(`provisioning-defaults.${locale}`);

      // the map-seat form creates the seat in TCCC, its id from the rule
      await ui.openTenantTab(tenantId, 'seats');
      await ui.page.getByRole('button', { name: words.mapSeat }).click();
      const form = ui.dialog(words.mapSeat);
      await form.getByLabel(words.businessUser).fill('u-form');
      await ui.choose(/^(App|应用)$/, `${label} (${sdkAppId})`, form);
      await form.getByRole('switch', { name: words.provision }).click();
      await expect(form.getByTestId('seat-id-from-rule')).toContainText(words.fromRule(seat('u-form')));
      await ui.axe(`map-seat-provision.${locale}`);
      await ui.screenshot(`map-seat-provision.${locale}`);
      await ui.expectToast(words.mapped('u-form'), () =>
        form.getByRole('button', { name: words.mapSeat }).click(),
      );
      await expect(ui.row('u-form')).toContainText(seat('u-form'));

      // an import with a provisioning row: how many seats it creates, then the job
      await ui.page.getByRole('button', { name: words.importOpen }).click();
      const importing = ui.dialog(words.importTitle);
      await importing
        .getByLabel(words.importText)
        .fill(
          `businessUserId,sdkAppId,seatUserId,displayName,provision,role,skillGroups\nu-file,${sdkAppId},,File,${
            locale === 'zh-CN' ? '是' : 'yes'
          },${locale === 'zh-CN' ? '质检' : 'qa'},Sales`,
        );
      await importing.getByRole('button', { name: words.check }).click();
      await expect(importing.getByTestId('seat-import-provisioning')).toContainText(words.provisionSummary);
      await ui.axe(`import-provisioning.${locale}`);
      await importing.getByRole('button', { name: words.commitProvisioning }).click();
      await expect(importing.getByTestId('job-status')).toHaveText(words.jobDone, { timeout: 30_000 });
      await ui.axe(`import-provisioning-job.${locale}`);
      await ui.screenshot(`import-provisioning-job.${locale}`);
      await importing.getByRole('button', { name: words.done }).click();
      await expect(importing).toBeHidden();

      // the reconcile plan: create the missing seat, adopt carol, delete the orphan
      await ui.openTenantTab(tenantId, 'staff');
      await ui.page.getByRole('button', { name: words.reconcile }).click();
      const plan = ui.dialog(words.reconcileTitle(`${label} (${sdkAppId})`));
      const counts = plan.getByTestId('reconcile-counts');
      for (const text of words.counts) await expect(counts).toContainText(text);
      await expect(plan.getByRole('row').filter({ hasText: seat('orphan') })).toContainText(
        words.reasonOrphan,
      );
      await ui.axe(`reconcile-plan.${locale}`);
      await ui.screenshot(`reconcile-plan.${locale}`);
      // carol stays for later: two lines applied
      await plan.getByRole('checkbox', { name: words.choose(seat('carol')) }).uncheck();
      await plan.getByRole('button', { name: words.apply(2) }).click();
      await expect(plan.getByTestId('job-status')).toHaveText(words.jobDone, { timeout: 30_000 });
      await expect(plan.getByTestId('job-counts')).toContainText('2');
      await ui.axe(`reconcile-job.${locale}`);
      await ui.screenshot(`reconcile-job.${locale}`);
      await plan.getByRole('button', { name: words.done }).click();
      await expect(plan).toBeHidden();
      // the orphan is gone from TCCC, the missing seat is there and mapped
      await expect(ui.row(seat('orphan'))).toHaveCount(0);
      await expect(ui.row(seat('missing'))).toContainText('u-missing');

      // what is left: carol; erin's seat appears in TCCC meanwhile, so the preview is stale
      await ui.page.getByRole('button', { name: words.reconcile }).click();
      await expect(plan.getByRole('row').filter({ hasText: seat('carol') })).toBeVisible();
      await expect(plan.getByRole('button', { name: words.apply(1) })).toBeEnabled();
      await emulator(request, 'POST', `/apps/${sdkAppId}/staff`, { mail: seat('erin') });
      await plan.getByRole('button', { name: words.apply(1) }).click();
      const stale = plan.getByRole('alert').filter({ hasText: words.stale });
      await expect(stale).toBeVisible();
      await ui.axe(`reconcile-stale.${locale}`);
      await stale.getByRole('button', { name: words.retry }).click();
      await expect(plan.getByRole('button', { name: words.apply(2) })).toBeEnabled();
      await plan.getByRole('button', { name: words.apply(2) }).click();
      await expect(plan.getByTestId('job-status')).toHaveText(words.jobDone, { timeout: 30_000 });
      await plan.getByRole('button', { name: words.done }).click();
      await expect(ui.row(seat('carol'))).toContainText(seat('carol'));
      await expect(ui.row(seat('erin'))).toContainText(seat('erin'));
    });
  }
});
