// Automatic sign-out (issue 16) as durable jobs on the JobRunner: when a tenant is suspended, its
// online seats; when a mapping is disabled or deleted, that seat (ForceMemberOffline); and the
// restore when the cause is undone (the tenant resumed, the mapping enabled: RestoreMemberOnline).
//
// Which seats a suspension signs out: every mapped seat that TCCC reports online (a status other
// than offline, or a connected client such as an open workstation), asked per step with one
// DescribeStaffStatusMetrics call for up to 20 seats. Not every mapped seat: a suspended tenant's
// logins are refused already, so an offline seat cannot come online through Seatgate, and signing
// out 5,000 seats of which 50 are online would cost 5,000 ForceMemberOffline and later 5,000
// RestoreMemberOnline calls. A seat an admin signed out by hand (signed_out_at) is left alone.
//
// The seats a cause signed out keep it on their mapping (auto_signed_out), so the restore touches
// those and no other; a seat an admin signed out by hand meanwhile stays signed out. A step that
// finds its cause undone (the tenant resumed while the job ran) skips what is left, and a seat it
// signed out just as the cause was undone is restored at once, so a quick suspend-resume leaves
// nothing signed out. Every call is in the upstream quota's background lane (logins first); every
// sign-out and restore is audited (seat.signed_out / seat.restored) with its cause.
import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { AutoSignOutCause, RestorableSignOutCause } from '@seatgate/contracts';
import { auditActor } from '../../common/context/audit-actor';
import type { RequestContext, RequestMeta } from '../../common/context/request-context';
import { DomainError } from '../../common/errors/domain.error';
import { UnitOfWork } from '../../database/unit-of-work';
import { AppDirectory, type TcccApp } from '../apps/app-directory';
import { AppsService } from '../apps/apps.service';
import { AuditService } from '../audit/audit.service';
import {
  JobRunner,
  type JobRecord,
  type JobRowRecord,
  type RowOutcome,
  type StepRun,
} from '../jobs/job-runner';
import { SeatDirectory, type SeatSession } from '../seats/seat-directory';
import { TcccService, type TcccTarget } from '../tccc/tccc.service';
import { TenantDirectory } from '../tenants/tenant-directory';
import { TenantStatusEvents } from '../tenants/tenant-status-events';

/**
 * Seats per step: one DescribeStaffStatusMetrics call, then one ForceMemberOffline per online seat;
 * about a second of the background lane, far within a step's expiry even when jobs share it.
 */
const STEP_SIZE = 20;

/** A job line: one seat, as it was when the job started (a deleted mapping's too). */
export interface AutoSignOutSeat {
  seatId: string;
  appId: string;
  seatUserId: string;
  businessUserId: string;
}

const RESTORABLE: readonly string[] = [
  'tenant_suspended',
  'mapping_disabled',
] satisfies RestorableSignOutCause[];
const isRestorable = (cause: AutoSignOutCause): cause is RestorableSignOutCause => RESTORABLE.includes(cause);

const jobMeta = (job: JobRecord): RequestMeta => ({ requestId: `job:${job.id}`, ip: null, userAgent: null });

function failure(error: unknown): { code: string; message: string } {
  if (error instanceof DomainError) {
    const details = error.details as { upstreamCode?: unknown } | undefined;
    return {
      code: typeof details?.upstreamCode === 'string' ? details.upstreamCode : error.code,
      message: error.message,
    };
  }
  return { code: 'internal_error', message: 'the step failed' };
}

@Injectable()
export class AutoSignOutService implements OnModuleInit {
  constructor(
    private readonly runner: JobRunner,
    private readonly seats: SeatDirectory,
    private readonly apps: AppDirectory,
    private readonly appSecrets: AppsService,
    private readonly tenants: TenantDirectory,
    private readonly statusEvents: TenantStatusEvents,
    private readonly tccc: TcccService,
    private readonly audit: AuditService,
    private readonly uow: UnitOfWork,
  ) {}

  onModuleInit(): void {
    this.runner.register('sign_out', {
      stepSize: STEP_SIZE,
      run: (step) => this.signOutStep(step),
      finished: (job) => this.finished(job),
    });
    this.runner.register('restore', {
      stepSize: STEP_SIZE,
      run: (step) => this.restoreStep(step),
      finished: (job) => this.finished(job),
    });
    this.statusEvents.listen((ctx, tenantId, status) =>
      status === 'suspended'
        ? this.signOutTenant(ctx, tenantId).then(() => undefined)
        : this.restore(ctx, tenantId, 'tenant_suspended').then(() => undefined),
    );
  }

  /** A suspension: every mapped seat not signed out by hand, checked online per step. */
  async signOutTenant(ctx: RequestContext, tenantId: string): Promise<string | null> {
    const seats = (await this.seats.sessionsOf(tenantId, {})).filter((seat) => seat.signedOutAt === null);
    return this.signOut(ctx, tenantId, seats.map(toLine), 'tenant_suspended');
  }

