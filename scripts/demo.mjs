// `npm run demo`: Seatgate on embedded defaults, on any machine with Node.js. Installs and builds
// what is missing, starts an embedded PostgreSQL (data under .seatgate/, kept across runs) unless
// DATABASE_URL is set, applies migrations, starts the TCCC emulator (seeded with a demo Tencent
// Cloud account, two apps and their seats) and the gateway, seeds a demo tenant through the admin
// API, starts the demo CRM page, and prints where to go. Ctrl-C stops everything it started.
//
// Ports: PORT (gateway, 3000), CCC_EMULATOR_PORT (4100), DEMO_CRM_PORT (3001; when left unset
// and 3001 is taken, any free port). Logs of every process: .seatgate/logs/<name>.log.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { join } from 'node:path';
import { ensureDependencies, repoRoot, run } from './lib/bootstrap.mjs';
import { readyBanner, readyLine } from './lib/demo-banner.mjs';
import { seedDemo } from './lib/demo-seed.mjs';
import {
  DEMO_ADMIN_EMAIL,
  DEMO_APPS,
  DEMO_TENANT,
  DEMO_USERS,
  loadDemoSecrets,
  seatCsv,
  writeEmulatorSeed,
} from './lib/demo-state.mjs';

const stateDir = join(repoRoot, '.seatgate');
const logDir = join(stateDir, 'logs');
mkdirSync(logDir, { recursive: true });

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const say = (line) => console.log(`[seatgate] ${line}`);

// ---- processes: every child, and the embedded PostgreSQL, stop with the demo ----

const children = [];
let embedded = null;
let stopping = false;

function stopChild(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  });
}

async function stopEmbedded() {
  // Ctrl-C in a terminal reaches PostgreSQL as well (one process group); the pid file goes once
  // the server has stopped, whoever stopped it.
  const pidFile = join(embedded.dataDir, 'postmaster.pid');
  const gone = (async () => {
    const deadline = Date.now() + 20_000;
    while (existsSync(pidFile) && Date.now() < deadline) await delay(100);
  })();
  await Promise.race([embedded.stop().catch(() => undefined), gone]);
  if (existsSync(pidFile))
    console.error('[seatgate] PostgreSQL did not stop; see .seatgate/logs/postgres.log');
}

async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  console.log('\n[seatgate] stopping ...');
  await Promise.all(children.map(stopChild));
  if (embedded) await stopEmbedded();
  console.log(code === 0 ? '[seatgate] stopped' : `[seatgate] stopped (exit code ${code})`);
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void stopAll(0));

function start(name, script, env) {
  const log = createWriteStream(join(logDir, `${name}.log`), { flags: 'a' });
  log.write(`--- ${new Date().toISOString()} npm run demo starts ${name}\n`);
  const child = spawn(process.execPath, [join(repoRoot, script)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  child.stderr.on('data', (chunk) => process.stderr.write(`[${name}] ${chunk}`));
  child.on('exit', (code, signal) => {
    if (stopping) return;
    // a Ctrl-C reaches the children too: let the demo's own SIGINT handler have the first word
    setTimeout(() => {
      if (stopping) return;
      console.error(
        `[seatgate] ${name} exited unexpectedly (${signal ?? `exit code ${code}`}); see .seatgate/logs/${name}.log`,
      );
      void stopAll(1);
    }, 300);
  });
  children.push(child);
  return child;
}

async function waitFor(what, check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (stopping) return;
    if (await check().catch(() => false)) return;
    await delay(250);
  }
  throw new Error(`${what} did not become ready within ${timeoutMs / 1000} s`);
}

const answers = async (url) => (await fetch(url, { signal: AbortSignal.timeout(2000) })).ok;

const accepts = (port) =>
  new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

const portFree = (port, host) =>
  new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });

// ---- the demo ----

