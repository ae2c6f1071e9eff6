import {
  adminContext,
  newTestService,
  takeUnexpectedCalls,
  UnexpectedCall,
} from '../../../test/support/unit';
import { UnitOfWork } from '../../database/unit-of-work';
import { AppDirectory } from '../apps/app-directory';
import { AuditService } from '../audit/audit.service';
import { SeatDirectory } from '../seats/seat-directory';
import { TenantStatusEvents } from './tenant-status-events';
import { TenantsRepository } from './tenants.repository';
import { TenantsService } from './tenants.service';

type Tenant = NonNullable<Awaited<ReturnType<TenantsRepository['find']>>>;

function tenant(overrides: Partial<Tenant> = {}): Tenant {
  return {
    id: 'tenant-a',
    slug: 'acme',
    name: 'Acme',
    status: 'active',
    settings: { tokenAudience: 'acme-crm' },
    createdAt: new Date('2026-01-02T03:04:05.000Z'),
    updatedAt: new Date('2026-01-03T03:04:05.000Z'),
    ...overrides,
  } as Tenant;
}

function setup() {
  const { sut, mock } = newTestService(TenantsService);
  const uow = mock(UnitOfWork);
  // the unit of work runs its callback inline; repositories join it by themselves
  uow.run.mockImplementation((work) => work());
  return {
    sut,
    tenants: mock(TenantsRepository),
    audit: mock(AuditService),
    uow,
    apps: mock(AppDirectory),
    seats: mock(SeatDirectory),
    statusEvents: mock(TenantStatusEvents),
  };
}

