// Every call to TCCC goes through here, with the unmodified tencentcloud-sdk-nodejs client, one
// per app and process, kept only while the app's region and credentials are the ones it was built
// with (and dropped with the other login caches on any change to the app's tenant); upstream errors become domain errors; each app
// has its own circuit breaker. Admin reads (DescribeStaffInfoList) wait for the account's upstream
// quota like business logins do (LoginService takes its own slot for CreateSDKLoginToken), so no
// caller, an auditor included, can push an account past TCCC's limit and trip its circuit.
import { Injectable } from '@nestjs/common';
import type { Secret } from '@seatgate/crypto';
import { Client as CccClient } from 'tencentcloud-sdk-nodejs/tencentcloud/services/ccc/v20200210/ccc_client';
import { AppConfig } from '../../config/app-config';
import { UpstreamQuota, upstreamQuotaKey } from '../limits/upstream-quota';
import type { BoundedCache } from '../cache/bounded-cache';
import { CacheInvalidation } from '../cache/cache-invalidation.service';
import { MetricsService } from '../metrics/metrics.service';
import { CircuitBreakers, type CircuitState } from './circuit-breaker';
import { mapTcccError, tcccErrors } from './tccc.errors';
import { tcccHttpProfile, type TcccHttpProfile } from './tccc-endpoint';

/** How long an admin read may wait for the account's upstream quota before answering 429. */
export const ADMIN_UPSTREAM_MAX_WAIT_MS = 2_000;

export interface TcccTarget {
  appId: string;
  /** given, the app's client is kept for the next call (the login path); admin reads build their own */
  tenantId?: string;
  sdkAppId: number;
  region: string | null;
  secretId: Secret;
  secretKey: Secret;
}

export interface SdkLogin {
  sdkUrl: string;
  expiresAt: Date;
}

/** Which quota lane a call waits in: a person waiting (foreground) or a job step (background). */
export type QuotaLane = 'foreground' | 'background';

/** How long a job step may wait for its slot in the background lane before the step is retried. */
export const JOB_UPSTREAM_MAX_WAIT_MS = 30_000;

/** A seat to create, as CreateStaff takes it. */
export interface NewStaff {
  mail: string;
  name: string;
  staffNumber: string;
  phone?: string;
  role?: number;
  skillGroups?: string[];
}

/** A seat CreateStaff did not create, with TCCC's code (FailedOperation.DuplicatedAccount, …). */
export interface StaffRefusal {
  mail: string;
  code: string;
  message: string;
}

export interface StaffChange {
  name?: string;
  phone?: string;
  staffNumber?: string;
}

/** An app's seat licences still valid (DescribeCCCBuyInfoList) and the seats in TCCC. */
export interface LicenceUse {
  purchased: number;
  used: number;
  /** the purchases' end times, earliest first (Unix seconds) */
  endTimes: number[];
}

/** One purchase still valid, as DescribeCCCBuyInfoList lists it (times in Unix seconds, 0 unknown). */
export interface LicencePurchase {
  num: number;
  sipNum: number;
  buyTime: number;
  endTime: number;
}

/** An app's licences in detail, for the console: what was bought and the seats TCCC lists. */
export interface LicenceDetails {
  purchased: number;
  inTccc: number;
  /** the one ending first first */
  purchases: LicencePurchase[];
}

/** A skill group as DescribeSkillGroupInfoList answers it. */
export interface SkillGroup {
  id: number;
  name: string;
  /** 0 phone, 1 online, 3 audio, 4 video */
  type: number;
  maxConcurrency: number | null;
}

/** A seat and the skill groups it is bound to, with the binding's priority (1 highest … 5). */
export interface StaffBindings {
  mail: string;
  name: string | null;
  groups: { id: number; priority: number }[];
}

export interface StaffMember {
  mail: string;
  name: string | null;
  staffNumber: string | null;
}

/** One seat's presence as DescribeStaffStatusMetrics reports it. */
export interface StaffPresence {
  mail: string;
  /** free, busy, rest, notReady, afterCallWork, offline (TCCC's words) */
  status: string;
  /** connected clients: "Web", "WeChatMiniProgram" */
  clients: string[];
  /** when the seat last came online, when its status last changed (null: TCCC did not say) */
  onlineSince: Date | null;
  lastStatusAt: Date | null;
}

