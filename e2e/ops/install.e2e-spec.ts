// What a new user meets first: `npm ci` on the committed lock, and the embedded PostgreSQL that
// both Quick start commands start when DATABASE_URL is unset, from a folder only its owner may
// enter (a clone in root's home is mode 0700) and with its failures said in one line.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/gateway-process';

const EMBEDDED = join(ROOT, 'scripts/lib/embedded-postgres.mjs');

/** Starts the embedded PostgreSQL in a child process, runs one query, stops it: its output and exit code. */
function runEmbedded(dataDir: string, port?: number) {
  const script = `
    const { startEmbeddedPostgres } = await import(${JSON.stringify(EMBEDDED)});
    try {
      const server = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, persistent: false${
        port === undefined ? '' : `, port: ${port}`
      } });
      const { default: pg } = await import('pg');
      const client = new pg.Client({ connectionString: server.url('postgres') });
      await client.connect();
      const { rows } = await client.query('SELECT current_user AS who, 1 + 1 AS two');
      await client.end();
      console.log(JSON.stringify({ ...rows[0], dataDir: server.dataDir }));
      await server.stop();
    } catch (error) {
      process.stderr.write(error.message + '\\n');
      process.exit(1);
    }`;
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** What the embedded PostgreSQL keeps outside the project (as root only). */
function leftovers(): string[] {
  const folder = '/var/lib/seatgate/data';
  return existsSync(folder) ? readdirSync(folder).sort() : [];
}

describe('installing and starting on a new machine', () => {
  it('npm ci accepts the committed lock file', () => {
    const ci = spawnSync('npm', ['ci', '--dry-run', '--ignore-scripts', '--no-audit', '--no-fund'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(ci.stderr).not.toMatch(/can only install packages when your package\.json and package-lock/);
    expect(ci.status).toBe(0);
  });

  it('the embedded PostgreSQL starts from a folder only its owner may enter, and leaves nothing behind', async () => {
    const home = mkdtempSync(join(tmpdir(), 'seatgate-home-'));
    try {
      expect(statSync(home).mode & 0o777).toBe(0o700);
      const run = await runEmbedded(join(home, 'project', '.seatgate', 'pg'));
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const answer = JSON.parse(run.stdout.trim()) as { who: string; two: number; dataDir: string };
      expect(answer).toMatchObject({ who: 'postgres', two: 2 });
      if (userInfo().uid === 0) {
        // the postgres user could not reach the folder: the data went where it could, and is gone now
        expect(answer.dataDir.startsWith(home)).toBe(false);
      }
      expect(() => statSync(answer.dataDir)).toThrow();
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  }, 120_000);

  it('a failure to start is one line that says what is wrong and what to do', async () => {
    const busy: Server = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const { port } = busy.address() as { port: number };
    const home = mkdtempSync(join(tmpdir(), 'seatgate-home-'));
    try {
      const before = leftovers();
      const run = await runEmbedded(join(home, 'pg'), port);
      expect(run.code).toBe(1);
      expect(leftovers()).toEqual(before);
      const lines = run.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^embedded PostgreSQL: .+; .*port \d+ is taken/);
    } finally {
      busy.close();
      rmSync(home, { recursive: true, force: true });
    }
  }, 120_000);
});