describe('TenantsService (unit, strict stubs)', () => {
  it('get: the tenant with its counts, stored settings parsed and invalid ones dropped', async () => {
    const { sut, tenants, apps, seats } = setup();
    tenants.find.mockResolvedValue(tenant({ settings: { tokenAudience: 'acme-crm', unknown: 1 } }));
    // the counts come from the tables' owners
    apps.countOfTenant.mockResolvedValue(2);
    seats.countOfTenant.mockResolvedValue(7);

    const view = await sut.get(adminContext(), 'tenant-a');

    expect(view).toEqual({
      id: 'tenant-a',
      slug: 'acme',
      name: 'Acme',
      status: 'active',
      // the strict schema refuses the unknown key, so nothing of the stored value is trusted
      settings: {},
      createdAt: '2026-01-02T03:04:05.000Z',
      updatedAt: '2026-01-03T03:04:05.000Z',
      counts: { apps: 2, seats: 7 },
    });
    expect(tenants.find).toHaveBeenCalledWith('tenant-a');
  });

  it('get: another tenant is tenant_not_found, decided before the repository is asked', async () => {
    const { sut, tenants } = setup();
    await expect(sut.get(adminContext({ tenantIds: ['tenant-a'] }), 'tenant-b')).rejects.toMatchObject({
      code: 'tenant_not_found',
    });
    expect(tenants.find).not.toHaveBeenCalled();
  });

  it('get: a tenant that is gone is tenant_not_found', async () => {
    const { sut, tenants } = setup();
    tenants.find.mockResolvedValue(null);
    await expect(sut.get(adminContext(), 'tenant-a')).rejects.toMatchObject({ code: 'tenant_not_found' });
  });

  it('a call nobody stubbed fails: get without counts stubbed rejects and is recorded', async () => {
    const { sut, tenants } = setup();
    tenants.find.mockResolvedValue(tenant());

    const outcome = sut.get(adminContext(), 'tenant-a');

    await expect(outcome).rejects.toThrow(UnexpectedCall);
    await expect(outcome).rejects.toThrow('unexpected call AppDirectory.countOfTenant');
    // taken here, so that this test passes; left alone, the helper's afterEach fails the test
    expect(takeUnexpectedCalls()).toEqual(['AppDirectory.countOfTenant']);
  });

  it('list: a tenant admin sees only its tenants, a page is an offset', async () => {
    const { sut, tenants } = setup();
    tenants.list.mockResolvedValue([[tenant()], 41]);

    const page = await sut.list(adminContext({ tenantIds: ['tenant-a', 'tenant-c'] }), {
      page: 3,
      pageSize: 20,
      q: 'ac',
    });

    expect(tenants.list).toHaveBeenCalledWith(
      ['tenant-a', 'tenant-c'],
      { q: 'ac', status: undefined },
      40,
      20,
    );
    expect(page).toMatchObject({ total: 41, page: 3, pageSize: 20, items: [{ id: 'tenant-a' }] });
  });

  it('list: a platform admin is not limited to a list of ids', async () => {
    const { sut, tenants } = setup();
    tenants.list.mockResolvedValue([[], 0]);
    await sut.list(adminContext({ role: 'platform_admin' }), { page: 1, pageSize: 50 });
    expect(tenants.list).toHaveBeenCalledWith(null, { q: undefined, status: undefined }, 0, 50);
  });

  it('create: only a platform admin, refused before any write', async () => {
    const { sut, uow } = setup();
    await expect(sut.create(adminContext(), { slug: 'beta', name: 'Beta' })).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect(uow.run).not.toHaveBeenCalled();
  });

  it('create: the tenant, its audit chain and its first event in one transaction', async () => {
    const { sut, tenants, audit } = setup();
    const created = tenant({ id: 'tenant-new', slug: 'beta', name: 'Beta', settings: {} });
    tenants.create.mockResolvedValue(created);
    audit.openChain.mockResolvedValue();
    audit.append.mockResolvedValue();
    const ctx = adminContext({ role: 'platform_admin' });

    const view = await sut.create(ctx, { slug: 'beta', name: 'Beta' });

    expect(view).toMatchObject({ id: 'tenant-new', slug: 'beta', settings: {} });
    expect(tenants.create).toHaveBeenCalledWith({ slug: 'beta', name: 'Beta', settings: {} });
    expect(audit.openChain).toHaveBeenCalledWith('tenant-new');
    expect(audit.append).toHaveBeenCalledWith(
      expect.objectContaining({
        tenantId: 'tenant-new',
        action: 'tenant.created',
        actor: { type: 'admin', id: ctx.actor.id, display: ctx.actor.email },
        target: { type: 'tenant', id: 'tenant-new' },
      }),
    );
    // the chain must exist before its first event is appended
    expect(audit.openChain.mock.invocationCallOrder[0]).toBeLessThan(
      audit.append.mock.invocationCallOrder[0]!,
    );
  });

  it('update: new settings are merged into the stored ones, and the change is audited', async () => {
    const { sut, tenants, audit } = setup();
    tenants.find.mockResolvedValue(tenant({ settings: { tokenAudience: 'acme-crm' } }));
    tenants.update.mockImplementation(async (_id, data) =>
      tenant({ settings: data.settings as Tenant['settings'] }),
    );
    audit.append.mockResolvedValue();
    const change = { settings: { allowedOrigins: ['https://crm.example.test'] } };

    const view = await sut.update(adminContext(), 'tenant-a', change);

    expect(tenants.update).toHaveBeenCalledWith('tenant-a', {
      name: undefined,
      settings: { tokenAudience: 'acme-crm', allowedOrigins: ['https://crm.example.test'] },
    });
    expect(view.settings).toEqual({
      tokenAudience: 'acme-crm',
      allowedOrigins: ['https://crm.example.test'],
    });
    expect(audit.append).toHaveBeenCalledWith(
      expect.objectContaining({ action: 'tenant.updated', details: { changes: change } }),
    );
  });

  it('update: an auditor may read a tenant but not change it', async () => {
    const { sut, uow } = setup();
    await expect(
      sut.update(adminContext({ role: 'auditor' }), 'tenant-a', { name: 'Renamed' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    // refused inside the transaction, before the tenant is read (find is not stubbed)
    expect(uow.run).toHaveBeenCalledTimes(1);
  });

  it('setStatus: suspending a suspended tenant writes nothing but is still audited', async () => {
    const { sut, tenants, audit, statusEvents } = setup();
    tenants.find.mockResolvedValue(tenant({ status: 'suspended' }));
    audit.append.mockResolvedValue();
    statusEvents.changed.mockResolvedValue();

    const view = await sut.setStatus(adminContext({ role: 'platform_admin' }), 'tenant-a', 'suspended');

    expect(view.status).toBe('suspended');
    expect(tenants.update).not.toHaveBeenCalled();
    // the listeners (the sign-out job) run again: a sign-out that failed to start can be repeated
    expect(statusEvents.changed).toHaveBeenCalledWith(expect.anything(), 'tenant-a', 'suspended');
    expect(audit.append).toHaveBeenCalledWith(
      expect.objectContaining({ action: 'tenant.suspended', details: { previous: 'suspended' } }),
    );
  });

  it('setStatus: resuming writes the status and names the previous one', async () => {
    const { sut, tenants, audit, statusEvents } = setup();
    tenants.find.mockResolvedValue(tenant({ status: 'suspended' }));
    tenants.update.mockResolvedValue(tenant({ status: 'active' }));
    audit.append.mockResolvedValue();
    statusEvents.changed.mockResolvedValue();

    const view = await sut.setStatus(adminContext({ role: 'platform_admin' }), 'tenant-a', 'active');

    expect(view.status).toBe('active');
    expect(tenants.update).toHaveBeenCalledWith('tenant-a', { status: 'active' });
    expect(audit.append).toHaveBeenCalledWith(
      expect.objectContaining({ action: 'tenant.resumed', details: { previous: 'suspended' } }),
    );
  });

  it("delete: a tenant admin may not delete its own tenant; another tenant's is not found", async () => {
    const { sut, uow } = setup();
    await expect(sut.delete(adminContext(), 'tenant-a')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(sut.delete(adminContext(), 'tenant-b')).rejects.toMatchObject({ code: 'tenant_not_found' });
    expect(uow.run).not.toHaveBeenCalled();
  });
});
