// Audit actions and targets in the admin's language. The trail stores them as strings, and events
// written by an older gateway may name ones this console does not know: those show as stored.
import {
  AUDIT_ACTIONS,
  AUDIT_TARGET_TYPES,
  type AuditAction,
  type AuditTargetType,
} from '@seatgate/contracts';
import type { Dictionary } from '../../../../i18n/en-US';

const isAction = (value: string): value is AuditAction =>
  (AUDIT_ACTIONS as readonly string[]).includes(value);
const isTarget = (value: string): value is AuditTargetType =>
  (AUDIT_TARGET_TYPES as readonly string[]).includes(value);

export function auditActionLabel(dictionary: Dictionary, action: string): string {
  return isAction(action) ? dictionary.auditActions[action] : action;
}

export function auditTargetLabel(dictionary: Dictionary, type: string): string {
  return isTarget(type) ? dictionary.auditTargets[type] : type;
}

/** The families actions belong to: the part before the first dot (`seat.` for seat.created). */
export const AUDIT_FAMILIES = [
  'tenant',
  'app',
  'seat',
  'job',
  'key',
  'admin_user',
  'auth',
  'platform',
  'login',
] as const satisfies readonly FamilyOf<AuditAction>[];
export type AuditFamily = (typeof AUDIT_FAMILIES)[number];
type FamilyOf<Action> = Action extends `${infer Family}.${string}` ? Family : never;
