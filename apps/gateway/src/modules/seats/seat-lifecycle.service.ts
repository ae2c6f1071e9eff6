// The seat lifecycle in TCCC (issue 15): creating a seat with its mapping (one, or a file of users
// as a durable job), sending a provisioned seat's changes to TCCC, and offboarding a business user.
// Jobs call TCCC in the upstream quota's background lane, so a login never waits behind them; the
// licences are checked before a provisioning job starts. Every step is audited.
import { Injectable, type OnModuleInit } from '@nestjs/common';
import type {
  LicenceCounts,
  OffboardRequest,
  ProvisionJobRequest,
  SeatCreate,
  SeatImportRowError,
  SeatUpdate,
} from '@seatgate/contracts';
import { auditActor } from '../../common/context/audit-actor';
import type { RequestContext, RequestMeta } from '../../common/context/request-context';
import { domainError, DomainError, isDomainError } from '../../common/errors/domain.error';
import { validationFailed } from '../../common/validation/zod.pipe';
import { AppConfig } from '../../config/app-config';
import { UnitOfWork } from '../../database/unit-of-work';
import { AppDirectory, type TcccApp } from '../apps/app-directory';
import { AppsService } from '../apps/apps.service';
import { AuditService } from '../audit/audit.service';
import type { AuditActor } from '../audit/audit.types';
import { JobRunner, type JobRecord, type RowOutcome, type StepRun } from '../jobs/job-runner';
import { TcccService, type QuotaLane, type TcccTarget } from '../tccc/tccc.service';
import type { Tenant } from '../tenants/tenants.service';
import { tenantSettings } from '../tenants/tenant-settings';
import { TenantsService } from '../tenants/tenants.service';
import {
  newStaff,
  provisioningDefaults,
  seatAttributes,
  seatIdFromRule,
  type SeatAttributes,
} from './seat-provisioning';
import { seatErrors } from './seats.errors';
import { SeatsRepository, type SeatRecord } from './seats.repository';

export const DUPLICATED = 'FailedOperation.DuplicatedAccount';

/** A provisioning job's line as stored: the seat's attributes, resolved when the job started. */
type ProvisionLine = SeatAttributes;

/** An offboarding job's line: one mapping of the business user. */
interface OffboardLine {
  seatId: string;
  appId: string;
  sdkAppId: number;
  businessUserId: string;
  seatUserId: string;
  origin: 'adopted' | 'provisioned';
  deleteUpstream: boolean;
}

export interface ProvisionJobStarted {
  jobId: string;
  total: number;
  /** lines whose seat is new in TCCC (the others exist and are adopted) */
  toCreate: number;
  licences: LicenceCounts;
}

export interface OffboardStarted {
  jobId: string;
  seats: number;
}

/** Who acts when no admin session does (a SCIM token): the audit's actor and the request. */
export interface LifecycleCaller {
  actor: AuditActor;
  meta: RequestMeta;
}

/** The seat is still online in TCCC: the offboarding step is tried again later. */
class SeatStillOnline extends Error {
  constructor(readonly seatUserId: string) {
    super('the seat is online in TCCC; it is deleted once it is offline');
  }
}

export const licencesInsufficient = (sdkAppId: number, counts: LicenceCounts, requested: number) =>
  domainError(
    'licences_insufficient',
    `${requested} new seats need ${requested} licences; ${counts.available} of ${counts.purchased} are left (${counts.used} in use)`,
    { sdkAppId, requested, ...counts },
  );

export function licenceCounts(purchased: number, used: number): LicenceCounts {
  return { purchased, used, available: Math.max(0, purchased - used) };
}

export function errorCode(error: unknown): { code: string; message: string } {
  if (error instanceof DomainError) {
    const details = error.details as { upstreamCode?: unknown } | undefined;
    const upstream = typeof details?.upstreamCode === 'string' ? details.upstreamCode : null;
    return { code: upstream ?? error.code, message: error.message };
  }
  return { code: 'internal_error', message: 'the step failed' };
}

export const jobMeta = (job: JobRecord): RequestMeta => ({
  requestId: `job:${job.id}`,
  ip: null,
  userAgent: null,
});

