import { businessUserIdSchema, seatDisplayNameSchema, seatUserIdSchema } from '@seatgate/contracts';
import type { Request, Response } from 'express';
import fc from 'fast-check';
import { PassThrough, Readable } from 'node:stream';
import { adminContext, newTestService, takeUnexpectedCalls } from '../../../test/support/unit';
import { CsvDownloads, type CsvDownload } from '../../common/csv/csv-download';
import { UnitOfWork } from '../../database/unit-of-work';
import { AppDirectory } from '../apps/app-directory';
import { AuditService } from '../audit/audit.service';
import { MetricsService } from '../metrics/metrics.service';
import { TenantsService } from '../tenants/tenants.service';
import { SeatExportService } from './seat-export.service';
import { SeatImportService } from './seat-import.service';
import { SeatsRepository, type SeatRecord } from './seats.repository';
import { SeatsService } from './seats.service';

type App = NonNullable<Awaited<ReturnType<AppDirectory['bySdkAppId']>>>;
type Tenant = Awaited<ReturnType<TenantsService['require']>>;
type NewRows = Parameters<SeatsRepository['createMany']>[1];

const TENANT = 'tenant-a';
const APPS: App[] = [
  { id: 'app-1', tenantId: TENANT, sdkAppId: 1400000001n } as App,
  { id: 'app-2', tenantId: TENANT, sdkAppId: 1400000002n } as App,
];
/** AppDirectory.idsBySdkAppId's answer for the tenant's APPS */
const APP_IDS = new Map(APPS.map((app) => [Number(app.sdkAppId), app.id]));

/** The seats API's three services (CRUD, import, export) over the same strict stubs. */
function setup() {
  const { sut: crud, mock } = newTestService(SeatsService);
  const shared = {
    provide: [SeatsRepository, AppDirectory, TenantsService, AuditService, UnitOfWork].map(
      (type) => [type, mock<unknown>(type)] as const,
    ),
  };
  const importer = newTestService(SeatImportService, shared).sut;
  const exporter = newTestService(SeatExportService, shared).sut;
  const uow = mock(UnitOfWork);
  // the unit of work runs its callback inline; repositories join it by themselves
  uow.run.mockImplementation((work) => work());
  const tenants = mock(TenantsService);
  tenants.require.mockResolvedValue({ id: TENANT } as Tenant);
  return {
    sut: {
      create: crud.create.bind(crud),
      import: importer.import.bind(importer),
      export: exporter.export.bind(exporter),
    },
    uow,
    tenants,
    seats: mock(SeatsRepository),
    apps: mock(AppDirectory),
    audit: mock(AuditService),
  };
}

function record(seat: {
  businessUserId: string;
  sdkAppId: number;
  seatUserId: string;
  displayName: string | null;
  status: 'enabled' | 'disabled';
}): SeatRecord {
  const app = APPS.find((candidate) => Number(candidate.sdkAppId) === seat.sdkAppId)!;
  return {
    id: `seat-${seat.seatUserId}`,
    tenantId: TENANT,
    appId: app.id,
    app: { sdkAppId: app.sdkAppId },
    businessUserId: seat.businessUserId,
    seatUserId: seat.seatUserId,
    displayName: seat.displayName,
    status: seat.status,
    origin: 'adopted',
    staffNumber: null,
    phone: null,
    role: null,
    skillGroups: [],
    offlineRequiredAt: null,
    createdAt: new Date('2026-02-01T00:00:00.000Z'),
    updatedAt: new Date('2026-02-01T00:00:00.000Z'),
    signedOutAt: null,
    signedOutReason: null,
    autoSignedOut: null,
  };
}

/** The bytes the download route sends for an export (the real writer, into memory). */
async function downloaded(download: CsvDownload): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const body = new PassThrough();
  body.on('data', (chunk: Buffer) => chunks.push(chunk));
  const res = Object.assign(body, { status: () => res, setHeader: () => res }) as unknown as Response;
  const req = { destroy: () => undefined } as unknown as Request;
  await new CsvDownloads(new MetricsService()).send(req, res, download);
  // read as a CSV reader does: without the UTF-8 BOM the download opens with (for Excel)
  const file = Buffer.concat(chunks);
  const bom = file.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]));
  return bom ? file.subarray(3) : file;
}

