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

export interface StaffMember {
  mail: string;
  name: string | null;
  staffNumber: string | null;
}

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
      const failure = mapTcccError(error, target.sdkAppId);
      this.metrics.upstreamCall(action, (performance.now() - started) / 1000, upstreamCode(error));
      if (circuit) {
        if (failure.kind === 'unavailable') this.circuits.failure(target.appId);
        else this.circuits.neutral(target.appId);
      }
      throw failure.error;
    }
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

  /** DescribeStaffInfoList, every page; each page takes a slot of the account's upstream quota. */
  async listStaff(target: TcccTarget, pageSize = 500): Promise<StaffMember[]> {
    const action = 'DescribeStaffInfoList';
    const quotaKey = upstreamQuotaKey(target.secretId.reveal(), action);
    const staff: StaffMember[] = [];
    for (let page = 0; ; page += 1) {
      await this.quota.acquire(quotaKey, ADMIN_UPSTREAM_MAX_WAIT_MS);
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
}
