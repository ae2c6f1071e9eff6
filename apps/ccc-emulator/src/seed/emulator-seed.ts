import {
  isJsonObject,
  readObject,
  readOptionalArray,
  readOptionalBoolean,
  readOptionalEnum,
  readOptionalIntegerList,
  readOptionalSafeInteger,
  readOptionalString,
  readOptionalStringList,
  readSafeInteger,
  readString,
} from './json-reader';
import { EmulatorAdminError } from '../state/admin-errors';
import { STAFF_STATUSES } from '../state/presence';

// The seed format of issue 3: accounts (SecretId/SecretKey) → the SdkAppIds each owns → staff.
// Optional fields beyond the (phone, nick, roles, ...) are a strict superset; unknown
// fields are rejected so that a misspelt "staffNumbr" is an error, not silently ignored.

export interface EmulatorSeedStaff {
  mail: string;
  name?: string;
  staffNumber?: string;
  phone?: string;
  nick?: string;
  extensionNumber?: string;
  userId?: string;
  /** TCCC role ids: 1 admin, 2 quality inspector, 3 agent (default [3]). */
  roles?: number[];
  /** Group names (priority 3, TCCC's default) or {name, priority 1..5}; missing groups are created. */
  skillGroups?: Array<string | EmulatorSeedBinding>;
  /** One of STAFF_STATUSES; anything but "offline" counts as online (DeleteStaff refuses online staff). */
  status?: string;
}

export interface EmulatorSeedBinding {
  name: string;
  priority?: number;
}

export interface EmulatorSeedSkillGroup {
  name: string;
  /** 0 phone (default), 1 online, 3 audio, 4 video. */
  type?: number;
  maxConcurrency?: number;
}

export interface EmulatorSeedLicence {
  num: number;
  /** Unix seconds; default: when the seed is loaded. */
  buyTime?: number;
  /** Unix seconds. */
  endTime: number;
  sipNum?: number;
}

/**
 * What state an app is in, beyond existing: "released" answers InvalidParameter.InstanceNotExist
 * and "dbError" answers InternalError.DBError to every action naming it.
 */
export type AppCondition = 'active' | 'released' | 'dbError';
export const APP_CONDITIONS: readonly AppCondition[] = ['active', 'released', 'dbError'];

export interface EmulatorSeedApp {
  sdkAppId: number;
  /** DescribeCCCBuyInfoList's Name; default "app-<sdkAppId>". */
  name?: string;
  condition?: AppCondition;
  staff?: EmulatorSeedStaff[];
  /** Seat limit for CreateStaff (→ LimitExceeded). Unlimited when absent. */
  maxStaff?: number;
  /** Seat licences bought; when given, CreateStaff cannot go past the seats still valid. */
  licences?: EmulatorSeedLicence[];
  skillGroups?: EmulatorSeedSkillGroup[];
}

export interface EmulatorSeedAccount {
  secretId: string;
  secretKey: string;
  /** The Tencent Cloud account is disabled (e.g. in arrears): OperationDenied.UinDisabled. */
  disabled?: boolean;
  /** This key is a CAM sub-account key lacking permission for these actions: AuthFailure.UnauthorizedOperation. */
  deniedActions?: string[];
  apps?: EmulatorSeedApp[];
}

export interface EmulatorSeed {
  accounts: EmulatorSeedAccount[];
}

const STAFF_KEYS = [
  'mail',
  'name',
  'staffNumber',
  'phone',
  'nick',
  'extensionNumber',
  'userId',
  'roles',
  'skillGroups',
  'status',
] as const;
const APP_KEYS = ['sdkAppId', 'name', 'condition', 'staff', 'maxStaff', 'licences', 'skillGroups'] as const;
const ACCOUNT_KEYS = ['secretId', 'secretKey', 'disabled', 'deniedActions', 'apps'] as const;

function parseBinding(value: unknown, path: string): string | EmulatorSeedBinding {
  if (!isJsonObject(value)) {
    if (typeof value === 'string' && value !== '') return value;
    throw new EmulatorAdminError('invalid_request', `${path} must be a group name or {name, priority}`);
  }
  const obj = readObject(value, path, ['name', 'priority']);
  const binding: EmulatorSeedBinding = { name: readString(obj, 'name', path) };
  const priority = readOptionalSafeInteger(obj, 'priority', path);
  if (priority !== undefined) {
    if (priority < 1 || priority > 5)
      throw new EmulatorAdminError('invalid_request', `${path}.priority must be 1 to 5`);
    binding.priority = priority;
  }
  return binding;
}

function parseSkillGroup(value: unknown, path: string): EmulatorSeedSkillGroup {
  const obj = readObject(value, path, ['name', 'type', 'maxConcurrency']);
  const group: EmulatorSeedSkillGroup = { name: readString(obj, 'name', path) };
  const type = readOptionalSafeInteger(obj, 'type', path);
  const maxConcurrency = readOptionalSafeInteger(obj, 'maxConcurrency', path);
  if (type !== undefined) {
    if (![0, 1, 3, 4].includes(type))
      throw new EmulatorAdminError('invalid_request', `${path}.type must be 0, 1, 3 or 4`);
    group.type = type;
  }
  if (maxConcurrency !== undefined) group.maxConcurrency = maxConcurrency;
  return group;
}

