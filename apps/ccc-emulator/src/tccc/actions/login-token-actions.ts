import { existingStaff, ownedApp, type ActionContext, type ActionEntries } from '../action-context';
import { integerParam, optionalBooleanParam, rejectUnknown, stringParam } from '../request-params';
import { TcccError } from '../tccc-errors';

// CreateSDKLoginToken: the token and the SdkURL of the agent workstation.

function createSdkLoginToken(ctx: ActionContext): Record<string, unknown> {
  const { state, secretId, params, sdkUrlFor } = ctx;
  rejectUnknown(params, ['SdkAppId', 'SeatUserId', 'OnlyOnce']);
  const sdkAppId = integerParam(params, 'SdkAppId');
  const seat = stringParam(params, 'SeatUserId');
  const onlyOnce = optionalBooleanParam(params, 'OnlyOnce') ?? false;
  ownedApp(ctx, sdkAppId, { needsPackage: true });
  existingStaff(ctx, sdkAppId, seat);
  // Unconfirmed: whether TCCC lets a member forced offline log in before RestoreMemberOnline, and
  // with which code it refuses. The emulator refuses with FailedOperation until the restore.
  if (state.presence.isForcedOffline(sdkAppId, seat)) {
    throw new TcccError(
      'FailedOperation',
      `Seat ${seat} was forced offline (ForceMemberOffline); call RestoreMemberOnline first.`,
    );
  }
  const record = state.tokens.issue({ secretId, sdkAppId, seat, onlyOnce, nowMs: state.clock.nowMs() });
  return {
    Token: record.token,
    ExpiredTime: Math.floor(record.expiresAtMs / 1000),
    SdkURL: sdkUrlFor(record.token),
  };
}

export const LOGIN_TOKEN_ACTIONS: ActionEntries = [['CreateSDKLoginToken', createSdkLoginToken]];
