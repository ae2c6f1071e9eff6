import { z } from 'zod';
import { ISSUE_CODES, issueCodeOf, validationIssuesOf } from './issues';
import { businessUserIdSchema, seatCreateSchema, seatUserIdSchema } from './seats';
import { signingKeyCreateSchema } from './keys';
import { overviewQuery } from './overview';
import { storableDate, text } from './text';

function issuesOf(schema: z.ZodType, value: unknown) {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error(`expected ${JSON.stringify(value)} to be refused`);
  return validationIssuesOf(parsed.error).map(({ path, code, params }) => ({ path, code, params }));
}

describe('validation issues carry a code and params, not only prose', () => {
  it('maps zod issue kinds to codes with their bounds', () => {
    expect(issuesOf(z.object({ a: z.string().min(1) }), { a: '' })).toEqual([
      { path: 'a', code: 'required', params: undefined },
    ]);
    expect(issuesOf(z.object({ a: z.string() }), {})).toEqual([
      { path: 'a', code: 'required', params: undefined },
    ]);
    expect(issuesOf(z.string().min(12), 'short')).toEqual([
      { path: '', code: 'too_short', params: { min: 12 } },
    ]);
    expect(issuesOf(z.string().max(3), 'long')).toEqual([{ path: '', code: 'too_long', params: { max: 3 } }]);
    expect(issuesOf(z.number().min(1), 0)).toEqual([{ path: '', code: 'too_small', params: { min: 1 } }]);
    expect(issuesOf(z.number().max(9), 10)).toEqual([{ path: '', code: 'too_large', params: { max: 9 } }]);
    expect(issuesOf(z.number().int(), 1.5)).toEqual([{ path: '', code: 'not_integer', params: undefined }]);
    expect(issuesOf(z.string(), 5)).toEqual([
      { path: '', code: 'invalid_type', params: { expected: 'string' } },
    ]);
    expect(issuesOf(z.email(), 'x')).toEqual([{ path: '', code: 'invalid_email', params: undefined }]);
    expect(issuesOf(z.string().uuid(), 'x')).toEqual([{ path: '', code: 'invalid_uuid', params: undefined }]);
    expect(issuesOf(z.enum(['enabled', 'disabled']), 'paused')).toEqual([
      { path: '', code: 'invalid_value', params: { values: 'enabled, disabled' } },
    ]);
    expect(issuesOf(z.object({}).strict(), { admin: true })).toEqual([
      { path: '', code: 'unknown_field', params: { fields: 'admin' } },
    ]);
  });

  it("names Seatgate's own rules (formula cells, seat accounts, key material, storable text)", () => {
    expect(issuesOf(businessUserIdSchema, '=cmd()')[0]?.code).toBe('formula_start');
    expect(issuesOf(businessUserIdSchema, 'a\u0007b')[0]?.code).toBe('printable_only');
    expect(issuesOf(seatUserIdSchema, 'not-an-email')[0]?.code).toBe('seat_account_format');
    expect(issuesOf(text(), 'a\u0000')[0]?.code).toBe('unstorable_nul');
    expect(issuesOf(storableDate(), '10000-01-01T00:00:00Z')[0]?.code).toMatch(
      /date_out_of_range|invalid_date/,
    );
    expect(
      issuesOf(signingKeyCreateSchema, { type: 'rs256', publicKeyPem: '-----BEGIN PRIVATE KEY-----' }),
    ).toEqual([{ path: 'publicKeyPem', code: 'pem_public_key', params: undefined }]);
    expect(issuesOf(signingKeyCreateSchema, { type: 'dsa' })[0]?.code).toBe('invalid_value');
    expect(issuesOf(overviewQuery, { timeZone: '+08:00' })[0]?.code).toBe('time_zone');
    expect(issuesOf(overviewQuery, { timeZone: 'Mars/Olympus' })[0]?.code).toBe('time_zone');
    expect(overviewQuery.parse({ timeZone: 'Asia/Shanghai' }).timeZone).toBe('Asia/Shanghai');
  });

  it('the whole seat form: one issue per field, each with a known code and the English message kept', () => {
    const parsed = seatCreateSchema.safeParse({ businessUserId: '', sdkAppId: 0, seatUserId: 'x' });
    expect(parsed.success).toBe(false);
    const issues = parsed.success ? [] : validationIssuesOf(parsed.error);
    expect(issues.map((issue) => [issue.path, issue.code])).toEqual([
      ['businessUserId', 'required'],
      ['businessUserId', 'printable_only'],
      ['sdkAppId', 'too_small'],
      ['seatUserId', 'seat_account_format'],
    ]);
    for (const issue of issues) {
      expect(ISSUE_CODES).toContain(issue.code);
      expect(issue.message.length).toBeGreaterThan(0);
    }
  });

  it('a custom refinement names its code through params, else it is "invalid"', () => {
    const coded = z.string().refine(() => false, { params: { code: 'csv_status' } });
    const uncoded = z.string().refine(() => false, { params: { code: 'no_such_code' } });
    const one = coded.safeParse('x');
    const other = uncoded.safeParse('x');
    expect(one.success || issueCodeOf(one.error.issues[0]!).code).toBe('csv_status');
    expect(other.success || issueCodeOf(other.error.issues[0]!).code).toBe('invalid');
  });
});