@Injectable()
export class SeatLifecycleService implements OnModuleInit {
  constructor(
    private readonly seats: SeatsRepository,
    private readonly apps: AppDirectory,
    private readonly appsService: AppsService,
    private readonly tenants: TenantsService,
    private readonly tccc: TcccService,
    private readonly audit: AuditService,
    private readonly uow: UnitOfWork,
    private readonly runner: JobRunner,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.runner.register('provision', {
      stepSize: 10,
      run: (step) => this.provisionStep(step),
      finished: (job) => this.jobFinished(job),
    });
    this.runner.register('offboard', {
      stepSize: 1,
      retry: {
        limit: this.config.jobs.offlineRetryLimit,
        delaySeconds: this.config.jobs.offlineRetrySeconds,
      },
      run: (step) => this.offboardStep(step),
      finished: (job) => this.jobFinished(job),
    });
  }

  private target(app: TcccApp): TcccTarget {
    return {
      appId: app.id,
      tenantId: app.tenantId,
      sdkAppId: Number(app.sdkAppId),
      region: app.region,
      ...this.appsService.secretsOf(app),
    };
  }

  private async licences(target: TcccTarget): Promise<LicenceCounts> {
    const use = await this.tccc.licenceUse(target);
    return licenceCounts(use.purchased, use.used);
  }

  // ---- one seat, from the map-seat form -------------------------------------------------------

  /**
   * Creates the seat in TCCC (or adopts it when TCCC already has it) and maps it, for
   * SeatsService.create with `provision: true` (access already checked). A seat TCCC created but
   * whose mapping then fails to commit stays in TCCC, where the reconcile plan finds it.
   */
  async provisionOne(
    ctx: RequestContext,
    tenantId: string,
    app: TcccApp,
    input: SeatCreate,
  ): Promise<SeatRecord> {
    const tenant = await this.tenants.require(ctx, tenantId, 'write');
    return this.provisionWith({ actor: auditActor(ctx), meta: ctx }, tenant, app, input, true, 'foreground');
  }

  /**
   * The same for a caller without an admin session (a SCIM token), which the caller authorised:
   * the seat id is the one given, else the tenant's seat-id rule's. `createInTccc: false` maps a
   * seat that must exist already (adopted), without calling TCCC.
   */
  async provisionAs(
    caller: LifecycleCaller,
    tenantId: string,
    app: TcccApp,
    input: Omit<SeatCreate, 'seatUserId' | 'sdkAppId'> & { seatUserId?: string },
    options: { createInTccc: boolean },
  ): Promise<SeatRecord> {
    const tenant = await this.tenants.lookup(tenantId);
    if (!tenant) throw seatErrors.notFound();
    const sdkAppId = Number(app.sdkAppId);
    let seatUserId = input.seatUserId?.toLowerCase();
    if (!seatUserId) {
      const ruled = seatIdFromRule(
        provisioningDefaults(tenantSettings(tenant), sdkAppId),
        tenant.slug,
        input.businessUserId,
      );
      if ('problem' in ruled) throw validationFailed([{ path: 'seatUserId', message: ruled.problem }]);
      seatUserId = ruled.seatUserId;
    }
    // an identity provider's sync is no person waiting: it yields to logins (background lane)
    return this.provisionWith(
      caller,
      tenant,
      app,
      { ...input, sdkAppId, seatUserId },
      options.createInTccc,
      'background',
    );
  }

