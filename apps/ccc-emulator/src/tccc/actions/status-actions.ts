import { existingStaff, ownedApp, type ActionContext, type ActionEntries } from '../action-context';
import {
  arrayParam,
  integerParam,
  objectParam,
  optionalIntegerListParam,
  optionalIntegerParam,
  optionalStringListParam,
  optionalStringParam,
  rejectUnknown,
  stringParam,
} from '../request-params';
import { TcccError } from '../tccc-errors';
import { STAFF_STATUSES } from '../../state/presence';

// Agent status: DescribeStaffStatusMetrics, SetStaffStatus and DescribeStaffStatusHistory.
// Statuses come from the agent script, SetStaffStatus, ForceMemberOffline and the admin API,
// all through state.presence, which keeps the history these actions read.

const DAY = 86_400;
/** What SetStaffStatus may set: free, notReady (示忙) and rest (小休). */
const SETTABLE = ['free', 'notReady', 'rest'];

function describeStaffStatusMetrics(ctx: ActionContext): Record<string, unknown> {
  const { state, params } = ctx;
  rejectUnknown(params, ['SdkAppId', 'StaffList', 'GroupIdList', 'StatusList']);
  const sdkAppId = integerParam(params, 'SdkAppId');
  const mails = optionalStringListParam(params, 'StaffList');
  const groups = optionalIntegerListParam(params, 'GroupIdList');
  const statuses = optionalStringListParam(params, 'StatusList');
  const unknownStatus = (statuses ?? []).find(
    (status) => !(STAFF_STATUSES as readonly string[]).includes(status),
  );
  if (unknownStatus !== undefined)
    throw new TcccError('InvalidParameterValue', `StatusList has an unknown status "${unknownStatus}".`);
  let staff = ownedApp(ctx, sdkAppId).staff;
  // Empty lists filter nothing, as absent ones.
  if (mails !== undefined && mails.length > 0) staff = staff.filter((member) => mails.includes(member.mail));
  if (groups !== undefined && groups.length > 0)
    staff = staff.filter((member) =>
      member.skillGroupBindings.some((binding) => groups.includes(binding.skillGroupId)),
    );
  if (statuses !== undefined && statuses.length > 0)
    staff = staff.filter((member) => statuses.includes(member.status));
  return {
    Metrics: staff.map((member) => {
      const summary = state.presence.summary(sdkAppId, member.mail);
      const duration = (status: string): number => summary.durations[status] ?? 0;
      return {
        Email: member.mail,
        Status: member.status,
        // Unconfirmed: the emulator has no calls in progress, so no media type or direction.
        StatusExtra: { Type: '', Direct: '' },
        OnlineDuration: duration('online'),
        FreeDuration: duration('free'),
        BusyDuration: duration('busy'),
        NotReadyDuration: duration('notReady'),
        RestDuration: duration('rest'),
        AfterCallWorkDuration: duration('afterCallWork'),
        Reason: member.status === 'rest' ? summary.reason : '',
        ReserveRest: false,
        ReserveNotReady: false,
        UseMobileAccept: member.useMobileAccept,
        UseMobileCallOut: member.useMobileCallOut,
        LastOnlineTimestamp: summary.lastOnlineTimestamp,
        LastStatusTimestamp: summary.lastStatusTimestamp,
        ClientInfo: state.presence
          .clientsOf(sdkAppId, member.mail)
          .map((client) => ({ ClientType: client.clientType, IsConnected: client.isConnected })),
      };
    }),
  };
}

