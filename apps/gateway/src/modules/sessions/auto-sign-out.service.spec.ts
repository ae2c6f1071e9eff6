import { Secret } from '@seatgate/crypto';
import { newTestService } from '../../../test/support/unit';
import { UnitOfWork } from '../../database/unit-of-work';
import { AppDirectory, type TcccApp } from '../apps/app-directory';
import { AppsService } from '../apps/apps.service';
import { AuditService } from '../audit/audit.service';
import { JobRunner, type JobKindHandler, type JobRecord, type StepRun } from '../jobs/job-runner';
import { SeatDirectory, type SeatSession } from '../seats/seat-directory';
import { TcccService, type StaffPresence } from '../tccc/tccc.service';
import { TenantDirectory } from '../tenants/tenant-directory';
import { TenantStatusEvents } from '../tenants/tenant-status-events';
import { AutoSignOutService } from './auto-sign-out.service';

const APP = { id: 'app-1', tenantId: 'tenant-a', sdkAppId: 1400000001n, region: null } as unknown as TcccApp;

const seat = (mail: string, extra: Partial<SeatSession> = {}): SeatSession => ({
  id: `seat-${mail}`,
  appId: APP.id,
  seatUserId: mail,
  businessUserId: `user-${mail}`,
  displayName: null,
  status: 'enabled',
  signedOutAt: null,
  signedOutReason: null,
  autoSignedOut: null,
  ...extra,
});
const line = (mail: string) => ({
  seatId: `seat-${mail}`,
  appId: APP.id,
  seatUserId: mail,
  businessUserId: `user-${mail}`,
});
const presence = (mail: string, status: string, clients: string[] = []): StaffPresence => ({
  mail,
  status,
  clients,
  onlineSince: null,
  lastStatusAt: null,
});
const job = (kind: 'sign_out' | 'restore', cause: string): JobRecord => ({
  id: 'job-1',
  tenantId: 'tenant-a',
  appId: null,
  kind,
  status: 'running',
  total: 3,
  actor: { type: 'admin', id: 'admin-1', display: 'root@x' },
  params: { cause },
  createdAt: new Date(),
  finishedAt: null,
});
const step = (kind: 'sign_out' | 'restore', cause: string, mails: string[]): StepRun => ({
  job: job(kind, cause),
  rows: mails.map((mail, idx) => ({
    idx,
    input: line(mail),
    outcome: null,
    code: null,
    message: null,
    attempts: 0,
  })),
  lastTry: false,
});

function setup() {
  const { sut, mock } = newTestService(AutoSignOutService);
  const runner = mock(JobRunner);
  const handlers = new Map<string, JobKindHandler>();
  runner.register.mockImplementation((kind, handler) => void handlers.set(kind, handler));
  const statusEvents = mock(TenantStatusEvents);
  statusEvents.listen.mockReturnValue();
  sut.onModuleInit();
  const uow = mock(UnitOfWork);
  uow.run.mockImplementation((work) => work());
  const apps = mock(AppDirectory);
  apps.byId.mockResolvedValue(APP);
  mock(AppsService).secretsOf.mockReturnValue({
    secretId: new Secret('AKIDunit'),
    secretKey: new Secret('k'),
  });
  return {
    handlers,
    runner,
    seats: mock(SeatDirectory),
    tenants: mock(TenantDirectory),
    tccc: mock(TcccService),
    audit: mock(AuditService),
  };
}

