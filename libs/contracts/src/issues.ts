// What is wrong with one value, as a code and its parameters: the console words it in the admin's
// language, API clients keep the English `message` beside it. Zod's issue kinds map onto these
// codes here, once, so the gateway's validation and the console's forms name a problem the same way.
import type { z } from 'zod';
import { TIME_ZONE_MESSAGE } from './overview';
import { FORMULA_START_MESSAGE } from './text';

export const ISSUE_CODES = [
  // generic, from zod's issue kinds
  'required',
  'too_short',
  'too_long',
  'too_small',
  'too_large',
  'not_integer',
  'invalid_type',
  'invalid_value',
  'invalid_format',
  'invalid_email',
  'invalid_url',
  'invalid_uuid',
  'invalid_date',
  'unknown_field',
  'invalid',
  // rules of Seatgate's own schemas
  'formula_start',
  'printable_only',
  'seat_account_format',
  'sdk_app_id_format',
  'app_kind_prefix',
  'letters_digits_only',
  'origin_format',
  'slug_format',
  'http_url',
  'pem_public_key',
  'unstorable_nul',
  'unstorable_surrogate',
  'date_out_of_range',
  'time_zone',
  // signing keys: what the key material is
  'key_unreadable',
  'key_not_public',
  'key_not_rsa',
  'key_rsa_too_short',
  'key_not_p256',
  // skill groups: phone, audio and video groups take one session at a time
  'skill_group_one_session',
  // admin scopes
  'scope_platform_admin_tenants',
  'scope_platform_wide_role',
  'scope_tenant_admin_needs_tenant',
  'scope_platform_wide_auditor_tenants',
  'unknown_tenant',
  // an admin's own password
  'current_password_wrong',
  'password_unchanged',
  // uploads and CSV imports
  'upload_unreadable',
  'upload_field_missing',
  'upload_content_type',
  'csv_missing_columns',
  'csv_unknown_columns',
  'csv_too_many_rows',
  'csv_unreadable',
  'csv_positive_integer',
  'csv_status',
  'csv_app_not_in_tenant',
  'csv_seat_repeated',
  'csv_user_repeated',
  'csv_seat_taken',
  'csv_user_has_seat',
  // provisioning columns of an import
  'phone_format',
  'csv_provision_flag',
  'csv_role',
  'csv_provision_status',
  'csv_seat_id_rule_domain',
  'csv_seat_id_rule_invalid',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

/** Values a message interpolates (a length, a line, a column list). */
export type IssueParams = Record<string, string | number>;

/** One problem with one field: the code and params for people, the message for API clients. */
export interface ValidationIssue {
  /** dotted path of the field ('' for the whole body) */
  path: string;
  message: string;
  /**
   * Always present in the gateway's answers: its exception filter codes, by `issueCodeForMessage`,
   * any issue raised without one.
   */
  code?: IssueCode;
  params?: IssueParams;
}

/** One problem of one CSV row (line 1 is the header, 0 the file as a whole). */
export interface ImportProblem {
  line: number;
  /** the column, when the problem belongs to one */
  field?: string;
  code: IssueCode;
  params?: IssueParams;
}

/** Why a PEM is not the public key its type needs, in the gateway's English. */
export const PUBLIC_KEY_REFUSALS = {
  key_unreadable: 'not a readable PEM public key',
  key_not_public: 'not a public key',
  key_not_rsa: 'an rs256 key must be an RSA public key',
  key_rsa_too_short: 'an RSA key must have at least 2048 bits',
  key_not_p256: 'an es256 key must be an EC public key on P-256',
} as const satisfies Partial<Record<IssueCode, string>>;

/** Messages of Seatgate's own rules (schemas' regex and refine, key checks) and each rule's code. */
const RULE_BY_MESSAGE: Record<string, IssueCode> = {
  ...Object.fromEntries(Object.entries(PUBLIC_KEY_REFUSALS).map(([code, message]) => [message, code])),
  [FORMULA_START_MESSAGE]: 'formula_start',
  'printable characters only': 'printable_only',
  'an email-like seat account, e.g. agent@example.com': 'seat_account_format',
  'letters and digits only': 'letters_digits_only',
  'an origin is scheme://host[:port], without a path': 'origin_format',
  'lowercase letters, digits and dashes, 2 to 63 characters': 'slug_format',
  'an http(s) URL': 'http_url',
  'a PEM public key (-----BEGIN PUBLIC KEY-----), never a private key or certificate': 'pem_public_key',
  'must not contain NUL characters': 'unstorable_nul',
  'must not contain lone surrogates': 'unstorable_surrogate',
  'must be a date between the years 0001 and 9999': 'date_out_of_range',
  [TIME_ZONE_MESSAGE]: 'time_zone',
  'a phone number such as 008613800000001': 'phone_format',
};

type ZodIssue = z.core.$ZodIssue;

/** The code of an issue raised with only its English message: the rule it names, else "invalid". */
export function issueCodeForMessage(message: string): IssueCode {
  return RULE_BY_MESSAGE[message] ?? 'invalid';
}

/** Every issue with a code: those raised without one get the code their message names. */
export function withIssueCodes(issues: ValidationIssue[]): ValidationIssue[] {
  return issues.map((issue) => (issue.code ? issue : { ...issue, code: issueCodeForMessage(issue.message) }));
}

const bound = (value: number | bigint): number => Number(value);

/** The code and params of one zod issue. */
export function issueCodeOf(issue: ZodIssue): { code: IssueCode; params?: IssueParams } {
  const rule = RULE_BY_MESSAGE[issue.message];
  if (rule) return { code: rule };
  switch (issue.code) {
    case 'too_small': {
      const min = bound(issue.minimum);
      if (issue.origin === 'string')
        return min <= 1 ? { code: 'required' } : { code: 'too_short', params: { min } };
      if (issue.origin === 'array' || issue.origin === 'set') return { code: 'too_short', params: { min } };
      return { code: 'too_small', params: { min } };
    }
    case 'too_big': {
      const max = bound(issue.maximum);
      if (issue.origin === 'string' || issue.origin === 'array' || issue.origin === 'set')
        return { code: 'too_long', params: { max } };
      return { code: 'too_large', params: { max } };
    }
    case 'invalid_type':
      // zod words a missing value "received undefined"; its input is not kept on the issue
      if (/received undefined$/.test(issue.message)) return { code: 'required' };
      if (issue.expected === 'int') return { code: 'not_integer' };
      if (issue.expected === 'date') return { code: 'invalid_date' };
      return { code: 'invalid_type', params: { expected: issue.expected } };
    case 'invalid_format':
      switch (issue.format) {
        case 'email':
          return { code: 'invalid_email' };
        case 'url':
          return { code: 'invalid_url' };
        case 'uuid':
        case 'guid':
          return { code: 'invalid_uuid' };
        case 'datetime':
        case 'date':
          return { code: 'invalid_date' };
        default:
          return { code: 'invalid_format' };
      }
    case 'invalid_value':
      return { code: 'invalid_value', params: { values: issue.values.map(String).join(', ') } };
    case 'unrecognized_keys':
      return { code: 'unknown_field', params: { fields: issue.keys.join(', ') } };
    case 'invalid_union': {
      // a discriminated union names its discriminator: that is an unknown value of it
      const note = (issue as { note?: string }).note;
      return note === 'No matching discriminator' ? { code: 'invalid_value' } : { code: 'invalid' };
    }
    case 'custom': {
      const code = issue.params?.code;
      return typeof code === 'string' && (ISSUE_CODES as readonly string[]).includes(code)
        ? { code: code as IssueCode }
        : { code: 'invalid' };
    }
    case 'not_multiple_of':
    case 'invalid_key':
    case 'invalid_element':
      return { code: 'invalid' };
    default: {
      const unhandled: never = issue;
      return unhandled;
    }
  }
}

/** A zod error as the issues a validation_failed answer carries. */
export function validationIssuesOf(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
    ...issueCodeOf(issue),
  }));
}
