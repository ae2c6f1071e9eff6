import { randomBytes } from 'node:crypto';

// Tokens issued by CreateSDKLoginToken and the agent sessions opened by verifying them.
// Tokens are 256 random bits (base64url), so they cannot be guessed from the SdkURL of another seat.

export interface LoginTokenRecord {
  token: string;
  secretId: string;
  sdkAppId: number;
  seat: string;
  issuedAtMs: number;
  expiresAtMs: number;
  onlyOnce: boolean;
  /** First successful verification; an OnlyOnce token is spent from then on. */
  verifiedAtMs: number | null;
  /** ForceMemberOffline revoked it: the seat must log in again after RestoreMemberOnline. */
  revoked?: boolean;
}

export interface AgentSession {
  sessionId: string;
  sdkAppId: number;
  seat: string;
}

export type TokenVerification =
  | { ok: true; session: AgentSession; expiresAtMs: number }
  | { ok: false; reason: 'unknown' | 'expired' | 'used' | 'seat-removed' | 'revoked'; message: string };

// Keep expired tokens a while so a late verification can still say "expired" rather than
// "unknown" (both end in tokenExpired in the browser); after that they are forgotten.
const RETAIN_AFTER_EXPIRY_MS = 60 * 60 * 1000;
const MAX_TOKENS = 100_000;
const MAX_SESSIONS = 10_000;

export class LoginTokens {
  private readonly tokens = new Map<string, LoginTokenRecord>();
  private readonly sessions = new Map<string, AgentSession>();

  constructor(readonly ttlMs: number) {}

  issue(input: {
    secretId: string;
    sdkAppId: number;
    seat: string;
    onlyOnce: boolean;
    nowMs: number;
  }): LoginTokenRecord {
    this.prune(input.nowMs);
    const record: LoginTokenRecord = {
      token: randomBytes(32).toString('base64url'),
      secretId: input.secretId,
      sdkAppId: input.sdkAppId,
      seat: input.seat,
      issuedAtMs: input.nowMs,
      expiresAtMs: input.nowMs + this.ttlMs,
      onlyOnce: input.onlyOnce,
      verifiedAtMs: null,
    };
    this.tokens.set(record.token, record);
    return record;
  }

  peek(token: string): LoginTokenRecord | undefined {
    return this.tokens.get(token);
  }

  /**
   * What the agent SDK script does on load. Consumes an OnlyOnce token. `seatExists` lets a seat
   * deleted since the token was issued fail like an expired token would.
   */
  verify(
    token: string,
    nowMs: number,
    seatExists: (sdkAppId: number, seat: string) => boolean,
  ): TokenVerification {
    const record = this.tokens.get(token);
    if (record === undefined) return { ok: false, reason: 'unknown', message: 'token is invalid' };
    if (nowMs >= record.expiresAtMs) return { ok: false, reason: 'expired', message: 'token expired' };
    if (record.revoked === true) {
      return { ok: false, reason: 'revoked', message: 'the seat was forced offline (ForceMemberOffline)' };
    }
    if (record.onlyOnce && record.verifiedAtMs !== null) {
      return { ok: false, reason: 'used', message: 'token has already been used' };
    }
    if (!seatExists(record.sdkAppId, record.seat)) {
      return { ok: false, reason: 'seat-removed', message: 'seat account no longer exists' };
    }
    record.verifiedAtMs ??= nowMs;
    const session: AgentSession = {
      sessionId: randomBytes(16).toString('base64url'),
      sdkAppId: record.sdkAppId,
      seat: record.seat,
    };
    this.sessions.set(session.sessionId, session);
    if (this.sessions.size > MAX_SESSIONS) {
      const oldest = this.sessions.keys().next();
      if (oldest.done !== true) this.sessions.delete(oldest.value);
    }
    return { ok: true, session, expiresAtMs: record.expiresAtMs };
  }

  session(sessionId: string): AgentSession | undefined {
    return this.sessions.get(sessionId);
  }

  /** ForceMemberOffline: the seat's tokens stop working and its sessions end. */
  revokeSeat(sdkAppId: number, seat: string): void {
    for (const record of this.tokens.values()) {
      if (record.sdkAppId === sdkAppId && record.seat === seat) record.revoked = true;
    }
    for (const [sessionId, session] of this.sessions) {
      if (session.sdkAppId === sdkAppId && session.seat === seat) this.sessions.delete(sessionId);
    }
  }

  activeCount(nowMs: number): number {
    let count = 0;
    for (const record of this.tokens.values()) {
      if (nowMs < record.expiresAtMs && !(record.onlyOnce && record.verifiedAtMs !== null)) count += 1;
    }
    return count;
  }

  clear(): void {
    this.tokens.clear();
    this.sessions.clear();
  }

  private prune(nowMs: number): void {
    // Insertion order is issue order, so the oldest tokens are at the front.
    for (const [token, record] of this.tokens) {
      if (record.expiresAtMs + RETAIN_AFTER_EXPIRY_MS >= nowMs) break;
      this.tokens.delete(token);
    }
    while (this.tokens.size >= MAX_TOKENS) {
      const oldest = this.tokens.keys().next();
      if (oldest.done === true) break;
      this.tokens.delete(oldest.value);
    }
  }
}
