// Built gateways as child processes on a fresh database, the way they run in production.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import { migrate } from '../../apps/gateway/src/database/migrator';
import { testEnv } from '../../apps/gateway/test/support/app';

export const ROOT = join(__dirname, '..', '..');
const MAIN = join(ROOT, 'apps/gateway/dist/main.js');

export const ADMIN = { email: 'root@e2e.test', password: 'e2e-root-password' };

const WORKER_SLICES = 8;
/** from 20000 to the start of the kernel's ephemeral range (Linux; elsewhere it starts at 49152) */
const PICK_RANGE: [number, number] = [20_000, ephemeralStart()];

function ephemeralStart(): number {
  try {
    const [start] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/);
    const port = Number(start);
    if (port > 21_000) return port;
  } catch {
    // not Linux
  }
  return 49_152;
}

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A port for a process the test starts later (a gateway, the demo after its build). Not one the
 * kernel hands out (listen(0) picks from the ephemeral range, and until the process binds it any
 * outgoing connection, of this worker or another, may take it as its local port: the demo's build
 * takes minutes): below that range, in a slice of its own per jest worker, and free when chosen.
 */
export async function freePort(): Promise<number> {
  const [first, last] = PICK_RANGE;
  const worker = Number(process.env.JEST_WORKER_ID ?? 1);
  const slice = Math.floor((last - first) / WORKER_SLICES);
  const base = first + ((worker - 1) % WORKER_SLICES) * slice;
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const port = base + Math.floor(Math.random() * slice);
    if (await bindable(port)) return port;
  }
  throw new Error(`no free port in ${base}–${base + slice - 1}`);
}

function serverUrl(database: string): string {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error('DATABASE_URL is not set: run through `npm test`');
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

export interface E2eDatabase {
  url: string;
  sql: Client;
  drop(): Promise<void>;
}

export interface EmptyDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A new, empty database on the server of DATABASE_URL (`npm test` sets it). */
export async function createEmptyDatabase(prefix = 'seatgate_e2e'): Promise<EmptyDatabase> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl('postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  return {
    url: serverUrl(name),
    async drop() {
      const client = new Client({ connectionString: serverUrl('postgres') });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

export async function createMigratedDatabase(): Promise<E2eDatabase> {
  const empty = await createEmptyDatabase();
  await migrate(empty.url);
  const sql = new Client({ connectionString: empty.url });
  await sql.connect();
  return {
    url: empty.url,
    sql,
    async drop() {
      await sql.end();
      await empty.drop();
    },
  };
}

/** The gateway integration tests' environment, for processes that share one database. */
export function sharedEnv(databaseUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return testEnv(databaseUrl, {
    SEATGATE_BOOTSTRAP_ADMIN_EMAIL: ADMIN.email,
    SEATGATE_BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    DATABASE_POOL_SIZE: '20',
    ...extra,
  });
}

export interface GatewayProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

// Gateways die with the test process, even when a hook timed out before anyone could stop them:
// an orphan would keep jest (and CI) waiting forever.
const running = new Set<ChildProcess>();
const killRunning = () => {
  for (const child of running) child.kill('SIGKILL');
};
process.once('exit', killRunning);
// jest ends its workers with SIGTERM, which skips 'exit' handlers
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    killRunning();
    process.exit(128 + (signal === 'SIGTERM' ? 15 : 2));
  });
}

export async function startGateway(env: Record<string, string>): Promise<GatewayProcess> {
  if (!existsSync(MAIN))
    throw new Error(`${MAIN} is missing: run \`npm run build\` (npm test does it first)`);
  const port = await freePort();
  // SEATGATE_CPU_PROFILE_DIR: every gateway process writes a V8 CPU profile there when it stops
  const profileDir = process.env.SEATGATE_CPU_PROFILE_DIR;
  const nodeArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const child = spawn(process.execPath, [...nodeArgs, MAIN], {
    env: { PATH: process.env.PATH ?? '', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`gateway exited early:\n${output}`);
    try {
      const response = await fetch(`${url}/health/ready`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`gateway not ready in 30 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  return {
    url,
    child,
    output: () => output,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

export async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

export async function adminToken(gateway: GatewayProcess): Promise<string> {
  const response = await fetch(`${gateway.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  if (!response.ok) throw new Error(`admin login failed: ${response.status} ${await response.text()}`);
  return (await json<{ accessToken: string }>(response)).accessToken;
}

/** A JSON call to the admin API that must succeed. */
export async function adminCall<T>(
  gateway: GatewayProcess,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${gateway.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? (undefined as T) : json<T>(response);
}
