// A tenant's TCCC applications (SDKAppIDs) and their encrypted credentials, which are written
// here and never returned: responses carry only the masked SecretId and the rotation time.
import { Injectable } from '@nestjs/common';
import {
  defaultAppKind,
  type AppCheckFailedDetails,
  type AppConnectionTest,
  type AppCreate,
  type AppAutoMapPreview,
  type AppAutoMapQuery,
  type AppStaffLookup,
  type AppStaffQuery,
  type AppStaffView,
  type AppUpdate,
  type AppView,
  type CredentialsRotate,
  type Page,
  type PageQuery,
} from '@seatgate/contracts';
import { rewrapField, Secret, type Keyring } from '@seatgate/crypto';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../../config/app-config';
import { adminEvent } from '../../common/context/audit-actor';
import type { RequestContext } from '../../common/context/request-context';
import { DomainError, isDomainError, type DomainErrorOf } from '../../common/errors/domain.error';
import { rewrapAll, type RewrapOutcome } from '../../common/envelopes/envelope-rewrap';
import { UnitOfWork } from '../../database/unit-of-work';
import { AuditService } from '../audit/audit.service';
import { SeatDirectory } from '../seats/seat-directory';
import { TenantsService } from '../tenants/tenants.service';
import { decryptCredentials, encryptCredentials, type AppSecrets } from './app-credentials';
import { appErrors } from './apps.errors';
import { AppsRepository, type CredentialEnvelopes, type StoredCheck, type TcccApp } from './apps.repository';
import { TcccService } from '../tccc/tccc.service';
import { StaffListCache, type StaffList } from './staff-list-cache';

export function toAppView(app: TcccApp): AppView {
  return {
    id: app.id,
    tenantId: app.tenantId,
    sdkAppId: Number(app.sdkAppId),
    label: app.label,
    kind: app.kind,
    region: app.region,
    status: app.status,
    secretIdMasked: app.secretIdMasked,
    credentialsUpdatedAt: app.credentialsUpdatedAt.toISOString(),
    lastCheck:
      app.lastCheckOutcome && app.lastCheckAt
        ? {
            outcome: app.lastCheckOutcome,
            at: app.lastCheckAt.toISOString(),
            code: app.lastCheckCode,
            upstreamCode: app.lastCheckUpstreamCode,
          }
        : null,
    createdAt: app.createdAt.toISOString(),
    updatedAt: app.updatedAt.toISOString(),
  };
}

/**
 * The app's credential envelopes with their data keys re-wrapped under the keyring's primary
 * master key (for master-key rotation, in modules/master-keys). Both are authenticated first;
 * throws DecryptionError when either cannot be decrypted.
 */
function rewrapCredentials(
  keyring: Keyring,
  app: CredentialEnvelopes,
): Pick<CredentialEnvelopes, 'secretIdEnc' | 'secretKeyEnc'> {
  const context = (field: 'secretId' | 'secretKey') => ({ tenantId: app.tenantId, recordId: app.id, field });
  return {
    secretIdEnc: rewrapField(keyring, app.secretIdEnc, context('secretId')),
    secretKeyEnc: rewrapField(keyring, app.secretKeyEnc, context('secretKey')),
  };
}

/** TCCC's answers that mean "these credentials cannot work for this app": a save is refused. */
const CHECK_REFUSALS: readonly AppCheckFailedDetails['reason'][] = [
  'upstream_credentials_rejected',
  'upstream_app_not_found',
  'upstream_permission_denied',
  'upstream_account_disabled',
  'upstream_error',
];

function checkRefusal(error: unknown): DomainErrorOf<AppCheckFailedDetails['reason']> | null {
  for (const reason of CHECK_REFUSALS) if (isDomainError(error, reason)) return error;
  return null;
}

/** TCCC's own code in an upstream error's details, if it has one. */
function upstreamCodeOf(error: DomainError): string | null {
  const details: unknown = error.details;
  if (details && typeof details === 'object' && 'upstreamCode' in details) {
    const code = (details as { upstreamCode?: unknown }).upstreamCode;
    return typeof code === 'string' ? code : null;
  }
  return null;
}

const skippedCheck = (): StoredCheck => ({
  lastCheckOutcome: 'skipped',
  lastCheckAt: new Date(),
  lastCheckCode: null,
  lastCheckUpstreamCode: null,
});

@Injectable()
export class AppsService {
  constructor(
    private readonly apps: AppsRepository,
    private readonly tenants: TenantsService,
    private readonly audit: AuditService,
    private readonly uow: UnitOfWork,
    private readonly config: AppConfig,
    private readonly tccc: TcccService,
    private readonly seats: SeatDirectory,
    private readonly staffLists: StaffListCache,
  ) {}

