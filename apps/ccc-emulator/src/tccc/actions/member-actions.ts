import { existingStaff, ownedApp, type ActionContext, type ActionEntries } from '../action-context';
import { integerParam, rejectUnknown, stringParam } from '../request-params';

// Signing a seat out and letting it back: ForceMemberOffline and RestoreMemberOnline (UserId is
// the seat's mail). While forced offline, CreateSDKLoginToken refuses the seat, its earlier tokens
// no longer verify and its open workstations are told (the emulated `kickedOut` event) and closed.

function memberOf(ctx: ActionContext): { sdkAppId: number; mail: string } {
  rejectUnknown(ctx.params, ['SdkAppId', 'UserId']);
  const sdkAppId = integerParam(ctx.params, 'SdkAppId');
  const mail = stringParam(ctx.params, 'UserId');
  ownedApp(ctx, sdkAppId);
  existingStaff(ctx, sdkAppId, mail);
  return { sdkAppId, mail };
}

function forceMemberOffline(ctx: ActionContext): Record<string, unknown> {
  const { sdkAppId, mail } = memberOf(ctx);
  ctx.state.tokens.revokeSeat(sdkAppId, mail);
  ctx.state.presence.forceOffline(sdkAppId, mail);
  return {};
}

function restoreMemberOnline(ctx: ActionContext): Record<string, unknown> {
  const { sdkAppId, mail } = memberOf(ctx);
  // Restoring lets the seat log in again; it does not put it back online by itself.
  ctx.state.presence.restore(sdkAppId, mail);
  return {};
}

export const MEMBER_ACTIONS: ActionEntries = [
  ['ForceMemberOffline', forceMemberOffline],
  ['RestoreMemberOnline', restoreMemberOnline],
];
