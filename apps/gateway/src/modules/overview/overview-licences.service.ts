// Licences per app for the tenant overview: what was bought (DescribeCCCBuyInfoList's StaffBuyNum
// and StaffBuyList with end dates), the seats TCCC lists, and the mappings Seatgate holds, with a
// warning when licences are nearly used up or a purchase ends soon. TCCC's answer is kept per app
// for LICENCES_CACHE_SECONDS (a new set of credentials asks again) and asked for in the background
// lane of the account's quota, so that opening the overview never delays a login; an app TCCC
// could not answer for shows its coded error, and its failure is not kept.
import { Injectable } from '@nestjs/common';
import {
  LICENCE_EXPIRY_WARNING_DAYS,
  LICENCE_USE_WARNING_RATIO,
  LICENCES_CACHE_SECONDS,
  type LicenceWarning,
  type OverviewAppLicences,
  type OverviewLicences,
  type OverviewLicencesQuery,
  type OverviewLicencesView,
} from '@seatgate/contracts';
import type { RequestContext } from '../../common/context/request-context';
import { DomainError } from '../../common/errors/domain.error';
import { AppDirectory, type TcccApp } from '../apps/app-directory';
import { AppsService } from '../apps/apps.service';
import { SeatDirectory } from '../seats/seat-directory';
import { TcccService, type LicenceDetails } from '../tccc/tccc.service';
import { TenantsService } from '../tenants/tenants.service';

const DAY_MS = 86_400_000;
/** Apps whose answer a process keeps at most (the oldest dropped first). */
const CACHE_MAX_APPS = 1_000;
/** Apps asked at once: two calls each, in the background lane. */
const CONCURRENCY = 4;

const iso = (seconds: number): string | null => (seconds > 0 ? new Date(seconds * 1000).toISOString() : null);

/** What needs an admin's attention in an app's licences, at `now`. */
export function licenceWarnings(details: LicenceDetails, now: number): LicenceWarning[] {
  const { purchased, inTccc } = details;
  const warnings: LicenceWarning[] = [];
  const available = Math.max(0, purchased - inTccc);
  if (purchased === 0) warnings.push({ kind: 'none' });
  else if (available === 0) warnings.push({ kind: 'exhausted', purchased, inTccc });
  else if (inTccc >= purchased * LICENCE_USE_WARNING_RATIO)
    warnings.push({ kind: 'nearly_exhausted', purchased, inTccc, available });
  for (const purchase of details.purchases) {
    const endsIn = purchase.endTime * 1000 - now;
    if (purchase.endTime <= 0 || endsIn > LICENCE_EXPIRY_WARNING_DAYS * DAY_MS) continue;
    warnings.push({
      kind: 'expiring',
      seats: purchase.num,
      endsAt: iso(purchase.endTime)!,
      days: Math.max(0, Math.ceil(endsIn / DAY_MS)),
    });
  }
  return warnings;
}

interface CacheEntry {
  key: string;
  storedAt: number;
  details: Promise<LicenceDetails>;
}

@Injectable()
export class OverviewLicencesService {
  private readonly cache = new Map<string, CacheEntry>();

  constructor(
    private readonly tenants: TenantsService,
    private readonly apps: AppsService,
    private readonly appDirectory: AppDirectory,
    private readonly seats: SeatDirectory,
    private readonly tccc: TcccService,
  ) {}

  async get(
    ctx: RequestContext,
    tenantId: string,
    query: OverviewLicencesQuery,
  ): Promise<OverviewLicencesView> {
    await this.tenants.require(ctx, tenantId, 'read');
    const [apps, seatCounts] = await Promise.all([
      this.appDirectory.allOf(tenantId),
      this.seats.countsByAppAndStatus(tenantId),
    ]);
    const mappedByApp = new Map<string, { enabled: number; disabled: number }>();
    for (const row of seatCounts) {
      const counts = mappedByApp.get(row.appId) ?? { enabled: 0, disabled: 0 };
      counts[row.status] += row.count;
      mappedByApp.set(row.appId, counts);
    }
    const answers: OverviewAppLicences[] = [];
    for (let i = 0; i < apps.length; i += CONCURRENCY) {
      answers.push(
        ...(await Promise.all(
          apps.slice(i, i + CONCURRENCY).map(async (app): Promise<OverviewAppLicences> => {
            const { licences, checkedAt } = await this.licencesOf(app, query.refresh);
            return {
              appId: app.id,
              sdkAppId: Number(app.sdkAppId),
              label: app.label,
              status: app.status,
              mapped: mappedByApp.get(app.id) ?? { enabled: 0, disabled: 0 },
              licences,
              checkedAt,
            };
          }),
        )),
      );
    }
    return { tenantId, apps: answers };
  }

  private async licencesOf(
    app: TcccApp,
    refresh: boolean,
  ): Promise<{ licences: OverviewLicences; checkedAt: string }> {
    const entry = this.details(app, refresh);
    try {
      const details = await entry.details;
      return {
        licences: {
          ok: true,
          purchased: details.purchased,
          inTccc: details.inTccc,
          available: Math.max(0, details.purchased - details.inTccc),
          purchases: details.purchases.map((purchase) => ({
            seats: purchase.num,
            sipSeats: purchase.sipNum,
            boughtAt: iso(purchase.buyTime),
            endsAt: iso(purchase.endTime),
          })),
          warnings: licenceWarnings(details, Date.now()),
        },
        checkedAt: new Date(entry.storedAt).toISOString(),
      };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return {
        licences: {
          ok: false,
          code: error.code,
          message: error.message,
          ...(error.details ? { details: error.details as Record<string, unknown> } : {}),
        },
        checkedAt: new Date().toISOString(),
      };
    }
  }

  /** The cached answer for the app's current credentials, else TCCC's (shared by concurrent callers). */
  private details(app: TcccApp, refresh: boolean): CacheEntry {
    const now = Date.now();
    const key = `${app.sdkAppId}:${app.credentialsUpdatedAt.getTime()}`;
    const cached = this.cache.get(app.id);
    if (!refresh && cached && cached.key === key && now - cached.storedAt < LICENCES_CACHE_SECONDS * 1000)
      return cached;
    const entry: CacheEntry = {
      key,
      storedAt: now,
      details: this.tccc.licenceDetails({
        appId: app.id,
        sdkAppId: Number(app.sdkAppId),
        region: app.region,
        ...this.apps.secretsOf(app),
      }),
    };
    this.cache.delete(app.id);
    if (this.cache.size >= CACHE_MAX_APPS) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    this.cache.set(app.id, entry);
    // a failure is not kept: the next look asks again
    entry.details.catch(() => {
      if (this.cache.get(app.id) === entry) this.cache.delete(app.id);
    });
    return entry;
  }
}