const fromUnixSeconds = (seconds: number | undefined): Date | null =>
  seconds && seconds > 0 ? new Date(seconds * 1000) : null;

/** Seats per DescribeStaffStatusMetrics call (TCCC documents no limit; kept modest). */
const METRICS_BATCH = 100;

const sameAccount = (a: TcccTarget, b: TcccTarget): boolean =>
  a.sdkAppId === b.sdkAppId &&
  a.region === b.region &&
  a.secretId.reveal() === b.secretId.reveal() &&
  a.secretKey.reveal() === b.secretKey.reveal();

/** TCCC's own error code, or network_error when no answer came back (refused, reset, timeout). */
function upstreamCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Za-z][\w.]{0,80}$/.test(code) ? code : 'network_error';
}

@Injectable()
export class TcccService {
  private readonly profile: TcccHttpProfile;
  readonly circuits: CircuitBreakers;
  /** appId → SDKAppID of every app this process has called, for the circuit-state gauge */
  private readonly calledApps = new Map<string, number>();
  private readonly clients: BoundedCache<string, { target: TcccTarget; client: CccClient }>;

  constructor(
    config: AppConfig,
    private readonly metrics: MetricsService,
    private readonly quota: UpstreamQuota,
    invalidation: CacheInvalidation,
  ) {
    this.clients = invalidation.create('tccc-clients');
    this.profile = tcccHttpProfile(config.tcccEndpointOverride, config.tcccTimeoutSeconds);
    this.circuits = new CircuitBreakers({
      failureThreshold: config.tcccCircuit.failureThreshold,
      openMs: config.tcccCircuit.openSeconds * 1000,
    });
    metrics.watchCircuits(() =>
      [...this.calledApps].map(([appId, sdkAppId]) => ({ sdkAppId, state: this.circuits.state(appId) })),
    );
  }

  private client(target: TcccTarget): CccClient {
    const { tenantId } = target;
    if (tenantId === undefined) return this.newClient(target);
    const cached = this.clients.get(target.appId);
    if (cached && sameAccount(cached.target, target)) return cached.client;
    const generation = this.clients.generation;
    const client = this.newClient(target);
    this.clients.set(target.appId, { target, client }, tenantId, generation);
    return client;
  }

  private newClient(target: TcccTarget): CccClient {
    return new CccClient({
      credential: { secretId: target.secretId.reveal(), secretKey: target.secretKey.reveal() },
      region: target.region ?? '',
      profile: { httpProfile: this.profile },
    });
  }

  circuitState(appId: string): CircuitState {
    return this.circuits.state(appId);
  }

  /**
   * `circuit: false` for credentials not saved yet (an app being created): no circuit or gauge
   * series is kept for an app that may never exist.
   */
  private async call<T>(
    action: string,
    target: TcccTarget,
    work: (client: CccClient) => Promise<T>,
    circuit = true,
  ): Promise<T> {
    if (circuit) {
      this.calledApps.set(target.appId, target.sdkAppId);
      if (!this.circuits.tryPass(target.appId)) {
        throw tcccErrors.circuitOpen(target.sdkAppId, this.circuits.retryAfterSeconds(target.appId));
      }
    }
    const started = performance.now();
    try {
      const result = await work(this.client(target));
      this.metrics.upstreamCall(action, (performance.now() - started) / 1000, null);
      if (circuit) this.circuits.success(target.appId);
      return result;
    } catch (error) {
      const failure = mapTcccError(error, target.sdkAppId, action);
      this.metrics.upstreamCall(action, (performance.now() - started) / 1000, upstreamCode(error));
      if (circuit) {
        if (failure.kind === 'unavailable') this.circuits.failure(target.appId);
        else this.circuits.neutral(target.appId);
      }
      throw failure.error;
    }
  }

  /** Waits for a slot of `action`'s quota in the given lane (then calls within the second). */
  private async slot(target: TcccTarget, action: string, lane: QuotaLane): Promise<void> {
    const key = upstreamQuotaKey(target.secretId.reveal(), action);
    if (lane === 'background') await this.quota.acquireBackground(key, JOB_UPSTREAM_MAX_WAIT_MS);
    else await this.quota.acquire(key, ADMIN_UPSTREAM_MAX_WAIT_MS);
  }

