import { randomBytes } from 'node:crypto';
import { migrate } from '../../src/database/migrator';
import { admin, serverUrl, TEMPLATE_ENV } from './database';

export default async function globalSetup(): Promise<void> {
  const name = `seatgate_tpl_${randomBytes(4).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE "${name}"`));
  await migrate(serverUrl(name));
  process.env[TEMPLATE_ENV] = name;
}
