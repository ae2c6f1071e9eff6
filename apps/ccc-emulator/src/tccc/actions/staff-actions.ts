import { existingStaff, ownedApp, type ActionContext, type ActionEntries } from '../action-context';
import {
  arrayParam,
  integerParam,
  optionalBooleanParam,
  optionalIntegerListParam,
  optionalIntegerParam,
  optionalStringParam,
  rejectUnknown,
  stringListParam,
  stringParam,
} from '../request-params';
import { TcccError } from '../tccc-errors';
import { checkExtension, checkPhone, parseForwarding, parseSeatUserInfo, staffInfo } from './staff-fields';
import type { EmulatorSeedStaff } from '../../seed/emulator-seed';
import type { AppView, StaffPatch } from '../../state/directory';

// Seat accounts: DescribeStaffInfoList, CreateStaff, ModifyStaff and DeleteStaff.

function describeStaffInfoList(ctx: ActionContext): Record<string, unknown> {
  const { params } = ctx;
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
  let staff = ownedApp(ctx, sdkAppId).staff;
  if (staffMail !== undefined && staffMail !== '')
    staff = staff.filter((member) => member.mail === staffMail);
  if (modifiedTime !== undefined)
    staff = staff.filter((member) => member.lastModifyTimestamp >= modifiedTime);
  if (skillGroupId !== undefined) {
    staff = staff.filter((member) =>
      member.skillGroupBindings.some((binding) => binding.skillGroupId === skillGroupId),
    );
  }
  const page = staff.slice(pageNumber * pageSize, (pageNumber + 1) * pageSize);
  return { TotalCount: staff.length, StaffList: page.map(staffInfo) };
}

interface StaffFailure {
  StaffEmail: string;
  Code: string;
  Message: string;
}

/** Why one SeatUserInfo cannot be created, or null. `phones` holds the phones taken so far. */
function refusalOf(
  app: AppView,
  member: EmulatorSeedStaff,
  phones: Map<string, string>,
): StaffFailure | null {
  const refuse = (Code: string, Message: string): StaffFailure => ({
    StaffEmail: member.mail,
    Code,
    Message,
  });
  if (app.staff.some((existing) => existing.mail === member.mail))
    return refuse('FailedOperation.DuplicatedAccount', 'account already exists');
  // Unconfirmed: what TCCC does with a SkillGroupNameList entry naming no group. The emulator
  // refuses that seat (listed here, the others still created) rather than creating the group,
  // so that a misspelt default group fails in tests as it would be expected to fail in TCCC.
  const unknownGroup = (member.skillGroups ?? []).find(
    (entry) => typeof entry === 'string' && !app.skillGroups.some((group) => group.name === entry),
  );
  if (unknownGroup !== undefined)
    return refuse(
      'InvalidParameterValue.SkillGroupError',
      `skill group "${String(unknownGroup)}" does not exist`,
    );
  const owner = member.phone === undefined || member.phone === '' ? undefined : phones.get(member.phone);
  if (owner !== undefined)
    return refuse('InvalidParameterValue.PhoneNumIsBoundOtherAccount', `phone is bound to ${owner}`);
  return null;
}

function phonesOf(app: AppView): Map<string, string> {
  return new Map(app.staff.filter((staff) => staff.phone !== '').map((staff) => [staff.phone, staff.mail]));
}

function createStaff(ctx: ActionContext): Record<string, unknown> {
  const { state, params } = ctx;
  rejectUnknown(params, ['SdkAppId', 'Staffs', 'SendPassword']);
  const sdkAppId = integerParam(params, 'SdkAppId');
  const items = arrayParam(params, 'Staffs');
  optionalBooleanParam(params, 'SendPassword');
  if (items.length === 0 || items.length > 10)
    throw new TcccError('InvalidParameterValue', 'Staffs must hold 1 to 10 staff.');
  const staff = items.map(parseSeatUserInfo);
  const app = ownedApp(ctx, sdkAppId, { needsPackage: true });
  if (new Set(staff.map((member) => member.mail)).size !== staff.length) {
    throw new TcccError(
      'FailedOperation.DuplicatedAccount',
      'The same mail appears more than once in Staffs.',
    );
  }
  // Unconfirmed: whether TCCC fails the whole call or lists existing accounts in ErrorStaffList.
  // The emulator creates the new ones and lists the refused ones, which the response shape implies.
  const phones = phonesOf(app);
  const failed: StaffFailure[] = [];
  const accepted: EmulatorSeedStaff[] = [];
  for (const member of staff) {
    const refusal = refusalOf(app, member, phones);
    if (refusal !== null) failed.push(refusal);
    else {
      accepted.push(member);
      if (member.phone !== undefined && member.phone !== '') phones.set(member.phone, member.mail);
    }
  }
  // Unconfirmed: the sub-code for "no seat licence left" (LimitExceeded.InsufficientLicense is
  // documented for ModifyStaff only); the emulator answers plain LimitExceeded, as the issue asks.
  const seatsLeft = state.directory.seatsLeft(sdkAppId);
  if (seatsLeft !== null && accepted.length > seatsLeft) {
    throw new TcccError(
      'LimitExceeded',
      `The number of seats of this SdkAppId would exceed its limit (${seatsLeft} left, ${accepted.length} asked).`,
    );
  }
  for (const member of accepted) state.directory.createStaff(sdkAppId, member);
  return { ErrorStaffList: failed };
}