  /** CreateStaff for at most 10 seats: resolves with the seats TCCC refused (the others exist now). */
  async createStaff(target: TcccTarget, staff: NewStaff[], lane: QuotaLane): Promise<StaffRefusal[]> {
    if (staff.length < 1 || staff.length > 10) throw new RangeError('CreateStaff takes 1 to 10 seats');
    const action = 'CreateStaff';
    await this.slot(target, action, lane);
    const answer = await this.call(action, target, (client) =>
      client.CreateStaff({
        SdkAppId: target.sdkAppId,
        Staffs: staff.map((member) => ({
          Name: member.name,
          Mail: member.mail,
          StaffNumber: member.staffNumber,
          ...(member.phone ? { Phone: member.phone } : {}),
          ...(member.role ? { Role: member.role } : {}),
          ...(member.skillGroups?.length ? { SkillGroupNameList: member.skillGroups } : {}),
        })),
        SendPassword: false,
      }),
    );
    return (answer.ErrorStaffList ?? []).map((refusal) => ({
      mail: refusal.StaffEmail ?? '',
      code: refusal.Code ?? 'FailedOperation',
      message: refusal.Message ?? '',
    }));
  }

  async modifyStaff(target: TcccTarget, mail: string, change: StaffChange, lane: QuotaLane): Promise<void> {
    const action = 'ModifyStaff';
    await this.slot(target, action, lane);
    await this.call(action, target, (client) =>
      client.ModifyStaff({
        SdkAppId: target.sdkAppId,
        Email: mail,
        ...(change.name !== undefined ? { Name: change.name } : {}),
        ...(change.phone !== undefined ? { Phone: change.phone } : {}),
        ...(change.staffNumber !== undefined ? { StaffNo: change.staffNumber } : {}),
      }),
    );
  }

  /** DeleteStaff for at most 200 seats: resolves with those TCCC kept because they are online. */
  async deleteStaff(target: TcccTarget, mails: string[], lane: QuotaLane): Promise<{ online: string[] }> {
    if (mails.length < 1 || mails.length > 200) throw new RangeError('DeleteStaff takes 1 to 200 seats');
    const action = 'DeleteStaff';
    await this.slot(target, action, lane);
    const answer = await this.call(action, target, (client) =>
      client.DeleteStaff({ SdkAppId: target.sdkAppId, StaffList: mails }),
    );
    return { online: answer.OnlineStaffList ?? [] };
  }

  /** The seats among `mails` whose status is anything but offline (DescribeStaffStatusMetrics). */
  async onlineStaff(target: TcccTarget, mails: string[], lane: QuotaLane): Promise<string[]> {
    const action = 'DescribeStaffStatusMetrics';
    await this.slot(target, action, lane);
    const answer = await this.call(action, target, (client) =>
      client.DescribeStaffStatusMetrics({ SdkAppId: target.sdkAppId, StaffList: mails }),
    );
    return (answer.Metrics ?? [])
      .filter((metric) => metric.Email && metric.Status && metric.Status !== 'offline')
      .map((metric) => metric.Email as string);
  }

  /** Every skill group of the app, name → id (DescribeSkillGroupInfoList, 100 a page). */
  async skillGroupIds(target: TcccTarget, lane: QuotaLane): Promise<Map<string, number>> {
    const groups = await this.listSkillGroups(target, lane);
    return new Map(groups.map((group) => [group.name, group.id]));
  }

  /** Every skill group of the app (DescribeSkillGroupInfoList, every page of 100). */
  async listSkillGroups(target: TcccTarget, lane: QuotaLane): Promise<SkillGroup[]> {
    const action = 'DescribeSkillGroupInfoList';
    const groups: SkillGroup[] = [];
    for (let page = 0; ; page += 1) {
      await this.slot(target, action, lane);
      const answer = await this.call(action, target, (client) =>
        client.DescribeSkillGroupInfoList({ SdkAppId: target.sdkAppId, PageSize: 100, PageNumber: page }),
      );
      const list = answer.SkillGroupList ?? [];
      for (const group of list) {
        if (group.SkillGroupName && group.SkillGroupId !== undefined)
          groups.push({
            id: group.SkillGroupId,
            name: group.SkillGroupName,
            type: group.SkillGroupType ?? 0,
            maxConcurrency: group.MaxConcurrency ?? null,
          });
      }
      if (list.length < 100 || groups.length >= (answer.TotalCount ?? 0)) return groups;
    }
  }

