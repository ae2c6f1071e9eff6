// CSV import of seat mappings: every row is checked before anything is written; all or nothing, or,
// when the admin chooses, the valid rows only (the rest reported as skipped). Rows with provision
// yes have their seats created in TCCC: their seat ids resolved (the seat-id rule when empty),
// checked like the others, the licences checked before anything is written, and, after the
// mappings are imported, one provisioning job per app started (the existing provisioning path).
import { Injectable } from '@nestjs/common';
import type {
  ImportProblem,
  SeatImportProvisioning,
  SeatImportResult,
  SeatImportRowError,
} from '@seatgate/contracts';
import type { Readable } from 'node:stream';
import { auditActor } from '../../common/context/audit-actor';
import type { RequestContext } from '../../common/context/request-context';
import { isDomainError } from '../../common/errors/domain.error';
import { UnitOfWork } from '../../database/unit-of-work';
import { AppDirectory } from '../apps/app-directory';
import { AuditService } from '../audit/audit.service';
import { tenantSettings } from '../tenants/tenant-settings';
import { TenantsService } from '../tenants/tenants.service';
import { SeatLifecycleService } from './seat-lifecycle.service';
import { provisioningDefaults, seatIdFromRule } from './seat-provisioning';
import { dropExactRepeats, findDuplicates, parseSeatCsv, type ParsedSeatRow } from './seat-import';
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
    private readonly lifecycle: SeatLifecycleService,
  ) {}

  /**
   * Every row is checked (format, app, repeats in the file, clashes with stored mappings) before
   * anything is written. A row repeating an earlier one exactly counts once. Any bad row → 422
   * listing every bad row, unless `skipInvalid`: then the valid rows are imported (still in one
   * transaction) and the bad ones reported as skipped, with their problems. A row identical to a
   * stored mapping is counted as unchanged. A file that cannot be read at all is refused either way.
   */
  async import(
    ctx: RequestContext,
    tenantId: string,
    openCsv: () => Readable,
    options: { dryRun: boolean; skipInvalid?: boolean },
  ): Promise<SeatImportResult> {
    const tenant = await this.tenants.require(ctx, tenantId, 'write');
    // the body is read only once the caller may import
    // every refusal twice: in English (`errors`) and as a code with params (`problems`)
    const problems: ImportProblem[] = [];
    const parsed = await parseSeatCsv(openCsv(), problems);
    const { errors } = parsed;
    const totalRows = parsed.rows.length + errors.length;
    const { rows, repeats } = dropExactRepeats(parsed.rows);
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
    this.resolveSeatIds(tenant, rows, errors, problems);
    errors.push(
      ...findDuplicates(
        rows.filter((row) => row.seatUserId !== ''),
        (row) => apps.get(row.sdkAppId),
        problems,
      ),
    );
    const { fresh, unchanged, clashes } = await this.compareWithStored(tenantId, rows, apps, problems);
    errors.push(...clashes);
    errors.sort((a, b) => a.line - b.line);
    problems.sort((a, b) => a.line - b.line);
    if (errors.length > 0 && !options.skipInvalid) {
      throw seatErrors.importRejected(
        `${errors.length} row(s) need fixing; nothing was imported`,
        errors,
        totalRows,
        problems,
      );
    }
    const badLines = new Set(errors.map((error) => error.line));
    const valid = fresh.filter((row) => !badLines.has(row.line));
    const toCreate = valid.filter((row) => !row.provision);
    // licences first: a file whose seats would not fit is refused before anything is written
    const provisioning = await this.provisioningPreview(
      ctx,
      tenantId,
      valid.filter((row) => row.provision),
    );
    const result: SeatImportResult = {
      ...(provisioning.rows > 0 ? { provisioning } : {}),
      created: toCreate.length,
      unchanged,
      rows: totalRows,
      repeats,
      skipped: badLines.size,
      problems: badLines.size > 0 ? problems : [],
    };
    if (options.dryRun) return result;
    try {
      await this.uow.run(
        async () => {
          await this.seats.createMany(
            tenantId,
            toCreate.map((row) => ({
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
            details: {
              created: result.created,
              unchanged: result.unchanged,
              rows: result.rows,
              repeats: result.repeats,
              skipped: result.skipped,
              ...(provisioning.rows > 0 ? { provision: provisioning.rows } : {}),
              // which lines were left out (not why: the admin has the error file)
              ...(result.skipped > 0
                ? { skippedLines: [...badLines].sort((a, b) => a - b).slice(0, 1000) }
                : {}),
            },
          });
        },
        { timeoutMs: 120_000 },
      );
    } catch (error) {
      throw isSeatClash(error) ? seatErrors.clashedMeanwhile() : error;
    }
    for (const app of provisioning.apps) {
      const started = await this.lifecycle.startProvisioning(ctx, tenantId, {
        sdkAppId: app.sdkAppId,
        rows: valid
          .filter((row) => row.provision && row.sdkAppId === app.sdkAppId)
          .map((row) => ({
            businessUserId: row.businessUserId,
            seatUserId: row.seatUserId,
            ...(row.displayName ? { displayName: row.displayName } : {}),
            ...(row.staffNumber ? { staffNumber: row.staffNumber } : {}),
            ...(row.phone ? { phone: row.phone } : {}),
            ...(row.role !== undefined ? { role: row.role } : {}),
            ...(row.skillGroups ? { skillGroups: row.skillGroups } : {}),
          })),
      });
      app.jobId = started.jobId;
    }
    return result;
  }

  /**
   * A row to provision without a seat id gets the one the seat-id rule gives (the app's rule, else
   * the tenant's); a rule that gives none makes the row a problem.
   */
  private resolveSeatIds(
    tenant: { slug: string } & Parameters<typeof tenantSettings>[0],
    rows: ParsedSeatRow[],
    errors: SeatImportRowError[],
    problems: ImportProblem[],
  ): void {
    const settings = tenantSettings(tenant);
    for (const row of rows) {
      if (!row.provision || row.seatUserId !== '') continue;
      const defaults = provisioningDefaults(settings, row.sdkAppId);
      const seatId = seatIdFromRule(defaults, tenant.slug, row.businessUserId);
      if ('seatUserId' in seatId) {
        row.seatUserId = seatId.seatUserId;
        continue;
      }
      errors.push({ line: row.line, reason: `seatUserId: ${seatId.problem}` });
      const noDomain = defaults.seatIdRule.includes('{domain}') && !defaults.domain;
      problems.push(
        noDomain
          ? { line: row.line, field: 'seatUserId', code: 'csv_seat_id_rule_domain' }
          : {
              line: row.line,
              field: 'seatUserId',
              code: 'csv_seat_id_rule_invalid',
              params: { rule: defaults.seatIdRule },
            },
      );
    }
  }

  /** Per app: how many of these rows' seats TCCC lacks, and the licences (refused when too few). */
  private async provisioningPreview(
    ctx: RequestContext,
    tenantId: string,
    rows: ParsedSeatRow[],
  ): Promise<SeatImportProvisioning> {
    const byApp = new Map<number, ParsedSeatRow[]>();
    for (const row of rows) byApp.set(row.sdkAppId, [...(byApp.get(row.sdkAppId) ?? []), row]);
    const apps: SeatImportProvisioning['apps'] = [];
    for (const [sdkAppId, appRows] of byApp) {
      const preview = await this.lifecycle.provisioningPreview(
        ctx,
        tenantId,
        sdkAppId,
        appRows.map((row) => row.seatUserId),
      );
      apps.push({ sdkAppId, rows: appRows.length, ...preview, jobId: null });
    }
    return {
      rows: rows.length,
      toCreate: apps.reduce((sum, app) => sum + app.toCreate, 0),
      apps,
    };
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
