import { EmulatorAdminError } from './admin-errors';
import { SecretKey } from './secret-key';
import type { EmulatorSeed, EmulatorSeedApp, EmulatorSeedStaff } from '../seed/emulator-seed';

// Accounts (SecretId/SecretKey) → the apps (SdkAppId) each owns → the staff (seat accounts) of
// each app. SdkAppIds are global, as in TCCC: one app belongs to exactly one account.

export interface StaffView {
  mail: string;
  name: string;
  staffNumber: string;
  phone: string;
  nick: string;
  extensionNumber: string;
  roles: number[];
  skillGroups: string[];
  /** "offline" or an agent status ("free", "busy", "rest", ...). */
  status: string;
  /** Unix seconds. */
  lastModifyTimestamp: number;
}

export interface AppView {
  sdkAppId: number;
  maxStaff: number | null;
  staff: StaffView[];
}

export interface AccountView {
  secretId: string;
  apps: AppView[];
}

interface AppRecord {
  sdkAppId: number;
  ownerSecretId: string;
  maxStaff: number | null;
  staff: Map<string, StaffView>;
  skillGroupIds: Map<string, number>;
}

interface AccountRecord {
  secretId: string;
  secretKey: SecretKey;
}

export interface SkillGroupRef {
  id: number;
  name: string;
}

const DEFAULT_ROLES = [3];

function conflict(message: string): EmulatorAdminError {
  return new EmulatorAdminError('conflict', message);
}

function notFound(message: string): EmulatorAdminError {
  return new EmulatorAdminError('not_found', message);
}

export class Directory {
  private readonly accounts = new Map<string, AccountRecord>();
  private readonly apps = new Map<number, AppRecord>();

  constructor(private readonly nowSeconds: () => number) {}

  // ---- control surface -------------------------------------------------------------------

  /**
   * Adds a seed to the state, all or nothing. Existing accounts (same SecretId and SecretKey) and
   * apps (same owner) are merged into; staff are upserted by mail. A different SecretKey for a
   * known SecretId, or an app owned by another account, is a conflict.
   */
  addSeed(seed: EmulatorSeed): { accounts: number; apps: number; staff: number } {
    for (const account of seed.accounts) {
      const existing = this.accounts.get(account.secretId);
      if (existing !== undefined && !existing.secretKey.equals(account.secretKey)) {
        throw conflict(`secretId ${account.secretId} already exists with a different secretKey`);
      }
      for (const app of account.apps ?? []) {
        const owner = this.apps.get(app.sdkAppId)?.ownerSecretId;
        if (owner !== undefined && owner !== account.secretId) {
          throw conflict(`sdkAppId ${app.sdkAppId} already belongs to another account`);
        }
      }
    }
    const added = { accounts: 0, apps: 0, staff: 0 };
    for (const account of seed.accounts) {
      if (!this.accounts.has(account.secretId)) {
        this.accounts.set(account.secretId, {
          secretId: account.secretId,
          secretKey: new SecretKey(account.secretKey),
        });
        added.accounts += 1;
      }
      for (const app of account.apps ?? []) {
        let record = this.apps.get(app.sdkAppId);
        if (record === undefined) {
          record = this.newApp(account.secretId, app);
          added.apps += 1;
        } else if (app.maxStaff !== undefined) {
          record.maxStaff = app.maxStaff;
        }
        for (const staff of app.staff ?? []) {
          if (!record.staff.has(staff.mail)) added.staff += 1;
          this.putStaff(record, staff);
        }
      }
    }
    return added;
  }

  addAccount(secretId: string, secretKey: string, apps: readonly EmulatorSeedApp[] = []): AccountView {
    if (this.accounts.has(secretId)) throw conflict(`secretId ${secretId} already exists`);
    this.addSeed({ accounts: [{ secretId, secretKey, apps: [...apps] }] });
    return this.accountView(secretId);
  }

  /** Replaces an account's SecretKey (key rotation); its apps stay. */
  setSecretKey(secretId: string, secretKey: string): void {
    const account = this.accounts.get(secretId);
    if (account === undefined) throw notFound(`secretId ${secretId} does not exist`);
    account.secretKey = new SecretKey(secretKey);
  }

  removeAccount(secretId: string): void {
    if (!this.accounts.delete(secretId)) throw notFound(`secretId ${secretId} does not exist`);
    for (const [sdkAppId, app] of this.apps) {
      if (app.ownerSecretId === secretId) this.apps.delete(sdkAppId);
    }
  }

  addApp(secretId: string, app: EmulatorSeedApp): AppView {
    if (!this.accounts.has(secretId)) throw notFound(`secretId ${secretId} does not exist`);
    if (this.apps.has(app.sdkAppId)) throw conflict(`sdkAppId ${app.sdkAppId} already exists`);
    const record = this.newApp(secretId, app);
    for (const staff of app.staff ?? []) this.putStaff(record, staff);
    return appView(record);
  }

  removeApp(sdkAppId: number): void {
    if (!this.apps.delete(sdkAppId)) throw notFound(`sdkAppId ${sdkAppId} does not exist`);
  }

  addStaff(sdkAppId: number, staff: readonly EmulatorSeedStaff[]): StaffView[] {
    const app = this.requireApp(sdkAppId);
    const mails = new Set(staff.map((member) => member.mail));
    if (mails.size !== staff.length)
      throw new EmulatorAdminError('invalid_request', 'the same mail is listed twice');
    for (const member of staff) {
      if (app.staff.has(member.mail))
        throw conflict(`staff ${member.mail} already exists in sdkAppId ${sdkAppId}`);
    }
    return staff.map((member) => ({ ...this.putStaff(app, member) }));
  }