  private async provisionWith(
    caller: LifecycleCaller,
    tenant: Tenant,
    app: TcccApp,
    input: SeatCreate,
    createInTccc: boolean,
    lane: QuotaLane,
  ): Promise<SeatRecord> {
    const tenantId = tenant.id;
    const sdkAppId = Number(app.sdkAppId);
    const defaults = provisioningDefaults(tenantSettings(tenant), sdkAppId);
    const seat = seatAttributes({ ...input, displayName: input.displayName ?? null }, defaults);
    const clashes = await this.seats.findClashes(tenantId, app.id, [seat.seatUserId], [seat.businessUserId]);
    if (clashes.some((clash) => clash.businessUserId === seat.businessUserId))
      throw seatErrors.businessUserTaken();
    if (clashes.length > 0) throw seatErrors.seatUserTaken();
    let origin: 'adopted' | 'provisioned' = 'adopted';
    if (createInTccc) {
      const target = this.target(app);
      const counts = await this.licences(target);
      if (counts.available < 1) throw licencesInsufficient(sdkAppId, counts, 1);
      const [refusal] = await this.tccc
        .createStaff(target, [newStaff(seat)], lane)
        .catch((error: unknown) => {
          // TCCC's own count disagreed with its purchases (a seat limit, or seats added meanwhile):
          // the same refusal, with the numbers the check saw
          if (isDomainError(error, 'upstream_licences_exhausted'))
            throw domainError('upstream_licences_exhausted', error.message, {
              sdkAppId,
              ...error.details,
              ...counts,
            });
          throw error;
        });
      if (refusal && refusal.code !== DUPLICATED)
        throw domainError('upstream_error', `TCCC refused to create the seat (${refusal.code})`, {
          upstreamCode: refusal.code,
          sdkAppId,
        });
      origin = refusal ? 'adopted' : 'provisioned';
    }
    return this.uow.run(async () => {
      const inserted = await this.seats.insertLifecycle(tenantId, [
        { ...seat, appId: app.id, origin, staffNumber: seat.staffNumber, phone: seat.phone, role: seat.role },
      ]);
      if (!inserted.has(seat.businessUserId)) throw seatErrors.seatUserTaken();
      const [created] = (await this.seats.ofBusinessUser(tenantId, seat.businessUserId)).filter(
        (mapping) => mapping.appId === app.id,
      );
      if (!created) throw seatErrors.notFound();
      await this.audit.append({
        tenantId,
        actor: caller.actor,
        action: origin === 'provisioned' ? 'seat.provisioned' : 'seat.created',
        target: { type: 'seat', id: created.id },
        meta: caller.meta,
        details: { businessUserId: seat.businessUserId, sdkAppId, seatUserId: seat.seatUserId, origin },
      });
      return created;
    });
  }

  /**
   * A mapping's change for a caller without an admin session (a SCIM token): a provisioned seat's
   * attributes go to TCCC first, in the background lane (refused there, nothing is stored).
   */
  async changeAs(
    caller: LifecycleCaller,
    tenantId: string,
    seatId: string,
    change: SeatUpdate,
  ): Promise<SeatRecord> {
    const before = await this.seats.find(tenantId, seatId);
    if (!before) throw seatErrors.notFound();
    const upstream = await this.propagate(before, change, 'background');
    return this.uow.run(async () => {
      const updated = await this.seats.update(tenantId, seatId, change);
      const about = { businessUserId: before.businessUserId, sdkAppId: Number(before.app.sdkAppId) };
      if (upstream.length > 0)
        await this.audit.append({
          tenantId,
          actor: caller.actor,
          action: 'seat.upstream_updated',
          target: { type: 'seat', id: seatId },
          meta: caller.meta,
          details: { ...about, actions: upstream },
        });
      await this.audit.append({
        tenantId,
        actor: caller.actor,
        action: 'seat.updated',
        target: { type: 'seat', id: seatId },
        meta: caller.meta,
        details: { ...about, changes: change },
      });
      return updated;
    });
  }

  /** The business user's mappings in every app of the tenant (a SCIM user's seats). */
  mappingsOf(tenantId: string, businessUserId: string): Promise<SeatRecord[]> {
    return this.seats.ofBusinessUser(tenantId, businessUserId);
  }

  // ---- a file of users, as a job --------------------------------------------------------------

