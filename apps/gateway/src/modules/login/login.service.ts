// The main job: a business user's TCCC login. Checks the tenant, the seat mapping and the limits,
// asks TCCC for a one-time SdkURL, and hands out a Seatgate URL that redeems to it exactly once.
// Every issue, redemption, replay and denial is an audit event written before the answer; when
// that write fails, no login is issued (fail closed).
import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import {
  DEFAULT_MULTI_TAB,
  DEFAULT_RATE_LIMITS,
  type MultiTabPolicy,
  type TenantSettings,
} from '@seatgate/contracts';
import { decryptField, encryptField, randomBytesPooled } from '@seatgate/crypto';
import { createHash, randomUUID } from 'node:crypto';
import type { BusinessContext } from '../../common/context/business-context';
import type { RequestMeta } from '../../common/context/request-context';
import { DomainError, isDomainError } from '../../common/errors/domain.error';
import { AppConfig } from '../../config/app-config';
import { decryptCredentials, type AppSecrets } from '../apps/app-credentials';
import { AuditService } from '../audit/audit.service';
import type { BoundedCache } from '../cache/bounded-cache';
import { CacheInvalidation } from '../cache/cache-invalidation.service';
import { auditContent, auditEventContent, ContentTemplate } from '../audit/audit-append.sql';
import { eventContentV2 } from '../audit/audit-chain';
import type { AuditActor, AuditOutcome } from '../audit/audit.types';
import { LoginLimiter, type LimitDecision } from '../limits/login-limiter';
import { UpstreamQuotaExceeded } from '../limits/upstream-quota';
import { MetricsService } from '../metrics/metrics.service';
import { TcccService } from '../tccc/tccc.service';
import { SeatDirectory } from '../seats/seat-directory';
import { LoginDenials } from './login-denials';
import { loginErrors } from './login.errors';
import { originAllowed } from './origin-policy';
import { LoginRepository, type NewTicket, type RedemptionAudit, type SeatWithApp } from './login.repository';

/** How long a burst may wait for the upstream quota (20 calls/s per Tencent Cloud account). */
export const UPSTREAM_MAX_WAIT_MS = 2_000;
/** A login URL never outlives TCCC's token, and never lives longer than this. */
export const MAX_TICKET_TTL_MS = 10 * 60_000;

export interface IssuedLogin {
  loginUrl: string;
  expiresAt: string;
  loginId: string;
  /** the tenant's multi-tab policy, for the loader */
  multiTab: MultiTabPolicy;
  /** RateLimit headers for the response */
  headers: Record<string, string>;
}

export interface ExplainReason {
  code: string;
  message: string;
}

export interface LoginExplanation {
  wouldIssue: boolean;
  tenant: { id: string; slug: string; status: string };
  seat: { sdkAppId: number; seatUserId: string; displayName: string | null } | null;
  candidates: { sdkAppId: number; seatUserId: string; mapping: string; app: string }[];
  reasons: ExplainReason[];
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export function tenantLimits(settings: TenantSettings) {
  return { ...DEFAULT_RATE_LIMITS, ...(settings.rateLimits ?? {}) };
}

function businessActor(ctx: BusinessContext): AuditActor {
  return { type: 'business_user', id: ctx.actor.businessUserId, display: ctx.actor.businessUserId };
}

@Injectable()
export class LoginService implements OnModuleInit, OnModuleDestroy {
  private sweeper: NodeJS.Timeout | null = null;
  /** tenant + business user → the user's mappings with their apps (an empty list too: bounded) */
  private readonly seats: BoundedCache<string, SeatWithApp[]>;
  /** app id → its decrypted credentials and upstream quota line, with the envelope they came from */
  private readonly credentials: BoundedCache<
    string,
    { secretIdEnc: string; secretKeyEnc: string; secrets: AppSecrets; accountKey: string }
  >;

  constructor(
    private readonly logins: LoginRepository,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly tccc: TcccService,
    private readonly limiter: LoginLimiter,
    private readonly metrics: MetricsService,
    private readonly denials: LoginDenials,
    private readonly seatDirectory: SeatDirectory,
    invalidation: CacheInvalidation,
  ) {
    this.seats = invalidation.create('seat-mappings');
    this.credentials = invalidation.create('app-credentials');
  }

  private seatsOf(tenantId: string, businessUserId: string): Promise<SeatWithApp[]> {
    return this.seats.getOrLoad(
      `${tenantId}\u0000${businessUserId}`,
      () => this.seatDirectory.forBusinessUser(tenantId, businessUserId),
      () => tenantId,
    );
  }

