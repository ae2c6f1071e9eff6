// Where rate-limit counters live, shared by every gateway process: Redis when REDIS_URL is set,
// PostgreSQL (the `rate_limits` table, on the process's one pg pool) otherwise. Owns the Redis
// connection. Two ways to count, on the same keys:
// - `admit`: the login limits and the upstream quota in one call (admission.ts): one EVALSHA of
//   our Lua script, or one execution of the prepared statement calling rate_limit_admit;
// - `limiter`: rate-limiter-flexible limiters (admin sign-in throttling, and reading counters).
import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Redis } from 'ioredis';
import { createHash } from 'node:crypto';
import { RateLimiterPostgres, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppConfig } from '../../config/app-config';
import { PgPool, prepared } from '../../database/pg-pool';
import { AUDIT_APPEND_CTES } from '../audit/audit-append.sql';
import {
  ADMISSION_LUA,
  admissionFromRow,
  admissionFromScript,
  admissionScriptArgs,
  type AdmissionOutcome,
  type AdmissionRequest,
  type AdmissionRow,
} from './admission';

export type RateLimitBackend = 'redis' | 'postgres';

/** Created by the migration 20261121020000_rate_limits; the library must not create it itself. */
const TABLE = 'rate_limits';
/** How often expired rows are deleted; the library's own cleanup is off (one timer per limiter). */
const SWEEP_INTERVAL_MS = 60_000;
/** Namespace in a Redis that may be shared with other software. */
const REDIS_NAMESPACE = 'seatgate:';
/** A limiter call waits at most this long on Redis, then fails (closed) instead of hanging. */
const REDIS_COMMAND_TIMEOUT_MS = 2_000;

const ADMISSION_SHA = createHash('sha1').update(ADMISSION_LUA).digest('hex');

/** One round trip: checks every counter, counts all or none (migration 20261129020000). */
type AdmitParams = [
  now: number,
  windowMs: number,
  keys: string[],
  limits: number[],
  upstreamKey: string | null,
  upstreamLimit: number | null,
  upstreamTtlMs: number | null,
  upstreamCarryKey: string | null,
];

const ADMIT = prepared<AdmitParams, AdmissionRow>(
  'seatgate-rate-limit-admit',
  'SELECT verdict, refused_at, used_points, reset_ms FROM rate_limit_admit($1, $2, $3, $4, $5, $6, $7, $8)',
);

/** ADMIT, and in the same statement the audit event of a refusal (see AdmissionRequest.refusalAudit). */
const ADMIT_AUDITED = prepared<
  [...AdmitParams, content: string, placeholder: string, scopes: string[]],
  AdmissionRow & { appended: number }
>(
  'seatgate-rate-limit-admit-audited',
  `WITH RECURSIVE adm AS (
     SELECT verdict, refused_at, used_points, reset_ms FROM rate_limit_admit($1, $2, $3, $4, $5, $6, $7, $8)
   ),
   audit_content AS (
     SELECT 1::bigint AS n, replace($9::text, $10::text, ($11::text[])[adm.refused_at]) AS content
     FROM adm WHERE adm.verdict = 'refused'
   )${AUDIT_APPEND_CTES}
   SELECT adm.verdict, adm.refused_at, adm.used_points, adm.reset_ms,
          (SELECT count(*) FROM audit_event)::int AS appended
   FROM adm`,
);

export interface LimiterShape {
  /** names the counter family; part of every stored key */
  keyPrefix: string;
  points: number;
  durationSeconds: number;
}

@Injectable()
export class RateLimitStore implements OnModuleInit, OnModuleDestroy {
  readonly backend: RateLimitBackend;
  private readonly logger = new Logger('RateLimitStore');
  private readonly redis: Redis | null = null;
  private readonly pool: PgPool | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;

  constructor(config: AppConfig, pool: PgPool) {
    if (config.redisUrl) {
      this.backend = 'redis';
      this.redis = new Redis(config.redisUrl, {
        lazyConnect: true,
        // fail a limiter call at once while disconnected rather than queueing it behind a reconnect
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
      });
      this.redis.on('error', (error: Error) => this.logger.warn({ err: error }, 'redis connection error'));
    } else {
      this.backend = 'postgres';
      // the shared pool (pg-pool.ts), so that a login never waits on a second pool
      this.pool = pool;
    }
  }

