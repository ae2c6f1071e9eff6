// Admin sign-in: argon2id passwords, lockout after repeated failures, short-lived access JWTs that
// name a server-side session (so logout and disabling take effect at once), and a rotating
// refresh token kept in an httpOnly cookie. Every outcome is audited on the platform chain.
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { LoginRequest, LoginResponse, MeView } from '@seatgate/contracts';
import { createHash, randomBytes } from 'node:crypto';
import { AppConfig } from '../../config/app-config';
import type { AdminActor, RequestContext, RequestMeta } from '../../common/context/request-context';
import { SYSTEM_META } from '../../common/context/request-context';
import { DomainError } from '../../common/errors/domain.error';
import { PrismaService } from '../../prisma/prisma.service';
import { AuditService } from '../audit/audit.service';
import { verifyPassword } from '../users/password';
import { UsersRepository, type AdminUserRecord } from '../users/users.repository';
import { UsersService } from '../users/users.service';
import { AuthRepository, type SessionRecord } from './auth.repository';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;
export const ADMIN_TOKEN_AUDIENCE = 'seatgate-admin';

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

export function actorFromSession(session: SessionRecord): AdminActor {
  const user = session.adminUser;
  const tenantIds = user.tenants.map((link) => link.tenantId);
  return {
    type: 'admin',
    id: user.id,
    email: user.email,
    role: user.role,
    tenantIds,
    allTenants: user.role === 'platform_admin' || (user.role === 'auditor' && tenantIds.length === 0),
    sessionId: session.id,
  };
}