async function main() {
  ensureDependencies();
  run(process.execPath, [join(repoRoot, 'scripts/build.mjs')]);
  if (stopping) return;
  const { startEmbeddedPostgres, freePort } = await import('./lib/embedded-postgres.mjs');
  const { secrets, save } = await loadDemoSecrets(stateDir, freePort);

  const host = process.env.HOST ?? '127.0.0.1';
  const port = Number(process.env.PORT ?? 3000);
  const emulatorPort = Number(process.env.CCC_EMULATOR_PORT ?? 4100);
  for (const [value, variable] of [
    [port, 'PORT'],
    [emulatorPort, 'CCC_EMULATOR_PORT'],
  ]) {
    if (!(await portFree(value, host)))
      throw new Error(`port ${value} is in use: set ${variable} to a free one`);
  }
  let crmPort = Number(process.env.DEMO_CRM_PORT ?? 3001);
  if (!(await portFree(crmPort, host))) {
    if (process.env.DEMO_CRM_PORT)
      throw new Error(`port ${crmPort} is in use: set DEMO_CRM_PORT to a free one`);
    const taken = crmPort;
    crmPort = await freePort();
    say(`port ${taken} is in use: the demo CRM takes ${crmPort} (set DEMO_CRM_PORT to choose)`);
  }
  const gatewayUrl = `http://127.0.0.1:${port}`;
  const publicUrl = (process.env.SEATGATE_PUBLIC_URL ?? gatewayUrl).replace(/\/+$/, '');
  const emulatorUrl = (process.env.CCC_EMULATOR_PUBLIC_URL ?? `http://127.0.0.1:${emulatorPort}`).replace(
    /\/+$/,
    '',
  );
  const crmUrl = `http://127.0.0.1:${crmPort}`;
  const crmOrigins = [crmUrl, `http://localhost:${crmPort}`];

  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    say('starting embedded PostgreSQL (data in .seatgate/pg) ...');
    const pgLog = createWriteStream(join(logDir, 'postgres.log'), { flags: 'a' });
    embedded = await startEmbeddedPostgres({
      dataDir: join(stateDir, 'pg'),
      port: secrets.pgPort,
      persistent: true,
      log: (line) => pgLog.write(line.endsWith('\n') ? line : `${line}\n`),
    });
    if (embedded.dataDir !== join(stateDir, 'pg'))
      say(`the postgres user cannot enter this folder: PostgreSQL keeps its data in ${embedded.dataDir}`);
    if (stopping) return;
    databaseUrl = await embedded.createDatabase('seatgate');
  }

  const gatewayEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    SEATGATE_MASTER_KEYS: process.env.SEATGATE_MASTER_KEYS ?? `demo1:${secrets.masterKey}`,
    SEATGATE_ADMIN_JWT_SECRET: process.env.SEATGATE_ADMIN_JWT_SECRET ?? secrets.adminJwtSecret,
    SEATGATE_BOOTSTRAP_ADMIN_EMAIL: DEMO_ADMIN_EMAIL,
    SEATGATE_BOOTSTRAP_ADMIN_PASSWORD: secrets.adminPassword,
    SEATGATE_PUBLIC_URL: publicUrl,
    TCCC_ENDPOINT_OVERRIDE: process.env.TCCC_ENDPOINT_OVERRIDE ?? `http://127.0.0.1:${emulatorPort}`,
    PORT: String(port),
    HOST: host,
  };
  run(process.execPath, [join(repoRoot, 'apps/gateway/dist/cli.js'), 'migrate'], { env: gatewayEnv });
  if (stopping) return;

  // the emulator keeps its state in memory: the same seed every run, from the saved account
  start('ccc-emulator', 'apps/ccc-emulator/dist/main.js', {
    ...process.env,
    PORT: String(emulatorPort),
    HOST: host,
    CCC_EMULATOR_SEED: writeEmulatorSeed(stateDir, secrets.tcccAccount),
    CCC_EMULATOR_PUBLIC_URL: emulatorUrl,
  });
  start('gateway', 'apps/gateway/dist/main.js', gatewayEnv);
  await waitFor('the TCCC emulator', () => accepts(emulatorPort), 30_000);
  await waitFor(
    'the gateway (see .seatgate/logs/gateway.log)',
    () => answers(`${gatewayUrl}/health/ready`),
    90_000,
  );
  if (stopping) return;

  say('seeding the demo tenant through the admin API ...');
  const seeded = await seedDemo({
    gatewayUrl,
    admin: { email: DEMO_ADMIN_EMAIL, password: secrets.adminPassword },
    tenant: DEMO_TENANT,
    apps: DEMO_APPS,
    account: secrets.tcccAccount,
    seatCsv: seatCsv(),
    origins: crmOrigins,
    previousOrigins: secrets.crmOrigins,
    signingKey: secrets.signingKey,
    log: (line) => say(line),
  });
  if (seeded.keyCreated || JSON.stringify(secrets.crmOrigins) !== JSON.stringify(crmOrigins)) {
    secrets.signingKey = seeded.signingKey;
    secrets.crmOrigins = crmOrigins;
    save();
  }
  if (stopping) return;

  start('demo-crm', 'apps/demo-crm/dist/main.js', {
    ...process.env,
    PORT: String(crmPort),
    HOST: host,
    SEATGATE_URL: publicUrl,
    TCCC_SDK_ORIGINS: new URL(emulatorUrl).origin,
    DEMO_TENANT_KID: seeded.signingKey.kid,
    DEMO_TENANT_SECRET: seeded.signingKey.secret,
    DEMO_TOKEN_AUDIENCE: seeded.tokenAudience,
    DEMO_APPS: JSON.stringify(DEMO_APPS),
    DEMO_USERS: JSON.stringify(DEMO_USERS),
  });
  await waitFor('the demo CRM (see .seatgate/logs/demo-crm.log)', () => answers(`${crmUrl}/health`), 30_000);
  if (stopping) return;

  const info = {
    gatewayUrl,
    crmUrl,
    emulatorUrl,
    adminEmail: DEMO_ADMIN_EMAIL,
    adminPassword: secrets.adminPassword,
    tenantSlug: DEMO_TENANT.slug,
    kid: seeded.signingKey.kid,
    apps: DEMO_APPS,
    users: DEMO_USERS,
    sdkAppId: DEMO_APPS[0].sdkAppId,
  };
  console.log(readyBanner(info));
  console.log(readyLine(info));
}

main().catch(async (error) => {
  // a Ctrl-C during a build or migration step fails that step: that is a stop, not an error
  await delay(300);
  if (stopping) return;
  console.error(`[seatgate] ${error.message}`);
  if (error.code === 'invalid_credentials') {
    console.error(
      `[seatgate] the data in .seatgate/ does not accept the saved password of ${DEMO_ADMIN_EMAIL}: ` +
        'if you changed it in the console, put it in .seatgate/demo-secrets.json (adminPassword); ' +
        'or delete .seatgate/ to start over',
    );
  }
  await stopAll(1);
});
