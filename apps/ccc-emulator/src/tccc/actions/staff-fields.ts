import {
  integerParam,
  objectParam,
  optionalBooleanParam,
  optionalIntegerParam,
  optionalObjectParam,
  optionalStringListParam,
  optionalStringParam,
  rejectUnknown,
  stringParam,
  type Params,
} from '../request-params';
import { TcccError } from '../tccc-errors';
import type { EmulatorSeedStaff } from '../../seed/emulator-seed';
import type { ForwardingView, StaffView } from '../../state/directory';

// The staff fields shared by CreateStaff, ModifyStaff and DescribeStaffInfoList: their checks (as
// ccc_models documents them) and the StaffInfo answer shape.

const MAIL = /^[^\s@]+@[^\s@]+$/;
// The documentation: "座席电话号码（带0086前缀）", example 008618011111111. Unconfirmed: what TCCC accepts
// beyond mainland mobile numbers; the emulator requires 0086 and an 11-digit mobile number.
const PHONE = /^00861\d{10}$/;
// The documentation: "座席分机号（1 到 8 打头，4 - 6 位）", 4 to 6 digits starting with 1 to 8.
const EXTENSION = /^[1-8]\d{3,5}$/;

function invalidValue(message: string): TcccError {
  return new TcccError('InvalidParameterValue', message);
}

export function checkMail(mail: string, name: string): string {
  if (!MAIL.test(mail)) throw invalidValue(`${name} is not a valid mail address.`);
  return mail;
}

/** An empty string clears the phone; anything else must be 0086 + a mobile number. */
export function checkPhone(phone: string | undefined, name: string): string | undefined {
  if (phone === undefined || phone === '') return phone;
  if (!PHONE.test(phone)) throw invalidValue(`${name} must be 0086 followed by an 11-digit mobile number.`);
  return phone;
}

export function checkExtension(extension: string | undefined, name: string): string | undefined {
  if (extension === undefined || extension === '') return extension;
  if (!EXTENSION.test(extension)) throw invalidValue(`${name} must be 4 to 6 digits starting with 1 to 8.`);
  return extension;
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

/** One SeatUserInfo of CreateStaff. */
export function parseSeatUserInfo(value: unknown, index: number): EmulatorSeedStaff {
  const prefix = `Staffs.${index}.`;
  const item = objectParam(value, `Staffs.${index}`);
  rejectUnknown(item, STAFF_ITEM_KEYS, prefix);
  const staff: EmulatorSeedStaff = {
    mail: checkMail(stringParam(item, 'Mail', prefix), `${prefix}Mail`),
    name: stringParam(item, 'Name', prefix),
    staffNumber: stringParam(item, 'StaffNumber', prefix),
  };
  const phone = checkPhone(optionalStringParam(item, 'Phone', prefix), `${prefix}Phone`);
  const nick = optionalStringParam(item, 'Nick', prefix);
  const userId = optionalStringParam(item, 'UserId', prefix);
  const skillGroups = optionalStringListParam(item, 'SkillGroupNameList', prefix);
  const role = optionalIntegerParam(item, 'Role', prefix);
  const extensionNumber = checkExtension(
    optionalStringParam(item, 'ExtensionNumber', prefix),
    `${prefix}ExtensionNumber`,
  );
  // Role: 1 admin, 2 quality inspector, 3 agent, any other id a custom role.
  if (role !== undefined && role < 1)
    throw invalidValue(`${prefix}Role must be a role id (1, 2, 3 or a custom role).`);
  if (phone !== undefined) staff.phone = phone;
  if (nick !== undefined) staff.nick = nick;
  if (userId !== undefined) staff.userId = userId;
  if (skillGroups !== undefined) staff.skillGroups = skillGroups;
  if (role !== undefined) staff.roles = [role];
  if (extensionNumber !== undefined) staff.extensionNumber = extensionNumber;
  return staff;
}

/** ModifyStaff's ForwardingConfig {Enabled, Condition 1|2, Target{Type 1 staff|2 group|3 extension, ...}}. */
export function parseForwarding(params: Params): ForwardingView | undefined {
  const config = optionalObjectParam(params, 'ForwardingConfig');
  if (config === undefined) return undefined;
  rejectUnknown(config, ['Enabled', 'Condition', 'Target'], 'ForwardingConfig.');
  const condition = optionalIntegerParam(config, 'Condition', 'ForwardingConfig.') ?? 1;
  if (condition !== 1 && condition !== 2)
    throw invalidValue('ForwardingConfig.Condition must be 1 (unconditional) or 2 (conditional).');
  const forwarding: ForwardingView = {
    enabled: optionalBooleanParam(config, 'Enabled', 'ForwardingConfig.') ?? false,
    condition,
    target: { type: 0, staffUserId: '', skillGroupId: 0, extension: '' },
  };
  const target = optionalObjectParam(config, 'Target', 'ForwardingConfig.');
  if (target !== undefined) {
    const prefix = 'ForwardingConfig.Target.';
    rejectUnknown(target, ['Type', 'StaffUserId', 'SkillGroupId', 'Extension'], prefix);
    const type = integerParam(target, 'Type', prefix);
    if (type < 1 || type > 3)
      throw invalidValue(`${prefix}Type must be 1 (staff), 2 (skill group) or 3 (extension).`);
    forwarding.target = {
      type,
      staffUserId: optionalStringParam(target, 'StaffUserId', prefix) ?? '',
      skillGroupId: optionalIntegerParam(target, 'SkillGroupId', prefix) ?? 0,
      extension: optionalStringParam(target, 'Extension', prefix) ?? '',
    };
  }
  if (forwarding.enabled && forwarding.target.type === 0)
    throw invalidValue('ForwardingConfig.Target is required when forwarding is enabled.');
  return forwarding;
}

/** StaffInfo of DescribeStaffInfoList. */
export function staffInfo(staff: StaffView): Record<string, unknown> {
  const info: Record<string, unknown> = {
    Name: staff.name,
    Mail: staff.mail,
    Phone: staff.phone,
    Nick: staff.nick,
    StaffNumber: staff.staffNumber,
    // Deprecated, still answered. tencentcloud-sdk-nodejs types RoleIdList as a number, not a
    // list; the emulator follows the SDK (unconfirmed what TCCC sends) and gives the first role.
    RoleId: staff.roles[0] ?? 0,
    RoleIdList: staff.roles[0] ?? 0,
    RoleList: [...staff.roles],
    SkillGroupList: staff.skillGroupBindings.map((binding) => ({
      SkillGroupId: binding.skillGroupId,
      SkillGroupName: binding.name,
      Priority: binding.priority,
      // Deprecated field (IM / TEL / ALL); the emulator answers ALL. Unconfirmed.
      Type: 'ALL',
    })),
    LastModifyTimestamp: staff.lastModifyTimestamp,
    ExtensionNumber: staff.extensionNumber,
  };
  // "May return null": a seat without a forwarding rule has none.
  if (staff.forwarding !== null) {
    const { target } = staff.forwarding;
    info['ForwardingConfig'] = {
      Enabled: staff.forwarding.enabled,
      Condition: staff.forwarding.condition,
      Target: {
        Type: target.type,
        StaffUserId: target.staffUserId,
        SkillGroupId: target.skillGroupId,
        Extension: target.extension,
      },
    };
  }
  return info;
}
