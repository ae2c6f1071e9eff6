// Seat mappings: which TCCC seat (per app) each of a tenant's business users logs in as; list,
// create, read, change and delete one at a time, or disable, enable and delete many in one bulk
// action (CSV import and export have services of their own).
import { Injectable } from '@nestjs/common';
import type {
  SeatBulk,
  SeatBulkResult,
  SeatCreate,
  SeatListQuery,
  SeatPage,
  SeatSortKey,
  SeatUpdate,
  SeatView,
} from '@seatgate/contracts';
import { isStorableDate } from '@seatgate/contracts';
import { auditActor } from '../../common/context/audit-actor';
import { isDomainError } from '../../common/errors/domain.error';
import type { RequestContext } from '../../common/context/request-context';
import { decodeSortCursor, encodeSortCursor } from '../../common/pagination/sort-cursor';
import { validationFailed } from '../../common/validation/zod.pipe';
import { AppConfig } from '../../config/app-config';
import { UnitOfWork } from '../../database/unit-of-work';
import { AppDirectory } from '../apps/app-directory';
import { AuditService } from '../audit/audit.service';
import { AutoSignOutService, type AutoSignOutSeat } from '../sessions/auto-sign-out.service';
import { TenantsService } from '../tenants/tenants.service';
import { SeatLifecycleService } from './seat-lifecycle.service';
import { toSeatView } from './seat-view';
import { seatErrors } from './seats.errors';
import { SeatsRepository, seatSortValue, type SeatRecord, type SeatSelection } from './seats.repository';

/** Whether a cursor's text value casts to the sort column's type (else it is a 400, not a 500). */
function castable(sort: SeatSortKey): (value: string) => boolean {
  switch (sort) {
    case 'createdAt':
    case 'updatedAt':
      return (value) => /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(value) && isStorableDate(new Date(value));
    case 'sdkAppId':
      return (value) => /^\d{1,16}$/.test(value);
    case 'status':
      return (value) => value === 'enabled' || value === 'disabled';
    default:
      return (value) => value.length <= 200;
  }
}

const BULK_STATUS = { disable: 'disabled', enable: 'enabled' } as const;
const BULK_AUDIT = {
  disable: 'seat.bulk_disabled',
  enable: 'seat.bulk_enabled',
  delete: 'seat.bulk_deleted',
} as const;

@Injectable()
export class SeatsService {
  constructor(
    private readonly seats: SeatsRepository,
    private readonly apps: AppDirectory,
    private readonly tenants: TenantsService,
    private readonly audit: AuditService,
    private readonly uow: UnitOfWork,
    private readonly config: AppConfig,
    private readonly autoSignOut: AutoSignOutService,
    private readonly lifecycle: SeatLifecycleService,
  ) {}

