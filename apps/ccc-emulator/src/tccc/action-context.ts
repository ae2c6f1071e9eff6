import type { Params } from './request-params';
import { TcccError } from './tccc-errors';
import type { AppView, StaffView } from '../state/directory';
import type { EmulatorState } from '../state/emulator-state';

// What every action handler receives, and the guards most of them start with. Handlers run after
// authentication, quota and the caller's standing (caller-standing.ts); they return the Response
// fields minus RequestId.

export interface ActionContext {
  state: EmulatorState;
  /** The authenticated caller. */
  secretId: string;
  params: Params;
  sdkUrlFor(token: string): string;
}

export type ActionHandler = (ctx: ActionContext) => Record<string, unknown>;

/** One file per concern exports its actions as entries; tccc-actions.ts joins them. */
export type ActionEntries = ReadonlyArray<readonly [string, ActionHandler]>;

export function instanceNotExist(sdkAppId: number): TcccError {
  return new TcccError('InvalidParameterValue.InstanceNotExist', `SdkAppId ${sdkAppId} does not exist.`);
}

/**
 * The caller's app, or the error TCCC gives:
 * - not there, or another account's: InvalidParameterValue.InstanceNotExist (never a permission error);
 * - condition "released": InvalidParameter.InstanceNotExist. Unconfirmed: which state TCCC
 *   answers this code for; the emulator uses it for an app that existed and was released;
 * - condition "dbError": InternalError.DBError (TCCC's own database failing for this app);
 * - `needsPackage` and every licence bought has ended: LimitExceeded.BasePackageExpired.
 *   Unconfirmed: which actions TCCC refuses then; the emulator refuses those that need seats
 *   (CreateSDKLoginToken, CreateStaff).
 */
export function ownedApp(
  ctx: ActionContext,
  sdkAppId: number,
  options: { needsPackage?: boolean } = {},
): AppView {
  const app = ctx.state.directory.appOf(ctx.secretId, sdkAppId);
  if (app === undefined) throw instanceNotExist(sdkAppId);
  if (app.condition === 'released')
    throw new TcccError('InvalidParameter.InstanceNotExist', `SdkAppId ${sdkAppId} has been released.`);
  if (app.condition === 'dbError')
    throw new TcccError('InternalError.DBError', 'Internal database access failed (emulated app condition).');
  if (options.needsPackage === true && ctx.state.directory.licencesOf(sdkAppId).expired) {
    throw new TcccError(
      'LimitExceeded.BasePackageExpired',
      `The base package of SdkAppId ${sdkAppId} has expired: every seat licence has ended.`,
    );
  }
  return app;
}

export function existingStaff(ctx: ActionContext, sdkAppId: number, mail: string): StaffView {
  const staff = ctx.state.directory.staffOf(sdkAppId, mail);
  if (staff === undefined)
    throw new TcccError('InvalidParameterValue.AccountNotExist', `Seat account ${mail} does not exist.`);
  return staff;
}