  /**
   * For an import's rows to provision in one app (access already checked): how many of these
   * seats TCCC lacks, and the licences; refused with the numbers when they would run out.
   */
  async provisioningPreview(
    ctx: RequestContext,
    tenantId: string,
    sdkAppId: number,
    seatUserIds: string[],
  ): Promise<{ toCreate: number; licences: LicenceCounts }> {
    await this.tenants.require(ctx, tenantId, 'write');
    const app = await this.apps.bySdkAppId(tenantId, sdkAppId);
    if (!app) throw seatErrors.appNotInTenant(sdkAppId);
    const target = this.target(app);
    const existing = new Set((await this.tccc.listStaff(target)).map((member) => member.mail.toLowerCase()));
    const toCreate = new Set(seatUserIds.map((id) => id.toLowerCase()).filter((id) => !existing.has(id)))
      .size;
    const counts = licenceCounts((await this.tccc.licenceUse(target)).purchased, existing.size);
    if (toCreate > counts.available) throw licencesInsufficient(sdkAppId, counts, toCreate);
    return { toCreate, licences: counts };
  }

  /**
   * Checks every line (seat ids from the rule, no line twice, nothing mapped already) and the
   * licences (DescribeCCCBuyInfoList and the staff in TCCC) before anything starts: a job that
   * would run out of licences is refused with the numbers. Then starts the job.
   */
  async startProvisioning(
    ctx: RequestContext,
    tenantId: string,
    body: ProvisionJobRequest,
  ): Promise<ProvisionJobStarted> {
    const tenant = await this.tenants.require(ctx, tenantId, 'write');
    const app = await this.apps.bySdkAppId(tenantId, body.sdkAppId);
    if (!app) throw seatErrors.appNotInTenant(body.sdkAppId);
    const defaults = provisioningDefaults(tenantSettings(tenant), body.sdkAppId);
    const errors: SeatImportRowError[] = [];
    const lines: ProvisionLine[] = [];
    const seen = { seats: new Set<string>(), users: new Set<string>() };
    body.rows.forEach((row, index) => {
      const line = index + 1;
      const seatId = row.seatUserId
        ? { seatUserId: row.seatUserId.toLowerCase() }
        : seatIdFromRule(defaults, tenant.slug, row.businessUserId);
      if ('problem' in seatId) return void errors.push({ line, reason: seatId.problem });
      if (seen.users.has(row.businessUserId))
        errors.push({ line, reason: 'this business user is on another line' });
      if (seen.seats.has(seatId.seatUserId)) errors.push({ line, reason: 'this seat is on another line' });
      seen.users.add(row.businessUserId);
      seen.seats.add(seatId.seatUserId);
      lines.push(seatAttributes({ ...row, seatUserId: seatId.seatUserId }, defaults));
    });
    if (errors.length === 0) {
      const clashes = await this.seats.findClashes(tenantId, app.id, [...seen.seats], [...seen.users]);
      for (const clash of clashes)
        errors.push({
          line:
            lines.findIndex(
              (l) => l.businessUserId === clash.businessUserId || l.seatUserId === clash.seatUserId,
            ) + 1,
          reason: `already mapped in this app (${clash.businessUserId} → ${clash.seatUserId})`,
        });
    }
    if (errors.length > 0)
      throw seatErrors.importRejected(
        `${errors.length} lines cannot be provisioned; nothing was started`,
        errors,
        body.rows.length,
      );

    const target = this.target(app);
    const existing = new Set((await this.tccc.listStaff(target)).map((member) => member.mail.toLowerCase()));
    const toCreate = lines.filter((line) => !existing.has(line.seatUserId)).length;
    if (body.adoptExisting === false && toCreate < lines.length) {
      const taken = lines.findIndex((line) => existing.has(line.seatUserId));
      throw seatErrors.importRejected('some seats already exist in TCCC; nothing was started', [
        { line: taken + 1, reason: 'this seat already exists in TCCC' },
      ]);
    }
    const counts = licenceCounts((await this.tccc.licenceUse(target)).purchased, existing.size);
    if (toCreate > counts.available) throw licencesInsufficient(body.sdkAppId, counts, toCreate);

    const jobId = await this.runner.start({
      tenantId,
      appId: app.id,
      kind: 'provision',
      actor: auditActor(ctx),
      params: { sdkAppId: body.sdkAppId, adoptExisting: body.adoptExisting ?? true },
      rows: lines.map((line) => ({ ...line })),
    });
    await this.audit.record({
      tenantId,
      actor: auditActor(ctx),
      action: 'job.started',
      target: { type: 'job', id: jobId },
      meta: ctx,
      details: {
        kind: 'provision',
        sdkAppId: body.sdkAppId,
        total: lines.length,
        toCreate,
        licences: counts,
      },
    });
    return { jobId, total: lines.length, toCreate, licences: counts };
  }

