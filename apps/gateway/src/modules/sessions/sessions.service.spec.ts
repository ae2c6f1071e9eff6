import { Secret } from '@seatgate/crypto';
import { adminContext, newTestService } from '../../../test/support/unit';
import { domainError } from '../../common/errors/domain.error';
import { UnitOfWork } from '../../database/unit-of-work';
import { AppDirectory, type TcccApp } from '../apps/app-directory';
import { AppsService } from '../apps/apps.service';
import { AuditService } from '../audit/audit.service';
import { SeatDirectory, type SeatRecord, type SeatSession } from '../seats/seat-directory';
import { TcccService, type StaffPresence } from '../tccc/tccc.service';
import { TenantsService } from '../tenants/tenants.service';
import { SessionsRepository } from './sessions.repository';
import { PRESENCE_TTL_MS, SessionsService } from './sessions.service';

const APP = {
  id: 'app-1',
  tenantId: 'tenant-a',
  sdkAppId: 1400000001n,
  status: 'enabled',
  region: null,
} as unknown as TcccApp;

const session = (seatUserId: string, businessUserId: string): SeatSession => ({
  id: `seat-${businessUserId}`,
  appId: APP.id,
  seatUserId,
  businessUserId,
  displayName: null,
  status: 'enabled',
  signedOutAt: null,
  signedOutReason: null,
  autoSignedOut: null,
});

const presence = (mail: string, status: string): StaffPresence => ({
  mail,
  status,
  clients: status === 'offline' ? [] : ['Web'],
  onlineSince: status === 'offline' ? null : new Date('2026-11-29T08:00:00Z'),
  lastStatusAt: new Date('2026-11-29T09:00:00Z'),
});

function setup() {
  const { sut, mock } = newTestService(SessionsService);
  const uow = mock(UnitOfWork);
  uow.run.mockImplementation((work) => work());
  const tenants = mock(TenantsService);
  tenants.require.mockResolvedValue({ id: 'tenant-a', settings: {} } as unknown as Awaited<
    ReturnType<TenantsService['require']>
  >);
  const apps = mock(AppDirectory);
  apps.allOf.mockResolvedValue([APP]);
  const secrets = mock(AppsService);
  secrets.secretsOf.mockReturnValue({ secretId: new Secret('AKIDunit'), secretKey: new Secret('unit-key') });
  return {
    sut,
    uow,
    tenants,
    apps,
    seats: mock(SeatDirectory),
    audit: mock(AuditService),
    tccc: mock(TcccService),
    history: mock(SessionsRepository),
  };
}

describe('SessionsService (unit, strict stubs)', () => {
  afterEach(() => jest.useRealTimers());

  it('asks TCCC once per app within the cache time, keeps the changes seen, and joins the last logins', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-29T10:00:00Z'), doNotFake: ['nextTick', 'setImmediate'] });
    const { sut, seats, tccc, history, audit } = setup();
    seats.sessionsOf.mockResolvedValue([session('a@x', 'user-a'), session('gone@x', 'user-g')]);
    tccc.staffPresence.mockResolvedValue([presence('a@x', 'free')]);
    history.recordChanges.mockResolvedValue(2);
    audit.lastLogins.mockResolvedValue([
      {
        businessUserId: 'user-a',
        loginId: 'login-1',
        at: new Date('2026-11-29T07:59:00Z'),
        ip: '10.0.0.1',
        userAgent: 'crm',
      },
    ]);

    const first = await sut.list(adminContext(), 'tenant-a', {});
    const second = await sut.list(adminContext(), 'tenant-a', { status: 'free' });

    expect(tccc.staffPresence).toHaveBeenCalledTimes(1);
    expect(tccc.staffPresence.mock.calls[0]![1]).toEqual(['a@x', 'gone@x']);
    // the status TCCC reports, and a mapped seat it does not list as offline
    expect(history.recordChanges).toHaveBeenCalledWith('tenant-a', 'app-1', [
      { seatUserId: 'a@x', status: 'free', at: new Date('2026-11-29T09:00:00Z') },
      { seatUserId: 'gone@x', status: 'offline', at: new Date('2026-11-29T10:00:00Z') },
    ]);
    expect(
      first.items.map((item) => [
        item.businessUserId,
        item.presence?.status,
        item.lastLogin?.loginId ?? null,
      ]),
    ).toEqual([
      ['user-a', 'free', 'login-1'],
      ['user-g', 'offline', null],
    ]);
    expect(second.items.map((item) => item.businessUserId)).toEqual(['user-a']);

    // past the cache time, TCCC is asked again
    jest.setSystemTime(Date.now() + PRESENCE_TTL_MS);
    await sut.list(adminContext(), 'tenant-a', {});
    expect(tccc.staffPresence).toHaveBeenCalledTimes(2);
  });

  it('shows an app TCCC failed for without presence, and does not keep the failure', async () => {
    const { sut, seats, tccc, history, audit } = setup();
    seats.sessionsOf.mockResolvedValue([session('a@x', 'user-a')]);
    tccc.staffPresence.mockRejectedValueOnce(
      domainError('upstream_unavailable', 'down', { sdkAppId: 1400000001, retryAfterSeconds: 5 }),
    );
    audit.lastLogins.mockResolvedValue([]);

    const failed = await sut.list(adminContext(), 'tenant-a', {});
    expect(failed.upstream).toEqual([
      { appId: 'app-1', sdkAppId: 1400000001, ok: false, code: 'upstream_unavailable' },
    ]);
    expect(failed.items[0]!.presence).toBeNull();

    tccc.staffPresence.mockResolvedValue([presence('a@x', 'busy')]);
    history.recordChanges.mockResolvedValue(1);
    const next = await sut.list(adminContext(), 'tenant-a', {});
    expect(next.items[0]!.presence?.status).toBe('busy');
  });

  it('signs out only once TCCC has: a refusal marks and audits nothing', async () => {
    const { sut, seats, tccc } = setup();
    seats.find.mockResolvedValue({
      id: 'seat-1',
      appId: APP.id,
      seatUserId: 'a@x',
      businessUserId: 'user-a',
    } as SeatRecord);
    tccc.forceMemberOffline.mockRejectedValue(
      domainError('seat_missing_upstream', 'no such seat', { sdkAppId: 1400000001 }),
    );

    await expect(sut.signOut(adminContext(), 'tenant-a', 'seat-1', { reason: 'lost' })).rejects.toMatchObject(
      {
        code: 'seat_missing_upstream',
      },
    );
    // setSignedOut and audit.append were never stubbed: a call would have failed the test
  });

  it('another tenant’s seat is not found, and TCCC is not called', async () => {
    const { sut, seats } = setup();
    seats.find.mockResolvedValue(null);
    await expect(sut.restore(adminContext(), 'tenant-a', 'seat-x', { reason: 'back' })).rejects.toMatchObject(
      {
        code: 'seat_not_found',
      },
    );
  });
});
