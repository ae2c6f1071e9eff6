// Keeps every per-process login cache honest across gateway replicas. Admin changes to tenants,
// apps, seat mappings and signing keys send `NOTIFY seatgate_cache` from a trigger inside their own
// transaction (migration 20261129020000_cache_notify), so no code path (API, CSV import, CLI,
// master-key rotation, JWKS refresh) can forget it. Each process LISTENs on one dedicated
// connection (not from the pool): a notification drops that tenant's entries; while the connection
// is down every cache is emptied and bypassed, and reconnecting (with backoff) empties them again,
// since notifications sent meanwhile are lost. The process that made a change also drops its
// caches at once (CacheDropInterceptor), without waiting for its own notification.
import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Client, type Notification } from 'pg';
import { AppConfig } from '../../config/app-config';
import { BoundedCache, type CacheGate } from './bounded-cache';

export const CACHE_CHANNEL = 'seatgate_cache';
const RECONNECT_MIN_MS = 100;
const RECONNECT_MAX_MS = 5_000;

/** A notification's payload, as the trigger writes it. */
export interface CacheChange {
  table: string;
  /** null: every tenant (e.g. TRUNCATE) */
  tenantId: string | null;
}

export function parseCacheChange(payload: string | undefined): CacheChange {
  try {
    const parsed: unknown = JSON.parse(payload ?? '');
    if (parsed && typeof parsed === 'object') {
      const { table, tenantId } = parsed as { table?: unknown; tenantId?: unknown };
      return {
        table: typeof table === 'string' ? table : 'unknown',
        tenantId: typeof tenantId === 'string' ? tenantId : null,
      };
    }
  } catch {
    // an unreadable payload drops everything below
  }
  return { table: 'unknown', tenantId: null };
}

@Injectable()
export class CacheInvalidation implements CacheGate, OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('CacheInvalidation');
  private readonly caches: BoundedCache<unknown, unknown>[] = [];
  private client: Client | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private failures = 0;
  private stopped = false;
  open = false;
  generation = 0;
  readonly maxAgeMs: number;
  readonly maxEntries: number;

  constructor(private readonly config: AppConfig) {
    this.maxAgeMs = config.loginCache.maxAgeSeconds * 1000;
    this.maxEntries = config.loginCache.maxEntries;
  }

  /** A new cache of at most `maxEntries` (default: the configured size), governed by this gate. */
  create<K, V>(name: string, maxEntries = this.maxEntries): BoundedCache<K, V> {
    const cache = new BoundedCache<K, V>(name, maxEntries, this);
    this.caches.push(cache as BoundedCache<unknown, unknown>);
    return cache;
  }

  async onModuleInit(): Promise<void> {
    if (this.maxAgeMs === 0) return; // caching off: the gate stays shut
    await this.connect();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.shut();
    await client?.end().catch(() => undefined);
  }

  /** Empties every cache, now: an admin change in this process, or a lost notification. */
  dropAll(): void {
    this.generation += 1;
    for (const cache of this.caches) cache.clear();
  }

  private apply(change: CacheChange): void {
    if (change.tenantId === null) return this.dropAll();
    this.generation += 1;
    for (const cache of this.caches) cache.dropTenant(change.tenantId);
  }

  private async connect(): Promise<void> {
    this.reconnectTimer = null;
    if (this.stopped) return;
    const client = new Client({ connectionString: this.config.databaseUrl, connectionTimeoutMillis: 5_000 });
    client.on('notification', (message: Notification) => {
      if (message.channel === CACHE_CHANNEL) this.apply(parseCacheChange(message.payload));
    });
    client.on('error', (error: Error) => this.lost(client, error.message));
    client.on('end', () => this.lost(client, 'connection ended'));
    this.client = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${CACHE_CHANNEL}`);
    } catch (error) {
      this.lost(client, error instanceof Error ? error.message : String(error));
      return;
    }
    if (this.client !== client || this.stopped) return;
    this.failures = 0;
    this.dropAll(); // whatever changed while nobody listened
    this.open = true;
    this.logger.log('listening for admin changes; login caches on');
  }

  private shut(): void {
    this.open = false;
    this.client = null;
    this.dropAll();
  }

  private lost(client: Client, reason: string): void {
    if (this.client !== client) return; // an old connection's late event
    this.shut();
    client.end().catch(() => undefined);
    if (this.stopped) return;
    const delay = Math.min(RECONNECT_MAX_MS, RECONNECT_MIN_MS * 2 ** this.failures);
    this.failures += 1;
    this.logger.warn({ reason, retryInMs: delay }, 'cache LISTEN connection lost; login caches bypassed');
    this.reconnectTimer = setTimeout(() => void this.connect(), delay);
    this.reconnectTimer.unref();
  }
}