  removeStaff(sdkAppId: number, mail: string): void {
    const app = this.requireApp(sdkAppId);
    if (!app.staff.delete(mail)) throw notFound(`staff ${mail} does not exist in sdkAppId ${sdkAppId}`);
  }

  setStaffStatus(sdkAppId: number, mail: string, status: string): StaffView {
    const staff = this.requireApp(sdkAppId).staff.get(mail);
    if (staff === undefined) throw notFound(`staff ${mail} does not exist in sdkAppId ${sdkAppId}`);
    staff.status = status;
    return { ...staff };
  }

  snapshot(): AccountView[] {
    return [...this.accounts.keys()].map((secretId) => this.accountView(secretId));
  }

  clear(): void {
    this.accounts.clear();
    this.apps.clear();
  }

  // ---- used by the TCCC actions --------------------------------------------------------

  secretKeyOf(secretId: string): SecretKey | undefined {
    return this.accounts.get(secretId)?.secretKey;
  }

  /** Another account's app is "not there", as in TCCC (InstanceNotExist, never a permission error). */
  ownsApp(secretId: string, sdkAppId: number): boolean {
    return this.apps.get(sdkAppId)?.ownerSecretId === secretId;
  }

  /** The app when it exists and belongs to the account; another account's app is "not there". */
  appOf(secretId: string, sdkAppId: number): AppView | undefined {
    const app = this.apps.get(sdkAppId);
    if (app === undefined || app.ownerSecretId !== secretId) return undefined;
    return appView(app);
  }

  staffOf(sdkAppId: number, mail: string): StaffView | undefined {
    const staff = this.apps.get(sdkAppId)?.staff.get(mail);
    return staff === undefined
      ? undefined
      : { ...staff, roles: [...staff.roles], skillGroups: [...staff.skillGroups] };
  }

  /** Skill groups of staff resolved to the app's stable ids (created on first use). */
  skillGroupsOf(sdkAppId: number, names: readonly string[]): SkillGroupRef[] {
    const app = this.requireApp(sdkAppId);
    return names.map((name) => ({ id: skillGroupId(app, name), name }));
  }

  /** Creates staff through the API; returns the mails that failed and why. */
  createStaffViaApi(
    sdkAppId: number,
    staff: readonly EmulatorSeedStaff[],
  ): { failed: Array<{ mail: string; code: string; message: string }>; limitExceeded: boolean } {
    const app = this.requireApp(sdkAppId);
    const fresh = staff.filter((member) => !app.staff.has(member.mail));
    if (app.maxStaff !== null && app.staff.size + fresh.length > app.maxStaff)
      return { failed: [], limitExceeded: true };
    const failed: Array<{ mail: string; code: string; message: string }> = [];
    for (const member of staff) {
      if (app.staff.has(member.mail)) {
        failed.push({
          mail: member.mail,
          code: 'FailedOperation.DuplicatedAccount',
          message: 'account already exists',
        });
      } else {
        this.putStaff(app, member);
      }
    }
    return { failed, limitExceeded: false };
  }

  /** Deletes staff through the API. Online staff are kept and reported; unknown mails are ignored. */
  deleteStaffViaApi(sdkAppId: number, mails: readonly string[]): { online: string[] } {
    const app = this.requireApp(sdkAppId);
    const online: string[] = [];
    for (const mail of mails) {
      const staff = app.staff.get(mail);
      if (staff === undefined) continue;
      if (staff.status !== 'offline') online.push(mail);
      else app.staff.delete(mail);
    }
    return { online };
  }

  private requireApp(sdkAppId: number): AppRecord {
    const app = this.apps.get(sdkAppId);
    if (app === undefined) throw notFound(`sdkAppId ${sdkAppId} does not exist`);
    return app;
  }

  private newApp(secretId: string, app: EmulatorSeedApp): AppRecord {
    const record: AppRecord = {
      sdkAppId: app.sdkAppId,
      ownerSecretId: secretId,
      maxStaff: app.maxStaff ?? null,
      staff: new Map(),
      skillGroupIds: new Map(),
    };
    this.apps.set(app.sdkAppId, record);
    return record;
  }

  private putStaff(app: AppRecord, input: EmulatorSeedStaff): StaffView {
    const previous = app.staff.get(input.mail);
    const name = input.name ?? previous?.name ?? input.mail.split('@')[0] ?? input.mail;
    const staff: StaffView = {
      mail: input.mail,
      name,
      staffNumber: input.staffNumber ?? previous?.staffNumber ?? '',
      phone: input.phone ?? previous?.phone ?? '',
      nick: input.nick ?? previous?.nick ?? name,
      extensionNumber: input.extensionNumber ?? previous?.extensionNumber ?? '',
      roles: [...(input.roles ?? previous?.roles ?? DEFAULT_ROLES)],
      skillGroups: [...(input.skillGroups ?? previous?.skillGroups ?? [])],
      status: input.status ?? previous?.status ?? 'offline',
      lastModifyTimestamp: this.nowSeconds(),
    };
    for (const group of staff.skillGroups) skillGroupId(app, group);
    app.staff.set(staff.mail, staff);
    return staff;
  }

  private accountView(secretId: string): AccountView {
    const apps = [...this.apps.values()].filter((app) => app.ownerSecretId === secretId).map(appView);
    return { secretId, apps };
  }
}

function skillGroupId(app: AppRecord, name: string): number {
  let id = app.skillGroupIds.get(name);
  if (id === undefined) {
    id = app.skillGroupIds.size + 1;
    app.skillGroupIds.set(name, id);
  }
  return id;
}

function appView(app: AppRecord): AppView {
  return {
    sdkAppId: app.sdkAppId,
    maxStaff: app.maxStaff,
    staff: [...app.staff.values()].map((staff) => ({
      ...staff,
      roles: [...staff.roles],
      skillGroups: [...staff.skillGroups],
    })),
  };
}