function setStaffStatus(ctx: ActionContext): Record<string, unknown> {
  const { state, params } = ctx;
  rejectUnknown(params, ['SdkAppId', 'StaffStatusList']);
  const sdkAppId = integerParam(params, 'SdkAppId');
  const items = arrayParam(params, 'StaffStatusList').map((value, index) => {
    const prefix = `StaffStatusList.${index}.`;
    const item = objectParam(value, `StaffStatusList.${index}`);
    rejectUnknown(item, ['StaffUserId', 'Status', 'Reason'], prefix);
    const status = stringParam(item, 'Status', prefix);
    if (!SETTABLE.includes(status))
      throw new TcccError('InvalidParameterValue', `${prefix}Status must be free, notReady or rest.`);
    return {
      mail: stringParam(item, 'StaffUserId', prefix),
      status,
      reason: optionalStringParam(item, 'Reason', prefix) ?? '',
    };
  });
  if (items.length === 0 || items.length > 10)
    throw new TcccError('InvalidParameterValue', 'StaffStatusList must hold 1 to 10 entries.');
  ownedApp(ctx, sdkAppId);
  return {
    StaffStatusList: items.map((item) => {
      const staff = state.directory.staffOf(sdkAppId, item.mail);
      const previous = { PreviousStatus: staff?.status ?? '', PreviousReason: '' };
      if (staff !== undefined && staff.status === 'rest')
        previous.PreviousReason = state.presence.summary(sdkAppId, item.mail).reason;
      const refuse = (ErrorCode: string, ErrorMessage: string): Record<string, unknown> => ({
        StaffUserId: item.mail,
        ErrorCode,
        ErrorMessage,
        Status: staff?.status ?? '',
        Reason: previous.PreviousReason,
        ...previous,
      });
      if (staff === undefined)
        return refuse('InvalidParameterValue.AccountNotExist', 'account does not exist');
      // Unconfirmed: TCCC's answer for a seat that is offline. The emulator refuses it per entry:
      // an administrator changes the status of a signed-in agent, it does not sign one in.
      if (staff.status === 'offline') return refuse('FailedOperation', 'the seat is offline');
      const reason = item.status === 'rest' ? item.reason : '';
      state.presence.changeStatus(sdkAppId, item.mail, item.status, { reason });
      return {
        StaffUserId: item.mail,
        ErrorCode: '',
        ErrorMessage: '',
        Status: item.status,
        Reason: reason,
        ...previous,
      };
    }),
  };
}

function describeStaffStatusHistory(ctx: ActionContext): Record<string, unknown> {
  const { state, params } = ctx;
  rejectUnknown(params, ['SdkAppId', 'StaffUserId', 'StartTimestamp', 'EndTimestamp', 'Cursor', 'PageSize']);
  const sdkAppId = integerParam(params, 'SdkAppId');
  const mail = stringParam(params, 'StaffUserId');
  const start = integerParam(params, 'StartTimestamp');
  const end = integerParam(params, 'EndTimestamp');
  const cursor = optionalStringParam(params, 'Cursor') ?? '';
  // Unconfirmed: TCCC's default and largest PageSize here; the emulator uses 100 and 1000.
  const pageSize = optionalIntegerParam(params, 'PageSize') ?? 100;
  const now = state.clock.nowSeconds();
  if (start < now - 180 * DAY)
    throw new TcccError('InvalidParameterValue', 'StartTimestamp may be at most 180 days in the past.');
  if (end < start)
    throw new TcccError('InvalidParameterValue', 'EndTimestamp must not be before StartTimestamp.');
  if (end - start >= 7 * DAY)
    throw new TcccError('InvalidParameterValue', 'EndTimestamp - StartTimestamp must be less than 7 days.');
  if (pageSize < 1 || pageSize > 1000)
    throw new TcccError('InvalidParameterValue', 'PageSize must be between 1 and 1000.');
  if (cursor !== '' && !/^\d{1,15}$/.test(cursor))
    throw new TcccError('InvalidParameterValue', 'Cursor is not valid.');
  ownedApp(ctx, sdkAppId);
  const staff = existingStaff(ctx, sdkAppId, mail);
  const entries = state.presence.history(sdkAppId, mail, start, end, cursor === '' ? 0 : Number(cursor));
  return {
    Data: entries.slice(0, pageSize).map((entry) => ({
      Cursor: String(entry.seq),
      Timestamp: entry.timestamp,
      Status: entry.status,
      SessionId: entry.sessionId,
      Reason: entry.reason,
      StaffEmail: mail,
      StaffNo: staff.staffNumber,
    })),
  };
}

export const STATUS_ACTIONS: ActionEntries = [
  ['DescribeStaffStatusMetrics', describeStaffStatusMetrics],
  ['SetStaffStatus', setStaffStatus],
  ['DescribeStaffStatusHistory', describeStaffStatusHistory],
];
