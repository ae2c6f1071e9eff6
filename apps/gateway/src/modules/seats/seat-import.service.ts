// CSV import of seat mappings, all or nothing: every row is checked before anything is written.
import { Injectable } from '@nestjs/common';
import type { ImportProblem, SeatImportResult, SeatImportRowError } from '@seatgate/contracts';
import type { Readable } from 'node:stream';
import { auditActor } from '../../common/context/audit-actor';
import type { RequestContext } from '../../common/context/request-context';
import { isDomainError } from '../../common/errors/domain.error';
import { UnitOfWork } from '../../database/unit-of-work';
import { AppDirectory } from '../apps/app-directory';
import { AuditService } from '../audit/audit.service';
import { TenantsService } from '../tenants/tenants.service';
import { findDuplicates, parseSeatCsv, type ParsedSeatRow } from './seat-import';
import { seatErrors } from './seats.errors';
import { SeatsRepository } from './seats.repository';

/** A clash the repository reported: a seat or business user mapped twice in one app. */
const isSeatClash = (error: unknown): boolean =>
  isDomainError(error, 'seat_user_taken') || isDomainError(error, 'business_user_taken');

@Injectable()
export class SeatImportService {
  constructor(
    private readonly seats: SeatsRepository,
    private readonly apps: AppDirectory,
    private readonly tenants: TenantsService,
    private readonly audit: AuditService,
    private readonly uow: UnitOfWork,
  ) {}

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
    // every refusal twice: in English (`errors`) and as a code with params (`problems`)
    const problems: ImportProblem[] = [];
    const { rows, errors } = await parseSeatCsv(openCsv(), problems);
    const totalRows = rows.length + errors.length;
    const sdkAppIds = [...new Set(rows.map((row) => row.sdkAppId))];
    const apps = await this.apps.idsBySdkAppId(tenantId, sdkAppIds);
    for (const row of rows) {
      if (!apps.has(row.sdkAppId)) {
        errors.push({ line: row.line, reason: `sdkAppId ${row.sdkAppId} is not an app of this tenant` });
        problems.push({
          line: row.line,
          field: 'sdkAppId',
          code: 'csv_app_not_in_tenant',
          params: { sdkAppId: row.sdkAppId },
        });
      }
    }
    errors.push(...findDuplicates(rows, (row) => apps.get(row.sdkAppId), problems));
    const { fresh, unchanged, clashes } = await this.compareWithStored(tenantId, rows, apps, problems);
    errors.push(...clashes);
    if (errors.length > 0) {
      errors.sort((a, b) => a.line - b.line);
      problems.sort((a, b) => a.line - b.line);
      throw seatErrors.importRejected(
        `${errors.length} row(s) need fixing; nothing was imported`,
        errors,
        totalRows,
        problems,
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
    problems: ImportProblem[],
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
            problems.push({
              line: row.line,
              field: 'seatUserId',
              code: 'csv_seat_taken',
              params: { seatUserId: row.seatUserId, businessUserId: seatOwner },
            });
          } else if (userSeat !== undefined) {
            clashes.push({
              line: row.line,
              reason: `businessUserId ${row.businessUserId} already has seat ${userSeat} in app ${row.sdkAppId}`,
            });
            problems.push({
              line: row.line,
              field: 'businessUserId',
              code: 'csv_user_has_seat',
              params: { businessUserId: row.businessUserId, seatUserId: userSeat, sdkAppId: row.sdkAppId },
            });
          } else fresh.push(row);
        }
      }
    }
    return { fresh, unchanged, clashes };
  }
}
