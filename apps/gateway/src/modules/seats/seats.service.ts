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
import type { RequestContext } from '../../common/context/request-context';
import { decodeSortCursor, encodeSortCursor } from '../../common/pagination/sort-cursor';
import { validationFailed } from '../../common/validation/zod.pipe';
import { AppConfig } from '../../config/app-config';
import { UnitOfWork } from '../../database/unit-of-work';
import { AppDirectory } from '../apps/app-directory';
import { AuditService } from '../audit/audit.service';
import { TenantsService } from '../tenants/tenants.service';
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
    return this.uow.run(
      async () => {
        const ids = await this.seats.lockSelection(tenantId, selection, limit);
        if (ids.length > limit)
          throw seatErrors.bulkLimitExceeded(limit, await this.seats.countSelection(tenantId, selection));
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
  }

  async create(ctx: RequestContext, tenantId: string, input: SeatCreate): Promise<SeatView> {
    await this.tenants.require(ctx, tenantId, 'write');
    const app = await this.apps.bySdkAppId(tenantId, input.sdkAppId);
    if (!app) throw seatErrors.appNotInTenant(input.sdkAppId);
    const seat = await this.uow.run(async () => {
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
    });
    return toSeatView(seat);
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
    const seat = await this.uow.run(async () => {
      const current = await this.requireSeat(tenantId, seatId);
      const updated = await this.seats.update(tenantId, seatId, input);
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
      return updated;
    });
    return toSeatView(seat);
  }

  async delete(ctx: RequestContext, tenantId: string, seatId: string): Promise<void> {
    await this.tenants.require(ctx, tenantId, 'write');
    await this.uow.run(async () => {
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
    });
  }
}