describe('AutoSignOutService (unit, strict stubs)', () => {
  it('signs out the seats TCCC reports online (a status, or an open workstation), marking each before the call', async () => {
    const { handlers, runner, seats, tenants, tccc, audit } = setup();
    seats.sessionsOf.mockResolvedValue([seat('a@x'), seat('b@x'), seat('c@x')]);
    tenants.statusOf.mockResolvedValue('suspended');
    tccc.staffPresence.mockResolvedValue([
      presence('a@x', 'free'),
      presence('b@x', 'offline'),
      presence('c@x', 'offline', ['Web']),
    ]);
    seats.setAutoSignedOut.mockResolvedValue(true);
    tccc.forceMemberOffline.mockResolvedValue();
    runner.finishRows.mockResolvedValue(1);
    audit.append.mockResolvedValue();

    await handlers.get('sign_out')!.run(step('sign_out', 'tenant_suspended', ['a@x', 'b@x', 'c@x']));

    expect(tccc.staffPresence).toHaveBeenCalledWith(expect.anything(), ['a@x', 'b@x', 'c@x'], 'background');
    expect(tccc.forceMemberOffline.mock.calls.map((call) => [call[1], call[2]])).toEqual([
      ['a@x', 'background'],
      ['c@x', 'background'],
    ]);
    // each mark precedes its ForceMemberOffline
    expect(seats.setAutoSignedOut.mock.calls.map((call) => call.slice(1))).toEqual([
      ['seat-a@x', 'tenant_suspended'],
      ['seat-c@x', 'tenant_suspended'],
    ]);
    expect(seats.setAutoSignedOut.mock.invocationCallOrder[0]).toBeLessThan(
      tccc.forceMemberOffline.mock.invocationCallOrder[0]!,
    );
    expect(runner.finishRows.mock.calls.map((call) => call[1])).toEqual([
      [{ idx: 0, outcome: 'signed_out' }],
      [{ idx: 1, outcome: 'skipped', code: 'offline', message: expect.any(String) }],
      [{ idx: 2, outcome: 'signed_out' }],
    ]);
    expect(audit.append.mock.calls.map((call) => [call[0].action, call[0].details])).toEqual([
      ['seat.signed_out', expect.objectContaining({ cause: 'tenant_suspended', seatUserId: 'a@x' })],
      ['seat.signed_out', expect.objectContaining({ cause: 'tenant_suspended', seatUserId: 'c@x' })],
    ]);
  });

  it('a second run that finds its seat already offline records it skipped and leaves the mark for the restore', async () => {
    const { handlers, runner, seats, tenants, tccc } = setup();
    seats.sessionsOf.mockResolvedValue([seat('a@x', { autoSignedOut: 'tenant_suspended' })]);
    tenants.statusOf.mockResolvedValue('suspended');
    tccc.staffPresence.mockResolvedValue([presence('a@x', 'offline')]);
    runner.finishRows.mockResolvedValue(1);

    await handlers.get('sign_out')!.run(step('sign_out', 'tenant_suspended', ['a@x']));

    expect(runner.finishRows).toHaveBeenCalledWith('job-1', [
      { idx: 0, outcome: 'skipped', code: 'offline', message: expect.any(String) },
    ]);
    // setAutoSignedOut and forceMemberOffline were never stubbed: the mark is neither set nor cleared
  });

  it('skips every seat once the tenant is resumed, without asking TCCC', async () => {
    const { handlers, runner, seats, tenants } = setup();
    seats.sessionsOf.mockResolvedValue([seat('a@x'), seat('b@x')]);
    tenants.statusOf.mockResolvedValue('active');
    runner.finishRows.mockResolvedValue(1);

    await handlers.get('sign_out')!.run(step('sign_out', 'tenant_suspended', ['a@x', 'b@x']));

    expect(runner.finishRows.mock.calls.map((call) => call[1][0]!.code)).toEqual([
      'cause_undone',
      'cause_undone',
    ]);
  });

  it('restores the seats the cause signed out, and not one an admin signed out by hand (whose mark is forgotten)', async () => {
    const { handlers, runner, seats, tenants, tccc, audit } = setup();
    seats.sessionsOf.mockResolvedValue([
      seat('a@x', { autoSignedOut: 'tenant_suspended' }),
      seat('b@x', { autoSignedOut: 'tenant_suspended', signedOutAt: new Date(), signedOutReason: 'left' }),
      seat('c@x'),
    ]);
    tenants.statusOf.mockResolvedValue('active');
    tccc.restoreMemberOnline.mockResolvedValue();
    seats.setAutoSignedOut.mockResolvedValue(true);
    runner.finishRows.mockResolvedValue(1);
    audit.append.mockResolvedValue();

    await handlers.get('restore')!.run(step('restore', 'tenant_suspended', ['a@x', 'b@x', 'c@x']));

    expect(tccc.restoreMemberOnline.mock.calls.map((call) => call[1])).toEqual(['a@x']);
    expect(seats.setAutoSignedOut.mock.calls.map((call) => call.slice(1))).toEqual([
      ['seat-a@x', null, 'tenant_suspended'],
      ['seat-b@x', null, 'tenant_suspended'],
    ]);
    expect(
      runner.finishRows.mock.calls.map((call) => [call[1][0]!.idx, call[1][0]!.outcome, call[1][0]!.code]),
    ).toEqual([
      [0, 'restored', undefined],
      [1, 'skipped', 'signed_out_by_admin'],
      [2, 'skipped', 'not_signed_out'],
    ]);
    expect(audit.append.mock.calls.map((call) => call[0].action)).toEqual(['seat.restored']);
  });
});