  async list(ctx: RequestContext, tenantId: string, query: PageQuery): Promise<Page<AppView>> {
    await this.tenants.require(ctx, tenantId, 'read');
    const [items, total] = await this.apps.list(tenantId, (query.page - 1) * query.pageSize, query.pageSize);
    return { items: items.map(toAppView), total, page: query.page, pageSize: query.pageSize };
  }

  async get(ctx: RequestContext, tenantId: string, appId: string): Promise<AppView> {
    await this.tenants.require(ctx, tenantId, 'read');
    return toAppView(await this.requireApp(tenantId, appId));
  }

  private async requireApp(tenantId: string, appId: string): Promise<TcccApp> {
    const app = await this.apps.find(tenantId, appId);
    if (!app) throw appErrors.notFound();
    return app;
  }

  /**
   * Registers an app once TCCC has accepted its credentials for its SDKAppID (or, with skipCheck,
   * without asking: the app then shows "not checked"). A refusal saves nothing.
   */
  async create(ctx: RequestContext, tenantId: string, input: AppCreate): Promise<AppView> {
    await this.tenants.require(ctx, tenantId, 'write');
    const id = randomUUID();
    const check = await this.checkBeforeSave(
      { appId: id, saved: false },
      input.sdkAppId,
      input.region ?? null,
      input,
    );
    const credentials = encryptCredentials(this.config.keyring, tenantId, id, input);
    const app = await this.uow.run(async () => {
      await this.tenants.require(ctx, tenantId, 'write');
      const created = await this.apps.create({
        id,
        tenantId,
        sdkAppId: input.sdkAppId,
        label: input.label,
        // the schema refused a kind that contradicts the prefix
        kind: defaultAppKind(input.sdkAppId),
        region: input.region ?? null,
        ...credentials,
        ...check,
      });
      await this.audit.append(
        adminEvent(ctx, {
          tenantId,
          action: 'app.created',
          target: { type: 'app', id },
          details: {
            sdkAppId: input.sdkAppId,
            label: input.label,
            kind: created.kind,
            secretId: 'changed',
            secretKey: 'changed',
            check: check.lastCheckOutcome,
          },
        }),
      );
      return created;
    });
    return toAppView(app);
  }

  async update(ctx: RequestContext, tenantId: string, appId: string, input: AppUpdate): Promise<AppView> {
    await this.tenants.require(ctx, tenantId, 'write');
    const app = await this.uow.run(async () => {
      const current = await this.requireApp(tenantId, appId);
      const kind = defaultAppKind(Number(current.sdkAppId));
      if (input.kind !== undefined && input.kind !== kind) {
        throw appErrors.kindMismatch(Number(current.sdkAppId), kind);
      }
      const updated = await this.apps.update(tenantId, appId, input);
      await this.audit.append(
        adminEvent(ctx, {
          tenantId,
          action: input.status ? `app.${input.status}` : 'app.updated',
          target: { type: 'app', id: appId },
          details: { sdkAppId: Number(updated.sdkAppId), changes: input },
        }),
      );
      return updated;
    });
    return toAppView(app);
  }

  /** New credentials, checked against TCCC first like on create (unless skipCheck). */
  async rotateCredentials(
    ctx: RequestContext,
    tenantId: string,
    appId: string,
    input: CredentialsRotate,
  ): Promise<AppView> {
    await this.tenants.require(ctx, tenantId, 'write');
    const before = await this.requireApp(tenantId, appId);
    const check = await this.checkBeforeSave(
      { appId, saved: true },
      Number(before.sdkAppId),
      before.region,
      input,
    );
    const credentials = encryptCredentials(this.config.keyring, tenantId, appId, input);
    const app = await this.uow.run(async () => {
      const current = await this.requireApp(tenantId, appId);
      const updated = await this.apps.update(tenantId, appId, { ...credentials, ...check });
      await this.audit.append(
        adminEvent(ctx, {
          tenantId,
          action: 'app.credentials.rotated',
          target: { type: 'app', id: appId },
          details: {
            sdkAppId: Number(current.sdkAppId),
            secretId: 'changed',
            secretKey: 'changed',
            secretIdMasked: credentials.secretIdMasked,
            check: check.lastCheckOutcome,
          },
        }),
      );
      return updated;
    });
    return toAppView(app);
  }

  async delete(ctx: RequestContext, tenantId: string, appId: string): Promise<void> {
    await this.tenants.require(ctx, tenantId, 'write');
    await this.uow.run(async () => {
      const app = await this.requireApp(tenantId, appId);
      const seats = await this.seats.countByApp(tenantId, appId);
      await this.apps.delete(tenantId, appId);
      await this.audit.append(
        adminEvent(ctx, {
          tenantId,
          action: 'app.deleted',
          target: { type: 'app', id: appId },
          details: { sdkAppId: Number(app.sdkAppId), seatsDeleted: seats, credentials: 'destroyed' },
        }),
      );
    });
  }