@Injectable()
export class AuthService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly config: AppConfig,
    private readonly jwt: JwtService,
    private readonly users: UsersRepository,
    private readonly usersService: UsersService,
    private readonly sessions: AuthRepository,
    private readonly audit: AuditService,
    private readonly prisma: PrismaService,
  ) {}

  /** The first admin, from SEATGATE_BOOTSTRAP_ADMIN_*, when there is none yet. */
  async onApplicationBootstrap(): Promise<void> {
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
      if (!(error instanceof DomainError && error.code === 'email_taken')) throw error;
    }
  }

  async login(input: LoginRequest, meta: RequestMeta): Promise<IssuedSession> {
    const user = await this.users.findByEmail(input.email);
    const anonymous = { type: 'anonymous' as const, id: null, display: input.email };
    if (user?.lockedUntil && user.lockedUntil > new Date()) {
      await this.recordDenial(user, meta, 'locked');
      throw new DomainError('account_locked', 'too many failed sign-ins; try again later', {
        lockedUntil: user.lockedUntil.toISOString(),
      });
    }
    const valid = await verifyPassword(user?.passwordHash ?? null, input.password);
    if (!user || !valid) {
      await this.recordFailure(user, meta, anonymous);
      throw new DomainError('invalid_credentials', 'wrong email or password');
    }
    if (user.disabled) {
      await this.recordDenial(user, meta, 'disabled');
      throw new DomainError('account_disabled', 'this account is disabled');
    }
    return this.prisma.$transaction(async (tx) => {
      await this.users.recordSuccess(tx, user.id);
      const issued = await this.issue(tx, user);
      await this.audit.append(tx, {
        tenantId: null,
        actor: { type: 'admin', id: user.id, display: user.email },
        action: 'auth.login.succeeded',
        meta,
      });
      return issued;
    });
  }

  private recordDenial(
    user: AdminUserRecord,
    meta: RequestMeta,
    reason: 'locked' | 'disabled',
  ): Promise<void> {
    return this.audit.record({
      tenantId: null,
      actor: { type: 'admin', id: user.id, display: user.email },
      action: 'auth.login.failed',
      outcome: 'denied',
      meta,
      details: { reason },
    });
  }

  private async recordFailure(
    user: AdminUserRecord | null,
    meta: RequestMeta,
    anonymous: { type: 'anonymous'; id: null; display: string },
  ) {
    await this.prisma.$transaction(async (tx) => {
      if (!user) {
        await this.audit.append(tx, {
          tenantId: null,
          actor: anonymous,
          action: 'auth.login.failed',
          outcome: 'failure',
          meta,
          details: { reason: 'unknown_email' },
        });
        return;
      }
      const lockUntil = new Date(Date.now() + LOCKOUT_MINUTES * 60_000);
      const { failedLogins, locked } = await this.users.recordFailure(
        tx,
        user.id,
        MAX_FAILED_LOGINS,
        lockUntil,
      );
      const actor = { type: 'admin' as const, id: user.id, display: user.email };
      await this.audit.append(tx, {
        tenantId: null,
        actor,
        action: 'auth.login.failed',
        outcome: 'failure',
        meta,
        details: { reason: 'wrong_password', failedLogins },
      });
      if (locked) {
        await this.audit.append(tx, {
          tenantId: null,
          actor,
          action: 'auth.lockout',
          outcome: 'success',
          meta,
          details: { lockedUntil: lockUntil.toISOString() },
        });
      }
    });
  }

  private async issue(
    tx: Parameters<AuthRepository['createSession']>[0],
    user: AdminUserRecord,
  ): Promise<IssuedSession> {
    const refreshSecret = randomBytes(32).toString('base64url');
    const refreshExpiresAt = new Date(Date.now() + this.config.adminRefreshTtlSeconds * 1000);
    const session = await this.sessions.createSession(tx, user.id, sha256(refreshSecret), refreshExpiresAt);
    return {
      accessToken: await this.sign(user.id, session.id, user.role),
      expiresIn: this.config.adminAccessTtlSeconds,
      refreshToken: `${session.id}.${refreshSecret}`,
      refreshExpiresAt,
    };
  }

  private sign(userId: string, sessionId: string, role: string): Promise<string> {
    const payload: AdminTokenPayload = { sub: userId, sid: sessionId, role };
    return this.jwt.signAsync(payload);
  }

  /** A new access token for a valid refresh cookie; the refresh token rotates on every use. */
  async refresh(refreshToken: string | undefined): Promise<IssuedSession> {
    const expired = new DomainError('session_expired', 'your session has ended; sign in again');
    const [sessionId, secret] = (refreshToken ?? '').split('.');
    if (!sessionId || !secret) throw expired;
    const session = await this.sessions.findSessionByRefreshHash(sha256(secret));
    if (
      !session ||
      session.id !== sessionId ||
      session.revokedAt ||
      session.expiresAt <= new Date() ||
      session.adminUser.disabled
    ) {
      throw expired;
    }
    const nextSecret = randomBytes(32).toString('base64url');
    const refreshExpiresAt = new Date(Date.now() + this.config.adminRefreshTtlSeconds * 1000);
    if (
      !(await this.sessions.rotateRefresh(session.id, sha256(secret), sha256(nextSecret), refreshExpiresAt))
    )
      throw expired;
    return {
      accessToken: await this.sign(session.adminUser.id, session.id, session.adminUser.role),
      expiresIn: this.config.adminAccessTtlSeconds,
      refreshToken: `${session.id}.${nextSecret}`,
      refreshExpiresAt,
    };
  }

  /** Resolves a verified access token to its admin; a revoked session or disabled account is refused. */
  async actorForToken(payload: AdminTokenPayload): Promise<AdminActor | null> {
    const session = await this.sessions.findSession(payload.sid);
    if (
      !session ||
      session.adminUserId !== payload.sub ||
      session.revokedAt ||
      session.expiresAt <= new Date()
    )
      return null;
    if (session.adminUser.disabled) return null;
    return actorFromSession(session);
  }

  async logout(ctx: RequestContext): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await this.sessions.revokeSession(tx, ctx.actor.sessionId);
      await this.audit.append(tx, {
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
    };
  }
}
