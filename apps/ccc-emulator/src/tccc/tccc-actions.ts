import type { ActionHandler } from './action-context';
import { LICENCE_ACTIONS } from './actions/licence-actions';
import { LOGIN_TOKEN_ACTIONS } from './actions/login-token-actions';
import { MEMBER_ACTIONS } from './actions/member-actions';
import { SKILL_GROUP_ACTIONS } from './actions/skill-group-actions';
import { STAFF_ACTIONS } from './actions/staff-actions';
import { STATUS_ACTIONS } from './actions/status-actions';

// The TCCC actions the emulator answers (ccc 2020-02-10), one file per concern under actions/.
// Handlers run after authentication, quota and the caller's standing.

export type { ActionContext, ActionHandler } from './action-context';

/** A Map, not an object: "constructor" or "__proto__" must be InvalidAction like any other name. */
export const TCCC_ACTIONS: ReadonlyMap<string, ActionHandler> = new Map<string, ActionHandler>([
  ...LOGIN_TOKEN_ACTIONS,
  ...STAFF_ACTIONS,
  ...SKILL_GROUP_ACTIONS,
  ...LICENCE_ACTIONS,
  ...STATUS_ACTIONS,
  ...MEMBER_ACTIONS,
]);

export const TCCC_VERSION = '2020-02-10';
