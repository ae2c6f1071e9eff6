import { EmulatorAdminError } from './admin-errors';
import { licenceStanding, type LicencePurchase, type LicenceStanding } from './licences';
import { SecretKey } from './secret-key';
import { SkillGroupRegistry, type SkillGroupInput, type SkillGroupView } from './skill-groups';
import type {
  AppCondition,
  EmulatorSeed,
  EmulatorSeedAccount,
  EmulatorSeedApp,
  EmulatorSeedLicence,
  EmulatorSeedStaff,
} from '../seed/emulator-seed';

// Accounts (SecretId/SecretKey) → the apps (SdkAppId) each owns → the staff (seat accounts) and
// skill groups of each app. SdkAppIds are global, as in TCCC: one app belongs to exactly one
// account. Action handlers validate first (with TCCC's codes) and then call the mutators here,
// which assume valid input.

/** StaffInfo.ForwardingConfig. */
export interface ForwardingView {
  enabled: boolean;
  /** 1 unconditional, 2 conditional. */
  condition: number;
  target: { type: number; staffUserId: string; skillGroupId: number; extension: string };
}

export interface SkillGroupBinding {
  skillGroupId: number;
  name: string;
  /** 1 (highest) to 5; TCCC's default is 3. */
  priority: number;
}

export interface StaffView {
  mail: string;
  name: string;
  staffNumber: string;
  phone: string;
  nick: string;
  extensionNumber: string;
  userId: string;
  roles: number[];
  /** Names of the bound skill groups (see skillGroupBindings for ids and priorities). */
  skillGroups: string[];
  skillGroupBindings: SkillGroupBinding[];
  useMobileCallOut: boolean;
  /** 0 off, 1 only when offline, 2 always. */
  useMobileAccept: number;
  forwarding: ForwardingView | null;
  /** "offline" or an agent status ("free", "busy", "rest", ...). */
  status: string;
  /** Unix seconds. */
  lastModifyTimestamp: number;
}

export interface AppView {
  sdkAppId: number;
  name: string;
  condition: AppCondition;
  maxStaff: number | null;
  licences: LicencePurchase[];
  skillGroups: SkillGroupView[];
  staff: StaffView[];
}

export interface AccountView {
  secretId: string;
  disabled: boolean;
  deniedActions: string[];
  apps: AppView[];
}

/** The caller-level state that refuses a call before any parameter is read. */
export interface AccountStanding {
  disabled: boolean;
  deniedActions: ReadonlySet<string>;
}

/** What ModifyStaff may change; absent fields stay. */
export interface StaffPatch {
  name?: string;
  phone?: string;
  nick?: string;
  staffNumber?: string;
  skillGroupIds?: number[];
  useMobileCallOut?: boolean;
  useMobileAccept?: number;
  extensionNumber?: string;
  forwarding?: ForwardingView;
}

interface StaffRecord extends Omit<StaffView, 'skillGroups' | 'skillGroupBindings'> {
  /** skillGroupId → priority. */
  bindings: Map<number, number>;
}

interface AppRecord {
  sdkAppId: number;
  ownerSecretId: string;
  name: string;
  condition: AppCondition;
  maxStaff: number | null;
  licences: LicencePurchase[];
  staff: Map<string, StaffRecord>;
  groups: SkillGroupRegistry;
}

interface AccountRecord {
  secretId: string;
  secretKey: SecretKey;
  disabled: boolean;
  deniedActions: Set<string>;
}