  /**
   * Decrypted once per app and envelope: rotated credentials never meet an old copy. The account's
   * upstream quota line is named by a hash of its SecretId, never the SecretId itself.
   */
  private credentialsOf(app: SeatWithApp['app']): { secrets: AppSecrets; accountKey: string } {
    const cached = this.credentials.get(app.id);
    if (cached && cached.secretIdEnc === app.secretIdEnc && cached.secretKeyEnc === app.secretKeyEnc)
      return cached;
    const generation = this.credentials.generation;
    const secrets = decryptCredentials(this.config.keyring, app);
    const accountKey = sha256(secrets.secretId.reveal()).slice(0, 32);
    const entry = { secretIdEnc: app.secretIdEnc, secretKeyEnc: app.secretKeyEnc, secrets, accountKey };
    this.credentials.set(app.id, entry, app.tenantId, generation);
    return entry;
  }

  onModuleInit(): void {
    this.sweeper = setInterval(() => void this.logins.eraseExpired().catch(() => undefined), 60_000);
    this.sweeper.unref();
  }

  onModuleDestroy(): void {
    if (this.sweeper) clearInterval(this.sweeper);
  }

  private async deny(
    ctx: BusinessContext,
    error: DomainError,
    details: Record<string, unknown> = {},
  ): Promise<never> {
    await this.denials.record({
      tenantId: ctx.actor.tenantId,
      businessUserId: ctx.actor.businessUserId,
      meta: ctx,
      code: error.code,
      details: { kid: ctx.actor.kid, ...details },
    });
    throw error;
  }

  /**
   * The audit event of a refusal by the login limits, as deny() would write it, with a placeholder
   * for the refusing scope: the admission writes it in its own statement (PostgreSQL store).
   */
  private refusalAudit(ctx: BusinessContext, sdkAppId: number): { content: string; placeholder: string } {
    const placeholder = new ContentTemplate().placeholder('scope');
    const content = auditContent({
      tenantId: ctx.actor.tenantId,
      actor: businessActor(ctx),
      action: 'login.denied',
      outcome: 'denied',
      meta: ctx,
      details: { reason: 'rate_limited', kid: ctx.actor.kid, scope: placeholder, sdkAppId },
    });
    return { content, placeholder };
  }

  /** Which seat this login is for, or why there is none. Pure: no audit, no side effect. */
  private pickSeat(
    ctx: BusinessContext,
    seats: SeatWithApp[],
    requested: number | undefined,
  ): { seat: SeatWithApp } | { error: DomainError } {
    const claimed = ctx.actor.sdkAppId ?? undefined;
    if (requested !== undefined && claimed !== undefined && requested !== claimed) {
      return { error: loginErrors.seatNotMapped({ tokenSdkAppId: claimed }) };
    }
    const wanted = requested ?? claimed;
    const candidates =
      wanted === undefined ? seats : seats.filter((seat) => Number(seat.app.sdkAppId) === wanted);
    const usable = candidates.filter((seat) => seat.status === 'enabled');
    if (usable.length === 0) {
      if (candidates.length > 0 && candidates.every((seat) => seat.status === 'disabled')) {
        return { error: loginErrors.seatNotMapped('disabled') };
      }
      return { error: loginErrors.seatNotMapped('none') };
    }
    if (usable.length > 1) {
      const sdkAppIds = usable.map((seat) => Number(seat.app.sdkAppId));
      return { error: loginErrors.appAmbiguous(sdkAppIds) };
    }
    const seat = usable[0]!;
    if (seat.app.status !== 'enabled') return { error: loginErrors.appDisabled() };
    if (seat.signedOutReason !== null) return { error: loginErrors.seatSignedOut(seat.signedOutReason) };
    return { seat };
  }