  /** CreateCCCSkillGroup: resolves with the new group's id. */
  async createSkillGroup(
    target: TcccTarget,
    group: { name: string; type: number; maxConcurrency?: number },
    lane: QuotaLane,
  ): Promise<number> {
    const action = 'CreateCCCSkillGroup';
    await this.slot(target, action, lane);
    const answer = await this.call(action, target, (client) =>
      client.CreateCCCSkillGroup({
        SdkAppId: target.sdkAppId,
        SkillGroupName: group.name,
        SkillGroupType: group.type,
        ...(group.maxConcurrency !== undefined ? { MaxConcurrency: group.maxConcurrency } : {}),
      }),
    );
    if (answer.SkillGroupId === undefined)
      throw mapTcccError(
        Object.assign(new Error('no SkillGroupId'), { code: 'InternalError' }),
        target.sdkAppId,
      ).error;
    return answer.SkillGroupId;
  }

  /** UpdateCCCSkillGroup (its id field is spelled SkillGroupID). */
  async updateSkillGroup(
    target: TcccTarget,
    id: number,
    change: { name?: string; maxConcurrency?: number },
    lane: QuotaLane,
  ): Promise<void> {
    const action = 'UpdateCCCSkillGroup';
    await this.slot(target, action, lane);
    await this.call(action, target, (client) =>
      client.UpdateCCCSkillGroup({
        SdkAppId: target.sdkAppId,
        SkillGroupID: id,
        ...(change.name !== undefined ? { SkillGroupName: change.name } : {}),
        ...(change.maxConcurrency !== undefined ? { MaxConcurrency: change.maxConcurrency } : {}),
      }),
    );
  }

  async deleteSkillGroup(target: TcccTarget, id: number, lane: QuotaLane): Promise<void> {
    const action = 'DeleteCCCSkillGroup';
    await this.slot(target, action, lane);
    await this.call(action, target, (client) =>
      client.DeleteCCCSkillGroup({ SdkAppId: target.sdkAppId, SkillGroupId: id }),
    );
  }

  /**
   * The app's staff with their skill-group bindings (DescribeStaffInfoList, every page; with
   * `skillGroupId`, only that group's members).
   */
  async staffBindings(
    target: TcccTarget,
    lane: QuotaLane,
    skillGroupId?: number,
    pageSize = 500,
  ): Promise<StaffBindings[]> {
    const action = 'DescribeStaffInfoList';
    const staff: StaffBindings[] = [];
    for (let page = 0; ; page += 1) {
      await this.slot(target, action, lane);
      const answer = await this.call(action, target, (client) =>
        client.DescribeStaffInfoList({
          SdkAppId: target.sdkAppId,
          PageSize: pageSize,
          PageNumber: page,
          ...(skillGroupId !== undefined ? { SkillGroupId: skillGroupId } : {}),
        }),
      );
      for (const member of answer.StaffList ?? []) {
        if (member.Mail)
          staff.push({
            mail: member.Mail,
            name: member.Name ?? null,
            groups: (member.SkillGroupList ?? [])
              .filter((group) => group.SkillGroupId !== undefined)
              .map((group) => ({ id: group.SkillGroupId as number, priority: group.Priority ?? 3 })),
          });
      }
      if (staff.length >= (answer.TotalCount ?? 0) || (answer.StaffList ?? []).length === 0) return staff;
    }
  }

  async bindSkillGroups(
    target: TcccTarget,
    mail: string,
    ids: number[],
    lane: QuotaLane,
    priority = 3,
  ): Promise<void> {
    const action = 'BindStaffSkillGroupList';
    await this.slot(target, action, lane);
    await this.call(action, target, (client) =>
      client.BindStaffSkillGroupList({
        SdkAppId: target.sdkAppId,
        StaffEmail: mail,
        StaffSkillGroupList: ids.map((id) => ({ SkillGroupId: id, Priority: priority })),
      }),
    );
  }

  async unbindSkillGroups(target: TcccTarget, mail: string, ids: number[], lane: QuotaLane): Promise<void> {
    const action = 'UnbindStaffSkillGroupList';
    await this.slot(target, action, lane);
    await this.call(action, target, (client) =>
      client.UnbindStaffSkillGroupList({ SdkAppId: target.sdkAppId, StaffEmail: mail, SkillGroupList: ids }),
    );
  }