  /**
   * One page in the asked sort, with the exact count of mappings matching the filters. A `cursor`
   * continues after the page that returned it (keyset: stable while rows are added or removed); a
   * `page` jumps by offset (a cursor cannot jump).
   */
  async list(ctx: RequestContext, tenantId: string, query: SeatListQuery): Promise<SeatPage> {
    await this.tenants.require(ctx, tenantId, 'read');
    if (query.cursor && query.page)
      throw validationFailed([{ path: 'page', message: 'send either cursor or page, not both' }]);
    const { sort = 'createdAt', order = 'desc', limit } = query;
    const filter = { appId: query.appId, status: query.status, q: query.q };
    const after = decodeSortCursor(query.cursor, sort, order, castable(sort));
    const [rows, total] = await Promise.all([
      this.seats.sorted(tenantId, filter, {
        sort,
        order,
        after,
        offset: query.page ? (query.page - 1) * limit : 0,
        take: limit + 1,
      }),
      this.seats.count(tenantId, filter),
    ]);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map(toSeatView),
      nextCursor:
        last && rows.length > limit
          ? encodeSortCursor(sort, order, { value: seatSortValue(last, sort), id: last.id })
          : null,
      total,
      page: query.page ?? null,
    };
  }

  /**
   * Disables, enables or deletes the selected mappings (or all matching a filter) in one unit of
   * work with one audit event; more than the configured maximum is refused before any write.
   */
  async bulk(ctx: RequestContext, tenantId: string, input: SeatBulk): Promise<SeatBulkResult> {
    await this.tenants.require(ctx, tenantId, 'write');
    const selection: SeatSelection = input.ids
      ? { ids: [...new Set(input.ids)] }
      : { filter: input.filter ?? {} };
    const limit = this.config.seatBulkMax;
    let lines: AutoSignOutSeat[] = [];
    let selected: string[] = [];
    const result = await this.uow.run(
      async () => {
        const ids = await this.seats.lockSelection(tenantId, selection, limit);
        if (ids.length > limit)
          throw seatErrors.bulkLimitExceeded(limit, await this.seats.countSelection(tenantId, selection));
        selected = ids;
        // the seats a deletion or a disable signs out, read before the rows go
        if (input.action !== 'enable' && ids.length > 0)
          lines = (await this.seats.sessionsOf(tenantId, { ids }))
            .filter((seat) => input.action === 'delete' || seat.status === 'enabled')
            .map(signOutLine);
        const affected =
          input.action === 'delete'
            ? await this.seats.deleteMany(tenantId, ids)
            : await this.seats.setStatusOfMany(tenantId, ids, BULK_STATUS[input.action]);
        await this.audit.append({
          tenantId,
          actor: auditActor(ctx),
          action: BULK_AUDIT[input.action],
          target: { type: 'tenant', id: tenantId },
          meta: ctx,
          details: {
            matched: ids.length,
            affected,
            ...('ids' in selection ? { ids: selection.ids } : { filter: selection.filter }),
          },
        });
        return { action: input.action, matched: ids.length, affected };
      },
      { timeoutMs: 60_000 },
    );
    // after the commit: online seats signed out (or the disable's sign-out restored) as a job
    if (input.action === 'enable')
      await this.autoSignOut.restore(ctx, tenantId, 'mapping_disabled', selected);
    else
      await this.autoSignOut.signOut(
        ctx,
        tenantId,
        lines,
        input.action === 'delete' ? 'mapping_deleted' : 'mapping_disabled',
      );
    return result;
  }

  async create(ctx: RequestContext, tenantId: string, input: SeatCreate): Promise<SeatView> {
    await this.tenants.require(ctx, tenantId, 'write');
    const app = await this.apps.bySdkAppId(tenantId, input.sdkAppId);
    if (!app) throw seatErrors.appNotInTenant(input.sdkAppId);
    if (input.provision) return toSeatView(await this.lifecycle.provisionOne(ctx, tenantId, app, input));
    const seat = await this.namingConflicts(tenantId, app.id, input, () =>
      this.uow.run(async () => {
        const created = await this.seats.create({
          tenantId,
          appId: app.id,
          businessUserId: input.businessUserId,
          seatUserId: input.seatUserId,
          displayName: input.displayName ?? null,
        });
        await this.audit.append({
          tenantId,
          actor: auditActor(ctx),
          action: 'seat.created',
          target: { type: 'seat', id: created.id },
          meta: ctx,
          details: {
            businessUserId: input.businessUserId,
            sdkAppId: input.sdkAppId,
            seatUserId: input.seatUserId,
          },
        });
        return created;
      }),
    );
    return toSeatView(seat);
  }

  /**
   * Runs a single mapping's write; a clash is answered naming the other mapping ("seat taken by
   * business user bob"), looked up once the failed write's transaction is over.
   */
  private async namingConflicts<T>(
    tenantId: string,
    appId: string,
    wanted: { businessUserId?: string; seatUserId?: string },
    write: () => Promise<T>,
  ): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (isDomainError(error, 'seat_user_taken') && wanted.seatUserId !== undefined) {
        const holder = await this.seats.holderInApp(tenantId, appId, { seatUserId: wanted.seatUserId });
        throw seatErrors.seatUserTaken({
          seatUserId: wanted.seatUserId,
          ...(holder ? { businessUserId: holder.businessUserId } : {}),
        });
      }
      if (isDomainError(error, 'business_user_taken') && wanted.businessUserId !== undefined) {
        const holder = await this.seats.holderInApp(tenantId, appId, {
          businessUserId: wanted.businessUserId,
        });
        throw seatErrors.businessUserTaken({
          businessUserId: wanted.businessUserId,
          ...(holder ? { seatUserId: holder.seatUserId } : {}),
        });
      }
      throw error;
    }
  }

  private async requireSeat(tenantId: string, seatId: string): Promise<SeatRecord> {
    const seat = await this.seats.find(tenantId, seatId);
    if (!seat) throw seatErrors.notFound();
    return seat;
  }

  async get(ctx: RequestContext, tenantId: string, seatId: string): Promise<SeatView> {
    await this.tenants.require(ctx, tenantId, 'read');
    return toSeatView(await this.requireSeat(tenantId, seatId));
  }

  async update(ctx: RequestContext, tenantId: string, seatId: string, input: SeatUpdate): Promise<SeatView> {
    await this.tenants.require(ctx, tenantId, 'write');
    // a provisioned seat's change goes to TCCC first: refused there, nothing is stored
    const existing = await this.requireSeat(tenantId, seatId);
    const upstream = await this.lifecycle.propagate(existing, input);
    const { seat, previous } = await this.namingConflicts(tenantId, existing.appId, input, () =>
      this.uow.run(async () => {
        const current = await this.requireSeat(tenantId, seatId);
        const updated = await this.seats.update(tenantId, seatId, input);
        if (upstream.length > 0)
          await this.audit.append({
            tenantId,
            actor: auditActor(ctx),
            action: 'seat.upstream_updated',
            target: { type: 'seat', id: seatId },
            meta: ctx,
            details: {
              businessUserId: current.businessUserId,
              sdkAppId: Number(current.app.sdkAppId),
              actions: upstream,
            },
          });
        await this.audit.append({
          tenantId,
          actor: auditActor(ctx),
          action: input.status && Object.keys(input).length === 1 ? `seat.${input.status}` : 'seat.updated',
          target: { type: 'seat', id: seatId },
          meta: ctx,
          details: {
            businessUserId: current.businessUserId,
            sdkAppId: Number(current.app.sdkAppId),
            changes: input,
          },
        });
        return { seat: updated, previous: current };
      }),
    );
    // after the commit: a disabled mapping's seat is signed out if online; enabled again, restored
    if (input.status === 'disabled' && previous.status !== 'disabled')
      await this.autoSignOut.signOut(ctx, tenantId, [signOutLine(previous)], 'mapping_disabled');
    if (input.status === 'enabled' && previous.autoSignedOut === 'mapping_disabled')
      await this.autoSignOut.restore(ctx, tenantId, 'mapping_disabled', [seatId]);
    return toSeatView(seat);
  }

  async delete(ctx: RequestContext, tenantId: string, seatId: string): Promise<void> {
    await this.tenants.require(ctx, tenantId, 'write');
    const deleted = await this.uow.run(async () => {
      const seat = await this.requireSeat(tenantId, seatId);
      await this.seats.delete(tenantId, seatId);
      await this.audit.append({
        tenantId,
        actor: auditActor(ctx),
        action: 'seat.deleted',
        target: { type: 'seat', id: seatId },
        meta: ctx,
        details: {
          businessUserId: seat.businessUserId,
          sdkAppId: Number(seat.app.sdkAppId),
          seatUserId: seat.seatUserId,
        },
      });
      return seat;
    });
    // after the commit: the deleted mapping's seat is signed out if online
    await this.autoSignOut.signOut(ctx, tenantId, [signOutLine(deleted)], 'mapping_deleted');
  }
}

const signOutLine = (seat: {
  id: string;
  appId: string;
  seatUserId: string;
  businessUserId: string;
}): AutoSignOutSeat => ({
  seatId: seat.id,
  appId: seat.appId,
  seatUserId: seat.seatUserId,
  businessUserId: seat.businessUserId,
});
