// Test databases on the PostgreSQL named by DATABASE_URL (`npm test` starts an embedded one when
// it is unset): a template migrated once per run, and a fresh copy of it for each test file.
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export const TEMPLATE_ENV = 'SEATGATE_TEST_TEMPLATE_DB';

export function serverUrl(database: string): string {
  const base = process.env.DATABASE_URL;
  if (!base)
    throw new Error('DATABASE_URL is not set: run the tests with `npm test`, which provides a PostgreSQL');
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl('postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const template = process.env[TEMPLATE_ENV];
  if (!template) {
    serverUrl('postgres'); // without DATABASE_URL (a unit-only run) this throws, saying so
    throw new Error('the gateway jest globalSetup did not run');
  }
  // named after this run's template, so that a run's teardown drops only its own databases
  const name = `${template.replace('_tpl_', '_t_')}_${randomBytes(5).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  return {
    name,
    url: serverUrl(name),
    drop: () =>
      admin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}