  /**
   * One CreateStaff call for up to 10 pending lines, then their mappings, outcomes and one audit
   * event in one unit of work. A seat TCCC answers DuplicatedAccount for is one an earlier try of
   * this line created (its replica died before recording) when the line was tried before;
   * otherwise it existed and is adopted.
   */
  private async provisionStep({ job, rows, lastTry }: StepRun): Promise<void> {
    const app = job.appId ? await this.apps.byId(job.tenantId, job.appId) : null;
    if (!app) {
      await this.runner.finishRows(
        job.id,
        rows.map((row) => ({
          idx: row.idx,
          outcome: 'failed',
          code: 'app_not_found',
          message: 'the app was deleted',
        })),
      );
      return;
    }
    const tried = new Map(
      (
        await this.runner.markAttempted(
          job.id,
          rows.map((row) => row.idx),
        )
      ).map((r) => [r.idx, r.before]),
    );
    const lines = rows
      .filter((row) => tried.has(row.idx))
      .map((row) => ({ idx: row.idx, seat: row.input as unknown as ProvisionLine }));
    if (lines.length === 0) return;
    let refusals;
    try {
      refusals = await this.tccc.createStaff(
        this.target(app),
        lines.map((line) => newStaff(line.seat)),
        'background',
      );
    } catch (error) {
      if (!lastTry) throw error;
      const { code, message } = errorCode(error);
      await this.runner.finishRows(
        job.id,
        lines.map((line) => ({ idx: line.idx, outcome: 'failed', code, message })),
      );
      return;
    }
    const refused = new Map(refusals.map((refusal) => [refusal.mail.toLowerCase(), refusal]));
    const adoptExisting = job.params.adoptExisting !== false;
    const outcomes: RowOutcome[] = [];
    const mapped: { idx: number; seat: ProvisionLine; origin: 'adopted' | 'provisioned' }[] = [];
    for (const line of lines) {
      const refusal = refused.get(line.seat.seatUserId);
      if (!refusal) mapped.push({ ...line, origin: 'provisioned' });
      else if (refusal.code === DUPLICATED && (tried.get(line.idx) ?? 0) > 0)
        mapped.push({ ...line, origin: 'provisioned' });
      else if (refusal.code === DUPLICATED && adoptExisting) mapped.push({ ...line, origin: 'adopted' });
      else outcomes.push({ idx: line.idx, outcome: 'failed', code: refusal.code, message: refusal.message });
    }
    await this.uow.run(async () => {
      const inserted = await this.seats.insertLifecycle(
        job.tenantId,
        mapped.map(({ seat, origin }) => ({ ...seat, appId: app.id, origin })),
      );
      for (const line of mapped) {
        outcomes.push(
          inserted.has(line.seat.businessUserId)
            ? { idx: line.idx, outcome: line.origin === 'provisioned' ? 'created' : 'adopted' }
            : {
                idx: line.idx,
                outcome: 'failed',
                code: 'business_user_taken',
                message: 'mapped meanwhile by someone else',
              },
        );
      }
      await this.runner.finishRows(job.id, outcomes);
      const seatsWith = (outcome: string) =>
        outcomes
          .filter((o) => o.outcome === outcome)
          .map((o) => lines.find((l) => l.idx === o.idx)?.seat.seatUserId);
      await this.audit.append({
        tenantId: job.tenantId,
        actor: job.actor,
        action: 'seat.provisioned',
        target: { type: 'job', id: job.id },
        meta: jobMeta(job),
        details: {
          sdkAppId: Number(app.sdkAppId),
          created: seatsWith('created'),
          adopted: seatsWith('adopted'),
          failed: seatsWith('failed'),
        },
      });
    });
  }

  private async jobFinished(job: JobRecord): Promise<void> {
    await this.audit.append({
      tenantId: job.tenantId,
      actor: job.actor,
      action: 'job.finished',
      target: { type: 'job', id: job.id },
      outcome: job.status === 'succeeded' ? 'success' : 'failure',
      meta: jobMeta(job),
      details: { kind: job.kind, total: job.total, status: job.status },
    });
  }

