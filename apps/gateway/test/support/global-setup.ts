import { randomBytes } from 'node:crypto';
import { migrate } from '../../src/database/migrator';
import { admin, serverUrl, TEMPLATE_ENV } from './database';

export default async function globalSetup(): Promise<void> {
  // the unit tier needs no database: without one, unit specs run and createTestDatabase says why not
  if (!process.env.DATABASE_URL) return;
  const name = `seatgate_tpl_${randomBytes(4).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE "${name}"`));
  await migrate(serverUrl(name));
  process.env[TEMPLATE_ENV] = name;
}
