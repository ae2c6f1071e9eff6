import { EmulatorClock } from './clock';
import { Directory, type AccountView, type AppView, type StaffView } from './directory';
import { FaultRules, parseFaultRule, type FaultRule } from './fault-rules';
import { LoginTokens } from './login-tokens';
import { Presence, STAFF_STATUSES } from './presence';
import { RequestCounters, type CounterFilter, type CountersView } from './request-counters';
import {
  parseEmulatorSeed,
  parseSeedAccount,
  parseSeedApp,
  parseSeedLicences,
  parseSeedStaff,
  APP_CONDITIONS,
  type EmulatorSeed,
  type EmulatorSeedAccount,
  type EmulatorSeedApp,
  type EmulatorSeedStaff,
} from '../seed/emulator-seed';
import { EmulatorAdminError } from './admin-errors';
import {
  isJsonObject,
  readObject,
  readOptionalBoolean,
  readOptionalEnum,
  readOptionalSafeInteger,
  readOptionalString,
  readOptionalStringList,
} from '../seed/json-reader';

// Everything the emulator remembers, and the one control surface over it. The admin HTTP API is a
// thin layer over these methods, so a test can do in-process exactly what it could do over HTTP.

export interface EmulatorSnapshot {
  accounts: AccountView[];
  faults: FaultRule[];
  clock: { nowMs: number; offsetMs: number };
  activeTokens: number;
}

export interface EmulatorStateOptions {
  seed?: EmulatorSeed;
  /** Base clock (default Date.now); advanceClock() adds an offset on top. */
  now?: () => number;
  /** Random source for fault injection, [0, 1) (default Math.random). */
  random?: () => number;
  /** Default 20, TCCC's documented limit for each of the emulated actions. */
  quotaPerSecond?: number;
  /** How long counters are kept; default 600 s. */
  counterWindowSeconds?: number;
  /** SDK login token lifetime; default 600 s, as TCCC documents for the SdkURL. */
  tokenTtlSeconds?: number;
}

export class EmulatorState {
  readonly clock: EmulatorClock;
  readonly directory: Directory;
  readonly tokens: LoginTokens;
  readonly faults = new FaultRules();
  readonly counters: RequestCounters;
  readonly presence: Presence;
  readonly random: () => number;
  private readonly initialSeed: EmulatorSeed;

  constructor(options: EmulatorStateOptions = {}) {
    this.clock = new EmulatorClock(options.now);
    this.directory = new Directory(() => this.clock.nowSeconds());
    this.presence = new Presence(this.directory, this.clock);
    this.tokens = new LoginTokens((options.tokenTtlSeconds ?? 600) * 1000);
    this.counters = new RequestCounters(options.quotaPerSecond ?? 20, options.counterWindowSeconds ?? 600);
    this.random = options.random ?? Math.random;
    // Validate even typed seeds: they may come from JSON.parse in a test.
    this.initialSeed = parseEmulatorSeed(options.seed ?? { accounts: [] });
    this.directory.addSeed(this.initialSeed);
  }

  // ---- accounts, apps, staff ---------------------------------------------------------------

  /** Adds a seed (same format as the seed file); validated, all or nothing. */
  addSeed(seed: EmulatorSeed | unknown): { accounts: number; apps: number; staff: number } {
    return this.directory.addSeed(parseEmulatorSeed(seed));
  }

  addAccount(input: EmulatorSeedAccount | unknown): AccountView {
    return this.directory.addAccount(parseSeedAccount(input, 'account'));
  }

  /** Replaces an account's SecretKey (key rotation); its apps and staff stay. */
  setSecretKey(secretId: string, secretKey: string): void {
    if (typeof secretKey !== 'string' || secretKey === '')
      throw new EmulatorAdminError('invalid_request', 'secretKey must be a non-empty string');
    this.directory.setSecretKey(secretId, secretKey);
  }

  removeAccount(secretId: string): void {
    const apps = this.directory.appsOf(secretId);
    this.directory.removeAccount(secretId);
    for (const app of apps) this.presence.forget(app.sdkAppId);
  }

  addApp(secretId: string, app: EmulatorSeedApp | unknown): AppView {
    return this.directory.addApp(secretId, parseSeedApp(app, 'app'));
  }

  removeApp(sdkAppId: number): void {
    this.directory.removeApp(sdkAppId);
    this.presence.forget(sdkAppId);
  }

  addStaff(sdkAppId: number, staff: EmulatorSeedStaff | EmulatorSeedStaff[] | unknown): StaffView[] {
    const list = Array.isArray(staff) ? staff : [staff];
    return this.directory.addStaff(
      sdkAppId,
      list.map((item: unknown, index) => parseSeedStaff(item, `staff[${index}]`)),
    );
  }

