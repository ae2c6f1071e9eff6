// Who is online, and an admin's sign-out of a seat. The sessions view joins each mapped seat with
// TCCC's DescribeStaffStatusMetrics (one call per app and 100 seats, cached a few seconds per app
// and process, in the account's quota for that action: TCCC counts its quota per action, so the
// view never takes a login's CreateSDKLoginToken slot) and with its user's last login from the
// audit trail. A sign-out asks TCCC first (ForceMemberOffline ends the seat's sessions), then marks
// the mapping and audits it in one unit of work: the login path reads the mark with the mapping it
// already reads, and the row's NOTIFY trigger empties every process's cached copy.
import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import {
  DEFAULT_PRESENCE_RETENTION_DAYS,
  PRESENCE_HISTORY_MAX,
  SESSIONS_PAGE_SIZE,
  type PresenceHistory,
  type PresenceHistoryQuery,
  type SeatSignOut,
  SessionLastLogin,
  SessionList,
  SessionListQuery,
  SessionView,
} from '@seatgate/contracts';
import { adminEvent } from '../../common/context/audit-actor';
import type { RequestContext } from '../../common/context/request-context';
import { DomainError } from '../../common/errors/domain.error';
import { UnitOfWork } from '../../database/unit-of-work';
import { AppDirectory, type TcccApp } from '../apps/app-directory';
import { AppsService } from '../apps/apps.service';
import { AuditService, type LastLogin } from '../audit/audit.service';
import { SeatDirectory, type SeatSession } from '../seats/seat-directory';
import { TcccService, type QuotaLane, type StaffPresence, type TcccTarget } from '../tccc/tccc.service';
import { tenantSettings } from '../tenants/tenant-settings';
import { TenantsService } from '../tenants/tenants.service';
import { sessionErrors } from './sessions.errors';
import { SessionsRepository } from './sessions.repository';

/** How long one app's presence answer is reused (the console refreshes every few seconds). */
export const PRESENCE_TTL_MS = 5_000;
/** Apps whose presence a process keeps at most (older answers are dropped first). */
const PRESENCE_MAX_APPS = 1_000;
/** How often a process deletes presence history past its tenant's retention. */
const SWEEP_INTERVAL_MS = 3_600_000;

export interface SeatSignOutResult {
  seatId: string;
  signedOut: { at: string; reason: string } | null;
}

interface PresenceEntry {
  storedAt: number;
  presence: Promise<Map<string, StaffPresence>>;
}

const matchesUser = (seat: SeatSession, user: string): boolean => {
  const needle = user.toLowerCase();
  return seat.businessUserId.toLowerCase().includes(needle) || seat.seatUserId.toLowerCase().includes(needle);
};

const toLastLogin = (login: LastLogin): SessionLastLogin => ({
  loginId: login.loginId,
  businessUserId: login.businessUserId,
  at: login.at.toISOString(),
  ip: login.ip,
  userAgent: login.userAgent,
});

@Injectable()
export class SessionsService implements OnModuleInit, OnModuleDestroy {
  private readonly presence = new Map<string, PresenceEntry>();
  private sweeper: NodeJS.Timeout | null = null;

  constructor(
    private readonly tenants: TenantsService,
    private readonly apps: AppDirectory,
    private readonly appSecrets: AppsService,
    private readonly seats: SeatDirectory,
    private readonly audit: AuditService,
    private readonly tccc: TcccService,
    private readonly uow: UnitOfWork,
    private readonly history: SessionsRepository,
  ) {}

