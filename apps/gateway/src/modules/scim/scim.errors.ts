// SCIM's own error answers (RFC 7644 §3.12): `urn:ietf:params:scim:api:messages:2.0:Error` with the
// status as a string and a scimType where one applies. Seatgate's domain errors met on the way
// (TCCC's refusals, a seat taken) keep their status and their code in the detail.
import { ERROR_STATUS } from '@seatgate/contracts';
import { DomainError } from '../../common/errors/domain.error';

export const SCIM_ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive';

export class ScimError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly scimType?: ScimType,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ScimError';
  }
}

export const scimErrors = {
  unauthorized: () =>
    new ScimError(401, 'send a SCIM token of this tenant as "Authorization: Bearer <token>"'),
  disabled: () => new ScimError(403, 'SCIM is turned off for this tenant; a tenant admin turns it on'),
  suspended: () => new ScimError(403, 'this tenant is suspended'),
  notFound: (what: string) => new ScimError(404, `${what} not found`),
  invalidSyntax: (detail: string) => new ScimError(400, detail, 'invalidSyntax'),
  invalidValue: (detail: string) => new ScimError(400, detail, 'invalidValue'),
  invalidFilter: (detail: string) => new ScimError(400, detail, 'invalidFilter'),
  invalidPath: (detail: string) => new ScimError(400, detail, 'invalidPath'),
  noTarget: (detail: string) => new ScimError(400, detail, 'noTarget'),
  mutability: (detail: string) => new ScimError(400, detail, 'mutability'),
  uniqueness: (detail: string) => new ScimError(409, detail, 'uniqueness'),
  tooMany: (detail: string) => new ScimError(400, detail, 'tooMany'),
  rateLimited: (retryAfterSeconds: number) =>
    new ScimError(429, 'too many SCIM requests for this tenant; retry later', undefined, retryAfterSeconds),
  seatBusy: () =>
    new ScimError(
      409,
      "this user's seat is disabled or still being offboarded; retry once offboarding has finished, or ask a tenant admin to enable it",
    ),
  noApp: () =>
    new ScimError(
      409,
      'this tenant has no enabled TCCC app for SCIM users; a tenant admin adds one or chooses one on the SCIM page',
    ),
};

const SCIM_TYPE_OF: Partial<Record<string, ScimType>> = {
  validation_failed: 'invalidValue',
  business_user_taken: 'uniqueness',
  seat_user_taken: 'uniqueness',
  skill_group_name_taken: 'uniqueness',
};

/** Any error as SCIM's: its status, detail and scimType (unknown errors: a bare 500). */
export function toScimError(error: unknown): ScimError {
  if (error instanceof ScimError) return error;
  if (error instanceof DomainError) {
    const details = error.details as { retryAfterSeconds?: unknown } | undefined;
    const retry = typeof details?.retryAfterSeconds === 'number' ? details.retryAfterSeconds : undefined;
    return new ScimError(
      ERROR_STATUS[error.code],
      `${error.message} (${error.code})`,
      SCIM_TYPE_OF[error.code],
      retry,
    );
  }
  return new ScimError(500, 'internal error');
}

export function scimErrorBody(error: ScimError): Record<string, unknown> {
  return {
    schemas: [SCIM_ERROR_SCHEMA],
    status: String(error.status),
    ...(error.scimType ? { scimType: error.scimType } : {}),
    detail: error.message,
  };
}