  removeStaff(sdkAppId: number, mail: string): void {
    this.directory.removeStaff(sdkAppId, mail);
    this.presence.forget(sdkAppId, mail);
  }

  /** "offline" or an agent status; online staff cannot be deleted through DeleteStaff. Recorded in the history. */
  setStaffStatus(sdkAppId: number, mail: string, status: string, reason?: string): StaffView {
    if (!(STAFF_STATUSES as readonly string[]).includes(status))
      throw new EmulatorAdminError('invalid_request', `status must be one of: ${STAFF_STATUSES.join(', ')}`);
    return this.presence.changeStatus(sdkAppId, mail, status, reason === undefined ? {} : { reason });
  }

  /**
   * `{disabled?, deniedActions?}`: a disabled account answers OperationDenied.UinDisabled, and a
   * key denied an action answers AuthFailure.UnauthorizedOperation (a CAM sub-account key).
   */
  setAccountStanding(secretId: string, patch: unknown): AccountView {
    const body = readObject(patch, 'body', ['disabled', 'deniedActions']);
    const disabled = readOptionalBoolean(body, 'disabled', 'body');
    const deniedActions = readOptionalStringList(body, 'deniedActions', 'body');
    return this.directory.setAccountStanding(secretId, {
      ...(disabled === undefined ? {} : { disabled }),
      ...(deniedActions === undefined ? {} : { deniedActions }),
    });
  }

  /** `{name?, condition?: "active" | "released" | "dbError", maxStaff?: n | null}`. */
  setAppSettings(sdkAppId: number, patch: unknown): AppView {
    const body = readObject(patch, 'body', ['name', 'condition', 'maxStaff']);
    const name = readOptionalString(body, 'name', 'body');
    const condition = readOptionalEnum(body, 'condition', 'body', APP_CONDITIONS);
    // null removes the limit.
    const maxStaff = body['maxStaff'] === null ? null : readOptionalSafeInteger(body, 'maxStaff', 'body');
    return this.directory.setAppSettings(sdkAppId, {
      ...(name === undefined ? {} : { name }),
      ...(condition === undefined ? {} : { condition }),
      ...(maxStaff === undefined ? {} : { maxStaff }),
    });
  }

  /** Replaces the app's seat licences: `[{num, endTime, buyTime?, sipNum?}]` or `{licences: [...]}`. */
  setLicences(sdkAppId: number, licences: unknown): AppView {
    const list = isJsonObject(licences) ? licences['licences'] : licences;
    return this.directory.setLicences(sdkAppId, parseSeedLicences(list, 'licences'));
  }

  snapshot(): EmulatorSnapshot {
    return {
      accounts: this.directory.snapshot(),
      faults: this.faults.list(),
      clock: { nowMs: this.clock.nowMs(), offsetMs: this.clock.offset() },
      activeTokens: this.tokens.activeCount(this.clock.nowMs()),
    };
  }

  // ---- faults ---------------------------------------------------------------------------

  /** Adds or replaces the rule for (action, sdkAppId). */
  setFault(rule: FaultRule | unknown): FaultRule {
    const parsed = parseFaultRule(rule);
    this.faults.set(parsed);
    return parsed;
  }

  removeFault(action: string, sdkAppId?: number): boolean {
    return this.faults.remove(action, sdkAppId);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  listFaults(): FaultRule[] {
    return this.faults.list();
  }

  // ---- counters ------------------------------------------------------------------------

  countersView(filter?: CounterFilter): CountersView {
    return this.counters.view(filter);
  }

  clearCounters(): void {
    this.counters.clear();
  }

  // ---- clock ---------------------------------------------------------------------------

  now(): number {
    return this.clock.nowMs();
  }

  /** Moves the emulator's clock forward (or back, with a negative value). */
  advanceClock(ms: number): void {
    this.clock.advance(ms);
  }

  setClockOffset(ms: number): void {
    this.clock.setOffset(ms);
  }

  // ---- reset ---------------------------------------------------------------------------

  /** Back to the seed the emulator started with; faults, counters, tokens and clock offset cleared. */
  reset(): void {
    this.clear();
    this.directory.addSeed(this.initialSeed);
  }

  /** Empties everything, including the starting seed's accounts. */
  clear(): void {
    this.presence.clear();
    this.directory.clear();
    this.faults.clear();
    this.counters.clear();
    this.tokens.clear();
    this.clock.setOffset(0);
  }
}