export function parseSeedLicence(value: unknown, path: string): EmulatorSeedLicence {
  const obj = readObject(value, path, ['num', 'buyTime', 'endTime', 'sipNum']);
  const licence: EmulatorSeedLicence = {
    num: readSafeInteger(obj, 'num', path),
    endTime: readSafeInteger(obj, 'endTime', path),
  };
  const buyTime = readOptionalSafeInteger(obj, 'buyTime', path);
  const sipNum = readOptionalSafeInteger(obj, 'sipNum', path);
  if (buyTime !== undefined) licence.buyTime = buyTime;
  if (sipNum !== undefined) licence.sipNum = sipNum;
  return licence;
}

export function parseSeedLicences(value: unknown, path: string): EmulatorSeedLicence[] {
  if (!Array.isArray(value)) throw new EmulatorAdminError('invalid_request', `${path} must be an array`);
  return value.map((item, index) => parseSeedLicence(item, `${path}[${index}]`));
}

export function parseSeedStaff(value: unknown, path: string): EmulatorSeedStaff {
  const obj = readObject(value, path, STAFF_KEYS);
  const staff: EmulatorSeedStaff = { mail: readString(obj, 'mail', path) };
  const name = readOptionalString(obj, 'name', path);
  const staffNumber = readOptionalString(obj, 'staffNumber', path);
  const phone = readOptionalString(obj, 'phone', path);
  const nick = readOptionalString(obj, 'nick', path);
  const extensionNumber = readOptionalString(obj, 'extensionNumber', path);
  const userId = readOptionalString(obj, 'userId', path);
  const roles = readOptionalIntegerList(obj, 'roles', path);
  const skillGroups = readOptionalArray(obj, 'skillGroups', path)?.map((item, index) =>
    parseBinding(item, `${path}.skillGroups[${index}]`),
  );
  const status = readOptionalEnum(obj, 'status', path, STAFF_STATUSES);
  if (name !== undefined) staff.name = name;
  if (staffNumber !== undefined) staff.staffNumber = staffNumber;
  if (phone !== undefined) staff.phone = phone;
  if (nick !== undefined) staff.nick = nick;
  if (extensionNumber !== undefined) staff.extensionNumber = extensionNumber;
  if (userId !== undefined) staff.userId = userId;
  if (roles !== undefined) staff.roles = roles;
  if (skillGroups !== undefined) staff.skillGroups = skillGroups;
  if (status !== undefined) staff.status = status;
  return staff;
}

export function parseSeedApp(value: unknown, path: string): EmulatorSeedApp {
  const obj = readObject(value, path, APP_KEYS);
  const app: EmulatorSeedApp = { sdkAppId: readSafeInteger(obj, 'sdkAppId', path) };
  const staff = readOptionalArray(obj, 'staff', path);
  if (staff !== undefined) {
    app.staff = staff.map((item, index) => parseSeedStaff(item, `${path}.staff[${index}]`));
    const seen = new Set<string>();
    for (const member of app.staff) {
      if (seen.has(member.mail))
        throw new EmulatorAdminError('invalid_request', `${path}.staff lists ${member.mail} twice`);
      seen.add(member.mail);
    }
  }
  const maxStaff = readOptionalSafeInteger(obj, 'maxStaff', path);
  if (maxStaff !== undefined) app.maxStaff = maxStaff;
  const name = readOptionalString(obj, 'name', path);
  if (name !== undefined) app.name = name;
  const condition = readOptionalEnum(obj, 'condition', path, APP_CONDITIONS);
  if (condition !== undefined) app.condition = condition;
  if (obj['licences'] !== undefined) app.licences = parseSeedLicences(obj['licences'], `${path}.licences`);
  const skillGroups = readOptionalArray(obj, 'skillGroups', path);
  if (skillGroups !== undefined)
    app.skillGroups = skillGroups.map((item, index) =>
      parseSkillGroup(item, `${path}.skillGroups[${index}]`),
    );
  return app;
}

export function parseSeedAccount(value: unknown, path: string): EmulatorSeedAccount {
  const obj = readObject(value, path, ACCOUNT_KEYS);
  const account: EmulatorSeedAccount = {
    secretId: readString(obj, 'secretId', path),
    secretKey: readString(obj, 'secretKey', path),
  };
  const disabled = readOptionalBoolean(obj, 'disabled', path);
  const deniedActions = readOptionalStringList(obj, 'deniedActions', path);
  if (disabled !== undefined) account.disabled = disabled;
  if (deniedActions !== undefined) account.deniedActions = deniedActions;
  const apps = readOptionalArray(obj, 'apps', path);
  if (apps !== undefined)
    account.apps = apps.map((item, index) => parseSeedApp(item, `${path}.apps[${index}]`));
  return account;
}

/** Validates untrusted JSON (a seed file, an admin request body) into an EmulatorSeed. */
export function parseEmulatorSeed(value: unknown): EmulatorSeed {
  const obj = readObject(value, 'seed', ['accounts']);
  const accounts = readOptionalArray(obj, 'accounts', 'seed');
  if (accounts === undefined)
    throw new EmulatorAdminError('invalid_request', 'seed.accounts must be an array');
  const parsed = accounts.map((item, index) => parseSeedAccount(item, `seed.accounts[${index}]`));
  const secretIds = new Set<string>();
  const sdkAppIds = new Set<number>();
  for (const account of parsed) {
    if (secretIds.has(account.secretId))
      throw new EmulatorAdminError('invalid_request', `seed lists secretId ${account.secretId} twice`);
    secretIds.add(account.secretId);
    for (const app of account.apps ?? []) {
      if (sdkAppIds.has(app.sdkAppId))
        throw new EmulatorAdminError('invalid_request', `seed lists sdkAppId ${app.sdkAppId} twice`);
      sdkAppIds.add(app.sdkAppId);
    }
  }
  return { accounts: parsed };
}
