// The reconcile plan's decisions on strict stubs (TCCC's staff, the mappings, the ledger of seats
// Seatgate created, the business users): what becomes a line, what is left out as a guess, and
// that a plan's fingerprint follows its lines.
import { adminContext, newTestService } from '../../../test/support/unit';
import { AppDirectory } from '../apps/app-directory';
import { AppsService } from '../apps/apps.service';
import { TcccService, type StaffMember } from '../tccc/tccc.service';
import { TenantsService } from '../tenants/tenants.service';
import { SeatReconcileService } from './seat-reconcile.service';
import { SeatsRepository, type ReconcileMapping } from './seats.repository';

type App = NonNullable<Awaited<ReturnType<AppDirectory['byId']>>>;
type Tenant = Awaited<ReturnType<TenantsService['require']>>;
type Secrets = ReturnType<AppsService['secretsOf']>;

const TENANT = 'tenant-a';
const APP = { id: 'app-1', tenantId: TENANT, sdkAppId: 1400000001n, region: 'ap-guangzhou' } as App;

function mapping(
  seatUserId: string,
  businessUserId: string,
  extra: Partial<ReconcileMapping> = {},
): ReconcileMapping {
  return {
    id: `m-${businessUserId}`,
    businessUserId,
    seatUserId,
    displayName: null,
    status: 'enabled',
    origin: 'adopted',
    staffNumber: null,
    phone: null,
    role: null,
    skillGroups: [],
    offlineRequiredAt: null,
    ...extra,
  };
}

function setup(input: {
  staff: StaffMember[];
  mappings: ReconcileMapping[];
  provisioned?: [string, string][];
  usersElsewhere?: string[];
}) {
  const { sut, mock } = newTestService(SeatReconcileService);
  mock(TenantsService).require.mockResolvedValue({
    id: TENANT,
    slug: 'acme',
    settings: {},
  } as unknown as Tenant);
  mock(AppDirectory).byId.mockResolvedValue(APP);
  mock(AppsService).secretsOf.mockReturnValue({} as Secrets);
  const tccc = mock(TcccService);
  tccc.listStaff.mockResolvedValue(input.staff);
  const seats = mock(SeatsRepository);
  seats.reconcileMappings.mockResolvedValue(input.mappings);
  seats.provisionedOfApp.mockResolvedValue(new Map(input.provisioned ?? []));
  seats.businessUsersWithoutSeatIn.mockResolvedValue(input.usersElsewhere ?? []);
  return { plan: () => sut.plan(adminContext(), TENANT, APP.id), tccc };
}

const member = (mail: string, staffNumber: string | null = null): StaffMember => ({
  mail,
  name: null,
  staffNumber,
});

describe('SeatReconcileService.plan', () => {
  it('reads TCCC in the background lane, and proposes each kind of line with its reason', async () => {
    const { plan, tccc } = setup({
      staff: [
        member('Known@Corp.test'),
        member('ann@corp.test'),
        member('x@corp.test', 'bob'),
        member('mine@corp.test'),
      ],
      mappings: [
        mapping('known@corp.test', 'u-known'),
        mapping('lost@corp.test', 'u-lost', { role: 2, skillGroups: ['Sales'] }),
        mapping('off@corp.test', 'u-off', { status: 'disabled' }),
        mapping('leaving@corp.test', 'u-leaving', { offlineRequiredAt: new Date() }),
      ],
      provisioned: [['mine@corp.test', 'u-gone']],
      usersElsewhere: ['ANN@corp.test', 'bob'],
    });
    const result = await plan();
    expect(tccc.listStaff).toHaveBeenCalledWith(expect.anything(), 500, 'background');
    expect(result.lines.map((line) => [line.key, line.reason, line.businessUserId])).toEqual([
      ['create:lost@corp.test', 'seat_missing_in_tccc', 'u-lost'],
      ['adopt:ann@corp.test', 'matches_email', 'ANN@corp.test'],
      ['adopt:x@corp.test', 'matches_staff_number', 'bob'],
      ['delete:mine@corp.test', 'provisioned_mapping_removed', 'u-gone'],
      ['unmap:off@corp.test', 'disabled_mapping_seat_missing', 'u-off'],
    ]);
    expect(result.counts).toEqual({ create: 1, adopt: 2, delete: 1, unmap: 1 });
    // what the job stores of a line to create (its attributes) stays out of the answer
    expect(result.lines[0]).not.toHaveProperty('seat');
  });

  it('never guesses: a seat matching two users, or a user matched by two seats, is left out', async () => {
    const { plan } = setup({
      staff: [
        // email says ann, staff number says bob
        member('ann@corp.test', 'bob'),
        // two seats for carol: one by email, one by staff number
        member('carol@corp.test'),
        member('c2@corp.test', 'carol@corp.test'),
        // two users whose ids differ only in case match one email
        member('dan@corp.test'),
      ],
      mappings: [],
      usersElsewhere: ['ann@corp.test', 'bob', 'carol@corp.test', 'dan@corp.test', 'DAN@corp.test'],
    });
    expect((await plan()).lines).toEqual([]);
  });

  it('a Seatgate seat whose mapping is gone is deleted, never adopted, even when it matches a user', async () => {
    const { plan } = setup({
      staff: [member('eve@corp.test')],
      mappings: [],
      provisioned: [['eve@corp.test', 'eve@corp.test']],
      usersElsewhere: ['eve@corp.test'],
    });
    expect((await plan()).lines.map((line) => line.key)).toEqual(['delete:eve@corp.test']);
  });

  it('the fingerprint is the same for the same lines and differs when a line changes', async () => {
    const base = { staff: [member('a@corp.test')], mappings: [mapping('b@corp.test', 'u-b')] };
    const first = await setup(base).plan();
    const again = await setup(base).plan();
    const other = await setup({ ...base, mappings: [mapping('b@corp.test', 'u-c')] }).plan();
    expect(again.fingerprint).toBe(first.fingerprint);
    expect(other.fingerprint).not.toBe(first.fingerprint);
    expect(first.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });
});