  async onModuleInit(): Promise<void> {
    // Like PrismaService: a gateway that cannot enforce its limits does not start.
    if (this.redis) {
      await this.redis.connect();
      // loaded once; `admit` falls back to EVAL if Redis lost it (restart, SCRIPT FLUSH)
      await this.redis.script('LOAD', ADMISSION_LUA);
    }
    if (this.pool) {
      this.sweepTimer = setInterval(() => {
        this.sweepExpired().catch((error: unknown) =>
          this.logger.warn({ err: error }, 'could not sweep expired rate-limit rows'),
        );
      }, SWEEP_INTERVAL_MS);
      this.sweepTimer.unref();
    }
  }

  async onModuleDestroy(): Promise<void> {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = null;
    if (this.redis) {
      await this.redis.quit().catch(() => this.redis?.disconnect());
    }
    // the pool is the database module's: it ends it
  }

  /** Checks every counter of `request` and counts in all of them or none, in one store call. */
  async admit(request: AdmissionRequest): Promise<AdmissionOutcome> {
    const counters = request.counters.length;
    if (this.redis) {
      const { numkeys, args } = admissionScriptArgs(request, REDIS_NAMESPACE);
      let reply: unknown;
      try {
        reply = await this.redis.evalsha(ADMISSION_SHA, numkeys, ...args);
      } catch (error) {
        if (!(error instanceof Error && error.message.startsWith('NOSCRIPT'))) throw error;
        reply = await this.redis.eval(ADMISSION_LUA, numkeys, ...args);
      }
      return admissionFromScript(reply, counters);
    }
    if (!this.pool) throw new Error('rate-limit store is not configured');
    const { upstream, refusalAudit } = request;
    const params: AdmitParams = [
      request.now,
      request.windowMs,
      request.counters.map((counter) => counter.key),
      request.counters.map((counter) => counter.limit),
      upstream?.key ?? null,
      upstream?.limit ?? null,
      upstream?.ttlMs ?? null,
      upstream?.carryKey ?? null,
    ];
    if (!refusalAudit || counters === 0)
      return admissionFromRow((await this.pool.run(ADMIT, params))[0], counters);
    const [row] = await this.pool.run(ADMIT_AUDITED, [
      ...params,
      refusalAudit.content,
      refusalAudit.placeholder,
      [...refusalAudit.scopes],
    ]);
    const outcome = admissionFromRow(row, counters);
    // no event when the tenant's chain has no head yet: the caller audits it the usual way
    return outcome.kind === 'refused' ? { ...outcome, audited: row?.appended === 1 } : outcome;
  }

  /** A limiter on this store. Cheap to build (no I/O); callers cache them per shape. */
  limiter(shape: LimiterShape): RateLimiterAbstract {
    const common = { points: shape.points, duration: shape.durationSeconds };
    if (this.redis) {
      return new RateLimiterRedis({
        ...common,
        storeClient: this.redis,
        keyPrefix: `${REDIS_NAMESPACE}${shape.keyPrefix}`,
        rejectIfRedisNotReady: true,
      });
    }
    if (!this.pool) throw new Error('rate-limit store is not configured');
    return new RateLimiterPostgres({
      ...common,
      storeClient: this.pool,
      storeType: 'pool',
      tableName: TABLE,
      tableCreated: true,
      clearExpiredByTimeout: false,
      keyPrefix: shape.keyPrefix,
    });
  }

  /**
   * Deletes counters whose window has ended (PostgreSQL only: Redis expires keys itself).
   * Any process may run it; a row it deletes is one the library would treat as absent anyway.
   */
  async sweepExpired(now = Date.now()): Promise<number> {
    if (!this.pool) return 0;
    const result = await this.pool.query(`DELETE FROM "${TABLE}" WHERE expire < $1`, [now]);
    return result.rowCount ?? 0;
  }
}
