// The one place that reads process.env: every setting, its default, and its validation.
// A bad value stops the start with one line naming the variable (see main.ts).
import { Keyring, MasterKeyConfigError } from '@seatgate/crypto';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const envSchema = z.object({
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
  SEATGATE_PUBLIC_URL: z.string().url('must be an absolute URL').optional(),
  SEATGATE_COOKIE_SECURE: bool.optional(),
  SEATGATE_TRUST_PROXY: bool.default(false),
  SEATGATE_BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'must look like 100kb or 1mb')
    .default('1mb'),
  SEATGATE_IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(32 * 1024 * 1024),
  TCCC_ENDPOINT_OVERRIDE: z.string().url('must be an http(s) URL such as http://127.0.0.1:4100').optional(),
  TCCC_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(60).default(10),
  TCCC_CIRCUIT_FAILURE_THRESHOLD: z.coerce.number().int().min(1).max(100).default(5),
  TCCC_CIRCUIT_OPEN_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
  SEATGATE_LOGIN_LIMITS: z.enum(['on', 'off']).default('on'),
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
  readonly publicUrl: string | null;
  readonly cookieSecure: boolean;
  readonly trustProxy: boolean;
  readonly bodyLimit: string;
  readonly importMaxBytes: number;
  readonly tcccEndpointOverride: string | null;
  readonly tcccTimeoutSeconds: number;
  /** an app's TCCC calls fail fast for `openSeconds` after `failureThreshold` availability failures */
  readonly tcccCircuit: { failureThreshold: number; openSeconds: number };
  readonly redisUrl: string | null;
  /** per-user/tenant/IP login limits (the upstream quota always applies) */
  readonly loginLimits: boolean;
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
    this.publicUrl = env.SEATGATE_PUBLIC_URL?.replace(/\/+$/, '') ?? null;
    this.cookieSecure = env.SEATGATE_COOKIE_SECURE ?? this.publicUrl?.startsWith('https://') ?? false;
    this.trustProxy = env.SEATGATE_TRUST_PROXY;
    this.bodyLimit = env.SEATGATE_BODY_LIMIT;
    this.importMaxBytes = env.SEATGATE_IMPORT_MAX_BYTES;
    this.tcccEndpointOverride = env.TCCC_ENDPOINT_OVERRIDE ?? null;
    this.tcccTimeoutSeconds = env.TCCC_TIMEOUT_SECONDS;
    this.tcccCircuit = {
      failureThreshold: env.TCCC_CIRCUIT_FAILURE_THRESHOLD,
      openSeconds: env.TCCC_CIRCUIT_OPEN_SECONDS,
    };
    this.redisUrl = env.REDIS_URL ?? null;
    this.loginLimits = env.SEATGATE_LOGIN_LIMITS === 'on';
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