const csv = (text: string) => () => Readable.from([Buffer.from(text, 'utf8')]);

describe('SeatsService (unit, strict stubs)', () => {
  it('create: an SDKAppID the tenant does not have is app_not_found, and nothing is written', async () => {
    const { sut, apps, uow } = setup();
    apps.bySdkAppId.mockResolvedValue(null);
    await expect(
      sut.create(adminContext(), TENANT, { businessUserId: 'u', sdkAppId: 7, seatUserId: 'a@b' }),
    ).rejects.toMatchObject({ code: 'app_not_found' });
    expect(apps.bySdkAppId).toHaveBeenCalledWith(TENANT, 7);
    expect(uow.run).not.toHaveBeenCalled();
  });

  it('an access refusal from the tenant check stops everything (repositories stay unstubbed)', async () => {
    const { sut, tenants } = setup();
    tenants.require.mockRejectedValue(
      Object.assign(new Error('tenant not found'), { code: 'tenant_not_found' }),
    );
    await expect(sut.import(adminContext(), 'tenant-b', csv('x'), { dryRun: true })).rejects.toMatchObject({
      code: 'tenant_not_found',
    });
    expect(tenants.require).toHaveBeenCalledWith(expect.anything(), 'tenant-b', 'write');
  });

  it('import: counts a row identical to a stored mapping as unchanged and writes only the new one', async () => {
    const { sut, apps, seats, audit } = setup();
    apps.idsBySdkAppId.mockResolvedValue(APP_IDS);
    seats.findClashes.mockResolvedValue([{ seatUserId: 'old@x', businessUserId: 'u-old' }]);
    seats.createMany.mockResolvedValue(1);
    audit.append.mockResolvedValue();

    const result = await sut.import(
      adminContext(),
      TENANT,
      csv('businessUserId,sdkAppId,seatUserId\nu-old,1400000001,old@x\nu-new,1400000001,new@x\n'),
      { dryRun: false },
    );

    expect(result).toEqual({ created: 1, unchanged: 1, rows: 2, repeats: 0, skipped: 0, problems: [] });
    expect(seats.createMany).toHaveBeenCalledWith(TENANT, [
      { appId: 'app-1', businessUserId: 'u-new', seatUserId: 'new@x', displayName: null, status: 'enabled' },
    ]);
    expect(audit.append).toHaveBeenCalledWith(
      expect.objectContaining({
        action: 'seat.imported',
        details: { created: 1, unchanged: 1, rows: 2, repeats: 0, skipped: 0 },
      }),
    );
  });

  it('import: a dry run checks everything and writes nothing (a write would be an unstubbed call)', async () => {
    const { sut, apps, seats, uow } = setup();
    apps.idsBySdkAppId.mockResolvedValue(APP_IDS);
    seats.findClashes.mockResolvedValue([]);
    const result = await sut.import(
      adminContext(),
      TENANT,
      csv('businessUserId,sdkAppId,seatUserId\nu1,1400000001,a@x\nu1,1400000002,a@x\n'),
      { dryRun: true },
    );
    expect(result).toEqual({ created: 2, unchanged: 0, rows: 2, repeats: 0, skipped: 0, problems: [] });
    expect(uow.run).not.toHaveBeenCalled();
  });

  it('import: all or nothing, every bad row listed in line order', async () => {
    const { sut, apps, seats, uow } = setup();
    apps.idsBySdkAppId.mockResolvedValue(APP_IDS);
    seats.findClashes.mockResolvedValue([{ seatUserId: 'taken@x', businessUserId: 'someone' }]);

    const outcome = sut.import(
      adminContext(),
      TENANT,
      csv(
        'businessUserId,sdkAppId,seatUserId\n' +
          'u1,1400000001,taken@x\n' + // clashes with a stored mapping
          'u2,1400000009,b@x\n' + // not an app of this tenant
          'u3,1400000001,c@x\n' + // fine
          'u3,1400000001,d@x\n' + // u3 twice in one app
          'u4,0,e@x\n', // invalid
      ),
      { dryRun: false },
    );

    await expect(outcome).rejects.toMatchObject({
      code: 'import_rejected',
      details: {
        rows: 5,
        errors: [
          { line: 2, reason: 'seatUserId taken@x is already mapped to business user someone' },
          { line: 3, reason: 'sdkAppId 1400000009 is not an app of this tenant' },
          { line: 5, reason: expect.stringContaining('businessUserId u3 already has a seat') },
          { line: 6, reason: 'sdkAppId: must be a positive integer' },
        ],
      },
    });
    expect(uow.run).not.toHaveBeenCalled();
  });

  it('import with skipInvalid: writes the valid rows in one unit of work and reports the skipped ones', async () => {
    const { sut, apps, seats, audit, uow } = setup();
    apps.idsBySdkAppId.mockResolvedValue(APP_IDS);
    seats.findClashes.mockResolvedValue([{ seatUserId: 'taken@x', businessUserId: 'someone' }]);
    seats.createMany.mockResolvedValue(2);
    audit.append.mockResolvedValue();

    const result = await sut.import(
      adminContext(),
      TENANT,
      csv(
        'businessUserId,sdkAppId,seatUserId\n' +
          'u1,1400000001,taken@x\n' + // clashes with a stored mapping: skipped
          'u2,1400000001,b@x\n' + // fine
          'u2,1400000001,b@x\n' + // an exact repeat: one row, not an error
          'u2,1400000001,c@x\n' + // a conflicting repeat: skipped
          'u4,0,e@x\n' + // invalid: skipped
          'u5,1400000002,f@x\n', // fine
      ),
      { dryRun: false, skipInvalid: true },
    );

    expect(result).toMatchObject({ created: 2, unchanged: 0, rows: 6, repeats: 1, skipped: 3 });
    expect(result.problems.map((problem) => [problem.line, problem.code])).toEqual([
      [2, 'csv_seat_taken'],
      [5, 'csv_user_repeated'],
      [6, 'csv_positive_integer'],
    ]);
    expect(uow.run).toHaveBeenCalledTimes(1);
    expect(seats.createMany).toHaveBeenCalledWith(TENANT, [
      { appId: 'app-1', businessUserId: 'u2', seatUserId: 'b@x', displayName: null, status: 'enabled' },
      { appId: 'app-2', businessUserId: 'u5', seatUserId: 'f@x', displayName: null, status: 'enabled' },
    ]);
    expect(audit.append).toHaveBeenCalledWith(
      expect.objectContaining({
        action: 'seat.imported',
        details: { created: 2, unchanged: 0, rows: 6, repeats: 1, skipped: 3, skippedLines: [2, 5, 6] },
      }),
    );
  });

  it('import: an exact repeated row is one row; without skipInvalid a conflicting repeat still refuses all', async () => {
    const { sut, apps, seats, uow } = setup();
    apps.idsBySdkAppId.mockResolvedValue(APP_IDS);
    seats.findClashes.mockResolvedValue([]);
    const clean = await sut.import(
      adminContext(),
      TENANT,
      csv('businessUserId,sdkAppId,seatUserId,displayName\nu1,1400000001,a@x,Ann\nu1,1400000001,a@x,Ann\n'),
      { dryRun: true },
    );
    expect(clean).toMatchObject({ created: 1, rows: 2, repeats: 1, skipped: 0 });
    await expect(
      sut.import(
        adminContext(),
        TENANT,
        csv(
          'businessUserId,sdkAppId,seatUserId,displayName\nu1,1400000001,a@x,Ann\nu1,1400000001,a@x,Anne\n',
        ),
        { dryRun: false },
      ),
    ).rejects.toMatchObject({
      code: 'import_rejected',
      details: { problems: [{ line: 3, code: 'csv_seat_repeated' }] },
    });
    expect(uow.run).not.toHaveBeenCalled();
  });

  it('an unstubbed repository call fails the import (here: the stored-clash lookup)', async () => {
    const { sut, apps } = setup();
    apps.idsBySdkAppId.mockResolvedValue(APP_IDS);
    await expect(
      sut.import(adminContext(), TENANT, csv('businessUserId,sdkAppId,seatUserId\nu,1400000001,a@x\n'), {
        dryRun: true,
      }),
    ).rejects.toThrow('unexpected call SeatsRepository.findClashes');
    expect(takeUnexpectedCalls()).toEqual(['SeatsRepository.findClashes']);
  });
});

