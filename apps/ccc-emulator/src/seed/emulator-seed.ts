import {
  readObject,
  readOptionalArray,
  readOptionalIntegerList,
  readOptionalSafeInteger,
  readOptionalString,
  readOptionalStringList,
  readSafeInteger,
  readString,
} from './json-reader';
import { EmulatorAdminError } from '../state/admin-errors';

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
  /** TCCC role ids: 1 admin, 2 quality inspector, 3 agent (default [3]). */
  roles?: number[];
  skillGroups?: string[];
  /** Agent status; anything but "offline" counts as online (DeleteStaff refuses online staff). */
  status?: string;
}

export interface EmulatorSeedApp {
  sdkAppId: number;
  staff?: EmulatorSeedStaff[];
  /** Seat limit for CreateStaff (→ LimitExceeded). Unlimited when absent. */
  maxStaff?: number;
}

export interface EmulatorSeedAccount {
  secretId: string;
  secretKey: string;
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
  'roles',
  'skillGroups',
  'status',
] as const;
const APP_KEYS = ['sdkAppId', 'staff', 'maxStaff'] as const;
const ACCOUNT_KEYS = ['secretId', 'secretKey', 'apps'] as const;

export function parseSeedStaff(value: unknown, path: string): EmulatorSeedStaff {
  const obj = readObject(value, path, STAFF_KEYS);
  const staff: EmulatorSeedStaff = { mail: readString(obj, 'mail', path) };
  const name = readOptionalString(obj, 'name', path);
  const staffNumber = readOptionalString(obj, 'staffNumber', path);
  const phone = readOptionalString(obj, 'phone', path);
  const nick = readOptionalString(obj, 'nick', path);
  const extensionNumber = readOptionalString(obj, 'extensionNumber', path);
  const roles = readOptionalIntegerList(obj, 'roles', path);
  const skillGroups = readOptionalStringList(obj, 'skillGroups', path);
  const status = readOptionalString(obj, 'status', path);
  if (name !== undefined) staff.name = name;
  if (staffNumber !== undefined) staff.staffNumber = staffNumber;
  if (phone !== undefined) staff.phone = phone;
  if (nick !== undefined) staff.nick = nick;
  if (extensionNumber !== undefined) staff.extensionNumber = extensionNumber;
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
  return app;
}

export function parseSeedAccount(value: unknown, path: string): EmulatorSeedAccount {
  const obj = readObject(value, path, ACCOUNT_KEYS);
  const account: EmulatorSeedAccount = {
    secretId: readString(obj, 'secretId', path),
    secretKey: readString(obj, 'secretKey', path),
  };
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
