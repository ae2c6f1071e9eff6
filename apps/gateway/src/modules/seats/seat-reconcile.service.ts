// The reconcile plan of one app (issue 15): TCCC's staff (DescribeStaffInfoList, every page, in the
// quota's background lane) against the app's mappings and the tenant's business users, as lines an
// admin previews, chooses and applies as a durable job. What each mismatch becomes:
// - a mapping whose seat TCCC lacks: `create` when the mapping is enabled (the business user may
//   still sign in, so the seat is made again under the same id, from the mapping's attributes and
//   the defaults; the mapping becomes provisioned), `unmap` when it is disabled (nobody uses it);
//   a mapping being offboarded is left to its offboarding job;
// - a seat TCCC has and nobody is mapped to: `delete` when Seatgate created it (the
//   provisioned_seats ledger: its mapping was removed by hand and it still holds a licence), else
//   `adopt` when it matches exactly one business user without a seat in this app, by email or staff
//   number (as auto-map), else nothing (a seat someone made in Tencent's console stays theirs).
// Apply recomputes the plan and refuses a stale one (its fingerprint differs); each line is done
// once (its outcome and its writes commit together; a create retried after its replica died tells
// its own earlier CreateStaff apart, as provisioning does), and audited.
import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  RECONCILE_ACTIONS,
  type LicenceCounts,
  type ReconcileAction,
  type ReconcileApply,
  type ReconcileLine,
  type ReconcilePlan,
  type ReconcileStarted,
} from '@seatgate/contracts';
import { createHash } from 'node:crypto';
import { auditActor } from '../../common/context/audit-actor';
import type { RequestContext } from '../../common/context/request-context';
import { domainError } from '../../common/errors/domain.error';
import { validationFailed } from '../../common/validation/zod.pipe';
import { UnitOfWork } from '../../database/unit-of-work';
import { AppDirectory, type TcccApp } from '../apps/app-directory';
import { AppsService } from '../apps/apps.service';
import { AuditService } from '../audit/audit.service';
import { JobRunner, type JobRecord, type RowOutcome, type StepRun } from '../jobs/job-runner';
import { TcccService, type TcccTarget } from '../tccc/tccc.service';
import { tenantSettings } from '../tenants/tenant-settings';
import { TenantsService } from '../tenants/tenants.service';
import {
  DUPLICATED,
  errorCode,
  jobMeta,
  licenceCounts,
  licencesInsufficient,
} from './seat-lifecycle.service';
import { newStaff, provisioningDefaults, seatAttributes, type SeatAttributes } from './seat-provisioning';
import { SeatsRepository, type ReconcileMapping } from './seats.repository';

/** A plan line as a job stores it: what the step needs, so that it does not ask TCCC again. */
interface ReconcileJobLine extends ReconcileLine {
  /** create: the seat's attributes */
  seat?: SeatAttributes;
}

interface ComputedPlan {
  plan: ReconcilePlan;
  lines: ReconcileJobLine[];
  target: TcccTarget;
}

const appNotFound = () => domainError('app_not_found', 'app not found');

const stale = (fingerprint: string, unknownLines?: string[]) =>
  domainError(
    'reconcile_plan_stale',
    'TCCC or the mappings changed since this plan was computed; preview it again',
    { fingerprint, ...(unknownLines ? { unknownLines } : {}) },
  );

function emptyCounts(): Record<ReconcileAction, number> {
  return Object.fromEntries(RECONCILE_ACTIONS.map((action) => [action, 0])) as Record<
    ReconcileAction,
    number
  >;
}

function countsOf(lines: ReconcileLine[]): Record<ReconcileAction, number> {
  const counts = emptyCounts();
  for (const line of lines) counts[line.action] += 1;
  return counts;
}

/** The plan's identity: every line's key and whom it maps, in order. */
function fingerprintOf(lines: ReconcileLine[]): string {
  const hash = createHash('sha256');
  for (const line of lines)
    hash.update(`${line.key}\u0000${line.businessUserId ?? ''}\u0000${line.seatId ?? ''}\n`);
  return hash.digest('hex');
}

const ACTION_ORDER: Record<ReconcileAction, number> = { create: 0, adopt: 1, delete: 2, unmap: 3 };