function modifyStaff(ctx: ActionContext): Record<string, unknown> {
  const { state, params } = ctx;
  rejectUnknown(params, [
    'SdkAppId',
    'Email',
    'Name',
    'Phone',
    'Nick',
    'StaffNo',
    'SkillGroupIds',
    'UseMobileCallOut',
    'UseMobileAccept',
    'ExtensionNumber',
    'ForwardingConfig',
  ]);
  const sdkAppId = integerParam(params, 'SdkAppId');
  const mail = stringParam(params, 'Email');
  const patch: StaffPatch = {};
  const name = optionalStringParam(params, 'Name');
  const phone = checkPhone(optionalStringParam(params, 'Phone'), 'Phone');
  const nick = optionalStringParam(params, 'Nick');
  const staffNumber = optionalStringParam(params, 'StaffNo');
  const skillGroupIds = optionalIntegerListParam(params, 'SkillGroupIds');
  const useMobileCallOut = optionalBooleanParam(params, 'UseMobileCallOut');
  const useMobileAccept = optionalIntegerParam(params, 'UseMobileAccept');
  const extensionNumber = checkExtension(optionalStringParam(params, 'ExtensionNumber'), 'ExtensionNumber');
  const forwarding = parseForwarding(params);
  if (useMobileAccept !== undefined && ![0, 1, 2].includes(useMobileAccept))
    throw new TcccError(
      'InvalidParameterValue',
      'UseMobileAccept must be 0 (off), 1 (when offline) or 2 (always).',
    );
  const app = ownedApp(ctx, sdkAppId);
  existingStaff(ctx, sdkAppId, mail);
  const owner = phone === undefined || phone === '' ? undefined : phonesOf(app).get(phone);
  if (owner !== undefined && owner !== mail) {
    throw new TcccError(
      'InvalidParameterValue.PhoneNumIsBoundOtherAccount',
      `The phone is bound to ${owner}.`,
    );
  }
  const missing = (skillGroupIds ?? []).find(
    (id) => !app.skillGroups.some((group) => group.skillGroupId === id),
  );
  if (missing !== undefined)
    throw new TcccError('InvalidParameterValue.SkillGroupError', `Skill group ${missing} does not exist.`);
  // Unconfirmed: when TCCC answers InsufficientLicense to ModifyStaff. The emulator answers it
  // while the app holds more seats than its licences still valid cover (after some expired).
  const licences = state.directory.licencesOf(sdkAppId);
  if (app.licences.length > 0 && app.staff.length > licences.seats) {
    throw new TcccError(
      'LimitExceeded.InsufficientLicense',
      `SdkAppId ${sdkAppId} has ${app.staff.length} seats and ${licences.seats} valid licences.`,
    );
  }
  if (name !== undefined) patch.name = name;
  if (phone !== undefined) patch.phone = phone;
  if (nick !== undefined) patch.nick = nick;
  if (staffNumber !== undefined) patch.staffNumber = staffNumber;
  if (skillGroupIds !== undefined) patch.skillGroupIds = skillGroupIds;
  if (useMobileCallOut !== undefined) patch.useMobileCallOut = useMobileCallOut;
  if (useMobileAccept !== undefined) patch.useMobileAccept = useMobileAccept;
  if (extensionNumber !== undefined) patch.extensionNumber = extensionNumber;
  if (forwarding !== undefined) patch.forwarding = forwarding;
  state.directory.modifyStaff(sdkAppId, mail, patch);
  return {};
}

function deleteStaff(ctx: ActionContext): Record<string, unknown> {
  const { state, params } = ctx;
  rejectUnknown(params, ['SdkAppId', 'StaffList']);
  const sdkAppId = integerParam(params, 'SdkAppId');
  const mails = stringListParam(params, 'StaffList');
  if (mails.length === 0 || mails.length > 200)
    throw new TcccError('InvalidParameterValue', 'StaffList must hold 1 to 200 mails.');
  ownedApp(ctx, sdkAppId);
  const outcome = state.directory.deleteStaffViaApi(sdkAppId, mails);
  for (const mail of outcome.deleted) state.presence.forget(sdkAppId, mail);
  return {
    OnlineStaffList: outcome.online,
    // Unconfirmed: the format of DeleteStatusInfo ("坐席删除详情", a string). The emulator sends
    // JSON naming the deleted, online (kept) and unknown (skipped) mails.
    DeleteStatusInfo: JSON.stringify({
      Deleted: outcome.deleted,
      Online: outcome.online,
      NotExist: outcome.unknown,
    }),
  };
}

export const STAFF_ACTIONS: ActionEntries = [
  ['DescribeStaffInfoList', describeStaffInfoList],
  ['CreateStaff', createStaff],
  ['ModifyStaff', modifyStaff],
  ['DeleteStaff', deleteStaff],
];