describe('seat CSV: export, then import, gives back the same mappings', () => {
  // the characters that break naive CSV: separators, quotes, line breaks, spreadsheet formula
  // starts, the protective quote itself, spaces, and Chinese text
  const tricky = fc.constantFrom(
    ',',
    '"',
    "'",
    ';',
    ' ',
    '=',
    '+',
    '-',
    '@',
    '\t',
    '\n',
    '\r\n',
    '座',
    '席',
    '用户',
    'é',
  );
  const piece = (maxLength: number) =>
    fc.string({ unit: fc.oneof(tricky, fc.string({ minLength: 1, maxLength: 1 })), minLength: 1, maxLength });
  const businessUserId = piece(16).filter((value) => businessUserIdSchema.safeParse(value).success);
  const seatUserId = fc
    .tuple(piece(8), piece(8))
    .map(([local, domain]) => `${local}@${domain}`)
    .filter((value) => seatUserIdSchema.safeParse(value).success);
  // stored display names are what the API kept: trimmed, non-empty
  const displayName = piece(20).chain((value) => {
    const parsed = seatDisplayNameSchema.safeParse(value);
    return fc.constant(parsed.success ? parsed.data : null);
  });
  const mapping = fc.record({
    businessUserId,
    sdkAppId: fc.constantFrom(1400000001, 1400000002),
    seatUserId,
    displayName,
    status: fc.constantFrom('enabled' as const, 'disabled' as const),
  });
  // what the database allows: one seat and one seat per business user in each app
  const mappings = fc
    .uniqueArray(mapping, { maxLength: 8, selector: (m) => `${m.sdkAppId}\u0000${m.seatUserId}` })
    .filter(
      (list) => new Set(list.map((m) => `${m.sdkAppId}\u0000${m.businessUserId}`)).size === list.length,
    );

  it('a business user id with spaces at either end comes back with them (the import trims unquoted cells)', async () => {
    const exporter = setup();
    exporter.seats.list.mockResolvedValue([
      record({
        businessUserId: ' u1 ',
        sdkAppId: 1400000001,
        seatUserId: 'a@x',
        displayName: null,
        status: 'enabled',
      }),
    ]);
    const file = await downloaded(await exporter.sut.export(adminContext(), TENANT, { limit: 50 }));
    expect(file.toString('utf8')).toBe(
      'businessUserId,sdkAppId,seatUserId,displayName,status,provision,staffNumber,phone,role,skillGroups\n' +
        '" u1 ",1400000001,a@x,,enabled,,,,,\n',
    );
  });

  it('for any stored mappings (commas, quotes, newlines, Chinese, leading = + - @ and quotes)', async () => {
    await fc.assert(
      fc.asyncProperty(mappings, async (stored) => {
        const exporter = setup();
        exporter.seats.list.mockResolvedValue(stored.map(record));
        const file = await downloaded(await exporter.sut.export(adminContext(), TENANT, { limit: 50 }));

        const importer = setup();
        importer.apps.idsBySdkAppId.mockResolvedValue(APP_IDS);
        importer.seats.findClashes.mockResolvedValue([]);
        importer.audit.append.mockResolvedValue();
        let written: NewRows = [];
        importer.seats.createMany.mockImplementation(async (_tenant, rows) => {
          written = rows;
          return rows.length;
        });
        const result = await importer.sut.import(adminContext(), TENANT, () => Readable.from([file]), {
          dryRun: false,
        });

        const expected = stored.map((seat) => ({
          appId: record(seat).appId,
          businessUserId: seat.businessUserId,
          seatUserId: seat.seatUserId,
          displayName: seat.displayName,
          status: seat.status,
        }));
        const key = (row: { appId: string; seatUserId: string }) => `${row.appId}\u0000${row.seatUserId}`;
        const byKey = (a: { appId: string; seatUserId: string }, b: { appId: string; seatUserId: string }) =>
          key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
        expect(result).toEqual({
          created: stored.length,
          unchanged: 0,
          rows: stored.length,
          repeats: 0,
          skipped: 0,
          problems: [],
        });
        expect([...written].sort(byKey)).toEqual(expected.sort(byKey));
      }),
      { numRuns: 60 },
    );
  });
});