  // ---- a provisioned seat's changes -----------------------------------------------------------

  /**
   * Sends a provisioned seat's changes to TCCC before they are stored (SeatsService.update calls it
   * first): name, phone and staff number by ModifyStaff; skill groups by binding the added and
   * unbinding the removed. Answers the TCCC actions it called, for the audit.
   */
  async propagate(seat: SeatRecord, change: SeatUpdate, lane: QuotaLane = 'foreground'): Promise<string[]> {
    if (seat.origin !== 'provisioned') return [];
    if (change.seatUserId !== undefined && change.seatUserId !== seat.seatUserId)
      throw validationFailed([
        {
          path: 'seatUserId',
          message: 'a seat Seatgate created in TCCC keeps its mail; offboard it and provision another',
        },
      ]);
    const app = await this.apps.byId(seat.tenantId, seat.appId);
    if (!app) throw seatErrors.notFound();
    const target = this.target(app);
    const called: string[] = [];
    const modify = {
      ...(change.displayName ? { name: change.displayName } : {}),
      ...(change.phone !== undefined ? { phone: change.phone } : {}),
      ...(change.staffNumber !== undefined ? { staffNumber: change.staffNumber } : {}),
    };
    if (Object.keys(modify).length > 0) {
      await this.tccc.modifyStaff(target, seat.seatUserId, modify, lane);
      called.push('ModifyStaff');
    }
    if (change.skillGroups !== undefined) {
      const added = change.skillGroups.filter((name) => !seat.skillGroups.includes(name));
      const removed = seat.skillGroups.filter((name) => !change.skillGroups?.includes(name));
      if (added.length + removed.length > 0) {
        const ids = await this.tccc.skillGroupIds(target, lane);
        const unknown = added.filter((name) => !ids.has(name));
        if (unknown.length > 0)
          throw validationFailed([
            { path: 'skillGroups', message: `no skill group named ${unknown.join(', ')} in this app` },
          ]);
        const idsOf = (names: string[]) =>
          names.map((name) => ids.get(name)).filter((id): id is number => id !== undefined);
        if (added.length > 0) {
          await this.tccc.bindSkillGroups(target, seat.seatUserId, idsOf(added), lane);
          called.push('BindStaffSkillGroupList');
        }
        if (idsOf(removed).length > 0) {
          await this.tccc.unbindSkillGroups(target, seat.seatUserId, idsOf(removed), lane);
          called.push('UnbindStaffSkillGroupList');
        }
      }
    }
    return called;
  }

  // ---- offboarding ----------------------------------------------------------------------------

  /**
   * Offboards a business user: (1) every mapping is disabled at once, so logins are refused from
   * this commit on (and every process's login cache is dropped); then a job, per mapping, (2)
   * records that an online seat must go offline and signs it out (ForceMemberOffline), (3) deletes a provisioned seat in TCCC (an adopted
   * one only when asked), retrying while TCCC reports it online, and (4) removes the mapping.
   */
  async offboard(
    ctx: RequestContext,
    tenantId: string,
    businessUserId: string,
    body: OffboardRequest,
  ): Promise<OffboardStarted> {
    await this.tenants.require(ctx, tenantId, 'write');
    return this.offboardAs({ actor: auditActor(ctx), meta: ctx }, tenantId, businessUserId, body);
  }

