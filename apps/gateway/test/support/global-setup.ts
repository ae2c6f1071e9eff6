import { randomBytes } from 'node:crypto';
import PgBoss from 'pg-boss';
import { migrate } from '../../src/database/migrator';
import { admin, serverUrl, TEMPLATE_ENV } from './database';

export default async function globalSetup(): Promise<void> {
  // the unit tier needs no database: without one, unit specs run and createTestDatabase says why not
  if (!process.env.DATABASE_URL) return;
  const name = `seatgate_tpl_${randomBytes(4).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE "${name}"`));
  await migrate(serverUrl(name));
  // pg-boss's own schema in the template too: every test app would otherwise create it (~0.3 s)
  const boss = new PgBoss({ connectionString: serverUrl(name), max: 1, supervise: false, schedule: false });
  await boss.start();
  await boss.stop({ graceful: false, wait: true, close: true });
  process.env[TEMPLATE_ENV] = name;
}