  onModuleInit(): void {
    this.sweeper = setInterval(() => void this.sweepHistory().catch(() => undefined), SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  onModuleDestroy(): void {
    if (this.sweeper) clearInterval(this.sweeper);
  }

  /** Deletes presence history older than each tenant's retention; how many rows went. */
  sweepHistory(): Promise<number> {
    return this.history.sweep(DEFAULT_PRESENCE_RETENTION_DAYS);
  }

  private target(app: TcccApp): TcccTarget {
    return {
      appId: app.id,
      sdkAppId: Number(app.sdkAppId),
      region: app.region,
      ...this.appSecrets.secretsOf(app),
    };
  }

  /**
   * One app's presence for these seats: a cached answer younger than PRESENCE_TTL_MS, else TCCC's,
   * whose status changes go into the tenant's presence history before it is used.
   */
  private presenceOf(
    app: TcccApp,
    mails: string[],
    options: { lane: QuotaLane; fresh: boolean } = { lane: 'foreground', fresh: false },
  ): Promise<Map<string, StaffPresence>> {
    const now = Date.now();
    const cached = this.presence.get(app.id);
    if (!options.fresh && cached && now - cached.storedAt < PRESENCE_TTL_MS) return cached.presence;
    const presence = this.tccc.staffPresence(this.target(app), mails, options.lane).then(async (list) => {
      const seenAt = new Date();
      const listed = new Set(list.map((entry) => entry.mail));
      await this.history.recordChanges(app.tenantId, app.id, [
        ...list.map((entry) => ({
          seatUserId: entry.mail,
          status: entry.status,
          at: entry.lastStatusAt ?? seenAt,
        })),
        // a mapped seat TCCC does not list is offline
        ...mails
          .filter((mail) => !listed.has(mail))
          .map((mail) => ({ seatUserId: mail, status: 'offline', at: seenAt })),
      ]);
      return new Map(list.map((entry) => [entry.mail, entry]));
    });
    this.presence.delete(app.id);
    if (this.presence.size >= PRESENCE_MAX_APPS) {
      const oldest = this.presence.keys().next().value;
      if (oldest !== undefined) this.presence.delete(oldest);
    }
    const entry = { storedAt: now, presence };
    this.presence.set(app.id, entry);
    // a failure is not kept: the next refresh asks again
    presence.catch(() => {
      if (this.presence.get(app.id) === entry) this.presence.delete(app.id);
    });
    return presence;
  }

  /**
   * The presence poller's round (one replica at a time, no caller): every enabled app with mapped
   * seats is asked once in the background lane, its changes kept and its answer cached for the
   * console. An app TCCC fails for is counted and left for the next round.
   */
  async pollAll(): Promise<{ apps: number; failed: number }> {
    let apps = 0;
    let failed = 0;
    for (const group of await this.seats.mappedSeatsByApp()) {
      const app = await this.apps.byId(group.tenantId, group.appId);
      if (!app || app.status !== 'enabled') continue;
      apps += 1;
      try {
        await this.presenceOf(app, group.seatUserIds, { lane: 'background', fresh: true });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        failed += 1;
      }
    }
    return { apps, failed };
  }

  async list(ctx: RequestContext, tenantId: string, query: SessionListQuery): Promise<SessionList> {
    await this.tenants.require(ctx, tenantId, 'read');
    const [apps, mapped] = await Promise.all([
      this.apps.allOf(tenantId),
      this.seats.sessionsOf(tenantId, { appId: query.appId }),
    ]);
    const fetchedAt = new Date();
    const byApp = new Map<string, SeatSession[]>();
    for (const seat of mapped) byApp.set(seat.appId, [...(byApp.get(seat.appId) ?? []), seat]);

    const upstream: SessionList['upstream'] = [];
    const presence = new Map<string, Map<string, StaffPresence>>();
    await Promise.all(
      apps
        .filter((app) => byApp.has(app.id))
        .map(async (app) => {
          const sdkAppId = Number(app.sdkAppId);
          if (app.status !== 'enabled') {
            upstream.push({ appId: app.id, sdkAppId, ok: false, code: 'app_disabled' });
            return;
          }
          try {
            const mails = byApp.get(app.id)!.map((seat) => seat.seatUserId);
            presence.set(app.id, await this.presenceOf(app, mails));
            upstream.push({ appId: app.id, sdkAppId, ok: true, code: null });
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            upstream.push({ appId: app.id, sdkAppId, ok: false, code: error.code });
          }
        }),
    );

    const sdkAppIds = new Map(apps.map((app) => [app.id, Number(app.sdkAppId)]));
    const seats = query.user ? mapped.filter((seat) => matchesUser(seat, query.user!)) : mapped;
    const matching = seats
      .map((seat): SessionView => {
        const seen = presence.get(seat.appId)?.get(seat.seatUserId);
        const answered = presence.has(seat.appId);
        return {
          seatId: seat.id,
          appId: seat.appId,
          sdkAppId: sdkAppIds.get(seat.appId) ?? 0,
          businessUserId: seat.businessUserId,
          seatUserId: seat.seatUserId,
          displayName: seat.displayName,
          mapping: seat.status,
          signedOut:
            seat.signedOutAt && seat.signedOutReason !== null
              ? { at: seat.signedOutAt.toISOString(), reason: seat.signedOutReason }
              : null,
          autoSignedOut:
            seat.autoSignedOut === 'tenant_suspended' || seat.autoSignedOut === 'mapping_disabled'
              ? seat.autoSignedOut
              : null,
          // a seat TCCC does not list (deleted upstream) reads as offline with no client
          presence: !answered
            ? null
            : {
                status: seen?.status ?? 'offline',
                clients: seen?.clients ?? [],
                onlineSince: seen?.onlineSince?.toISOString() ?? null,
                lastStatusAt: seen?.lastStatusAt?.toISOString() ?? null,
              },
          lastLogin: null,
        };
      })
      .filter((row) => query.status === undefined || row.presence?.status === query.status);
    // presence is asked per app (whatever the page); the rest only for the page's seats
    const pageSize = query.pageSize ?? SESSIONS_PAGE_SIZE;
    const page = query.page ?? 1;
    const total = matching.length;
    const rows = matching.slice((page - 1) * pageSize, page * pageSize);
    const logins = await this.audit.lastLogins(tenantId, [...new Set(rows.map((row) => row.businessUserId))]);
    const lastLogin = new Map(logins.map((login) => [login.businessUserId, toLastLogin(login)]));
    for (const row of rows) row.lastLogin = lastLogin.get(row.businessUserId) ?? null;
    upstream.sort((a, b) => a.sdkAppId - b.sdkAppId);
    return { items: rows, total, page, pageSize, upstream, fetchedAt: fetchedAt.toISOString() };
  }

  /** A seat's status changes seen in the last `days` days (at most the tenant's retention), newest first. */
  async historyOf(
    ctx: RequestContext,
    tenantId: string,
    seatId: string,
    query: PresenceHistoryQuery,
  ): Promise<PresenceHistory> {
    const tenant = await this.tenants.require(ctx, tenantId, 'read');
    const seat = await this.seats.find(tenantId, seatId);
    if (!seat) throw sessionErrors.seatNotFound();
    const retentionDays = tenantSettings(tenant).presenceRetentionDays ?? DEFAULT_PRESENCE_RETENTION_DAYS;
    const since = new Date(Date.now() - Math.min(query.days, retentionDays) * 86_400_000);
    const rows = await this.history.history(
      tenantId,
      seat.appId,
      seat.seatUserId,
      since,
      PRESENCE_HISTORY_MAX,
    );
    return {
      seatId,
      items: rows.map((row) => ({ status: row.status, at: row.at.toISOString() })),
      retentionDays,
    };
  }

  /**
   * ForceMemberOffline, then the mark and its audit event together. TCCC goes first: if it
   * refuses, nothing is marked; if the mark then fails, repeating the sign-out is harmless.
   */
  async signOut(
    ctx: RequestContext,
    tenantId: string,
    seatId: string,
    input: SeatSignOut,
  ): Promise<SeatSignOutResult> {
    return this.change(ctx, tenantId, seatId, input.reason, 'signOut');
  }

  /** RestoreMemberOnline, then the mark cleared and the restore audited with its reason. */
  async restore(
    ctx: RequestContext,
    tenantId: string,
    seatId: string,
    input: SeatSignOut,
  ): Promise<SeatSignOutResult> {
    return this.change(ctx, tenantId, seatId, input.reason, 'restore');
  }

  private async change(
    ctx: RequestContext,
    tenantId: string,
    seatId: string,
    reason: string,
    kind: 'signOut' | 'restore',
  ): Promise<SeatSignOutResult> {
    await this.tenants.require(ctx, tenantId, 'write');
    const seat = await this.seats.find(tenantId, seatId);
    if (!seat) throw sessionErrors.seatNotFound();
    const app = (await this.apps.allOf(tenantId)).find((candidate) => candidate.id === seat.appId);
    if (!app) throw sessionErrors.seatNotFound();
    const target = this.target(app);
    if (kind === 'signOut') await this.tccc.forceMemberOffline(target, seat.seatUserId);
    else await this.tccc.restoreMemberOnline(target, seat.seatUserId);
    const updated = await this.uow.run(async () => {
      const changed = await this.seats.setSignedOut(tenantId, seatId, kind === 'signOut' ? reason : null);
      await this.audit.append(
        adminEvent(ctx, {
          tenantId,
          action: kind === 'signOut' ? 'seat.signed_out' : 'seat.restored',
          target: { type: 'seat', id: seatId },
          details: {
            reason,
            sdkAppId: Number(app.sdkAppId),
            seatUserId: seat.seatUserId,
            businessUserId: seat.businessUserId,
          },
        }),
      );
      return changed;
    });
    // the console shows the change at its next refresh, not after the cache ages
    this.presence.delete(app.id);
    return {
      seatId,
      signedOut:
        updated.signedOutAt && updated.signedOutReason !== null
          ? { at: updated.signedOutAt.toISOString(), reason: updated.signedOutReason }
          : null,
    };
  }
}
