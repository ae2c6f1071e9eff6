// Seat mappings: which TCCC seat (per app) each of a tenant's business users logs in as.
import { Injectable } from '@nestjs/common';
import {
  SEAT_EXPORT_COLUMNS,
  type CursorPage,
  type SeatCreate,
  type SeatImportResult,
  type SeatImportRowError,
  type SeatListQuery,
  type SeatUpdate,
  type SeatView,
} from '@seatgate/contracts';
import type { Readable } from 'node:stream';
import type { RequestContext } from '../../common/context/request-context';
import type { CsvCell, CsvDownload } from '../../common/csv/csv-download';
import { isDomainError } from '../../common/errors/domain.error';
import { decodeCursor, encodeCursor } from '../../common/validation/cursor';
import { UnitOfWork } from '../../database/unit-of-work';
import { AppsRepository } from '../apps/apps.repository';
import { AuditService } from '../audit/audit.service';
import { auditActor, TenantsService } from '../tenants/tenants.service';
import { findDuplicates, parseSeatCsv, type ParsedSeatRow } from './seat-import';
import { seatErrors } from './seats.errors';
import { SeatsRepository, type SeatCursor, type SeatRecord } from './seats.repository';

export function toSeatView(seat: SeatRecord): SeatView {
  return {
    id: seat.id,
    tenantId: seat.tenantId,
    appId: seat.appId,
    sdkAppId: Number(seat.app.sdkAppId),
    businessUserId: seat.businessUserId,
    seatUserId: seat.seatUserId,
    displayName: seat.displayName,
    status: seat.status,
    createdAt: seat.createdAt.toISOString(),
    updatedAt: seat.updatedAt.toISOString(),
  };
}

/** Rows per query while exporting. */
export const EXPORT_BATCH = 2000;

function cursorAfter(seat: SeatRecord): string {
  return encodeCursor(seat.createdAt, seat.id);
}

function seatCursor(cursor: string | undefined): SeatCursor | null {
  const decoded = decodeCursor(cursor);
  return decoded && { createdAt: decoded.at, id: decoded.id };
}

/** A clash the repository reported: a seat or business user mapped twice in one app. */
const isSeatClash = (error: unknown): boolean =>
  isDomainError(error, 'seat_user_taken') || isDomainError(error, 'business_user_taken');

@Injectable()
export class SeatsService {
  constructor(
    private readonly seats: SeatsRepository,
    private readonly apps: AppsRepository,
    private readonly tenants: TenantsService,
    private readonly audit: AuditService,
    private readonly uow: UnitOfWork,
  ) {}

  async list(ctx: RequestContext, tenantId: string, query: SeatListQuery): Promise<CursorPage<SeatView>> {
    await this.tenants.require(ctx, tenantId, 'read');
    const rows = await this.seats.list(tenantId, query, seatCursor(query.cursor), query.limit + 1);
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    return {
      items: items.map(toSeatView),
      nextCursor: rows.length > query.limit && last ? cursorAfter(last) : null,
    };
  }