  /** The same for a caller without an admin session (a SCIM token), which the caller authorised. */
  async offboardAs(
    caller: LifecycleCaller,
    tenantId: string,
    businessUserId: string,
    body: OffboardRequest,
  ): Promise<OffboardStarted> {
    const mappings = await this.seats.ofBusinessUser(tenantId, businessUserId);
    if (mappings.length === 0) throw seatErrors.notFound();
    const lines: OffboardLine[] = mappings.map((mapping) => ({
      seatId: mapping.id,
      appId: mapping.appId,
      sdkAppId: Number(mapping.app.sdkAppId),
      businessUserId,
      seatUserId: mapping.seatUserId,
      origin: mapping.origin,
      deleteUpstream: mapping.origin === 'provisioned' || body.deleteAdopted === true,
    }));
    await this.uow.run(async () => {
      await this.seats.disableAll(
        tenantId,
        mappings.map((mapping) => mapping.id),
      );
      await this.audit.append({
        tenantId,
        actor: caller.actor,
        action: 'seat.offboarding_started',
        target: { type: 'seat', id: mappings[0]?.id ?? null },
        meta: caller.meta,
        details: {
          businessUserId,
          seats: lines.map(({ sdkAppId, seatUserId, origin, deleteUpstream }) => ({
            sdkAppId,
            seatUserId,
            origin,
            deleteUpstream,
          })),
        },
      });
    });
    const jobId = await this.runner.start({
      tenantId,
      appId: null,
      kind: 'offboard',
      actor: caller.actor,
      params: { businessUserId },
      rows: lines.map((line) => ({ ...line })),
    });
    return { jobId, seats: lines.length };
  }

  private async offboardStep({ job, rows, lastTry }: StepRun): Promise<void> {
    for (const row of rows) {
      const line = row.input as unknown as OffboardLine;
      try {
        await this.offboardLine(job, row.idx, line, lastTry);
      } catch (error) {
        if (!lastTry) throw error;
        const { code, message } = errorCode(error);
        await this.runner.finishRows(job.id, [{ idx: row.idx, outcome: 'failed', code, message }]);
      }
    }
  }

  private async offboardLine(
    job: JobRecord,
    idx: number,
    line: OffboardLine,
    lastTry: boolean,
  ): Promise<void> {
    const app = await this.apps.byId(job.tenantId, line.appId);
    const event = (
      action: 'seat.offline_required' | 'seat.signed_out' | 'seat.upstream_deleted' | 'seat.offboarded',
      details: object,
    ) =>
      this.audit.append({
        tenantId: job.tenantId,
        actor: job.actor,
        action,
        target: { type: 'seat', id: line.seatId },
        meta: jobMeta(job),
        details: {
          businessUserId: line.businessUserId,
          sdkAppId: line.sdkAppId,
          seatUserId: line.seatUserId,
          ...details,
        },
      });
    const offlineRequired = () =>
      this.uow.run(async () => {
        if (await this.seats.markOfflineRequired(job.tenantId, line.seatId))
          await event('seat.offline_required', {});
      });
    let deletedUpstream = false;
    if (app) {
      const target = this.target(app);
      const online = await this.tccc.onlineStaff(target, [line.seatUserId], 'background');
      if (online.length > 0) {
        await offlineRequired();
        // the leaver's open workstation is ended now (and TCCC refuses the seat's logins): the
        // deletion below then finds it offline instead of retrying until someone closes the page
        await this.tccc.forceMemberOffline(target, line.seatUserId, 'background');
        await this.uow.run(() => event('seat.signed_out', { cause: 'offboarded', jobId: job.id }));
      }
      if (line.deleteUpstream) {
        const kept = await this.tccc.deleteStaff(target, [line.seatUserId], 'background');
        if (kept.online.some((mail) => mail.toLowerCase() === line.seatUserId.toLowerCase())) {
          await offlineRequired();
          if (!lastTry) throw new SeatStillOnline(line.seatUserId);
          await this.runner.finishRows(job.id, [
            {
              idx,
              outcome: 'failed',
              code: 'seat_online',
              message: new SeatStillOnline(line.seatUserId).message,
            },
          ]);
          return;
        }
        deletedUpstream = true;
      }
    }
    await this.uow.run(async () => {
      if (deletedUpstream) {
        await this.seats.forgetProvisioned(job.tenantId, line.appId, line.seatUserId);
        await event('seat.upstream_deleted', { origin: line.origin });
      }
      const removed = await this.seats.deleteIfExists(job.tenantId, line.seatId);
      await this.runner.finishRows(job.id, [{ idx, outcome: deletedUpstream ? 'deleted' : 'unmapped' }]);
      await event('seat.offboarded', { origin: line.origin, deletedUpstream, mappingRemoved: removed });
    });
  }
}
