// The seats module's refusals, for single mappings and for imports.
import type { ImportProblem, IssueCode, SeatImportRowError } from '@seatgate/contracts';
import { domainError } from '../../common/errors/domain.error';

export const seatErrors = {
  notFound: () => domainError('seat_not_found', 'seat mapping not found'),
  appNotInTenant: (sdkAppId: number) =>
    domainError('app_not_found', `SDKAppID ${sdkAppId} is not an app of this tenant`),
  /** `holder`: the conflict named, when the caller looked it up (a single mapping's create or edit) */
  seatUserTaken: (holder?: { seatUserId: string; businessUserId?: string }) =>
    domainError(
      'seat_user_taken',
      holder?.businessUserId
        ? `seat ${holder.seatUserId} is already mapped to business user ${holder.businessUserId} in this app`
        : 'this seat is already mapped to another business user in this app',
      holder,
    ),
  businessUserTaken: (holder?: { businessUserId: string; seatUserId?: string }) =>
    domainError(
      'business_user_taken',
      holder?.seatUserId
        ? `business user ${holder.businessUserId} already has seat ${holder.seatUserId} in this app`
        : 'this business user already has a seat in this app',
      holder,
    ),
  /** a write that found the mappings changed since it checked them */
  clashedMeanwhile: () =>
    domainError('conflict', 'another change created clashing mappings meanwhile; nothing was imported'),
  /** `problems` (the same as codes, for the console) only when the caller collected them */
  importRejected: (
    message: string,
    errors: SeatImportRowError[],
    rows?: number,
    problems?: ImportProblem[],
  ) =>
    domainError('import_rejected', message, {
      errors,
      ...(rows === undefined ? {} : { rows }),
      ...(problems === undefined ? {} : { problems }),
    }),
  bulkLimitExceeded: (limit: number, matched: number) =>
    domainError(
      'bulk_limit_exceeded',
      `a bulk action may change at most ${limit} mappings; this one selects ${matched}: narrow the filter`,
      { limit, matched },
    ),
  fileTooLarge: (maxBytes: number) =>
    domainError('payload_too_large', `an import file may be at most ${maxBytes} bytes`),
  unsupportedUpload: () =>
    domainError(
      'unsupported_media_type',
      'send the CSV as text/csv, or as multipart/form-data with a "file" field',
    ),
  /** an .xlsx (or other workbook) sent to the CSV import: the console converts it first */
  workbookUpload: () =>
    domainError(
      'unsupported_media_type',
      'this is a spreadsheet workbook, not a CSV: save it as CSV (UTF-8), or import it in the console, which reads .xlsx',
    ),
  unreadableUpload: (path: 'file' | 'content-type', code: IssueCode, message: string) =>
    domainError('validation_failed', `${path}: ${message}`, { issues: [{ path, message, code }] }),
};