const DEFAULT_ROLES = [3];
export const DEFAULT_PRIORITY = 3;

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
          disabled: false,
          deniedActions: new Set(),
        });
        added.accounts += 1;
      }
      this.setAccountStanding(account.secretId, account);
      for (const app of account.apps ?? []) {
        let record = this.apps.get(app.sdkAppId);
        if (record === undefined) {
          record = this.newApp(account.secretId, app);
          added.apps += 1;
        } else {
          this.applyAppSettings(record, app);
        }
        for (const staff of app.staff ?? []) {
          if (!record.staff.has(staff.mail)) added.staff += 1;
          this.putStaff(record, staff);
        }
      }
    }
    return added;
  }

  /** A new account as a seed gives it: its standing (disabled, denied actions) included. */
  addAccount(account: EmulatorSeedAccount): AccountView {
    if (this.accounts.has(account.secretId)) throw conflict(`secretId ${account.secretId} already exists`);
    this.addSeed({ accounts: [account] });
    return this.accountView(account.secretId);
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
    return staff.map((member) => staffView(app, this.putStaff(app, member)));
  }

  removeStaff(sdkAppId: number, mail: string): void {
    const app = this.requireApp(sdkAppId);
    if (!app.staff.delete(mail)) throw notFound(`staff ${mail} does not exist in sdkAppId ${sdkAppId}`);
  }

  setStaffStatus(sdkAppId: number, mail: string, status: string): StaffView {
    const app = this.requireApp(sdkAppId);
    const staff = this.requireStaff(app, mail);
    staff.status = status;
    return staffView(app, staff);
  }

  /** Disables the account or restricts what its key may call; absent fields stay. */
  setAccountStanding(secretId: string, patch: { disabled?: boolean; deniedActions?: string[] }): AccountView {
    const account = this.accounts.get(secretId);
    if (account === undefined) throw notFound(`secretId ${secretId} does not exist`);
    if (patch.disabled !== undefined) account.disabled = patch.disabled;
    if (patch.deniedActions !== undefined) account.deniedActions = new Set(patch.deniedActions);
    return this.accountView(secretId);
  }

  /** Renames an app, changes its condition or seat limit; absent fields stay. */
  setAppSettings(
    sdkAppId: number,
    patch: { name?: string; condition?: AppCondition; maxStaff?: number | null },
  ): AppView {
    const app = this.requireApp(sdkAppId);
    this.applyAppSettings(app, patch);
    return appView(app);
  }

  /** Replaces the app's licence purchases. */
  setLicences(sdkAppId: number, licences: readonly EmulatorSeedLicence[]): AppView {
    const app = this.requireApp(sdkAppId);
    app.licences = licences.map((licence) => this.purchase(licence));
    return appView(app);
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

  standingOf(secretId: string): AccountStanding | undefined {
    const account = this.accounts.get(secretId);
    return account === undefined
      ? undefined
      : { disabled: account.disabled, deniedActions: new Set(account.deniedActions) };
  }

  /** The owner's apps, in the order they were added. */
  appsOf(secretId: string): AppView[] {
    return [...this.apps.values()].filter((app) => app.ownerSecretId === secretId).map(appView);
  }

  licencesOf(sdkAppId: number): LicenceStanding {
    return licenceStanding(this.requireApp(sdkAppId).licences, this.nowSeconds());
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
    const app = this.apps.get(sdkAppId);
    const staff = app?.staff.get(mail);
    return app === undefined || staff === undefined ? undefined : staffView(app, staff);
  }

  /**
   * The seats CreateStaff may still add: the seat limit (maxStaff) and, when licences were
   * bought, the seats of the purchases still valid. Null when unlimited.
   */
  seatsLeft(sdkAppId: number): number | null {
    const app = this.requireApp(sdkAppId);
    const limits: number[] = [];
    if (app.maxStaff !== null) limits.push(app.maxStaff);
    if (app.licences.length > 0) limits.push(licenceStanding(app.licences, this.nowSeconds()).seats);
    return limits.length === 0 ? null : Math.max(0, Math.min(...limits) - app.staff.size);
  }

  /** Creates one staff member; the caller checked the mail is free and the groups exist. */
  createStaff(sdkAppId: number, staff: EmulatorSeedStaff): StaffView {
    const app = this.requireApp(sdkAppId);
    return staffView(app, this.putStaff(app, staff));
  }

  /** ModifyStaff: the caller checked the staff and the skill groups exist. */
  modifyStaff(sdkAppId: number, mail: string, patch: StaffPatch): StaffView {
    const app = this.requireApp(sdkAppId);
    const staff = this.requireStaff(app, mail);
    if (patch.name !== undefined) staff.name = patch.name;
    if (patch.phone !== undefined) staff.phone = patch.phone;
    if (patch.nick !== undefined) staff.nick = patch.nick;
    if (patch.staffNumber !== undefined) staff.staffNumber = patch.staffNumber;
    if (patch.useMobileCallOut !== undefined) staff.useMobileCallOut = patch.useMobileCallOut;
    if (patch.useMobileAccept !== undefined) staff.useMobileAccept = patch.useMobileAccept;
    if (patch.extensionNumber !== undefined) staff.extensionNumber = patch.extensionNumber;
    if (patch.forwarding !== undefined) staff.forwarding = cloneForwarding(patch.forwarding);
    if (patch.skillGroupIds !== undefined) {
      // SkillGroupIds is the whole list: groups kept keep their priority, new ones get the default.
      const bindings = new Map<number, number>();
      for (const id of patch.skillGroupIds) bindings.set(id, staff.bindings.get(id) ?? DEFAULT_PRIORITY);
      staff.bindings = bindings;
    }
    staff.lastModifyTimestamp = this.nowSeconds();
    return staffView(app, staff);
  }

  /** Binds (or re-prioritises) skill groups; the caller checked they exist. */
  bindSkillGroups(sdkAppId: number, mail: string, bindings: ReadonlyArray<[number, number]>): StaffView {
    const app = this.requireApp(sdkAppId);
    const staff = this.requireStaff(app, mail);
    for (const [id, priority] of bindings) staff.bindings.set(id, priority);
    staff.lastModifyTimestamp = this.nowSeconds();
    return staffView(app, staff);
  }

  unbindSkillGroups(sdkAppId: number, mail: string, ids: readonly number[]): StaffView {
    const app = this.requireApp(sdkAppId);
    const staff = this.requireStaff(app, mail);
    for (const id of ids) staff.bindings.delete(id);
    staff.lastModifyTimestamp = this.nowSeconds();
    return staffView(app, staff);
  }

  createSkillGroup(sdkAppId: number, input: SkillGroupInput): SkillGroupView {
    return this.requireApp(sdkAppId).groups.create(input);
  }

  updateSkillGroup(
    sdkAppId: number,
    id: number,
    patch: { name?: string; maxConcurrency?: number; ringAll?: boolean },
  ): void {
    this.requireApp(sdkAppId).groups.update(id, patch);
  }

  /** Mails of the staff bound to a group. */
  membersOf(sdkAppId: number, id: number): string[] {
    return [...this.requireApp(sdkAppId).staff.values()]
      .filter((staff) => staff.bindings.has(id))
      .map((staff) => staff.mail);
  }

  removeSkillGroup(sdkAppId: number, id: number): void {
    this.requireApp(sdkAppId).groups.remove(id);
  }

  /** Deletes staff through the API. Online staff are kept and reported; unknown mails are skipped. */
  deleteStaffViaApi(
    sdkAppId: number,
    mails: readonly string[],
  ): { online: string[]; deleted: string[]; unknown: string[] } {
    const app = this.requireApp(sdkAppId);
    const outcome = { online: [] as string[], deleted: [] as string[], unknown: [] as string[] };
    for (const mail of mails) {
      const staff = app.staff.get(mail);
      if (staff === undefined) outcome.unknown.push(mail);
      else if (staff.status !== 'offline') outcome.online.push(mail);
      else {
        app.staff.delete(mail);
        outcome.deleted.push(mail);
      }
    }
    return outcome;
  }

  private requireApp(sdkAppId: number): AppRecord {
    const app = this.apps.get(sdkAppId);
    if (app === undefined) throw notFound(`sdkAppId ${sdkAppId} does not exist`);
    return app;
  }

  private requireStaff(app: AppRecord, mail: string): StaffRecord {
    const staff = app.staff.get(mail);
    if (staff === undefined) throw notFound(`staff ${mail} does not exist in sdkAppId ${app.sdkAppId}`);
    return staff;
  }

  private newApp(secretId: string, app: EmulatorSeedApp): AppRecord {
    const record: AppRecord = {
      sdkAppId: app.sdkAppId,
      ownerSecretId: secretId,
      name: `app-${app.sdkAppId}`,
      condition: 'active',
      maxStaff: null,
      licences: [],
      staff: new Map(),
      groups: new SkillGroupRegistry(this.nowSeconds),
    };
    this.applyAppSettings(record, app);
    this.apps.set(app.sdkAppId, record);
    return record;
  }

  private applyAppSettings(
    record: AppRecord,
    app: Partial<Pick<EmulatorSeedApp, 'name' | 'condition' | 'licences' | 'skillGroups'>> & {
      maxStaff?: number | null;
    },
  ): void {
    if (app.name !== undefined) record.name = app.name;
    if (app.condition !== undefined) record.condition = app.condition;
    if (app.maxStaff !== undefined) record.maxStaff = app.maxStaff;
    if (app.licences !== undefined) record.licences = app.licences.map((licence) => this.purchase(licence));
    for (const group of app.skillGroups ?? []) {
      if (record.groups.byName(group.name) === undefined) record.groups.create(group);
    }
  }

  private purchase(licence: EmulatorSeedLicence): LicencePurchase {
    return {
      num: licence.num,
      buyTime: licence.buyTime ?? this.nowSeconds(),
      endTime: licence.endTime,
      sipNum: licence.sipNum ?? 0,
    };
  }

  /** Seeds and the admin API create missing groups by name; CreateStaff checks them first. */
  private putStaff(app: AppRecord, input: EmulatorSeedStaff): StaffRecord {
    const previous = app.staff.get(input.mail);
    const name = input.name ?? previous?.name ?? input.mail.split('@')[0] ?? input.mail;
    let bindings = new Map(previous?.bindings ?? []);
    if (input.skillGroups !== undefined) {
      bindings = new Map();
      for (const entry of input.skillGroups) {
        const binding = typeof entry === 'string' ? { name: entry } : entry;
        bindings.set(app.groups.ensure(binding.name), binding.priority ?? DEFAULT_PRIORITY);
      }
    }
    const staff: StaffRecord = {
      mail: input.mail,
      name,
      staffNumber: input.staffNumber ?? previous?.staffNumber ?? '',
      phone: input.phone ?? previous?.phone ?? '',
      nick: input.nick ?? previous?.nick ?? name,
      extensionNumber: input.extensionNumber ?? previous?.extensionNumber ?? '',
      userId: input.userId ?? previous?.userId ?? '',
      roles: [...(input.roles ?? previous?.roles ?? DEFAULT_ROLES)],
      bindings,
      useMobileCallOut: previous?.useMobileCallOut ?? false,
      useMobileAccept: previous?.useMobileAccept ?? 0,
      forwarding: previous?.forwarding ?? null,
      status: input.status ?? previous?.status ?? 'offline',
      lastModifyTimestamp: this.nowSeconds(),
    };
    app.staff.set(staff.mail, staff);
    return staff;
  }

  private accountView(secretId: string): AccountView {
    const account = this.accounts.get(secretId);
    return {
      secretId,
      disabled: account?.disabled ?? false,
      deniedActions: [...(account?.deniedActions ?? [])],
      apps: this.appsOf(secretId),
    };
  }
}