  /**
   * Starts a sign-out job for these seats (the caller's change has committed: a disabled or deleted
   * mapping). Answers the job's id, or null when there is no seat.
   */
  async signOut(
    ctx: RequestContext,
    tenantId: string,
    seats: AutoSignOutSeat[],
    cause: AutoSignOutCause,
  ): Promise<string | null> {
    if (seats.length === 0) return null;
    return this.start(ctx, tenantId, 'sign_out', cause, seats);
  }

  /** Starts the restore of the seats `cause` signed out (of these mappings only, when given). */
  async restore(
    ctx: RequestContext,
    tenantId: string,
    cause: RestorableSignOutCause,
    seatIds?: string[],
  ): Promise<string | null> {
    if (seatIds?.length === 0) return null;
    const marked = await this.seats.sessionsOf(tenantId, { autoSignedOut: cause, ids: seatIds });
    if (marked.length === 0) return null;
    return this.start(ctx, tenantId, 'restore', cause, marked.map(toLine));
  }

  private async start(
    ctx: RequestContext,
    tenantId: string,
    kind: 'sign_out' | 'restore',
    cause: AutoSignOutCause,
    seats: AutoSignOutSeat[],
  ): Promise<string> {
    const jobId = await this.runner.start({
      tenantId,
      appId: null,
      kind,
      actor: auditActor(ctx),
      params: { cause },
      rows: seats.map((seat) => ({ ...seat })),
    });
    await this.audit.record({
      tenantId,
      actor: auditActor(ctx),
      action: 'job.started',
      target: { type: 'job', id: jobId },
      meta: ctx,
      details: { kind, cause, total: seats.length },
    });
    return jobId;
  }

  private target(app: TcccApp): TcccTarget {
    return {
      appId: app.id,
      sdkAppId: Number(app.sdkAppId),
      region: app.region,
      ...this.appSecrets.secretsOf(app),
    };
  }

  /** Does the job's cause still hold for this seat (null: its mapping is gone)? */
  private causeHolds(
    cause: AutoSignOutCause,
    seat: SeatSession | null,
    tenantStatus: 'active' | 'suspended' | null,
  ): boolean {
    switch (cause) {
      case 'tenant_suspended':
        return seat !== null && tenantStatus === 'suspended';
      case 'mapping_disabled':
        return seat !== null && seat.status === 'disabled';
      case 'mapping_deleted':
      case 'offboarded':
        return true;
    }
  }

  private async currentSeats(job: JobRecord, lines: AutoSignOutSeat[]): Promise<Map<string, SeatSession>> {
    const seats = await this.seats.sessionsOf(job.tenantId, { ids: lines.map((line) => line.seatId) });
    return new Map(seats.map((seat) => [seat.id, seat]));
  }

  private skip(job: JobRecord, rows: JobRowRecord[], code: string, message: string): Promise<number> {
    return this.runner.finishRows(
      job.id,
      rows.map((row) => ({ idx: row.idx, outcome: 'skipped', code, message })),
    );
  }

  private event(
    job: JobRecord,
    action: 'seat.signed_out' | 'seat.restored',
    line: AutoSignOutSeat,
    app: TcccApp,
    cause: AutoSignOutCause,
  ): Promise<void> {
    return this.audit.append({
      tenantId: job.tenantId,
      actor: job.actor,
      action,
      target: { type: 'seat', id: line.seatId },
      meta: jobMeta(job),
      details: {
        cause,
        jobId: job.id,
        sdkAppId: Number(app.sdkAppId),
        seatUserId: line.seatUserId,
        businessUserId: line.businessUserId,
      },
    });
  }

