// Where rate-limit counters live, shared by every gateway process: Redis when REDIS_URL is set,
// PostgreSQL (the `rate_limits` table) otherwise. Builds rate-limiter-flexible limiters on that store
// and owns its connections. Counting itself is the library's: an atomic Lua INCR+EXPIRE on Redis, an
// INSERT … ON CONFLICT upsert on PostgreSQL.
import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Redis } from 'ioredis';
import { Pool } from 'pg';
import { RateLimiterPostgres, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppConfig } from '../../config/app-config';

export type RateLimitBackend = 'redis' | 'postgres';

/** Created by the migration 20261121020000_rate_limits; the library must not create it itself. */
const TABLE = 'rate_limits';
/** Connections of the limiter's own pool, beside Prisma's (a limiter query is one short statement). */
const PG_POOL_SIZE = 4;
/** How often expired rows are deleted; the library's own cleanup is off (one timer per limiter). */
const SWEEP_INTERVAL_MS = 60_000;
/** Namespace in a Redis that may be shared with other software. */
const REDIS_NAMESPACE = 'seatgate:';
/** A limiter call waits at most this long on Redis, then fails (closed) instead of hanging. */
const REDIS_COMMAND_TIMEOUT_MS = 2_000;

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
  private readonly pool: Pool | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;

  constructor(config: AppConfig) {
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
      this.pool = new Pool({
        connectionString: config.databaseUrl,
        max: PG_POOL_SIZE,
        connectionTimeoutMillis: 5_000,
      });
      // an idle client dropped by the server must not crash the process
      this.pool.on('error', (error) => this.logger.warn({ err: error }, 'rate-limit pool error'));
    }
  }

  async onModuleInit(): Promise<void> {
    // Like PrismaService: a gateway that cannot enforce its limits does not start.
    if (this.redis) await this.redis.connect();
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
    if (this.pool) await this.pool.end();
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