function cloneForwarding(forwarding: ForwardingView): ForwardingView {
  return { ...forwarding, target: { ...forwarding.target } };
}

function staffView(app: AppRecord, staff: StaffRecord): StaffView {
  const { bindings, ...fields } = staff;
  const skillGroupBindings: SkillGroupBinding[] = [];
  for (const [skillGroupId, priority] of bindings) {
    const group = app.groups.byIdOf(skillGroupId);
    if (group !== undefined) skillGroupBindings.push({ skillGroupId, name: group.name, priority });
  }
  return {
    ...fields,
    roles: [...staff.roles],
    forwarding: staff.forwarding === null ? null : cloneForwarding(staff.forwarding),
    skillGroups: skillGroupBindings.map((binding) => binding.name),
    skillGroupBindings,
  };
}

function appView(app: AppRecord): AppView {
  // the staff list is built when read: a call that only checks the app (every CreateSDKLoginToken)
  // must not copy thousands of seats
  let staff: StaffView[] | undefined;
  return {
    sdkAppId: app.sdkAppId,
    name: app.name,
    condition: app.condition,
    maxStaff: app.maxStaff,
    licences: app.licences.map((licence) => ({ ...licence })),
    skillGroups: app.groups.list(),
    get staff(): StaffView[] {
      staff ??= [...app.staff.values()].map((record) => staffView(app, record));
      return staff;
    },
  };
}
