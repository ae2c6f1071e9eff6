// Admin sign-in: argon2id passwords, throttled failures (SignInThrottle: per account and source,
// per IP, and a per-account slowdown; never a lockout that names an account), short-lived access
// JWTs that name a server-side session checked on every request (so logout, disabling and any
// change of password, role or tenants take effect at once on every process), and a refresh token
// in an httpOnly cookie that rotates on every use, with reuse detection (RFC 6819 §5.2.2.3): a
// rotated-away token presented again ends its whole session. Every outcome is audited on the
// platform chain.
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { LoginRequest, LoginResponse, MeView, PasswordChange } from '@seatgate/contracts';
import { createHash, randomBytes } from 'node:crypto';
import { AppConfig } from '../../config/app-config';
import type { AdminActor, RequestContext, RequestMeta } from '../../common/context/request-context';
import { SYSTEM_META } from '../../common/context/request-context';
import { adminEvent } from '../../common/context/audit-actor';
import { isDomainError } from '../../common/errors/domain.error';
import { UnitOfWork } from '../../database/unit-of-work';
import { AuditService } from '../audit/audit.service';
import { SignInThrottle } from '../limits/sign-in-throttle';
import { hashPassword, verifyPassword } from '../users/password';
import { AdminUserDirectory, type AdminUserRecord } from '../users/admin-user-directory';
import { hasAllTenants, UsersService } from '../users/users.service';
import { authErrors } from './auth.errors';
import { AuthRepository, type SessionRecord } from './auth.repository';

export const ADMIN_TOKEN_AUDIENCE = 'seatgate-admin';
/** Ended sessions (and their rotated refresh tokens) are kept this long for investigation. */
const ENDED_SESSION_RETENTION_MS = 7 * 24 * 3600 * 1000;
const SESSION_SWEEP_INTERVAL_MS = 3600 * 1000;

export interface AdminTokenPayload {
  sub: string;
  sid: string;
  role: string;
}

export interface IssuedSession extends LoginResponse {
  refreshToken: string;
  refreshExpiresAt: Date;
}

const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

/** The admin a live session acts for. Scope comes from the explicit flag, never from an empty list. */
export function actorFromSession(session: SessionRecord): AdminActor {
  const user = session.adminUser;
  const allTenants = hasAllTenants(user);
  return {
    type: 'admin',
    id: user.id,
    email: user.email,
    role: user.role,
    tenantIds: allTenants ? [] : user.tenants.map((link) => link.tenantId),
    allTenants,
    sessionId: session.id,
    passwordChangeRequired: user.mustChangePassword,
  };
}

/** A session is usable while not revoked, not expired, its admin enabled and unchanged since it began. */
function isLive(session: SessionRecord, now = new Date()): boolean {
  return (
    !session.revokedAt &&
    session.expiresAt > now &&
    !session.adminUser.disabled &&
    session.userEpoch === session.adminUser.sessionEpoch
  );
}