  async create(ctx: RequestContext, tenantId: string, input: SeatCreate): Promise<SeatView> {
    await this.tenants.require(ctx, tenantId, 'write');
    const app = await this.apps.findBySdkAppId(tenantId, input.sdkAppId);
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

  /**
   * All-or-nothing import: every row is checked (format, app, duplicates in the file, clashes with
   * stored mappings) before anything is written; any bad row → 422 listing every bad row.
   * A row identical to a stored mapping is counted as unchanged.
   */
  async import(
    ctx: RequestContext,
    tenantId: string,
    openCsv: () => Readable,
    options: { dryRun: boolean },
  ): Promise<SeatImportResult> {
    await this.tenants.require(ctx, tenantId, 'write');
    // the body is read only once the caller may import
    const { rows, errors } = await parseSeatCsv(openCsv());
    const totalRows = rows.length + errors.length;
    const sdkAppIds = [...new Set(rows.map((row) => row.sdkAppId))];
    const apps = new Map(
      (await this.apps.listBySdkAppIds(tenantId, sdkAppIds)).map((app) => [Number(app.sdkAppId), app.id]),
    );
    for (const row of rows) {
      if (!apps.has(row.sdkAppId))
        errors.push({ line: row.line, reason: `sdkAppId ${row.sdkAppId} is not an app of this tenant` });
    }
    errors.push(...findDuplicates(rows, (row) => apps.get(row.sdkAppId)));
    const { fresh, unchanged, clashes } = await this.compareWithStored(tenantId, rows, apps);
    errors.push(...clashes);
    if (errors.length > 0) {
      errors.sort((a, b) => a.line - b.line);
      throw seatErrors.importRejected(
        `${errors.length} row(s) need fixing; nothing was imported`,
        errors,
        totalRows,
      );
    }
    const result: SeatImportResult = { created: fresh.length, unchanged, rows: rows.length };
    if (options.dryRun) return result;
    try {
      await this.uow.run(
        async () => {
          await this.seats.createMany(
            tenantId,
            fresh.map((row) => ({
              appId: apps.get(row.sdkAppId)!,
              businessUserId: row.businessUserId,
              seatUserId: row.seatUserId,
              displayName: row.displayName,
              status: row.status,
            })),
          );
          await this.audit.append({
            tenantId,
            actor: auditActor(ctx),
            action: 'seat.imported',
            target: { type: 'tenant', id: tenantId },
            meta: ctx,
            details: { ...result },
          });
        },
        { timeoutMs: 120_000 },
      );
    } catch (error) {
      throw isSeatClash(error) ? seatErrors.clashedMeanwhile() : error;
    }
    return result;
  }

  private async compareWithStored(
    tenantId: string,
    rows: ParsedSeatRow[],
    apps: Map<number, string>,
  ): Promise<{ fresh: ParsedSeatRow[]; unchanged: number; clashes: SeatImportRowError[] }> {
    const fresh: ParsedSeatRow[] = [];
    const clashes: SeatImportRowError[] = [];
    let unchanged = 0;
    const byApp = new Map<string, ParsedSeatRow[]>();
    for (const row of rows) {
      const appId = apps.get(row.sdkAppId);
      if (!appId) continue;
      const list = byApp.get(appId);
      if (list) list.push(row);
      else byApp.set(appId, [row]);
    }
    for (const [appId, appRows] of byApp) {
      for (let start = 0; start < appRows.length; start += 5000) {
        const chunk = appRows.slice(start, start + 5000);
        const stored = await this.seats.findClashes(
          tenantId,
          appId,
          chunk.map((row) => row.seatUserId),
          chunk.map((row) => row.businessUserId),
        );
        const bySeat = new Map(stored.map((mapping) => [mapping.seatUserId, mapping.businessUserId]));
        const byUser = new Map(stored.map((mapping) => [mapping.businessUserId, mapping.seatUserId]));
        for (const row of chunk) {
          const seatOwner = bySeat.get(row.seatUserId);
          const userSeat = byUser.get(row.businessUserId);
          if (seatOwner === row.businessUserId && userSeat === row.seatUserId) unchanged += 1;
          else if (seatOwner !== undefined) {
            clashes.push({
              line: row.line,
              reason: `seatUserId ${row.seatUserId} is already mapped to business user ${seatOwner}`,
            });
          } else if (userSeat !== undefined) {
            clashes.push({
              line: row.line,
              reason: `businessUserId ${row.businessUserId} already has seat ${userSeat} in app ${row.sdkAppId}`,
            });
          } else fresh.push(row);
        }
      }
    }
    return { fresh, unchanged, clashes };
  }

  async export(ctx: RequestContext, tenantId: string, query: SeatListQuery): Promise<CsvDownload> {
    await this.tenants.require(ctx, tenantId, 'read');
    const seats = this.seats;
    async function* rows(): AsyncGenerator<CsvCell[]> {
      let cursor: SeatCursor | null = null;
      for (;;) {
        const batch = await seats.list(tenantId, query, cursor, EXPORT_BATCH);
        for (const seat of batch) {
          yield [
            seat.businessUserId,
            Number(seat.app.sdkAppId),
            seat.seatUserId,
            seat.displayName ?? '',
            seat.status,
          ];
        }
        const last = batch[batch.length - 1];
        if (batch.length < EXPORT_BATCH || !last) return;
        cursor = { createdAt: last.createdAt, id: last.id };
      }
    }
    return {
      filename: 'seats.csv',
      columns: SEAT_EXPORT_COLUMNS,
      rows: rows(),
    };
  }
}