  private async signOutStep({ job, rows, lastTry }: StepRun): Promise<void> {
    const cause = job.params.cause as AutoSignOutCause;
    const current = await this.currentSeats(
      job,
      rows.map((row) => row.input as unknown as AutoSignOutSeat),
    );
    const tenantStatus = await this.tenants.statusOf(job.tenantId);
    const byApp = new Map<string, JobRowRecord[]>();
    for (const row of rows) {
      const line = row.input as unknown as AutoSignOutSeat;
      if (!this.causeHolds(cause, current.get(line.seatId) ?? null, tenantStatus)) {
        await this.skip(job, [row], 'cause_undone', 'the cause was undone before the seat was signed out');
        continue;
      }
      byApp.set(line.appId, [...(byApp.get(line.appId) ?? []), row]);
    }
    for (const [appId, appRows] of byApp) {
      const app = await this.apps.byId(job.tenantId, appId);
      if (!app) {
        await this.skip(job, appRows, 'app_not_found', 'the app was deleted');
        continue;
      }
      const target = this.target(app);
      const lines = appRows.map((row) => ({ idx: row.idx, line: row.input as unknown as AutoSignOutSeat }));
      let online: Set<string>;
      try {
        const presence = await this.tccc.staffPresence(
          target,
          lines.map(({ line }) => line.seatUserId),
          'background',
        );
        online = new Set(
          presence
            .filter((seat) => seat.status !== 'offline' || seat.clients.length > 0)
            .map((seat) => seat.mail.toLowerCase()),
        );
      } catch (error) {
        if (!lastTry) throw error;
        const { code, message } = failure(error);
        await this.runner.finishRows(
          job.id,
          lines.map(({ idx }) => ({ idx, outcome: 'failed', code, message })),
        );
        continue;
      }
      for (const { idx, line } of lines) {
        if (!online.has(line.seatUserId.toLowerCase())) {
          await this.runner.finishRows(job.id, [
            { idx, outcome: 'skipped', code: 'offline', message: 'TCCC reported the seat offline' },
          ]);
          continue;
        }
        // marked before TCCC is called: a replica that dies after the call, or a second run of the
        // step that then finds the seat offline, still leaves it to the restore (restoring a seat
        // that was not signed out changes nothing in TCCC)
        if (isRestorable(cause)) await this.seats.setAutoSignedOut(job.tenantId, line.seatId, cause);
        try {
          await this.tccc.forceMemberOffline(target, line.seatUserId, 'background');
        } catch (error) {
          if (!lastTry) throw error;
          await this.runner.finishRows(job.id, [{ idx, outcome: 'failed', ...failure(error) }]);
          continue;
        }
        await this.uow.run(async () => {
          if ((await this.runner.finishRows(job.id, [{ idx, outcome: 'signed_out' }])) === 0) return;
          await this.event(job, 'seat.signed_out', line, app, cause);
        });
        // undone while TCCC was being called: the restore that undid it may have listed the
        // marked seats before this one was marked, so this step restores it itself
        if (isRestorable(cause)) {
          const [seat] = await this.seats.sessionsOf(job.tenantId, { ids: [line.seatId] });
          const status = await this.tenants.statusOf(job.tenantId);
          if (seat && seat.signedOutAt === null && !this.causeHolds(cause, seat, status))
            await this.restoreLine(job, cause, line, app, target);
        }
      }
    }
  }

  /** RestoreMemberOnline, then the mark cleared and the restore audited, once. */
  private async restoreLine(
    job: JobRecord,
    cause: RestorableSignOutCause,
    line: AutoSignOutSeat,
    app: TcccApp,
    target: TcccTarget,
    idx?: number,
  ): Promise<void> {
    await this.tccc.restoreMemberOnline(target, line.seatUserId, 'background');
    await this.uow.run(async () => {
      const cleared = await this.seats.setAutoSignedOut(job.tenantId, line.seatId, null, cause);
      const recorded =
        idx === undefined ? 1 : await this.runner.finishRows(job.id, [{ idx, outcome: 'restored' }]);
      if (cleared && recorded > 0) await this.event(job, 'seat.restored', line, app, cause);
    });
  }

  private async restoreStep({ job, rows, lastTry }: StepRun): Promise<void> {
    const cause = job.params.cause as RestorableSignOutCause;
    const current = await this.currentSeats(
      job,
      rows.map((row) => row.input as unknown as AutoSignOutSeat),
    );
    const tenantStatus = await this.tenants.statusOf(job.tenantId);
    for (const row of rows) {
      const line = row.input as unknown as AutoSignOutSeat;
      const seat = current.get(line.seatId);
      if (!seat || seat.autoSignedOut !== cause) {
        await this.skip(job, [row], 'not_signed_out', 'the seat is no longer signed out by this cause');
        continue;
      }
      if (this.causeHolds(cause, seat, tenantStatus)) {
        await this.skip(job, [row], 'cause_holds', 'the cause holds again (suspended or disabled again)');
        continue;
      }
      if (seat.signedOutAt !== null) {
        // an admin signed it out by hand meanwhile: it stays signed out, the cause is forgotten
        await this.uow.run(async () => {
          await this.seats.setAutoSignedOut(job.tenantId, line.seatId, null, cause);
          await this.skip(job, [row], 'signed_out_by_admin', 'an admin signed the seat out by hand');
        });
        continue;
      }
      const app = await this.apps.byId(job.tenantId, line.appId);
      if (!app) {
        await this.skip(job, [row], 'app_not_found', 'the app was deleted');
        continue;
      }
      try {
        await this.restoreLine(job, cause, line, app, this.target(app), row.idx);
      } catch (error) {
        if (!lastTry) throw error;
        const outcome: RowOutcome = { idx: row.idx, outcome: 'failed', ...failure(error) };
        await this.runner.finishRows(job.id, [outcome]);
      }
    }
  }

  private async finished(job: JobRecord): Promise<void> {
    await this.audit.append({
      tenantId: job.tenantId,
      actor: job.actor,
      action: 'job.finished',
      target: { type: 'job', id: job.id },
      outcome: job.status === 'succeeded' ? 'success' : 'failure',
      meta: jobMeta(job),
      details: { kind: job.kind, cause: job.params.cause, total: job.total, status: job.status },
    });
  }
}

const toLine = (seat: SeatSession): AutoSignOutSeat => ({
  seatId: seat.id,
  appId: seat.appId,
  seatUserId: seat.seatUserId,
  businessUserId: seat.businessUserId,
});