@Injectable()
export class AuthService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Auth');
  private sweeper: NodeJS.Timeout | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly jwt: JwtService,
    private readonly users: AdminUserDirectory,
    private readonly usersService: UsersService,
    private readonly sessions: AuthRepository,
    private readonly audit: AuditService,
    private readonly uow: UnitOfWork,
    private readonly throttle: SignInThrottle,
  ) {}

  onModuleDestroy(): void {
    if (this.sweeper) clearInterval(this.sweeper);
  }

  /** The first admin, from SEATGATE_BOOTSTRAP_ADMIN_*, when there is none yet. */
  async onApplicationBootstrap(): Promise<void> {
    // the dummy hash an unknown email is verified against exists before the first sign-in, so
    // that the first unknown email does not take longer than a known one
    await verifyPassword(null, '');
    this.sweeper = setInterval(() => {
      this.sessions
        .deleteEnded(new Date(Date.now() - ENDED_SESSION_RETENTION_MS))
        .catch((error: unknown) => this.logger.warn({ err: error }, 'could not delete ended sessions'));
    }, SESSION_SWEEP_INTERVAL_MS);
    this.sweeper.unref();
    const bootstrap = this.config.bootstrapAdmin;
    if (!bootstrap || (await this.users.count()) > 0) return;
    try {
      await this.usersService.createAccount({ type: 'system', id: null, display: 'bootstrap' }, SYSTEM_META, {
        email: bootstrap.email,
        password: bootstrap.password,
        role: 'platform_admin',
        tenantIds: [],
      });
      this.logger.log(`created the first platform admin ${bootstrap.email}`);
    } catch (error) {
      // another gateway process starting at the same moment created it
      if (!isDomainError(error, 'email_taken')) throw error;
    }
  }

  async login(input: LoginRequest, meta: RequestMeta): Promise<IssuedSession> {
    const anonymous = { type: 'anonymous' as const, id: null, display: input.email };
    // The attempt is reserved before anything reveals whether the email exists, and before the
    // password is tried: parallel attempts cannot exceed a limit, and a refusal reads the same
    // for every email.
    const reservation = await this.throttle.reserve(input.email, meta.ip);
    if (!reservation.allowed) {
      if (reservation.firstRefusal) {
        await this.audit.record({
          tenantId: null,
          actor: anonymous,
          action: 'auth.login.throttled',
          outcome: 'denied',
          meta,
          details: { scope: reservation.scope, retryAfterSeconds: reservation.retryAfterSeconds },
        });
      }
      throw authErrors.throttled(reservation.retryAfterSeconds);
    }
    const user = await this.users.byEmail(input.email);
    // an unknown email is verified against a dummy hash: the same work, the same time
    const valid = await verifyPassword(user?.passwordHash ?? null, input.password);
    if (!user || !valid) {
      await this.audit.record({
        tenantId: null,
        actor: user ? { type: 'admin', id: user.id, display: user.email } : anonymous,
        action: 'auth.login.failed',
        outcome: 'failure',
        meta,
        details: { reason: user ? 'wrong_password' : 'unknown_email' },
      });
      throw authErrors.invalidCredentials();
    }
    if (user.disabled) {
      // only someone who knows the password learns that the account is disabled
      await this.audit.record({
        tenantId: null,
        actor: { type: 'admin', id: user.id, display: user.email },
        action: 'auth.login.failed',
        outcome: 'denied',
        meta,
        details: { reason: 'disabled' },
      });
      throw authErrors.accountDisabled();
    }
    await this.throttle.succeeded(reservation.keys);
    return this.uow.run(async () => {
      await this.users.recordSignIn(user.id);
      const issued = await this.issue(user);
      await this.audit.append({
        tenantId: null,
        actor: { type: 'admin', id: user.id, display: user.email },
        action: 'auth.login.succeeded',
        meta,
      });
      return issued;
    });
  }

  private async issue(user: AdminUserRecord): Promise<IssuedSession> {
    const refreshSecret = randomBytes(32).toString('base64url');
    const refreshExpiresAt = new Date(Date.now() + this.config.adminRefreshTtlSeconds * 1000);
    // the epoch read with the password: a change committed meanwhile ends this session at its first use
    const session = await this.sessions.createSession(
      user.id,
      user.sessionEpoch,
      sha256(refreshSecret),
      refreshExpiresAt,
    );
    return {
      accessToken: await this.sign(user.id, session.id, user.role),
      expiresIn: this.config.adminAccessTtlSeconds,
      passwordChangeRequired: user.mustChangePassword,
      refreshToken: `${session.id}.${refreshSecret}`,
      refreshExpiresAt,
    };
  }

  private sign(userId: string, sessionId: string, role: string): Promise<string> {
    const payload: AdminTokenPayload = { sub: userId, sid: sessionId, role };
    return this.jwt.signAsync(payload);
  }

  /**
   * A new access token for a valid refresh cookie; the refresh token rotates on every use.
   *
   * Reuse: a token the session already rotated away, presented again, ends the session (the whole
   * family: every access and refresh token it issued), because either the token was stolen or its
   * holder raced a thief. Two requests presenting the same current token at the same moment are
   * treated alike: one rotates, the other is reuse and ends the session. There is deliberately no
   * grace window (it would let a thief who replays within it keep a live session); the console
   * serialises its refreshes across tabs instead (Web Locks), so its own tabs never race.
   */
  async refresh(refreshToken: string | undefined, meta: RequestMeta): Promise<IssuedSession> {
    const expired = authErrors.sessionExpired();
    const [sessionId, secret, extra] = (refreshToken ?? '').split('.');
    if (!sessionId || !secret || extra !== undefined) throw expired;
    const presented = sha256(secret);
    const found = await this.sessions.findByRefresh(sessionId, presented);
    if (found.kind === 'unknown') throw expired;
    if (found.kind === 'rotated') {
      await this.endForReuse(found.session, meta);
      throw expired;
    }
    const { session } = found;
    if (!isLive(session)) throw expired;
    const nextSecret = randomBytes(32).toString('base64url');
    const refreshExpiresAt = new Date(Date.now() + this.config.adminRefreshTtlSeconds * 1000);
    const rotated = await this.sessions.rotateRefresh(
      session.id,
      presented,
      sha256(nextSecret),
      refreshExpiresAt,
    );
    if (!rotated) {
      // another request rotated this token first (or the session just ended): reuse, unless ended
      const again = await this.sessions.findByRefresh(sessionId, presented);
      if (again.kind === 'rotated') await this.endForReuse(again.session, meta);
      throw expired;
    }
    return {
      accessToken: await this.sign(session.adminUser.id, session.id, session.adminUser.role),
      expiresIn: this.config.adminAccessTtlSeconds,
      passwordChangeRequired: session.adminUser.mustChangePassword,
      refreshToken: `${session.id}.${nextSecret}`,
      refreshExpiresAt,
    };
  }

  private async endForReuse(session: SessionRecord, meta: RequestMeta): Promise<void> {
    await this.uow.run(async () => {
      const ended = await this.sessions.revokeSession(session.id);
      if (!ended) return;
      await this.audit.append({
        tenantId: null,
        actor: { type: 'admin', id: session.adminUser.id, display: session.adminUser.email },
        action: 'auth.refresh.reused',
        outcome: 'denied',
        target: { type: 'admin_session', id: session.id },
        meta,
        details: { sessionEnded: true },
      });
    });
  }

  /**
   * Resolves a verified access token to its admin. Read from the database on every request, so a
   * revoked session, a disabled admin or a change of password, role or tenants (a new session
   * epoch) is refused at once by every gateway process.
   */
  async actorForToken(payload: AdminTokenPayload): Promise<AdminActor | null> {
    const session = await this.sessions.findSession(payload.sid);
    if (!session || session.adminUserId !== payload.sub || !isLive(session)) return null;
    return actorFromSession(session);
  }

  async logout(ctx: RequestContext): Promise<void> {
    await this.uow.run(async () => {
      await this.sessions.revokeSession(ctx.actor.sessionId);
      await this.audit.append({
        tenantId: null,
        actor: { type: 'admin', id: ctx.actor.id, display: ctx.actor.email },
        action: 'auth.logout',
        meta: ctx,
      });
    });
  }

  me(ctx: RequestContext): MeView {
    const { actor } = ctx;
    return {
      id: actor.id,
      email: actor.email,
      role: actor.role,
      tenantIds: actor.allTenants ? 'all' : actor.tenantIds,
      passwordChangeRequired: actor.passwordChangeRequired,
    };
  }

  /**
   * The signed-in admin's own new password. The current one is checked like a sign-in (the same
   * throttle: a stolen access token does not make it guessable); every session of the admin ends
   * and this caller continues in a new one, returned like a sign-in's.
   */
  async changeOwnPassword(ctx: RequestContext, input: PasswordChange): Promise<IssuedSession> {
    const reservation = await this.throttle.reserve(ctx.actor.email, ctx.ip);
    if (!reservation.allowed) throw authErrors.throttled(reservation.retryAfterSeconds);
    const user = await this.users.byId(ctx.actor.id);
    if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
      await this.audit.record(
        adminEvent(ctx, {
          tenantId: null,
          action: 'auth.password.changed',
          outcome: 'failure',
          target: { type: 'admin_user', id: ctx.actor.id },
          details: { reason: 'wrong_current_password' },
        }),
      );
      throw authErrors.currentPasswordWrong();
    }
    if (await verifyPassword(user.passwordHash, input.newPassword)) throw authErrors.passwordUnchanged();
    await this.throttle.succeeded(reservation.keys);
    const passwordHash = await hashPassword(input.newPassword);
    return this.uow.run(async () => {
      const updated = await this.users.setOwnPassword(user.id, passwordHash);
      const issued = await this.issue(updated);
      await this.audit.append(
        adminEvent(ctx, {
          tenantId: null,
          action: 'auth.password.changed',
          target: { type: 'admin_user', id: user.id },
          details: { wasRequired: user.mustChangePassword, sessionsEnded: true },
        }),
      );
      return issued;
    });
  }
}