  /**
   * The app's licences still valid (DescribeCCCBuyInfoList) and its seats in TCCC (the staff
   * count): what a job checks before it starts.
   */
  async licenceUse(target: TcccTarget): Promise<LicenceUse> {
    const action = 'DescribeCCCBuyInfoList';
    await this.slot(target, action, 'foreground');
    const answer = await this.call(action, target, (client) =>
      client.DescribeCCCBuyInfoList({ SdkAppIds: [target.sdkAppId] }),
    );
    const app = (answer.SdkAppIdBuyList ?? []).find((entry) => entry.SdkAppId === target.sdkAppId);
    const { staffCount } = await this.probe(target, { saved: true });
    return {
      purchased: app?.StaffBuyNum ?? 0,
      used: staffCount,
      endTimes: (app?.StaffBuyList ?? [])
        .map((purchase) => purchase.EndTime ?? 0)
        .filter((end) => end > 0)
        .sort((a, b) => a - b),
    };
  }

  /**
   * The app's licences in detail (DescribeCCCBuyInfoList) and the seats TCCC lists
   * (DescribeStaffInfoList, PageSize 1): two calls, each in the background lane of the account's
   * quota, so that this read for the console never takes a slot a login is waiting for, but
   * waiting no longer than an admin read does (then upstream_rate_limited).
   */
  async licenceDetails(target: TcccTarget): Promise<LicenceDetails> {
    const secretId = target.secretId.reveal();
    const buyAction = 'DescribeCCCBuyInfoList';
    await this.quota.acquireBackground(upstreamQuotaKey(secretId, buyAction), ADMIN_UPSTREAM_MAX_WAIT_MS);
    const answer = await this.call(buyAction, target, (client) =>
      client.DescribeCCCBuyInfoList({ SdkAppIds: [target.sdkAppId] }),
    );
    const app = (answer.SdkAppIdBuyList ?? []).find((entry) => entry.SdkAppId === target.sdkAppId);
    const staffAction = 'DescribeStaffInfoList';
    await this.quota.acquireBackground(upstreamQuotaKey(secretId, staffAction), ADMIN_UPSTREAM_MAX_WAIT_MS);
    const staff = await this.call(staffAction, target, (client) =>
      client.DescribeStaffInfoList({ SdkAppId: target.sdkAppId, PageSize: 1, PageNumber: 0 }),
    );
    return {
      purchased: app?.StaffBuyNum ?? 0,
      inTccc: staff.TotalCount ?? 0,
      purchases: (app?.StaffBuyList ?? [])
        .map((purchase) => ({
          num: purchase.Num ?? 0,
          sipNum: purchase.SipNum ?? 0,
          buyTime: purchase.BuyTime ?? 0,
          endTime: purchase.EndTime ?? 0,
        }))
        .sort((a, b) => (a.endTime || Infinity) - (b.endTime || Infinity)),
    };
  }

  /** CreateSDKLoginToken with OnlyOnce: the SdkURL works for one page load. */
  createLoginToken(target: TcccTarget, seatUserId: string): Promise<SdkLogin> {
    return this.call('CreateSDKLoginToken', target, async (client) => {
      const answer = await client.CreateSDKLoginToken({
        SdkAppId: target.sdkAppId,
        SeatUserId: seatUserId,
        OnlyOnce: true,
      });
      if (!answer.SdkURL)
        throw Object.assign(new Error('no SdkURL in the answer'), { code: 'InternalError' });
      const expiresAt = answer.ExpiredTime
        ? new Date(answer.ExpiredTime * 1000)
        : new Date(Date.now() + 600_000);
      return { sdkUrl: answer.SdkURL, expiresAt };
    });
  }

  /**
   * Do these credentials work for this SDKAppID? The cheapest read TCCC has: DescribeStaffInfoList
   * with PageSize 1, in the account's upstream quota like every admin read. Resolves with the
   * staff count; throws the mapped upstream error (credentials rejected, app unknown, …).
   * `saved: false` when the app does not exist yet (no circuit is kept for it).
   */
  async probe(target: TcccTarget, options: { saved: boolean }): Promise<{ staffCount: number }> {
    const action = 'DescribeStaffInfoList';
    await this.quota.acquire(upstreamQuotaKey(target.secretId.reveal(), action), ADMIN_UPSTREAM_MAX_WAIT_MS);
    const answer = await this.call(
      action,
      target,
      (client) => client.DescribeStaffInfoList({ SdkAppId: target.sdkAppId, PageSize: 1, PageNumber: 0 }),
      options.saved,
    );
    return { staffCount: answer.TotalCount ?? 0 };
  }