  async issue(
    ctx: BusinessContext,
    requested: number | undefined,
    baseUrl: string,
    origin: string | undefined,
  ): Promise<IssuedLogin> {
    const { tenant } = ctx;
    if (tenant.status !== 'active') return this.deny(ctx, loginErrors.tenantSuspended());
    if (!originAllowed(ctx.settings, origin))
      return this.deny(ctx, loginErrors.originNotAllowed(origin), { origin });
    const picked = this.pickSeat(ctx, await this.seatsOf(tenant.id, ctx.actor.businessUserId), requested);
    if ('error' in picked)
      return this.deny(ctx, picked.error, {
        sdkAppId: requested ?? ctx.actor.sdkAppId ?? undefined,
        ...(isDomainError(picked.error, 'seat_signed_out')
          ? { signedOutReason: picked.error.details?.reason }
          : {}),
      });
    const { seat } = picked;
    const sdkAppId = Number(seat.app.sdkAppId);

    const { secrets, accountKey } = this.credentialsOf(seat.app);
    // the login limits and the account's upstream quota slot, in one store call
    let decision: LimitDecision;
    try {
      decision = await this.limiter.admit(
        this.config.loginLimits
          ? {
              tenantId: tenant.id,
              businessUserId: ctx.actor.businessUserId,
              ip: ctx.ip,
              limits: tenantLimits(ctx.settings),
            }
          : null,
        {
          accountKey,
          maxWaitMs: UPSTREAM_MAX_WAIT_MS,
          perSecond: ctx.settings.upstreamQuotaPerSecond,
        },
        this.config.loginLimits && this.limiter.auditsRefusals ? this.refusalAudit(ctx, sdkAppId) : undefined,
      );
    } catch (error) {
      if (!(error instanceof UpstreamQuotaExceeded)) throw error;
      this.metrics.rateLimited('upstream');
      return this.deny(ctx, error, { scope: 'upstream', sdkAppId });
    }
    if (!decision.allowed) {
      this.metrics.rateLimited(decision.scope);
      const error = loginErrors.rateLimited(decision);
      if (!decision.audited) return this.deny(ctx, error, { scope: decision.scope, sdkAppId });
      // written by the admission's own statement: one round trip for the refusal
      this.denials.count(ctx.actor.tenantId, error.code);
      throw error;
    }

    let sdk: { sdkUrl: string; expiresAt: Date };
    try {
      sdk = await this.tccc.createLoginToken(
        {
          appId: seat.app.id,
          tenantId: tenant.id,
          sdkAppId,
          region: seat.app.region,
          secretId: secrets.secretId,
          secretKey: secrets.secretKey,
        },
        seat.seatUserId,
      );
    } catch (error) {
      if (error instanceof DomainError)
        return this.deny(ctx, error, { sdkAppId, seatUserId: seat.seatUserId });
      throw error;
    }

    const loginId = randomUUID();
    const ticket = randomBytesPooled(32).toString('base64url');
    const expiresAt = new Date(Math.min(sdk.expiresAt.getTime(), Date.now() + MAX_TICKET_TTL_MS));
    const ticketRow: NewTicket = {
      id: loginId,
      tenantId: tenant.id,
      appId: seat.app.id,
      sdkAppId,
      businessUserId: ctx.actor.businessUserId,
      seatUserId: seat.seatUserId,
      ticketHash: sha256(ticket),
      sdkUrlEnc: encryptField(this.config.keyring, sdk.sdkUrl, {
        tenantId: tenant.id,
        recordId: loginId,
        field: 'sdkUrl',
      }),
      expiresAt,
      issuedIp: ctx.ip,
    };
    const content = auditContent({
      tenantId: tenant.id,
      actor: businessActor(ctx),
      action: 'login.issued',
      target: { type: 'login', id: loginId },
      meta: ctx,
      details: {
        sdkAppId,
        seatUserId: seat.seatUserId,
        expiresAt: expiresAt.toISOString(),
        kid: ctx.actor.kid,
      },
    });
    if (!(await this.logins.issueTicket(ticketRow, content))) {
      // a tenant older than chain heads created with their tenant
      await this.audit.openChainAlone(tenant.id);
      if (!(await this.logins.issueTicket(ticketRow, content)))
        throw new Error(`audit: chain ${tenant.id} has no head`);
    }
    this.metrics.loginIssued(tenant.id);
    return {
      loginUrl: `${baseUrl}/api/v1/tickets/${ticket}`,
      expiresAt: expiresAt.toISOString(),
      loginId,
      multiTab: ctx.settings.multiTab ?? DEFAULT_MULTI_TAB,
      headers: decision.headers,
    };
  }

