// What is wrong with a value, in the admin's language: from the issue's code and params (the
// gateway's validation_failed issues, a CSV import's problems, a form's own zod issues).
import { issueCodeForMessage, type IssueCode, type IssueParams } from '@seatgate/contracts';
import type { Dictionary, MessageKey } from './en-US';
import { interpolate } from './index';

export interface CodedIssue {
  code?: IssueCode;
  params?: IssueParams;
  /** the gateway's English, for an issue from an older gateway without a code */
  message?: string;
}

export function issueText(dictionary: Dictionary, issue: CodedIssue): string {
  const code = issue.code ?? issueCodeForMessage(issue.message ?? '');
  return interpolate(dictionary.issues[code], issue.params);
}

/** Fields a problem can name, and the label the console gives each. */
const FIELD_LABELS: Record<string, MessageKey> = {
  businessUserId: 'seats.businessUserId',
  seatUserId: 'seats.seatUserId',
  displayName: 'seats.displayName',
  sdkAppId: 'apps.sdkAppId',
  status: 'common.status',
};

/** "Business user: Required": the field's label (or its name), then what is wrong. */
export function fieldIssueText(dictionary: Dictionary, field: string | undefined, issue: CodedIssue): string {
  const text = issueText(dictionary, issue);
  if (!field) return text;
  const label = FIELD_LABELS[field];
  return `${label ? dictionary.messages[label] : field}: ${text}`;
}
