import { TcccError } from './tccc-errors';
import type { EmulatorState } from '../state/emulator-state';

// The refusals that depend on who calls, not on what is asked, checked after the quota and
// before any parameter is read:
// - a CAM sub-account key without permission for the action: AuthFailure.UnauthorizedOperation
//   (the credentials are valid; they lack this one permission). CAM decides before the service
//   sees the call, so it comes first;
// - a disabled Tencent Cloud account (for example in arrears): OperationDenied.UinDisabled.
//   Unconfirmed: TCCC documents this code for CreateSDKLoginToken; the emulator answers it to
//   every action, since a disabled account can use none.

export function callerRefusal(state: EmulatorState, secretId: string, action: string): TcccError | null {
  const standing = state.directory.standingOf(secretId);
  if (standing === undefined) return null;
  if (standing.deniedActions.has(action) || standing.deniedActions.has('*')) {
    return new TcccError(
      'AuthFailure.UnauthorizedOperation',
      `The request is not authorized: this key lacks the CAM permission ccc:${action}.`,
    );
  }
  if (standing.disabled)
    return new TcccError('OperationDenied.UinDisabled', 'The Tencent Cloud account is disabled.');
  return null;
}
