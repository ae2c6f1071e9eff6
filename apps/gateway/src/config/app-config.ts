// The one place that reads process.env: every setting, its default, and its validation.
// A bad value stops the start with one line naming the variable (see main.ts).
import { Keyring, MasterKeyConfigError } from '@seatgate/crypto';
import { BlockList, isIP, isIPv6 } from 'node:net';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/**
 * Which hops may set X-Forwarded-*: none, the nearest N, or proxies at these addresses. `true` is
 * read as one hop (the nearest proxy), never as "every hop": believing any X-Forwarded-For would let
 * a client choose the address that per-IP limits and the audit trail see.
 */
export type TrustedProxies =
  { kind: 'none' } | { kind: 'hops'; hops: number } | { kind: 'cidrs'; cidrs: string[] };

function parseCidr(entry: string): string | null {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return null;
  if (prefix === undefined) return address;
  const bits = Number(prefix);
  const max = family === 4 ? 32 : 128;
  return /^\d{1,3}$/.test(prefix) && bits <= max ? `${address}/${bits}` : null;
}

const trustProxy = z.string().transform((value, ctx): TrustedProxies => {
  const text = value.trim().toLowerCase();
  if (text === 'false' || text === '0' || text === 'no') return { kind: 'none' };
  if (text === 'true' || text === 'yes') return { kind: 'hops', hops: 1 };
  if (/^\d+$/.test(text) && Number(text) <= 10) return { kind: 'hops', hops: Number(text) };
  const cidrs = text.split(',').map((entry) => parseCidr(entry.trim()));
  if (cidrs.length > 0 && cidrs.every((cidr): cidr is string => cidr !== null))
    return { kind: 'cidrs', cidrs };
  ctx.addIssue({
    code: 'custom',
    message: 'must be false, a hop count (1-10) or a comma-separated list of proxy addresses/CIDRs',
  });
  return z.NEVER;
});

const httpUrl = (what: string) =>
  z
    .string()
    .url(`must be an absolute ${what}`)
    .refine((value) => /^https?:\/\//i.test(value), 'must be an http:// or https:// URL');

const envSchema = z.object({
  SEATGATE_ENV: z.enum(['production', 'development']).default('production'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string({ error: 'is required (postgresql://user:password@host:5432/database)' })
    .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgresql:// URL'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  SEATGATE_MASTER_KEYS: z.string({ error: 'is required ("k1:<base64 of 32 random bytes>", newest first)' }),
  SEATGATE_ADMIN_JWT_SECRET: z
    .string({ error: 'is required (at least 32 bytes of random text)' })
    .refine((value) => Buffer.byteLength(value, 'utf8') >= 32, 'must be at least 32 bytes long'),
  SEATGATE_ADMIN_ACCESS_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(900),
  SEATGATE_ADMIN_REFRESH_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(300)
    .max(90 * 86_400)
    .default(7 * 86_400),
  SEATGATE_BOOTSTRAP_ADMIN_EMAIL: z.string().email('must be an email address').optional(),
  SEATGATE_BOOTSTRAP_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  SEATGATE_PUBLIC_URL: httpUrl('URL').optional(),
  SEATGATE_COOKIE_SECURE: bool.optional(),
  SEATGATE_TRUST_PROXY: trustProxy.default({ kind: 'none' }),
  SEATGATE_JWKS_ALLOW_PRIVATE: bool.default(false),
  SEATGATE_BUSINESS_AUTH_FAILURES_PER_IP: z.coerce.number().int().min(1).max(10_000).default(20),
  SEATGATE_BUSINESS_AUTH_FAILURE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3_600).default(60),
  SEATGATE_BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'must look like 100kb or 1mb')
    .default('1mb'),
  SEATGATE_IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(32 * 1024 * 1024),
  // most seat mappings one bulk action (disable, enable, delete "all matching") may change
  SEATGATE_SEAT_BULK_MAX: z.coerce.number().int().min(1).max(100_000).default(10_000),
  // durable jobs (pg-boss): whether this process runs steps, how many at once, how often it polls,
  // after how long a step whose replica died is handed on, how often expiry is checked
  SEATGATE_JOBS_WORK: bool.default(true),
  SEATGATE_JOBS_CONCURRENCY: z.coerce.number().int().min(1).max(20).default(4),
  SEATGATE_JOBS_POLL_SECONDS: z.coerce.number().min(0.5).max(60).default(2),
  SEATGATE_JOBS_STEP_EXPIRE_SECONDS: z.coerce.number().int().min(1).max(3_600).default(120),
  SEATGATE_JOBS_MAINTENANCE_SECONDS: z.coerce.number().int().min(1).max(3_600).default(30),
  SEATGATE_JOBS_STOP_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(20),
  // a step that fails (TCCC unavailable, refusing): tried this many more times, this far apart
  SEATGATE_JOBS_STEP_RETRY_LIMIT: z.coerce.number().int().min(0).max(100).default(5),
  SEATGATE_JOBS_STEP_RETRY_SECONDS: z.coerce.number().int().min(1).max(3_600).default(2),
  // offboarding: how often and how far apart a seat TCCC still reports online is tried again
  SEATGATE_JOBS_OFFLINE_RETRY_LIMIT: z.coerce.number().int().min(0).max(10_000).default(60),
  SEATGATE_JOBS_OFFLINE_RETRY_SECONDS: z.coerce.number().int().min(1).max(3_600).default(10),
  // the presence poller: how often one replica asks TCCC (DescribeStaffStatusMetrics, background
  // lane) for every mapped seat's status and keeps the changes; 0 turns it off
  SEATGATE_PRESENCE_POLL_SECONDS: z.coerce
    .number()
    .min(0)
    .max(3_600)
    .refine((seconds) => seconds === 0 || seconds >= 1, 'must be 0 (off) or at least 1')
    .default(15),
  TCCC_ENDPOINT_OVERRIDE: z.string().url('must be an http(s) URL such as http://127.0.0.1:4100').optional(),
  TCCC_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(60).default(10),
  TCCC_CIRCUIT_FAILURE_THRESHOLD: z.coerce.number().int().min(1).max(100).default(5),
  TCCC_CIRCUIT_OPEN_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
  SEATGATE_LOGIN_LIMITS: z.enum(['on', 'off']).default('on'),
  SEATGATE_LOGIN_CACHE_MAX_AGE_SECONDS: z.coerce.number().int().min(0).max(3_600).default(60),
  SEATGATE_LOGIN_CACHE_MAX_ENTRIES: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/\S+$/, 'must be a redis:// URL')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEATGATE_MIGRATE_ON_START: bool.default(false),
  SEATGATE_SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(300).default(25),
  SEATGATE_METRICS_TOKEN: z
    .string()
    .refine((value) => Buffer.byteLength(value, 'utf8') >= 16, 'must be at least 16 bytes long')
    .optional(),
  SEATGATE_METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  SEATGATE_METRICS_HOST: z.string().min(1).default('0.0.0.0'),
});

