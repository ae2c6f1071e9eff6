import fc from 'fast-check';
import { Readable } from 'node:stream';
import { DomainError } from '../../common/errors/domain.error';
import type { ImportProblem } from '@seatgate/contracts';
import { findDuplicates, parseSeatCsv, type ParsedSeatRow } from './seat-import';

const csv = (text: string) => Readable.from([Buffer.from(text, 'utf8')]);

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('parseSeatCsv', () => {
  it('reads valid rows: a BOM, spaced header names, an empty display name, status by default enabled', async () => {
    const plan = await parseSeatCsv(
      csv(
        '\uFEFF businessUserId ,sdkAppId,seatUserId,displayName,status\n' +
          'u-1,1400000001,agent1@example.com,Agent One,disabled\n' +
          '\n' +
          'u-2,1400000001,agent2@example.com,,\n',
      ),
    );
    expect(plan.errors).toEqual([]);
    expect(plan.rows).toEqual([
      {
        line: 2,
        businessUserId: 'u-1',
        sdkAppId: 1400000001,
        seatUserId: 'agent1@example.com',
        displayName: 'Agent One',
        status: 'disabled',
        provision: false,
      },
      {
        line: 4,
        businessUserId: 'u-2',
        sdkAppId: 1400000001,
        seatUserId: 'agent2@example.com',
        displayName: null,
        status: 'enabled',
        provision: false,
      },
    ]);
  });

  it('collects every bad row with its line and every reason, and keeps the good ones', async () => {
    const plan = await parseSeatCsv(
      csv(
        'businessUserId,sdkAppId,seatUserId\n' +
          '=cmd(),0,not-an-email\n' +
          'ok,12,a@b\n' +
          'u,1e3,a@b\n' +
          'u,99999999999999999,a@b\n',
      ),
    );
    expect(plan.rows.map((row) => row.line)).toEqual([3]);
    expect(plan.errors).toHaveLength(3);
    expect(plan.errors[0]).toEqual({
      line: 2,
      reason: expect.stringContaining('businessUserId: must not begin'),
    });
    expect(plan.errors[0]!.reason).toContain('sdkAppId: must be a positive integer');
    expect(plan.errors[0]!.reason).toContain('seatUserId:');
    expect(plan.errors.slice(1)).toEqual([
      { line: 4, reason: 'sdkAppId: must be a positive integer' },
      { line: 5, reason: 'sdkAppId: must be a positive integer' },
    ]);
  });

  it('refuses an unknown status', async () => {
    const plan = await parseSeatCsv(csv('businessUserId,sdkAppId,seatUserId,status\nu,1,a@b,paused\n'));
    expect(plan.errors).toEqual([{ line: 2, reason: 'status: enabled or disabled' }]);
  });

  it('an exported protective quote is stripped, so a formula-like value is still refused', async () => {
    const plan = await parseSeatCsv(
      csv(`businessUserId,sdkAppId,seatUserId,displayName\n"'=1+1",1,a@b,"'=SUM(A1)"\nu,1,a@b,"'=SUM(A1)"\n`),
    );
    expect(plan.errors).toEqual([{ line: 2, reason: expect.stringContaining('businessUserId:') }]);
    // a display name may begin like a formula: it is neutralised again on export
    expect(plan.rows[0]).toMatchObject({ line: 3, displayName: '=SUM(A1)' });
  });

  it('rejects a header without the required columns, or with unknown ones, as line 1', async () => {
    const missing = await rejection(parseSeatCsv(csv('businessUserId,seatUserId\nu,a@b\n')));
    expect(missing.code).toBe('import_rejected');
    expect(missing.details).toEqual({
      errors: [{ line: 1, reason: expect.stringContaining('missing column(s): sdkAppId') }],
    });
    const unknown = await rejection(parseSeatCsv(csv('businessUserId,sdkAppId,seatUserId,password\n')));
    expect(unknown.details).toEqual({
      errors: [{ line: 1, reason: expect.stringContaining('unknown column(s): password') }],
    });
  });

  it('an unreadable file (unclosed quote) is import_rejected, not a crash', async () => {
    const error = await rejection(parseSeatCsv(csv('businessUserId,sdkAppId,seatUserId\n"u,1,a@b\n')));
    expect(error.code).toBe('import_rejected');
    expect(error.message).toBe('the file is not a readable CSV');
  });

  it('records each refusal as a code with params for the console, beside the English reason', async () => {
    const problems: ImportProblem[] = [];
    const plan = await parseSeatCsv(
      csv(
        'businessUserId,sdkAppId,seatUserId,displayName,status\n' +
          ',0,not-an-email,,paused\n' +
          '=cmd(),1,a@b,,\n' +
          'ok,1,b@c,张三,\n',
      ),
      problems,
    );
    expect(plan.errors.map((error) => error.line)).toEqual([2, 3]);
    expect(problems).toEqual([
      { line: 2, field: 'businessUserId', code: 'required' },
      { line: 2, field: 'sdkAppId', code: 'csv_positive_integer' },
      { line: 2, field: 'seatUserId', code: 'seat_account_format' },
      { line: 2, field: 'status', code: 'csv_status' },
      { line: 3, field: 'businessUserId', code: 'formula_start' },
    ]);
    const header = await rejection(parseSeatCsv(csv('businessUserId,seatUserId\nu,a@b\n'), []));
    expect(header.details).toMatchObject({
      problems: [{ line: 1, code: 'csv_missing_columns', params: { columns: 'sdkAppId' } }],
    });
    const unreadable = await rejection(
      parseSeatCsv(csv('businessUserId,sdkAppId,seatUserId\n"u,1,a@b\n'), []),
    );
    expect(unreadable.details).toMatchObject({ problems: [{ line: 0, code: 'csv_unreadable' }] });
  });

  it('whatever the bytes, the answer is a plan or import_rejected, never another error', async () => {
    const header = fc.constantFrom(
      'businessUserId,sdkAppId,seatUserId\n',
      'businessUserId,sdkAppId,seatUserId,displayName,status\n',
      '',
    );
    const cell = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('"', '""', '\r\n', ',', "'", '=', '\uFEFF', 'a@b', '1', '用户'),
    );
    const body = fc.array(
      fc.array(cell, { maxLength: 6 }).map((cells) => cells.join(',')),
      { maxLength: 6 },
    );
    await fc.assert(
      fc.asyncProperty(header, body, async (head, lines) => {
        try {
          const plan = await parseSeatCsv(csv(head + lines.join('\n')));
          for (const row of plan.rows) expect(Number.isSafeInteger(row.sdkAppId)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(DomainError);
          expect((error as DomainError).code).toBe('import_rejected');
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('parseSeatCsv: provisioning columns', () => {
  it('reads provision (yes/no, true/false, 1/0, 是/否), role words, skill groups split by ; or ；, name and mail', async () => {
    const plan = await parseSeatCsv(
      csv(
        'businessUserId,sdkAppId,mail,name,provision,staffNumber,phone,role,skillGroups\n' +
          'u-1,1400000001,Ann@Corp.test,Ann,yes,A-1,008613800000001,admin,Sales; Support\n' +
          'u-2,1400000001,,,是,,,质检,售前；售后\n' +
          'u-3,1400000001,c@corp.test,,0,,,,\n' +
          'u-4,1400000001,,,TRUE,,,3,\n',
      ),
    );
    expect(plan.errors).toEqual([]);
    expect(plan.rows).toEqual([
      {
        line: 2,
        businessUserId: 'u-1',
        sdkAppId: 1400000001,
        seatUserId: 'ann@corp.test',
        displayName: 'Ann',
        status: 'enabled',
        provision: true,
        staffNumber: 'A-1',
        phone: '008613800000001',
        role: 1,
        skillGroups: ['Sales', 'Support'],
      },
      {
        line: 3,
        businessUserId: 'u-2',
        sdkAppId: 1400000001,
        seatUserId: '',
        displayName: null,
        status: 'enabled',
        provision: true,
        role: 2,
        skillGroups: ['售前', '售后'],
      },
      {
        line: 4,
        businessUserId: 'u-3',
        sdkAppId: 1400000001,
        seatUserId: 'c@corp.test',
        displayName: null,
        status: 'enabled',
        provision: false,
      },
      {
        line: 5,
        businessUserId: 'u-4',
        sdkAppId: 1400000001,
        seatUserId: '',
        displayName: null,
        status: 'enabled',
        provision: true,
        role: 3,
      },
    ]);
  });

  it('codes each bad provisioning cell; an empty seat id is refused unless the row provisions', async () => {
    const problems: ImportProblem[] = [];
    const plan = await parseSeatCsv(
      csv(
        'businessUserId,sdkAppId,seatUserId,provision,phone,role,skillGroups,status\n' +
          'u-1,1400000001,a@corp.test,maybe,13800000001,boss,,\n' +
          'u-2,1400000001,,no,,,,\n' +
          'u-3,1400000001,,yes,,,=cmd,disabled\n',
      ),
      problems,
    );
    expect(plan.rows).toEqual([]);
    expect(plan.errors.map((error) => error.line)).toEqual([2, 3, 4]);
    expect(problems.map(({ line, field, code }) => `${line}:${field}:${code}`)).toEqual([
      '2:provision:csv_provision_flag',
      '2:phone:phone_format',
      '2:role:csv_role',
      '3:seatUserId:seat_account_format',
      '4:skillGroups:formula_start',
      '4:status:csv_provision_status',
    ]);
  });

  it('a phone a spreadsheet stripped of its zeros, or written with +86, is read as 0086…', async () => {
    const plan = await parseSeatCsv(
      csv(
        'businessUserId,sdkAppId,seatUserId,phone\n' +
          'u-1,1400000001,a@corp.test,8613800000001\n' +
          'u-2,1400000001,b@corp.test,+8613800000002\n' +
          'u-3,1400000001,c@corp.test,86138\n',
      ),
    );
    expect(plan.rows.map((row) => row.phone)).toEqual(['008613800000001', '008613800000002']);
    expect(plan.errors.map((error) => error.line)).toEqual([4]);
  });

  it('a file that provisions may leave out the seatUserId column', async () => {
    const plan = await parseSeatCsv(csv('businessUserId,sdkAppId,provision\nu-1,1400000001,yes\n'));
    expect(plan.rows).toMatchObject([{ businessUserId: 'u-1', seatUserId: '', provision: true }]);
    const refused = await rejection(parseSeatCsv(csv('businessUserId,sdkAppId\nu-1,1400000001\n')));
    expect(refused.code).toBe('import_rejected');
  });
});

describe('findDuplicates', () => {
  const row = (line: number, businessUserId: string, seatUserId: string, sdkAppId = 1): ParsedSeatRow => ({
    line,
    businessUserId,
    sdkAppId,
    seatUserId,
    displayName: null,
    status: 'enabled',
    provision: false,
  });
  const appOf = (parsed: ParsedSeatRow) => ({ 1: 'app-1', 2: 'app-2' })[parsed.sdkAppId];

  it('flags a seat or a business user mapped twice in one app, naming the first line', () => {
    const errors = findDuplicates(
      [
        row(2, 'u1', 's1@x'),
        row(3, 'u2', 's1@x'),
        row(4, 'u1', 's2@x'),
        row(5, 'u1', 's1@x', 2),
        row(6, 'u9', 's9@x', 3),
      ],
      appOf,
    );
    expect(errors).toEqual([
      { line: 3, reason: 'seatUserId s1@x is already mapped on line 2' },
      { line: 4, reason: 'businessUserId u1 already has a seat in app 1 on line 2' },
    ]);
  });

  it('codes each repeat with the line it repeats', () => {
    const problems: ImportProblem[] = [];
    findDuplicates([row(2, 'u1', 's1@x'), row(3, 'u2', 's1@x'), row(4, 'u1', 's2@x')], appOf, problems);
    expect(problems).toEqual([
      { line: 3, field: 'seatUserId', code: 'csv_seat_repeated', params: { seatUserId: 's1@x', line: 2 } },
      {
        line: 4,
        field: 'businessUserId',
        code: 'csv_user_repeated',
        params: { businessUserId: 'u1', sdkAppId: 1, line: 2 },
      },
    ]);
  });

  it('finds exactly the rows after the first of each seat and of each user, per app', () => {
    const rows = fc.array(
      fc.record({
        user: fc.constantFrom('a', 'b', 'c'),
        seat: fc.constantFrom('x@1', 'y@1'),
        app: fc.constantFrom(1, 2),
      }),
      { maxLength: 20 },
    );
    fc.assert(
      fc.property(rows, (items) => {
        const parsed = items.map((item, index) => row(index + 2, item.user, item.seat, item.app));
        const flagged = new Set(findDuplicates(parsed, appOf).map((error) => error.line));
        // a row is kept when neither its seat nor its user was taken by a kept row of its app
        const seats = new Set<string>();
        const users = new Set<string>();
        for (const item of parsed) {
          const seat = `${item.sdkAppId}/${item.seatUserId}`;
          const user = `${item.sdkAppId}/${item.businessUserId}`;
          const clash = seats.has(seat) || users.has(user);
          expect(flagged.has(item.line)).toBe(clash);
          if (!clash) {
            seats.add(seat);
            users.add(user);
          }
        }
      }),
    );
  });
});
