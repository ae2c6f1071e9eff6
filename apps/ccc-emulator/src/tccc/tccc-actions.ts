import {
  arrayParam,
  integerParam,
  objectParam,
  optionalBooleanParam,
  optionalIntegerParam,
  optionalStringListParam,
  optionalStringParam,
  rejectUnknown,
  stringListParam,
  stringParam,
  type Params,
} from './request-params';
import { TcccError } from './tccc-errors';
import type { EmulatorSeedStaff } from '../seed/emulator-seed';
import type { StaffView } from '../state/directory';
import type { EmulatorState } from '../state/emulator-state';

// The four TCCC actions Seatgate uses, with the parameter and answer shapes of ccc 2020-02-10.
// Handlers run after authentication and quota; they return the Response fields minus RequestId.

export interface ActionContext {
  state: EmulatorState;
  /** The authenticated caller. */
  secretId: string;
  params: Params;
  sdkUrlFor(token: string): string;
}

export type ActionHandler = (ctx: ActionContext) => Record<string, unknown>;

const MAIL = /^[^\s@]+@[^\s@]+$/;

function instanceNotExist(sdkAppId: number): TcccError {
  return new TcccError('InvalidParameterValue.InstanceNotExist', `SdkAppId ${sdkAppId} does not exist.`);
}

function createSdkLoginToken({ state, secretId, params, sdkUrlFor }: ActionContext): Record<string, unknown> {
  rejectUnknown(params, ['SdkAppId', 'SeatUserId', 'OnlyOnce']);
  const sdkAppId = integerParam(params, 'SdkAppId');
  const seat = stringParam(params, 'SeatUserId');
  const onlyOnce = optionalBooleanParam(params, 'OnlyOnce') ?? false;
  if (!state.directory.ownsApp(secretId, sdkAppId)) throw instanceNotExist(sdkAppId);
  if (state.directory.staffOf(sdkAppId, seat) === undefined) {
    throw new TcccError('InvalidParameterValue.AccountNotExist', `Seat account ${seat} does not exist.`);
  }
  const record = state.tokens.issue({ secretId, sdkAppId, seat, onlyOnce, nowMs: state.clock.nowMs() });
  return {
    Token: record.token,
    ExpiredTime: Math.floor(record.expiresAtMs / 1000),
    SdkURL: sdkUrlFor(record.token),
  };
}

function staffInfo(state: EmulatorState, sdkAppId: number, staff: StaffView): Record<string, unknown> {
  return {
    Name: staff.name,
    Mail: staff.mail,
    Phone: staff.phone,
    Nick: staff.nick,
    StaffNumber: staff.staffNumber,
    RoleList: [...staff.roles],
    SkillGroupList: state.directory.skillGroupsOf(sdkAppId, staff.skillGroups).map((group) => ({
      SkillGroupId: group.id,
      SkillGroupName: group.name,
      Priority: 1,
      Type: 'ALL',
    })),
    LastModifyTimestamp: staff.lastModifyTimestamp,
    ExtensionNumber: staff.extensionNumber,
  };
}

function describeStaffInfoList({ state, secretId, params }: ActionContext): Record<string, unknown> {
  rejectUnknown(params, ['SdkAppId', 'PageSize', 'PageNumber', 'StaffMail', 'ModifiedTime', 'SkillGroupId']);
  const sdkAppId = integerParam(params, 'SdkAppId');
  const pageSize = integerParam(params, 'PageSize');
  const pageNumber = integerParam(params, 'PageNumber');
  const staffMail = optionalStringParam(params, 'StaffMail');
  const modifiedTime = optionalIntegerParam(params, 'ModifiedTime');
  const skillGroupId = optionalIntegerParam(params, 'SkillGroupId');
  if (pageSize < 1 || pageSize > 9999)
    throw new TcccError('InvalidParameterValue', 'PageSize must be between 1 and 9999.');
  if (pageNumber < 0) throw new TcccError('InvalidParameterValue', 'PageNumber must be 0 or greater.');
  const app = state.directory.appOf(secretId, sdkAppId);
  if (app === undefined) throw instanceNotExist(sdkAppId);
  let staff = app.staff;
  if (staffMail !== undefined && staffMail !== '')
    staff = staff.filter((member) => member.mail === staffMail);
  if (modifiedTime !== undefined)
    staff = staff.filter((member) => member.lastModifyTimestamp >= modifiedTime);
  if (skillGroupId !== undefined) {
    staff = staff.filter((member) =>
      state.directory.skillGroupsOf(sdkAppId, member.skillGroups).some((group) => group.id === skillGroupId),
    );
  }
  const page = staff.slice(pageNumber * pageSize, (pageNumber + 1) * pageSize);
  return { TotalCount: staff.length, StaffList: page.map((member) => staffInfo(state, sdkAppId, member)) };
}