/** Every environment variable the gateway reads (documented in .env.example). */
export const ENV_VARIABLES: readonly string[] = Object.keys(envSchema.shape);

export type Env = z.input<typeof envSchema>;

/** Development's stand-in for SEATGATE_PUBLIC_URL: where this process listens, never a request's Host. */
function listeningUrl(host: string, port: number): string {
  const name = host === '0.0.0.0' || host === '::' ? 'localhost' : isIPv6(host) ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

/** Express's `trust proxy` value for these trusted proxies. */
/** '100kb' → 102400: the SEATGATE_BODY_LIMIT shapes the schema allows (b, kb, mb). */
function byteSize(limit: string): number {
  const [, digits = '0', unit = 'b'] = /^(\d+)(b|kb|mb)$/i.exec(limit) ?? [];
  return Number(digits) * { b: 1, kb: 1024, mb: 1024 * 1024 }[unit.toLowerCase() as 'b' | 'kb' | 'mb'];
}

export function expressTrustProxy(trusted: TrustedProxies): number | ((address: string) => boolean) {
  switch (trusted.kind) {
    case 'none':
      return 0;
    case 'hops':
      return trusted.hops;
    case 'cidrs': {
      const list = new BlockList();
      for (const cidr of trusted.cidrs) {
        const [address = '', prefix] = cidr.split('/');
        const type = isIPv6(address) ? 'ipv6' : 'ipv4';
        if (prefix === undefined) list.addAddress(address, type);
        else list.addSubnet(address, Number(prefix), type);
      }
      return (address: string) => {
        const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
        if (mapped) return list.check(mapped, 'ipv4');
        return list.check(address, isIPv6(address) ? 'ipv6' : 'ipv4');
      };
    }
  }
}

export class ConfigError extends Error {}

/** Typed, validated configuration; injected wherever a setting is needed. */
export class AppConfig {
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string;
  readonly databasePoolSize: number;
  readonly keyring: Keyring;
  readonly adminJwtSecret: string;
  readonly adminAccessTtlSeconds: number;
  readonly adminRefreshTtlSeconds: number;
  readonly bootstrapAdmin: { email: string; password: string } | null;
  /** `development` relaxes what a laptop cannot provide (a public URL); anything else is production */
  readonly environment: 'production' | 'development';
  /** the base of every login URL: SEATGATE_PUBLIC_URL, or in development the listening address */
  readonly publicUrl: string;
  readonly cookieSecure: boolean;
  readonly trustProxy: TrustedProxies;
  /** JWKS URLs may be http:// and resolve to private/loopback addresses (development and tests only) */
  readonly jwksAllowPrivate: boolean;
  /** failed business authentications per client IP and window, before refusals stop being verified */
  readonly businessAuthFailures: { perIp: number; windowSeconds: number };
  readonly bodyLimit: string;
  /** the same, in bytes (1kb = 1024 b, as body-parser reads it) */
  readonly bodyLimitBytes: number;
  readonly importMaxBytes: number;
  readonly seatBulkMax: number;
  readonly tcccEndpointOverride: string | null;
  readonly tcccTimeoutSeconds: number;
  /** an app's TCCC calls fail fast for `openSeconds` after `failureThreshold` availability failures */
  readonly tcccCircuit: { failureThreshold: number; openSeconds: number };
  readonly redisUrl: string | null;
  /** durable jobs: see SEATGATE_JOBS_* */
  readonly jobs: {
    work: boolean;
    concurrency: number;
    pollSeconds: number;
    stepExpireSeconds: number;
    maintenanceSeconds: number;
    stopTimeoutMs: number;
    offlineRetryLimit: number;
    offlineRetrySeconds: number;
    stepRetryLimit: number;
    stepRetrySeconds: number;
  };
  /** seconds between presence polls (one replica at a time); 0: off */
  readonly presencePollSeconds: number;
  /** per-user/tenant/IP login limits (the upstream quota always applies) */
  readonly loginLimits: boolean;
  /** per-process caches of the login path (keys, tenants, seats, credentials); maxAgeSeconds 0: off */
  readonly loginCache: { maxAgeSeconds: number; maxEntries: number };
  readonly logLevel: string;
  /** apply pending migrations before serving (otherwise a schema behind this build stops the start) */
  readonly migrateOnStart: boolean;
  /** how long SIGTERM waits for in-flight requests before closing anyway */
  readonly shutdownTimeoutSeconds: number;
  /** /metrics: on its own port when set (bound to metricsHost), else on the main port behind the token */
  readonly metrics: { token: string | null; port: number | null; host: string };

  private constructor(env: z.output<typeof envSchema>, keyring: Keyring) {
    this.port = env.PORT;
    this.host = env.HOST;
    this.databaseUrl = env.DATABASE_URL;
    this.databasePoolSize = env.DATABASE_POOL_SIZE;
    this.keyring = keyring;
    this.adminJwtSecret = env.SEATGATE_ADMIN_JWT_SECRET;
    this.adminAccessTtlSeconds = env.SEATGATE_ADMIN_ACCESS_TTL_SECONDS;
    this.adminRefreshTtlSeconds = env.SEATGATE_ADMIN_REFRESH_TTL_SECONDS;
    this.bootstrapAdmin =
      env.SEATGATE_BOOTSTRAP_ADMIN_EMAIL && env.SEATGATE_BOOTSTRAP_ADMIN_PASSWORD
        ? {
            email: env.SEATGATE_BOOTSTRAP_ADMIN_EMAIL.toLowerCase(),
            password: env.SEATGATE_BOOTSTRAP_ADMIN_PASSWORD,
          }
        : null;
    this.environment = env.SEATGATE_ENV;
    const configuredUrl = env.SEATGATE_PUBLIC_URL?.replace(/\/+$/, '') ?? null;
    this.publicUrl = configuredUrl ?? listeningUrl(env.HOST, env.PORT);
    this.cookieSecure = env.SEATGATE_COOKIE_SECURE ?? configuredUrl?.startsWith('https://') ?? false;
    this.trustProxy = env.SEATGATE_TRUST_PROXY;
    this.jwksAllowPrivate = env.SEATGATE_JWKS_ALLOW_PRIVATE;
    this.businessAuthFailures = {
      perIp: env.SEATGATE_BUSINESS_AUTH_FAILURES_PER_IP,
      windowSeconds: env.SEATGATE_BUSINESS_AUTH_FAILURE_WINDOW_SECONDS,
    };
    this.bodyLimit = env.SEATGATE_BODY_LIMIT;
    this.bodyLimitBytes = byteSize(env.SEATGATE_BODY_LIMIT);
    this.importMaxBytes = env.SEATGATE_IMPORT_MAX_BYTES;
    this.seatBulkMax = env.SEATGATE_SEAT_BULK_MAX;
    this.tcccEndpointOverride = env.TCCC_ENDPOINT_OVERRIDE ?? null;
    this.tcccTimeoutSeconds = env.TCCC_TIMEOUT_SECONDS;
    this.tcccCircuit = {
      failureThreshold: env.TCCC_CIRCUIT_FAILURE_THRESHOLD,
      openSeconds: env.TCCC_CIRCUIT_OPEN_SECONDS,
    };
    this.redisUrl = env.REDIS_URL ?? null;
    this.jobs = {
      work: env.SEATGATE_JOBS_WORK,
      concurrency: env.SEATGATE_JOBS_CONCURRENCY,
      pollSeconds: env.SEATGATE_JOBS_POLL_SECONDS,
      stepExpireSeconds: env.SEATGATE_JOBS_STEP_EXPIRE_SECONDS,
      maintenanceSeconds: env.SEATGATE_JOBS_MAINTENANCE_SECONDS,
      stopTimeoutMs: env.SEATGATE_JOBS_STOP_TIMEOUT_SECONDS * 1000,
      offlineRetryLimit: env.SEATGATE_JOBS_OFFLINE_RETRY_LIMIT,
      offlineRetrySeconds: env.SEATGATE_JOBS_OFFLINE_RETRY_SECONDS,
      stepRetryLimit: env.SEATGATE_JOBS_STEP_RETRY_LIMIT,
      stepRetrySeconds: env.SEATGATE_JOBS_STEP_RETRY_SECONDS,
    };
    this.presencePollSeconds = env.SEATGATE_PRESENCE_POLL_SECONDS;
    this.loginLimits = env.SEATGATE_LOGIN_LIMITS === 'on';
    this.loginCache = {
      maxAgeSeconds: env.SEATGATE_LOGIN_CACHE_MAX_AGE_SECONDS,
      maxEntries: env.SEATGATE_LOGIN_CACHE_MAX_ENTRIES,
    };
    this.logLevel = env.LOG_LEVEL;
    this.migrateOnStart = env.SEATGATE_MIGRATE_ON_START;
    this.shutdownTimeoutSeconds = env.SEATGATE_SHUTDOWN_TIMEOUT_SECONDS;
    this.metrics = {
      token: env.SEATGATE_METRICS_TOKEN ?? null,
      port: env.SEATGATE_METRICS_PORT ?? null,
      host: env.SEATGATE_METRICS_HOST,
    };
  }

  /** Validates an environment; throws ConfigError with one line naming the first bad variable. */
  static fromEnv(source: Record<string, string | undefined>): AppConfig {
    const env = Object.fromEntries(
      Object.entries(source).filter(([, value]) => value !== undefined && value !== ''),
    );
    const parsed = envSchema.safeParse(env);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const name = String(issue?.path[0] ?? 'environment');
      throw new ConfigError(`${name} ${issue?.message ?? 'is invalid'}`);
    }
    if (parsed.data.SEATGATE_BOOTSTRAP_ADMIN_EMAIL && !parsed.data.SEATGATE_BOOTSTRAP_ADMIN_PASSWORD) {
      throw new ConfigError(
        'SEATGATE_BOOTSTRAP_ADMIN_PASSWORD is required when SEATGATE_BOOTSTRAP_ADMIN_EMAIL is set',
      );
    }
    if (!parsed.data.SEATGATE_PUBLIC_URL && parsed.data.SEATGATE_ENV !== 'development') {
      throw new ConfigError(
        'SEATGATE_PUBLIC_URL is required outside development (the https:// address browsers reach the gateway at; SEATGATE_ENV=development builds login URLs from HOST and PORT instead)',
      );
    }
    let keyring: Keyring;
    try {
      keyring = Keyring.parse(parsed.data.SEATGATE_MASTER_KEYS);
    } catch (error) {
      if (error instanceof MasterKeyConfigError)
        throw new ConfigError(`SEATGATE_MASTER_KEYS ${error.message}`);
      throw error;
    }
    return new AppConfig(parsed.data, keyring);
  }
}