  /**
   * Asks TCCC whether credentials about to be saved work for this SDKAppID (TcccService.probe, in
   * the account's upstream quota). A refusal (rejected credentials, an SDKAppID the account does
   * not own, another refusal) becomes app_check_failed (422) carrying TCCC's reason; TCCC being
   * rate limited or unreachable stays 429/503 with Retry-After: nothing is known about the
   * credentials then, and the admin may retry or save with skipCheck.
   */
  private async checkBeforeSave(
    app: { appId: string; saved: boolean },
    sdkAppId: number,
    region: string | null,
    input: { secretId: string; secretKey: string; skipCheck?: boolean },
  ): Promise<StoredCheck> {
    if (input.skipCheck === true) return skippedCheck();
    const target = {
      appId: app.appId,
      sdkAppId,
      region,
      secretId: new Secret(input.secretId),
      secretKey: new Secret(input.secretKey),
    };
    try {
      await this.tccc.probe(target, { saved: app.saved });
    } catch (error) {
      const refusal = checkRefusal(error);
      if (!refusal) throw error;
      throw appErrors.checkFailed(refusal.message, {
        sdkAppId,
        upstreamCode: refusal.details?.upstreamCode,
        upstreamRequestId: refusal.details?.upstreamRequestId,
        reason: refusal.code,
      });
    }
    return {
      lastCheckOutcome: 'ok',
      lastCheckAt: new Date(),
      lastCheckCode: null,
      lastCheckUpstreamCode: null,
    };
  }

  private target(app: TcccApp) {
    const secrets = this.secretsOf(app);
    return { appId: app.id, sdkAppId: Number(app.sdkAppId), region: app.region, ...secrets };
  }

  /**
   * Calls DescribeStaffInfoList with the stored credentials: do they work? The outcome is kept on
   * the app (lastCheck) and audited. A write: it spends upstream quota and adds to the audit
   * trail, which auditors must never cause.
   */
  async testConnection(ctx: RequestContext, tenantId: string, appId: string): Promise<AppConnectionTest> {
    await this.tenants.require(ctx, tenantId, 'write');
    const app = await this.requireApp(tenantId, appId);
    let result: AppConnectionTest;
    let upstreamCode: string | null = null;
    try {
      const staff = await this.tccc.listStaff(this.target(app));
      result = { ok: true, staffCount: staff.length };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      result = { ok: false, code: error.code, message: error.message };
      upstreamCode = upstreamCodeOf(error);
    }
    await this.apps.recordCheck(tenantId, appId, app.credentialsUpdatedAt, {
      lastCheckOutcome: result.ok ? 'ok' : 'failed',
      lastCheckAt: new Date(),
      lastCheckCode: result.ok ? null : result.code,
      lastCheckUpstreamCode: upstreamCode,
    });
    await this.audit.record(
      adminEvent(ctx, {
        tenantId,
        action: 'app.connection_tested',
        target: { type: 'app', id: appId },
        outcome: result.ok ? 'success' : 'failure',
        details: {
          sdkAppId: Number(app.sdkAppId),
          ...(result.ok ? { staffCount: result.staffCount } : { code: result.code }),
        },
      }),
    );
    return result;
  }

  /**
   * The app's TCCC staff list, read at most once per STAFF_CACHE_SECONDS (each read spends upstream
   * quota) unless `refresh` asks for it now.
   */
  private staffListOf(app: TcccApp, refresh: boolean): Promise<StaffList> {
    const source = {
      tenantId: app.tenantId,
      appId: app.id,
      region: app.region,
      credentialsUpdatedAt: app.credentialsUpdatedAt,
    };
    return this.staffLists.get(source, () => this.tccc.listStaff(this.target(app)), { refresh });
  }

  /** TCCC's seats of the app, each marked mapped (to whom) or not. */
  private async markedStaff(tenantId: string, app: TcccApp, refresh: boolean) {
    const list = await this.staffListOf(app, refresh);
    const mappings = await this.seats.mappingsOfApp(tenantId, app.id);
    const bySeat = new Map(mappings.map((mapping) => [mapping.seatUserId, mapping]));
    const marked = list.staff.map((member): AppStaffView['staff'][number] => {
      const mapping = bySeat.get(member.mail);
      return {
        ...member,
        state: mapping ? 'mapped' : 'unmapped',
        businessUserId: mapping?.businessUserId ?? null,
        seatId: mapping?.id ?? null,
      };
    });
    return { marked, mappings, fetchedAt: list.fetchedAt };
  }

