// Server errors in plain words: every ErrorCode has a sentence in each locale (the dictionaries
// are typed Record<ErrorCode, string>, so a new code fails the build until it is translated).
import { ApiError, NetworkError } from '../api/client';
import { interpolate, type Vars } from './index';
import type { Dictionary } from './en-US';

export interface HumanError {
  /** one sentence for the user */
  message: string;
  /** the gateway's own wording, when it adds something (which row, which field) */
  detail: string | null;
  requestId: string | null;
}

/** Codes whose server message names the specific problem and is worth showing under ours. */
const DETAILED = new Set(['validation_failed', 'import_rejected', 'conflict', 'forbidden']);

export function describeError(error: unknown, dictionary: Dictionary, vars?: Vars): HumanError {
  if (error instanceof ApiError) {
    return {
      message: interpolate(dictionary.errors[error.code], vars),
      detail: DETAILED.has(error.code) ? error.message : null,
      requestId: error.requestId,
    };
  }
  if (error instanceof NetworkError) {
    return { message: dictionary.messages['error.network'], detail: null, requestId: null };
  }
  return { message: dictionary.messages['error.unexpected'], detail: null, requestId: null };
}