@Injectable()
export class SeatReconcileService implements OnModuleInit {
  constructor(
    private readonly seats: SeatsRepository,
    private readonly apps: AppDirectory,
    private readonly appsService: AppsService,
    private readonly tenants: TenantsService,
    private readonly tccc: TcccService,
    private readonly audit: AuditService,
    private readonly uow: UnitOfWork,
    private readonly runner: JobRunner,
  ) {}

  onModuleInit(): void {
    this.runner.register('reconcile', {
      // one CreateStaff batch per step
      stepSize: 10,
      run: (step) => this.step(step),
      finished: (job) => this.finished(job),
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

  async plan(ctx: RequestContext, tenantId: string, appId: string): Promise<ReconcilePlan> {
    const tenant = await this.tenants.require(ctx, tenantId, 'read');
    return (await this.compute(tenant, appId)).plan;
  }

  private async compute(
    tenant: Awaited<ReturnType<TenantsService['require']>>,
    appId: string,
  ): Promise<ComputedPlan> {
    const tenantId = tenant.id;
    const app = await this.apps.byId(tenantId, appId);
    if (!app) throw appNotFound();
    const sdkAppId = Number(app.sdkAppId);
    const target = this.target(app);
    const staff = await this.tccc.listStaff(target, 500, 'background');
    const mappings = await this.seats.reconcileMappings(tenantId, appId);
    const provisioned = await this.seats.provisionedOfApp(tenantId, appId);
    const defaults = provisioningDefaults(tenantSettings(tenant), sdkAppId);

    const inTccc = new Map(staff.map((member) => [member.mail.toLowerCase(), member]));
    const mapped = new Set(mappings.map((mapping) => mapping.seatUserId.toLowerCase()));
    const lines: ReconcileJobLine[] = [];

    for (const mapping of mappings) {
      const seatUserId = mapping.seatUserId.toLowerCase();
      if (inTccc.has(seatUserId) || mapping.offlineRequiredAt) continue;
      if (mapping.status === 'enabled')
        lines.push({
          ...this.line('create', 'seat_missing_in_tccc', mapping.seatUserId, mapping),
          seat: this.recreated(mapping, defaults),
        });
      else lines.push(this.line('unmap', 'disabled_mapping_seat_missing', mapping.seatUserId, mapping));
    }

    const unmapped = staff.filter((member) => !mapped.has(member.mail.toLowerCase()));
    const adoptable = unmapped.filter((member) => !provisioned.has(member.mail.toLowerCase()));
    for (const member of unmapped) {
      const owner = provisioned.get(member.mail.toLowerCase());
      if (owner !== undefined)
        lines.push({
          key: `delete:${member.mail.toLowerCase()}`,
          action: 'delete',
          reason: 'provisioned_mapping_removed',
          seatUserId: member.mail,
          businessUserId: owner,
          seatId: null,
          name: member.name,
          staffNumber: member.staffNumber,
        });
    }
    lines.push(...(await this.adoptions(tenantId, appId, adoptable)));

    lines.sort((a, b) => ACTION_ORDER[a.action] - ACTION_ORDER[b.action] || a.key.localeCompare(b.key));
    const plan: ReconcilePlan = {
      appId,
      sdkAppId,
      fingerprint: fingerprintOf(lines),
      computedAt: new Date().toISOString(),
      staffTotal: staff.length,
      mappingsTotal: mappings.length,
      counts: countsOf(lines),
      lines: lines.map(({ seat: _seat, ...line }) => line),
    };
    return { plan, lines, target };
  }

  private line(
    action: ReconcileAction,
    reason: ReconcileLine['reason'],
    seatUserId: string,
    mapping: ReconcileMapping,
  ): ReconcileLine {
    return {
      key: `${action}:${seatUserId.toLowerCase()}`,
      action,
      reason,
      seatUserId,
      businessUserId: mapping.businessUserId,
      seatId: mapping.id,
      name: null,
      staffNumber: null,
    };
  }

  /** The seat TCCC lost, as it would be provisioned now: the mapping's attributes, else the defaults. */
  private recreated(
    mapping: ReconcileMapping,
    defaults: ReturnType<typeof provisioningDefaults>,
  ): SeatAttributes {
    return seatAttributes(
      {
        businessUserId: mapping.businessUserId,
        seatUserId: mapping.seatUserId,
        displayName: mapping.displayName,
        ...(mapping.staffNumber ? { staffNumber: mapping.staffNumber } : {}),
        ...(mapping.phone ? { phone: mapping.phone } : {}),
        ...(mapping.role !== null ? { role: mapping.role } : {}),
        ...(mapping.skillGroups.length > 0 ? { skillGroups: mapping.skillGroups } : {}),
      },
      defaults,
    );
  }

  /**
   * Unmapped seats that match exactly one business user without a seat in this app, by email
   * (case-insensitive) or staff number; a seat matching two users, or a user matched by two seats,
   * is left out: a plan line is never a guess.
   */
  private async adoptions(
    tenantId: string,
    appId: string,
    unmapped: { mail: string; name: string | null; staffNumber: string | null }[],
  ): Promise<ReconcileLine[]> {
    if (unmapped.length === 0) return [];
    const byEmail = new Map<string, string | null>();
    const byNumber = new Map<string, string | null>();
    for (const id of await this.seats.businessUsersWithoutSeatIn(tenantId, appId)) {
      const email = id.toLocaleLowerCase();
      byEmail.set(email, byEmail.has(email) ? null : id);
      byNumber.set(id, id);
    }
    const proposals: ReconcileLine[] = [];
    for (const member of unmapped) {
      const viaEmail = byEmail.get(member.mail.toLocaleLowerCase());
      const viaNumber = member.staffNumber ? byNumber.get(member.staffNumber) : undefined;
      if (viaEmail === null) continue;
      if (viaEmail && viaNumber && viaEmail !== viaNumber) continue;
      const businessUserId = viaEmail ?? viaNumber;
      if (!businessUserId) continue;
      proposals.push({
        key: `adopt:${member.mail.toLowerCase()}`,
        action: 'adopt',
        reason: viaEmail ? 'matches_email' : 'matches_staff_number',
        seatUserId: member.mail,
        businessUserId,
        seatId: null,
        name: member.name,
        staffNumber: member.staffNumber,
      });
    }
    const claims = new Map<string, number>();
    for (const line of proposals)
      claims.set(line.businessUserId!, (claims.get(line.businessUserId!) ?? 0) + 1);
    return proposals.filter((line) => claims.get(line.businessUserId!) === 1);
  }

  /**
   * Applies the chosen lines of the plan the admin previewed: the plan is computed again and a
   * different one is refused (reconcile_plan_stale, 409); seats to create are checked against the
   * licences first. Starts the job.
   */
  async apply(
    ctx: RequestContext,
    tenantId: string,
    appId: string,
    body: ReconcileApply,
  ): Promise<ReconcileStarted> {
    const tenant = await this.tenants.require(ctx, tenantId, 'write');
    // one at a time per app: a second apply of the same plan while the first runs would do its
    // lines twice (each harmlessly, but audited twice)
    const running = await this.runner.runningJob(tenantId, appId, 'reconcile');
    if (running)
      throw domainError('reconcile_running', 'a reconcile of this app is still running', { jobId: running });
    const { plan, lines, target } = await this.compute(tenant, appId);
    if (plan.fingerprint !== body.fingerprint) throw stale(plan.fingerprint);
    let chosen = lines;
    if (body.lines) {
      const wanted = new Set(body.lines);
      const known = new Set(lines.map((line) => line.key));
      const unknown = [...wanted].filter((key) => !known.has(key));
      if (unknown.length > 0)
        throw validationFailed([
          { path: 'lines', message: `not lines of this plan: ${unknown.slice(0, 10).join(', ')}` },
        ]);
      chosen = lines.filter((line) => wanted.has(line.key));
    }
    if (chosen.length === 0)
      throw validationFailed([{ path: 'lines', message: 'the plan has no lines to apply' }]);
    const counts = countsOf(chosen);
    let licences: LicenceCounts | null = null;
    if (counts.create > 0) {
      licences = licenceCounts((await this.tccc.licenceUse(target)).purchased, plan.staffTotal);
      if (counts.create > licences.available)
        throw licencesInsufficient(plan.sdkAppId, licences, counts.create);
    }
    const jobId = await this.runner.start({
      tenantId,
      appId,
      kind: 'reconcile',
      actor: auditActor(ctx),
      params: { sdkAppId: plan.sdkAppId, fingerprint: plan.fingerprint },
      rows: chosen.map((line) => ({ ...line })),
    });
    await this.audit.record({
      tenantId,
      actor: auditActor(ctx),
      action: 'job.started',
      target: { type: 'job', id: jobId },
      meta: ctx,
      details: { kind: 'reconcile', sdkAppId: plan.sdkAppId, total: chosen.length, counts, licences },
    });
    return { jobId, total: chosen.length, counts, licences };
  }

  // ---- the job --------------------------------------------------------------------------------

  private async step({ job, rows, lastTry }: StepRun): Promise<void> {
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
    const target = this.target(app);
    const lines = rows.map((row) => ({ idx: row.idx, line: row.input as unknown as ReconcileJobLine }));
    await this.creates(
      job,
      app,
      target,
      lines.filter(({ line }) => line.action === 'create'),
      lastTry,
    );
    for (const { idx, line } of lines) {
      if (line.action === 'create') continue;
      try {
        if (line.action === 'adopt') await this.adopt(job, app, idx, line);
        else if (line.action === 'delete') await this.remove(job, app, target, idx, line, lastTry);
        else await this.unmap(job, app, idx, line);
      } catch (error) {
        if (!lastTry) throw error;
        const { code, message } = errorCode(error);
        await this.runner.finishRows(job.id, [{ idx, outcome: 'failed', code, message }]);
      }
    }
  }

  private event(
    job: JobRecord,
    app: TcccApp,
    line: ReconcileLine,
    outcome: string,
    extra: Record<string, unknown> = {},
  ): Promise<void> {
    return this.audit.append({
      tenantId: job.tenantId,
      actor: job.actor,
      action: 'seat.reconciled',
      target: line.seatId ? { type: 'seat', id: line.seatId } : { type: 'job', id: job.id },
      outcome: outcome === 'failed' ? 'failure' : 'success',
      meta: jobMeta(job),
      details: {
        jobId: job.id,
        sdkAppId: Number(app.sdkAppId),
        action: line.action,
        reason: line.reason,
        seatUserId: line.seatUserId,
        businessUserId: line.businessUserId,
        outcome,
        ...extra,
      },
    });
  }

  /**
   * The step's seats to create, in one CreateStaff call. A line whose mapping is gone, changed or
   * disabled meanwhile is not created (reconcile_line_gone). DuplicatedAccount for a line tried
   * before is this job's own earlier call; on a first try the seat appeared meanwhile, and the
   * mapping simply has it again (adopted).
   */
  private async creates(
    job: JobRecord,
    app: TcccApp,
    target: TcccTarget,
    lines: { idx: number; line: ReconcileJobLine }[],
    lastTry: boolean,
  ): Promise<void> {
    if (lines.length === 0) return;
    const current: typeof lines = [];
    for (const entry of lines) {
      const mapping = entry.line.seatId
        ? await this.seats.reconcileMapping(job.tenantId, entry.line.seatId)
        : null;
      if (
        mapping &&
        mapping.status === 'enabled' &&
        mapping.seatUserId.toLowerCase() === entry.line.seatUserId.toLowerCase()
      )
        current.push(entry);
      else
        await this.uow.run(async () => {
          await this.runner.finishRows(job.id, [
            {
              idx: entry.idx,
              outcome: 'failed',
              code: 'reconcile_line_gone',
              message: 'the mapping changed meanwhile',
            },
          ]);
          await this.event(job, app, entry.line, 'failed', { code: 'reconcile_line_gone' });
        });
    }
    if (current.length === 0) return;
    const tried = new Map(
      (
        await this.runner.markAttempted(
          job.id,
          current.map((entry) => entry.idx),
        )
      ).map((r) => [r.idx, r.before]),
    );
    const toSend = current.filter((entry) => tried.has(entry.idx) && entry.line.seat);
    if (toSend.length === 0) return;
    let refusals;
    try {
      refusals = await this.tccc.createStaff(
        target,
        toSend.map((entry) => newStaff(entry.line.seat!)),
        'background',
      );
    } catch (error) {
      if (!lastTry) throw error;
      const { code, message } = errorCode(error);
      await this.uow.run(async () => {
        await this.runner.finishRows(
          job.id,
          toSend.map((entry) => ({ idx: entry.idx, outcome: 'failed', code, message })),
        );
        for (const entry of toSend) await this.event(job, app, entry.line, 'failed', { code });
      });
      return;
    }
    const refused = new Map(refusals.map((refusal) => [refusal.mail.toLowerCase(), refusal]));
    await this.uow.run(async () => {
      const outcomes: RowOutcome[] = [];
      for (const { idx, line } of toSend) {
        const refusal = refused.get(line.seatUserId.toLowerCase());
        const ours = !refusal || (refusal.code === DUPLICATED && (tried.get(idx) ?? 0) > 0);
        if (ours) {
          await this.seats.markProvisioned(job.tenantId, {
            id: line.seatId!,
            appId: app.id,
            seatUserId: line.seatUserId,
            businessUserId: line.businessUserId!,
          });
          outcomes.push({ idx, outcome: 'created' });
          await this.event(job, app, line, 'created');
        } else if (refusal.code === DUPLICATED) {
          outcomes.push({ idx, outcome: 'adopted' });
          await this.event(job, app, line, 'adopted');
        } else {
          outcomes.push({ idx, outcome: 'failed', code: refusal.code, message: refusal.message });
          await this.event(job, app, line, 'failed', { code: refusal.code });
        }
      }
      await this.runner.finishRows(job.id, outcomes);
    });
  }

  /** Maps the seat to the business user, unless either was mapped in this app meanwhile. */
  private async adopt(job: JobRecord, app: TcccApp, idx: number, line: ReconcileJobLine): Promise<void> {
    await this.uow.run(async () => {
      const inserted = await this.seats.insertLifecycle(job.tenantId, [
        {
          appId: app.id,
          businessUserId: line.businessUserId!,
          seatUserId: line.seatUserId,
          displayName: line.name,
          origin: 'adopted',
          staffNumber: line.staffNumber,
          phone: null,
          role: null,
          skillGroups: [],
        },
      ]);
      const outcome: RowOutcome = inserted.has(line.businessUserId!)
        ? { idx, outcome: 'adopted' }
        : { idx, outcome: 'failed', code: 'business_user_taken', message: 'mapped meanwhile' };
      await this.runner.finishRows(job.id, [outcome]);
      await this.event(job, app, line, outcome.outcome, outcome.code ? { code: outcome.code } : {});
    });
  }

  /**
   * Deletes a seat Seatgate created whose mapping is gone, unless it was mapped again meanwhile.
   * TCCC keeps a seat that is online: the step is tried again later, and on its last try the line
   * fails (seat_online). DeleteStaff skips a seat that is already gone, so a second try is harmless.
   */
  private async remove(
    job: JobRecord,
    app: TcccApp,
    target: TcccTarget,
    idx: number,
    line: ReconcileJobLine,
    lastTry: boolean,
  ): Promise<void> {
    if (await this.seats.seatMapped(job.tenantId, app.id, line.seatUserId)) {
      await this.uow.run(async () => {
        await this.runner.finishRows(job.id, [
          { idx, outcome: 'failed', code: 'reconcile_line_gone', message: 'the seat was mapped meanwhile' },
        ]);
        await this.event(job, app, line, 'failed', { code: 'reconcile_line_gone' });
      });
      return;
    }
    const kept = await this.tccc.deleteStaff(target, [line.seatUserId], 'background');
    if (kept.online.some((mail) => mail.toLowerCase() === line.seatUserId.toLowerCase())) {
      if (!lastTry) throw new Error('the seat is online in TCCC; the step is tried again');
      await this.uow.run(async () => {
        await this.runner.finishRows(job.id, [
          { idx, outcome: 'failed', code: 'seat_online', message: 'the seat is online in TCCC' },
        ]);
        await this.event(job, app, line, 'failed', { code: 'seat_online' });
      });
      return;
    }
    await this.uow.run(async () => {
      await this.seats.forgetProvisioned(job.tenantId, app.id, line.seatUserId);
      await this.runner.finishRows(job.id, [{ idx, outcome: 'deleted' }]);
      await this.event(job, app, line, 'deleted');
    });
  }

  /** Removes a disabled mapping whose seat TCCC lacks (one enabled meanwhile is kept). */
  private async unmap(job: JobRecord, app: TcccApp, idx: number, line: ReconcileJobLine): Promise<void> {
    await this.uow.run(async () => {
      const removed = line.seatId ? await this.seats.deleteIfDisabled(job.tenantId, line.seatId) : false;
      const still =
        !removed && line.seatId ? await this.seats.reconcileMapping(job.tenantId, line.seatId) : null;
      const outcome: RowOutcome = still
        ? {
            idx,
            outcome: 'failed',
            code: 'reconcile_line_gone',
            message: 'the mapping was enabled meanwhile',
          }
        : { idx, outcome: 'unmapped' };
      await this.runner.finishRows(job.id, [outcome]);
      await this.event(job, app, line, outcome.outcome, { mappingRemoved: removed });
    });
  }

  private async finished(job: JobRecord): Promise<void> {
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
}
