// Seat mappings: which TCCC seat (per app) each of a tenant's business users logs in as; list,
// create, read, change and delete one at a time (CSV import and export have services of their own).
import { Injectable } from '@nestjs/common';
import type { CursorPage, SeatCreate, SeatListQuery, SeatUpdate, SeatView } from '@seatgate/contracts';
import { auditActor } from '../../common/context/audit-actor';
import type { RequestContext } from '../../common/context/request-context';
import { DomainError } from '../../common/errors/domain.error';
import { decodeCursor, keysetPage } from '../../common/pagination/cursor';
import { isUniqueViolation } from '../../prisma/prisma-errors';
import { PrismaService } from '../../prisma/prisma.service';
import { AppDirectory } from '../apps/app-directory';
import { AuditService } from '../audit/audit.service';
import { TenantsService } from '../tenants/tenants.service';
import { seatPosition, toSeatView } from './seat-view';
import { SeatsRepository, type SeatRecord } from './seats.repository';

/** The domain error for a unique violation on seat_mappings; null for any other error. */
export function clashError(error: unknown): DomainError | null {
  if (isUniqueViolation(error, 'seat_user') || isUniqueViolation(error, 'seatUser')) {
    return new DomainError(
      'seat_user_taken',
      'this seat is already mapped to another business user in this app',
    );
  }
  if (isUniqueViolation(error, 'business_user') || isUniqueViolation(error, 'businessUser')) {
    return new DomainError('business_user_taken', 'this business user already has a seat in this app');
  }
  if (isUniqueViolation(error))
    return new DomainError('conflict', 'a mapping with these values already exists');
  return null;
}

@Injectable()
export class SeatsService {
  constructor(
    private readonly seats: SeatsRepository,
    private readonly apps: AppDirectory,
    private readonly tenants: TenantsService,
    private readonly audit: AuditService,
    private readonly prisma: PrismaService,
  ) {}

  async list(ctx: RequestContext, tenantId: string, query: SeatListQuery): Promise<CursorPage<SeatView>> {
    await this.tenants.require(ctx, tenantId, 'read');
    const rows = await this.seats.list(tenantId, query, decodeCursor(query.cursor), query.limit + 1);
    return keysetPage(rows, query.limit, seatPosition, toSeatView);
  }

  async create(ctx: RequestContext, tenantId: string, input: SeatCreate): Promise<SeatView> {
    await this.tenants.require(ctx, tenantId, 'write');
    const app = await this.apps.bySdkAppId(tenantId, input.sdkAppId);
    if (!app)
      throw new DomainError('app_not_found', `SDKAppID ${input.sdkAppId} is not an app of this tenant`);
    try {
      const seat = await this.prisma.$transaction(async (tx) => {
        const created = await this.seats.create(tx, {
          tenantId,
          appId: app.id,
          businessUserId: input.businessUserId,
          seatUserId: input.seatUserId,
          displayName: input.displayName ?? null,
        });
        await this.audit.append(tx, {
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
    } catch (error) {
      throw clashError(error) ?? error;
    }
  }

  private async requireSeat(
    tenantId: string,
    seatId: string,
    tx?: Parameters<SeatsRepository['find']>[2],
  ): Promise<SeatRecord> {
    const seat = await this.seats.find(tenantId, seatId, tx);
    if (!seat) throw new DomainError('seat_not_found', 'seat mapping not found');
    return seat;
  }

  async get(ctx: RequestContext, tenantId: string, seatId: string): Promise<SeatView> {
    await this.tenants.require(ctx, tenantId, 'read');
    return toSeatView(await this.requireSeat(tenantId, seatId));
  }

  async update(ctx: RequestContext, tenantId: string, seatId: string, input: SeatUpdate): Promise<SeatView> {
    await this.tenants.require(ctx, tenantId, 'write');
    try {
      const seat = await this.prisma.$transaction(async (tx) => {
        const current = await this.requireSeat(tenantId, seatId, tx);
        const updated = await this.seats.update(tx, tenantId, seatId, input);
        await this.audit.append(tx, {
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
    } catch (error) {
      throw clashError(error) ?? error;
    }
  }

  async delete(ctx: RequestContext, tenantId: string, seatId: string): Promise<void> {
    await this.tenants.require(ctx, tenantId, 'write');
    await this.prisma.$transaction(async (tx) => {
      const seat = await this.requireSeat(tenantId, seatId, tx);
      await this.seats.delete(tx, tenantId, seatId);
      await this.audit.append(tx, {
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