  /**
   * DescribeStaffInfoList, every page; each page takes a slot of the account's upstream quota (in the
   * background lane for the reconcile plan, which may read thousands of seats: logins go first).
   */
  async listStaff(
    target: TcccTarget,
    pageSize = 500,
    lane: QuotaLane = 'foreground',
  ): Promise<StaffMember[]> {
    const action = 'DescribeStaffInfoList';
    const staff: StaffMember[] = [];
    for (let page = 0; ; page += 1) {
      await this.slot(target, action, lane);
      const answer = await this.call(action, target, (client) =>
        client.DescribeStaffInfoList({ SdkAppId: target.sdkAppId, PageSize: pageSize, PageNumber: page }),
      );
      for (const member of answer.StaffList ?? []) {
        if (member.Mail)
          staff.push({
            mail: member.Mail,
            name: member.Name ?? null,
            staffNumber: member.StaffNumber ?? null,
          });
      }
      if (staff.length >= (answer.TotalCount ?? 0) || (answer.StaffList ?? []).length === 0) return staff;
    }
  }

  /**
   * ForceMemberOffline: TCCC ends the seat's sessions and refuses its logins until
   * RestoreMemberOnline. Repeating it is harmless. In the account's upstream quota for this action.
   */
  async forceMemberOffline(
    target: TcccTarget,
    seatUserId: string,
    lane: QuotaLane = 'foreground',
  ): Promise<void> {
    await this.memberAction('ForceMemberOffline', target, seatUserId, lane);
  }

  /** RestoreMemberOnline: the seat may log in again (it does not come online by itself). */
  async restoreMemberOnline(
    target: TcccTarget,
    seatUserId: string,
    lane: QuotaLane = 'foreground',
  ): Promise<void> {
    await this.memberAction('RestoreMemberOnline', target, seatUserId, lane);
  }

  private async memberAction(
    action: 'ForceMemberOffline' | 'RestoreMemberOnline',
    target: TcccTarget,
    seatUserId: string,
    lane: QuotaLane,
  ): Promise<void> {
    await this.slot(target, action, lane);
    await this.call(action, target, (client) =>
      client[action]({ SdkAppId: target.sdkAppId, UserId: seatUserId }),
    );
  }

  /**
   * DescribeStaffStatusMetrics for these seats, in batches; each call takes a slot of the account's
   * quota for this action (TCCC counts per action, so the sessions view never takes a login's
   * CreateSDKLoginToken slot); the background poller and sign-out jobs in the lower lane.
   */
  async staffPresence(
    target: TcccTarget,
    mails: string[],
    lane: QuotaLane = 'foreground',
  ): Promise<StaffPresence[]> {
    const action = 'DescribeStaffStatusMetrics';
    // a background read (the presence poller, every few seconds) neither opens nor closes the app's
    // circuit, which logins' own calls decide: its success would reset a run of login failures;
    // it only waits while the circuit is not closed
    const observeOnly = lane === 'background';
    const presence: StaffPresence[] = [];
    for (let start = 0; start < mails.length; start += METRICS_BATCH) {
      const batch = mails.slice(start, start + METRICS_BATCH);
      if (observeOnly && this.circuits.state(target.appId) !== 'closed')
        throw tcccErrors.circuitOpen(target.sdkAppId, this.circuits.retryAfterSeconds(target.appId));
      await this.slot(target, action, lane);
      const answer = await this.call(
        action,
        target,
        (client) => client.DescribeStaffStatusMetrics({ SdkAppId: target.sdkAppId, StaffList: batch }),
        !observeOnly,
      );
      for (const metric of answer.Metrics ?? []) {
        if (!metric.Email) continue;
        presence.push({
          mail: metric.Email,
          status: metric.Status ?? 'offline',
          clients: (metric.ClientInfo ?? [])
            .filter((client) => client.IsConnected && client.ClientType)
            .map((client) => client.ClientType!),
          onlineSince:
            metric.Status && metric.Status !== 'offline' ? fromUnixSeconds(metric.LastOnlineTimestamp) : null,
          lastStatusAt: fromUnixSeconds(metric.LastStatusTimestamp),
        });
      }
    }
    return presence;
  }
}
