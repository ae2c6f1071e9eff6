// Seat mappings: which TCCC seat (per app) each of a tenant's business users logs in as; list,
// create, read, change and delete one at a time (CSV import and export have services of their own).
import { Injectable } from '@nestjs/common';
import type { CursorPage, SeatCreate, SeatListQuery, SeatUpdate, SeatView } from '@seatgate/contracts';
import { auditActor } from '../../common/context/audit-actor';
import type { RequestContext } from '../../common/context/request-context';
import { decodeCursor, keysetPage } from '../../common/pagination/cursor';
import { UnitOfWork } from '../../database/unit-of-work';
import { AppDirectory } from '../apps/app-directory';
import { AuditService } from '../audit/audit.service';
import { TenantsService } from '../tenants/tenants.service';
import { seatPosition, toSeatView } from './seat-view';
import { seatErrors } from './seats.errors';
import { SeatsRepository, type SeatRecord } from './seats.repository';

@Injectable()
export class SeatsService {
  constructor(
    private readonly seats: SeatsRepository,
    private readonly apps: AppDirectory,
    private readonly tenants: TenantsService,
    private readonly audit: AuditService,
    private readonly uow: UnitOfWork,
  ) {}

  async list(ctx: RequestContext, tenantId: string, query: SeatListQuery): Promise<CursorPage<SeatView>> {
    await this.tenants.require(ctx, tenantId, 'read');
    const rows = await this.seats.list(tenantId, query, decodeCursor(query.cursor), query.limit + 1);
    return keysetPage(rows, query.limit, seatPosition, toSeatView);
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