const STAFF_ITEM_KEYS = [
  'Name',
  'Mail',
  'StaffNumber',
  'Phone',
  'Nick',
  'UserId',
  'SkillGroupNameList',
  'Role',
  'ExtensionNumber',
];

function parseStaffItem(value: unknown, index: number): EmulatorSeedStaff {
  const prefix = `Staffs.${index}.`;
  const item = objectParam(value, `Staffs.${index}`);
  rejectUnknown(item, STAFF_ITEM_KEYS, prefix);
  const mail = stringParam(item, 'Mail', prefix);
  if (!MAIL.test(mail))
    throw new TcccError('InvalidParameterValue', `${prefix}Mail is not a valid mail address.`);
  const staff: EmulatorSeedStaff = {
    mail,
    name: stringParam(item, 'Name', prefix),
    staffNumber: stringParam(item, 'StaffNumber', prefix),
  };
  const phone = optionalStringParam(item, 'Phone', prefix);
  const nick = optionalStringParam(item, 'Nick', prefix);
  optionalStringParam(item, 'UserId', prefix);
  const skillGroups = optionalStringListParam(item, 'SkillGroupNameList', prefix);
  const role = optionalIntegerParam(item, 'Role', prefix);
  const extensionNumber = optionalStringParam(item, 'ExtensionNumber', prefix);
  if (phone !== undefined) staff.phone = phone;
  if (nick !== undefined) staff.nick = nick;
  if (skillGroups !== undefined) staff.skillGroups = skillGroups;
  if (role !== undefined) staff.roles = [role];
  if (extensionNumber !== undefined) staff.extensionNumber = extensionNumber;
  return staff;
}

function createStaff({ state, secretId, params }: ActionContext): Record<string, unknown> {
  rejectUnknown(params, ['SdkAppId', 'Staffs', 'SendPassword']);
  const sdkAppId = integerParam(params, 'SdkAppId');
  const items = arrayParam(params, 'Staffs');
  optionalBooleanParam(params, 'SendPassword');
  if (items.length === 0 || items.length > 10)
    throw new TcccError('InvalidParameterValue', 'Staffs must hold 1 to 10 staff.');
  const staff = items.map(parseStaffItem);
  if (!state.directory.ownsApp(secretId, sdkAppId)) throw instanceNotExist(sdkAppId);
  const mails = new Set(staff.map((member) => member.mail));
  if (mails.size !== staff.length) {
    throw new TcccError(
      'FailedOperation.DuplicatedAccount',
      'The same mail appears more than once in Staffs.',
    );
  }
  // Unconfirmed: whether TCCC fails the whole call or lists existing accounts in ErrorStaffList.
  // The emulator creates the new ones and lists the existing ones, which the response shape implies.
  const result = state.directory.createStaffViaApi(sdkAppId, staff);
  if (result.limitExceeded)
    throw new TcccError('LimitExceeded', 'The number of seats of this SdkAppId would exceed its limit.');
  return {
    ErrorStaffList: result.failed.map((failure) => ({
      StaffEmail: failure.mail,
      Code: failure.code,
      Message: failure.message,
    })),
  };
}

function deleteStaff({ state, secretId, params }: ActionContext): Record<string, unknown> {
  rejectUnknown(params, ['SdkAppId', 'StaffList']);
  const sdkAppId = integerParam(params, 'SdkAppId');
  const mails = stringListParam(params, 'StaffList');
  if (mails.length === 0 || mails.length > 200)
    throw new TcccError('InvalidParameterValue', 'StaffList must hold 1 to 200 mails.');
  if (!state.directory.ownsApp(secretId, sdkAppId)) throw instanceNotExist(sdkAppId);
  const { online } = state.directory.deleteStaffViaApi(sdkAppId, mails);
  return { OnlineStaffList: online };
}

/** A Map, not an object: "constructor" or "__proto__" must be InvalidAction like any other name. */
export const TCCC_ACTIONS: ReadonlyMap<string, ActionHandler> = new Map<string, ActionHandler>([
  ['CreateSDKLoginToken', createSdkLoginToken],
  ['DescribeStaffInfoList', describeStaffInfoList],
  ['CreateStaff', createStaff],
  ['DeleteStaff', deleteStaff],
]);

export const TCCC_VERSION = '2020-02-10';