  /**
   * The app's TCCC staff, each marked mapped or not and filtered as asked (at most `limit` of the
   * matches), plus mappings whose seat TCCC lacks.
   */
  async staff(
    ctx: RequestContext,
    tenantId: string,
    appId: string,
    query: AppStaffQuery = {},
  ): Promise<AppStaffView> {
    await this.tenants.require(ctx, tenantId, 'read');
    const app = await this.requireApp(tenantId, appId);
    const { marked, mappings, fetchedAt } = await this.markedStaff(tenantId, app, query.refresh === 'true');
    const upstream = new Set(marked.map((member) => member.mail));
    const needle = query.q?.toLocaleLowerCase();
    const matches = (member: AppStaffView['staff'][number]) =>
      !needle ||
      [member.mail, member.name, member.staffNumber, member.businessUserId].some((field) =>
        field?.toLocaleLowerCase().includes(needle),
      );
    const matching = marked.filter(
      (member) => (!query.state || member.state === query.state) && matches(member),
    );
    return {
      sdkAppId: Number(app.sdkAppId),
      total: marked.length,
      unmappedTotal: marked.filter((member) => member.state === 'unmapped').length,
      matched: matching.length,
      fetchedAt: fetchedAt.toISOString(),
      staff: query.limit === undefined ? matching : matching.slice(0, query.limit),
      missingUpstream: mappings
        .filter((mapping) => !upstream.has(mapping.seatUserId))
        .map((mapping) => ({
          seatId: mapping.id,
          seatUserId: mapping.seatUserId,
          businessUserId: mapping.businessUserId,
        })),
    };
  }

  /**
   * Does TCCC list this seat for the app (the seat form's warning)? Answered from the cached staff
   * list, so checking as the admin types costs no quota beyond one list read.
   */
  async lookupStaff(
    ctx: RequestContext,
    tenantId: string,
    appId: string,
    seatUserId: string,
  ): Promise<AppStaffLookup> {
    await this.tenants.require(ctx, tenantId, 'read');
    const app = await this.requireApp(tenantId, appId);
    const { marked, fetchedAt } = await this.markedStaff(tenantId, app, false);
    const member = marked.find((candidate) => candidate.mail === seatUserId) ?? null;
    return { seatUserId, found: member !== null, member, fetchedAt: fetchedAt.toISOString() };
  }

  /**
   * Proposals for the app's unmapped TCCC seats: the tenant's business user without a seat in this
   * app whose id is the seat's email (case-insensitive) or staff number. A business user or seat
   * matched more than once is left out: a proposal is never a guess.
   */
  async autoMapPreview(
    ctx: RequestContext,
    tenantId: string,
    appId: string,
    query: AppAutoMapQuery,
  ): Promise<AppAutoMapPreview> {
    const view = await this.staff(ctx, tenantId, appId, { state: 'unmapped' });
    const key = (value: string) => (query.by === 'email' ? value.toLocaleLowerCase() : value);
    const users = new Map<string, string | null>();
    for (const id of await this.seats.businessUsersWithoutSeatIn(tenantId, appId))
      users.set(key(id), users.has(key(id)) ? null : id);
    const matches = view.staff.flatMap((member) => {
      const field = query.by === 'email' ? member.mail : member.staffNumber;
      const businessUserId = field ? users.get(key(field)) : undefined;
      return businessUserId
        ? [{ seatUserId: member.mail, name: member.name, staffNumber: member.staffNumber, businessUserId }]
        : [];
    });
    const claims = new Map<string, number>();
    for (const match of matches)
      claims.set(match.businessUserId, (claims.get(match.businessUserId) ?? 0) + 1);
    return {
      sdkAppId: view.sdkAppId,
      by: query.by,
      unmapped: view.staff.length,
      proposals: matches.filter((match) => claims.get(match.businessUserId) === 1),
    };
  }

  /**
   * Master-key rotation's pass over every tenant's app credentials (a platform operation: the
   * caller, modules/master-keys, has checked that its caller may run it).
   */
  rewrapAllCredentials(): Promise<RewrapOutcome> {
    const keyring = this.config.keyring;
    return rewrapAll<CredentialEnvelopes, Pick<CredentialEnvelopes, 'secretIdEnc' | 'secretKeyEnc'>>(
      {
        kind: 'app_credentials',
        batch: (afterId, take) => this.apps.allCredentialsBatch(afterId, take),
        reread: (id) => this.apps.findEnvelopes(id),
        envelopes: (app) => [app.secretIdEnc, app.secretKeyEnc],
        rewrap: (app) => rewrapCredentials(keyring, app),
        replace: (app, next) => this.apps.replaceEnvelopes(app, next),
      },
      keyring.primaryId,
    );
  }

  /** Decrypted credentials for a call to TCCC; callers keep them only for that call. */
  secretsOf(app: TcccApp): AppSecrets {
    return decryptCredentials(this.config.keyring, app);
  }
}
