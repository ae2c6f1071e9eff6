// The demo CRM's configuration, read once from the environment (scripts/demo.mjs sets it):
//   PORT (3001), HOST (127.0.0.1)
//   SEATGATE_URL         the gateway as browsers reach it
//   TCCC_SDK_ORIGINS     origins the TCCC agent SDK script loads from (comma-separated; in the
//                        demo, the emulator): the page's Content-Security-Policy admits them
//   DEMO_TENANT_KID      the tenant's HS256 signing key: its kid …
//   DEMO_TENANT_SECRET   … and its secret (never logged)
//   DEMO_TOKEN_AUDIENCE  the `aud` the tenant expects ("seatgate" unless the tenant set another)
//   DEMO_APPS            JSON [{"sdkAppId":1400000001,"label":"Call center"}, …]
//   DEMO_USERS           JSON [{"id":"alice","name":"Alice","seats":[{"sdkAppId":…,"seatUserId":"…"}]}, …]

export class DemoCrmConfigError extends Error {
  override name = 'DemoCrmConfigError';
}

/** A secret that prints as [redacted] wherever it ends up (JSON, util.inspect, template strings). */
export class SecretValue {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return '[redacted]';
  }

  toJSON(): string {
    return '[redacted]';
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return '[redacted]';
  }
}

export interface DemoApp {
  sdkAppId: number;
  label: string;
}

export interface DemoSeat {
  sdkAppId: number;
  seatUserId: string;
}

export interface DemoUser {
  id: string;
  name: string;
  seats: DemoSeat[];
}

export interface DemoCrmConfig {
  port: number;
  host: string;
  seatgateUrl: string;
  sdkOrigins: string[];
  kid: string;
  secret: SecretValue;
  audience: string;
  apps: DemoApp[];
  users: DemoUser[];
}

const ORIGIN = /^https?:\/\/[^/\s]+$/;

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name]?.trim();
  if (!value) throw new DemoCrmConfigError(`${name} is required`);
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function jsonList(env: NodeJS.ProcessEnv, name: string): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(required(env, name));
  } catch (error) {
    if (error instanceof DemoCrmConfigError) throw error;
    throw new DemoCrmConfigError(`${name} is not valid JSON`);
  }
  if (!Array.isArray(parsed) || parsed.length === 0)
    throw new DemoCrmConfigError(`${name} must be a non-empty JSON array`);
  return parsed;
}

function readApp(value: unknown, index: number): DemoApp {
  if (!isRecord(value) || !Number.isSafeInteger(value.sdkAppId) || typeof value.label !== 'string')
    throw new DemoCrmConfigError(`DEMO_APPS[${index}] must be {"sdkAppId": <integer>, "label": "<text>"}`);
  return { sdkAppId: value.sdkAppId as number, label: value.label };
}

function readSeat(value: unknown, where: string): DemoSeat {
  if (!isRecord(value) || !Number.isSafeInteger(value.sdkAppId) || typeof value.seatUserId !== 'string')
    throw new DemoCrmConfigError(`${where} must be {"sdkAppId": <integer>, "seatUserId": "<email>"}`);
  return { sdkAppId: value.sdkAppId as number, seatUserId: value.seatUserId };
}

function readUser(value: unknown, index: number): DemoUser {
  const where = `DEMO_USERS[${index}]`;
  if (!isRecord(value) || typeof value.id !== 'string' || value.id === '')
    throw new DemoCrmConfigError(`${where} must have a non-empty "id"`);
  const seats = value.seats ?? [];
  if (!Array.isArray(seats)) throw new DemoCrmConfigError(`${where}.seats must be an array`);
  return {
    id: value.id,
    name: typeof value.name === 'string' && value.name !== '' ? value.name : value.id,
    seats: seats.map((seat, i) => readSeat(seat, `${where}.seats[${i}]`)),
  };
}

function readPort(text: string | undefined): number {
  const port = Number(text ?? '3001');
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new DemoCrmConfigError(`PORT must be 0..65535, got "${text}"`);
  return port;
}

export function readDemoCrmConfig(env: NodeJS.ProcessEnv): DemoCrmConfig {
  const seatgateUrl = required(env, 'SEATGATE_URL').replace(/\/+$/, '');
  if (!/^https?:\/\//.test(seatgateUrl))
    throw new DemoCrmConfigError('SEATGATE_URL must be an http(s) URL such as http://127.0.0.1:3000');
  const sdkOrigins = (env.TCCC_SDK_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim().replace(/\/+$/, ''))
    .filter((origin) => origin !== '');
  for (const origin of sdkOrigins) {
    if (!ORIGIN.test(origin))
      throw new DemoCrmConfigError(`TCCC_SDK_ORIGINS: "${origin}" is not an origin (scheme://host[:port])`);
  }
  const users = jsonList(env, 'DEMO_USERS').map(readUser);
  const ids = new Set<string>();
  for (const user of users) {
    if (ids.has(user.id)) throw new DemoCrmConfigError(`DEMO_USERS lists "${user.id}" twice`);
    ids.add(user.id);
  }
  return {
    port: readPort(env.PORT),
    host: env.HOST?.trim() || '127.0.0.1',
    seatgateUrl,
    sdkOrigins,
    kid: required(env, 'DEMO_TENANT_KID'),
    secret: new SecretValue(required(env, 'DEMO_TENANT_SECRET')),
    audience: env.DEMO_TOKEN_AUDIENCE?.trim() || 'seatgate',
    apps: jsonList(env, 'DEMO_APPS').map(readApp),
    users,
  };
}
