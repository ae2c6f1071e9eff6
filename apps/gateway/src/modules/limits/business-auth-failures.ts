// Failed business authentications per client IP, kept in this process's memory so that a flood
// of junk tokens costs no database or Redis round trip once its address is over the limit. Each
// IP has fixed windows (SEATGATE_BUSINESS_AUTH_FAILURE_WINDOW_SECONDS):
// - once an address has had `limit` failures in the window, its attempts are refused (429) before
//   their token is even looked up;
// - at most MAX_IN_FLIGHT_PER_IP of its attempts are verified at once, so a burst of junk sent
//   before the first failure is known cannot all reach the key lookup together (a busy CRM
//   backend's honest concurrency stays far below it);
// - only the first `limit` failures are audited one by one (by the guard); the rest, refused or
//   failed, are counted and written as one summary event per IP and window when the window ends
//   (or the process stops).
// Per process, by design: N gateways admit up to N × the limit, but never write per refusal.
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { SYSTEM_META } from '../../common/context/request-context';
import { AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';

/** Attempts of one address being verified at the same time. */
export const MAX_IN_FLIGHT_PER_IP = 64;
/** Windows kept at most; past it, ended windows are dropped (their summaries written first). */
const MAX_TRACKED_ADDRESSES = 50_000;

interface FailureWindow {
  startedAt: number;
  endsAt: number;
  failures: number;
  /** admitted attempts not yet settled */
  pending: number;
  /** attempts refused without verification */
  refused: number;
  /** failures past the limit, answered but not audited one by one */
  unaudited: number;
  timer: NodeJS.Timeout | null;
}

export type AuthAdmission =
  | {
      admitted: true;
      /** a failed attempt: true when it is to be audited on its own, false when only counted */
      fail(): boolean;
      /** frees this attempt's slot (call once it is answered, failed or not) */
      done(): void;
    }
  | { admitted: false; retryAfterSeconds: number };

/** `::ffff:192.0.2.1` and `192.0.2.1` are one client. */
export function clientAddress(ip: string | undefined | null): string {
  if (!ip) return 'unknown';
  return ip.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1');
}

@Injectable()
export class BusinessAuthFailures implements OnModuleDestroy {
  private readonly logger = new Logger('BusinessAuthFailures');
  private readonly windows = new Map<string, FailureWindow>();
  private readonly writes = new Set<Promise<void>>();
  private readonly limit: number;
  private readonly windowMs: number;

  constructor(
    config: AppConfig,
    private readonly audit: AuditService,
  ) {
    this.limit = config.businessAuthFailures.perIp;
    this.windowMs = config.businessAuthFailures.windowSeconds * 1000;
  }

  /** Before anything else about a business token: may this address have it verified now? */
  admit(rawIp: string | undefined | null, now = Date.now()): AuthAdmission {
    const ip = clientAddress(rawIp);
    const window = this.windowOf(ip, now);
    if (window.failures >= this.limit || window.pending >= MAX_IN_FLIGHT_PER_IP) {
      window.refused += 1;
      this.scheduleSummary(ip, window, now);
      return { admitted: false, retryAfterSeconds: Math.max(1, Math.ceil((window.endsAt - now) / 1000)) };
    }
    window.pending += 1;
    let finished = false;
    return {
      admitted: true,
      fail: () => {
        window.failures += 1;
        if (window.failures <= this.limit) return true;
        window.unaudited += 1;
        this.scheduleSummary(ip, window, Date.now());
        return false;
      },
      done: () => {
        if (finished) return;
        finished = true;
        window.pending -= 1;
      },
    };
  }

  async onModuleDestroy(): Promise<void> {
    for (const [ip, window] of this.windows) this.flush(ip, window);
    await Promise.all([...this.writes]);
  }

  private windowOf(ip: string, now: number): FailureWindow {
    const current = this.windows.get(ip);
    if (current && current.endsAt > now) return current;
    if (current) this.flush(ip, current);
    if (this.windows.size >= MAX_TRACKED_ADDRESSES) this.dropEnded(now);
    const fresh: FailureWindow = {
      startedAt: now,
      endsAt: now + this.windowMs,
      failures: 0,
      pending: 0,
      refused: 0,
      unaudited: 0,
      timer: null,
    };
    this.windows.set(ip, fresh);
    return fresh;
  }

  private dropEnded(now: number): void {
    for (const [ip, window] of this.windows) {
      if (window.endsAt <= now) this.flush(ip, window);
    }
  }

  private scheduleSummary(ip: string, window: FailureWindow, now: number): void {
    if (window.timer) return;
    window.timer = setTimeout(() => this.flush(ip, window), Math.max(0, window.endsAt - now));
    window.timer.unref();
  }

  /** Ends a window: its summary, if attempts were refused, is written once. */
  private flush(ip: string, window: FailureWindow): void {
    if (window.timer) clearTimeout(window.timer);
    window.timer = null;
    if (this.windows.get(ip) === window) this.windows.delete(ip);
    const { refused, unaudited } = window;
    window.refused = 0;
    window.unaudited = 0;
    if (refused === 0 && unaudited === 0) return;
    const write = this.audit
      .record({
        tenantId: null,
        actor: { type: 'anonymous', id: null, display: null },
        action: 'login.throttled',
        outcome: 'denied',
        meta: { ...SYSTEM_META, requestId: '', ip },
        details: {
          refused,
          unaudited,
          limit: this.limit,
          windowStartedAt: new Date(window.startedAt).toISOString(),
          windowEndsAt: new Date(window.endsAt).toISOString(),
        },
      })
      .catch((error: unknown) =>
        this.logger.warn({ err: error, ip, refused }, 'could not audit a throttled IP'),
      );
    this.writes.add(write);
    void write.finally(() => this.writes.delete(write));
  }
}
