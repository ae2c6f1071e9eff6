// The production start command, `node apps/gateway/dist/main.js [--migrate]`, as a process: it
// refuses a schema it does not know, migrates only when asked (replicas starting together are
// safe), and serves /metrics on an internal port when told to.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { readMigrations } from '../../apps/gateway/src/database/migrator';
import { createEmptyDatabase, freePort, ROOT, sharedEnv, startGateway } from '../support/gateway-process';

const MAIN = join(ROOT, 'apps/gateway/dist/main.js');

const emptyDatabase = () => createEmptyDatabase('seatgate_start');

/** Runs the start command until it exits (or kills it after `ms`): its exit code and output. */
function runStartCommand(env: Record<string, string>, args: string[] = [], ms = 20_000) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(process.execPath, [MAIN, ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('the gateway start command', () => {
  const migrationCount = readMigrations().length;

  it('refuses an unmigrated database unless asked to migrate; replicas migrating together are safe', async () => {
    const db = await emptyDatabase();
    try {
      const env = sharedEnv(db.url, { PORT: String(await freePort()) });
      const refused = await runStartCommand(env);
      expect(refused.code).toBe(1);
      expect(refused.output).toMatch(
        /^seatgate: refusing to start: the database schema is behind this build: \d+ pending migration\(s\), first \S+; run "node apps\/gateway\/dist\/cli.js migrate", or start with --migrate/m,
      );

      const replicas = await Promise.all([
        startGateway({ ...env, SEATGATE_MIGRATE_ON_START: 'true' }),
        startGateway({ ...env, SEATGATE_MIGRATE_ON_START: 'true' }),
      ]);
      const sql = new Client({ connectionString: db.url });
      await sql.connect();
      try {
        const rows = await sql.query(
          'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL',
        );
        expect(rows.rowCount).toBe(migrationCount);
        for (const replica of replicas) expect((await fetch(`${replica.url}/health/ready`)).status).toBe(200);

        // a newer Seatgate migrated this database: running gateways stay ready, a new one refuses
        await sql.query(
          `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
           VALUES ($1, $2, now(), '29991231000000_from_the_future', now(), 1)`,
          [randomUUID(), 'f'.repeat(64)],
        );
        const ready = (await (await fetch(`${replicas[0]!.url}/health/ready`)).json()) as Record<
          string,
          unknown
        >;
        expect(ready).toMatchObject({ status: 'ok', newerMigrations: ['29991231000000_from_the_future'] });
        const newer = await runStartCommand({ ...env, PORT: String(await freePort()) }, ['--migrate']);
        expect(newer.code).toBe(1);
        expect(newer.output).toContain(
          'refusing to start: the database has 1 migration(s) this build does not know (29991231000000_from_the_future)',
        );
      } finally {
        await sql.end();
        for (const replica of replicas) expect(await replica.stop()).toBe(0);
      }
    } finally {
      await db.drop();
    }
  });

  it('refuses unknown arguments and unreachable databases with one line', async () => {
    const db = await emptyDatabase();
    try {
      const env = sharedEnv(db.url, { PORT: String(await freePort()) });
      const unknown = await runStartCommand(env, ['--migrat']);
      expect([unknown.code, unknown.output.trim()]).toEqual([
        1,
        'seatgate: unknown argument --migrat (usage: main.js [--migrate])',
      ]);
      const port = await freePort(); // nothing listens there
      const unreachable = await runStartCommand({
        ...env,
        DATABASE_URL: `postgresql://postgres@127.0.0.1:${port}/seatgate`,
      });
      expect([unreachable.code, unreachable.output.trim()]).toEqual([
        1,
        `seatgate: cannot reach PostgreSQL at 127.0.0.1:${port} (check DATABASE_URL)`,
      ]);
    } finally {
      await db.drop();
    }
  });

  it('exits with the reason when a part fails to start, rather than staying up and never ready', async () => {
    // a database user that may use Seatgate's tables but not create the job queue's schema
    const db = await emptyDatabase();
    const role = `seatgate_start_${randomUUID().slice(0, 8)}`;
    const sql = new Client({ connectionString: db.url });
    await sql.connect();
    try {
      await sql.query(`CREATE ROLE "${role}" LOGIN`);
      const env = sharedEnv(db.url, { PORT: String(await freePort()), SEATGATE_MIGRATE_ON_START: 'true' });
      const asRole = new URL(db.url);
      asRole.username = role;
      const migrated = await startGateway(env); // migrated and ready as the owner
      expect(await migrated.stop()).toBe(0);
      await sql.query('DROP SCHEMA pgboss CASCADE');
      await sql.query(`REVOKE CREATE ON DATABASE "${asRole.pathname.slice(1)}" FROM PUBLIC`);
      await sql.query(`GRANT USAGE ON SCHEMA public TO "${role}"`);
      await sql.query(`GRANT ALL ON ALL TABLES IN SCHEMA public TO "${role}"`);
      const started = await runStartCommand({
        ...env,
        SEATGATE_MIGRATE_ON_START: 'false',
        DATABASE_URL: asRole.toString(),
      });
      expect(started.code).toBe(1);
      expect(started.output).toMatch(/^seatgate: failed to start: permission denied for database/m);
    } finally {
      await sql.end();
      await db.drop();
      const server = new URL(db.url);
      server.pathname = '/postgres';
      const admin = new Client({ connectionString: server.toString() });
      await admin.connect();
      await admin.query(`DROP ROLE IF EXISTS "${role}"`);
      await admin.end();
    }
  });

  it('serves /metrics on its internal port only, when one is set', async () => {
    const db = await emptyDatabase();
    const metricsPort = await freePort();
    const gateway = await startGateway(
      sharedEnv(db.url, {
        SEATGATE_MIGRATE_ON_START: 'true',
        SEATGATE_METRICS_PORT: String(metricsPort),
        SEATGATE_METRICS_HOST: '127.0.0.1',
        SEATGATE_METRICS_TOKEN: 'ignored-when-a-port-is-set',
      }),
    );
    try {
      await fetch(`${gateway.url}/health/live`);
      const onMain = await fetch(`${gateway.url}/metrics`, {
        headers: { Authorization: 'Bearer ignored-when-a-port-is-set' },
      });
      expect(onMain.status).toBe(404);
      const internal = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
      expect(internal.status).toBe(200);
      const text = await internal.text();
      expect(text).toMatch(
        /^seatgate_http_requests_total\{method="GET",route="\/health\/live",status="200"\} 1$/m,
      );
      expect((await fetch(`http://127.0.0.1:${metricsPort}/other`)).status).toBe(404);
    } finally {
      expect(await gateway.stop()).toBe(0);
      await db.drop();
    }
    // the metrics port closed with the gateway
    await expect(fetch(`http://127.0.0.1:${metricsPort}/metrics`)).rejects.toThrow();
  });
});