  /** What a login would do now, without calling TCCC or consuming any limit. */
  async explain(ctx: BusinessContext, requested: number | undefined): Promise<LoginExplanation> {
    const { tenant } = ctx;
    const reasons: ExplainReason[] = [];
    if (tenant.status !== 'active')
      reasons.push({ code: 'tenant_suspended', message: 'this tenant is suspended' });
    const seats = await this.seatsOf(tenant.id, ctx.actor.businessUserId);
    const picked = this.pickSeat(ctx, seats, requested);
    if ('error' in picked) reasons.push({ code: picked.error.code, message: picked.error.message });
    const limit = await this.limiter.peek({
      tenantId: tenant.id,
      businessUserId: ctx.actor.businessUserId,
      ip: ctx.ip,
      limits: tenantLimits(ctx.settings),
    });
    if (!limit.allowed)
      reasons.push({
        code: 'rate_limited',
        message: `the ${limit.scope} limit is reached; retry in ${limit.retryAfterSeconds} s`,
      });
    if ('seat' in picked && this.tccc.circuitState(picked.seat.app.id) === 'open') {
      reasons.push({
        code: 'upstream_unavailable',
        message: 'TCCC calls for this app are paused after repeated failures',
      });
    }
    return {
      wouldIssue: reasons.length === 0,
      tenant: { id: tenant.id, slug: tenant.slug, status: tenant.status },
      seat:
        'seat' in picked
          ? {
              sdkAppId: Number(picked.seat.app.sdkAppId),
              seatUserId: picked.seat.seatUserId,
              displayName: picked.seat.displayName,
            }
          : null,
      candidates: seats.map((seat) => ({
        sdkAppId: Number(seat.app.sdkAppId),
        seatUserId: seat.seatUserId,
        mapping: seat.status,
        app: seat.app.status,
      })),
      reasons,
    };
  }

  /**
   * Redeems a one-time login URL: the first use answers TCCC's SdkURL, every other use (or a late
   * one) is refused with 410 and audited with the caller's IP and user agent.
   */
  async redeem(ticket: string, meta: RequestMeta, origin: string | undefined): Promise<string> {
    const audit = redemptionAudit(meta, origin ?? null);
    let used = await this.logins.redeem(sha256(ticket), meta.ip, origin ?? null, audit);
    if (used && !used.appended) {
      // a tenant older than chain heads created with their tenant: nothing was changed yet
      await this.audit.openChainAlone(used.tenantId);
      used = await this.logins.redeem(sha256(ticket), meta.ip, origin ?? null, audit);
      if (used && !used.appended) throw new Error(`audit: chain ${used.tenantId} has no head`);
    }
    if (!used) {
      this.denials.count(null, 'login_not_found');
      throw loginErrors.loginNotFound();
    }
    switch (used.kind) {
      case 'redeemed': {
        if (!used.sdkUrlEnc) throw new Error(`login ${used.id}: redeemed without an SdkURL`);
        const sdkUrl = decryptField(this.config.keyring, used.sdkUrlEnc, {
          tenantId: used.tenantId,
          recordId: used.id,
          field: 'sdkUrl',
        });
        this.metrics.loginRedeemed(used.tenantId);
        return sdkUrl.reveal();
      }
      case 'origin':
        this.denials.count(used.tenantId, 'origin_not_allowed');
        throw loginErrors.originNotAllowed(origin);
      case 'late':
        this.denials.count(used.tenantId, 'ticket_expired');
        throw loginErrors.ticketExpired();
      case 'replay':
        this.denials.count(used.tenantId, 'ticket_used');
        throw loginErrors.ticketUsed();
    }
  }
}

/**
 * The audit event of each outcome a redemption can have, with the ticket's values as placeholders
 * (the statement that locks the ticket fills them): details as they were when each outcome was
 * written by its own statements.
 */
function redemptionAudit(meta: RequestMeta, origin: string | null): RedemptionAudit {
  const template = new ContentTemplate();
  const at = new Date();
  const id = randomUUID();
  const tenant = template.placeholder('tenant');
  const user = template.placeholder('user');
  const base = {
    sdkAppId: template.placeholder('sdkAppId'),
    seatUserId: template.placeholder('seatUserId'),
  };
  const content = (action: string, outcome: AuditOutcome, details: Record<string, unknown>): string =>
    eventContentV2({
      ...auditEventContent(
        {
          tenantId: tenant,
          actor: { type: 'business_user', id: user, display: user },
          action,
          target: { type: 'login', id: template.placeholder('login') },
          outcome,
          meta,
          details,
        },
        at,
      ),
      id,
    });
  const expired = { ...base, expiresAt: template.placeholder('expiresAt') };
  return {
    template,
    redeemed: content('login.redeemed', 'success', base),
    replay: content('login.replay', 'denied', expired),
    late: content('login.late_use', 'denied', expired),
    origin:
      origin === null
        ? null
        : content('login.denied', 'denied', { reason: 'origin_not_allowed', origin, ...base }),
  };
}
