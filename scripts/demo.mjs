// `npm run demo`: Seatgate on embedded defaults, on any machine with Node.js. Installs and builds
// what is missing, starts an embedded PostgreSQL (data under .seatgate/, kept across runs) unless
// DATABASE_URL is set, applies migrations, starts the TCCC emulator and the gateway, and prints
// where to go. Ctrl-C stops everything it started.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDependencies, repoRoot, run } from './lib/bootstrap.mjs';

const stateDir = join(repoRoot, '.seatgate');
const logDir = join(stateDir, 'logs');
mkdirSync(logDir, { recursive: true });

ensureDependencies();
run(process.execPath, [join(repoRoot, 'scripts/build.mjs')]);

const { startEmbeddedPostgres, freePort } = await import('./lib/embedded-postgres.mjs');

// Secrets of this demo installation: generated once, kept (mode 600) so restarts reuse the data.
const secretsFile = join(stateDir, 'demo-secrets.json');
if (!existsSync(secretsFile)) {
  const secrets = {
    masterKey: randomBytes(32).toString('base64'),
    adminJwtSecret: randomBytes(32).toString('hex'),
    adminPassword: `demo-${randomBytes(6).toString('hex')}`,
    pgPort: await freePort(),
  };
  writeFileSync(secretsFile, JSON.stringify(secrets, null, 2), { mode: 0o600 });
}
const secrets = JSON.parse(readFileSync(secretsFile, 'utf8'));

const children = [];
let embedded = null;
let stopping = false;

async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  console.log('\n[seatgate] stopping ...');
  await Promise.all(
    children.map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', resolve);
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 8000).unref();
        }),
    ),
  );
  if (embedded) await embedded.stop().catch(() => undefined);
  console.log('[seatgate] stopped');
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

let databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.log('[seatgate] starting embedded PostgreSQL (data in .seatgate/pg) ...');
  embedded = await startEmbeddedPostgres({
    dataDir: join(stateDir, 'pg'),
    port: secrets.pgPort,
    persistent: true,
  });
  databaseUrl = await embedded.createDatabase('seatgate');
}

const port = Number(process.env.PORT ?? 3000);
const emulatorPort = Number(process.env.CCC_EMULATOR_PORT ?? 4100);
const gatewayUrl = `http://127.0.0.1:${port}`;
const adminEmail = 'admin@seatgate.local';
const env = {
  ...process.env,
  DATABASE_URL: databaseUrl,
  SEATGATE_MASTER_KEYS: process.env.SEATGATE_MASTER_KEYS ?? `demo1:${secrets.masterKey}`,
  SEATGATE_ADMIN_JWT_SECRET: process.env.SEATGATE_ADMIN_JWT_SECRET ?? secrets.adminJwtSecret,
  SEATGATE_BOOTSTRAP_ADMIN_EMAIL: adminEmail,
  SEATGATE_BOOTSTRAP_ADMIN_PASSWORD: secrets.adminPassword,
  SEATGATE_PUBLIC_URL: process.env.SEATGATE_PUBLIC_URL ?? gatewayUrl,
  TCCC_ENDPOINT_OVERRIDE: process.env.TCCC_ENDPOINT_OVERRIDE ?? `http://127.0.0.1:${emulatorPort}`,
  PORT: String(port),
  HOST: process.env.HOST ?? '127.0.0.1',
};

run(process.execPath, [join(repoRoot, 'apps/gateway/dist/cli.js'), 'migrate'], { env });

function start(name, script, extraEnv) {
  const log = createWriteStream(join(logDir, `${name}.log`), { flags: 'a' });
  const child = spawn(process.execPath, [join(repoRoot, script)], {
    env: { ...env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  child.stderr.on('data', (chunk) => process.stderr.write(`[${name}] ${chunk}`));
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`[seatgate] ${name} exited (${signal ?? code}); see .seatgate/logs/${name}.log`);
      void stopAll(1);
    }
  });
  children.push(child);
  return child;
}

start('ccc-emulator', 'apps/ccc-emulator/dist/main.js', { PORT: String(emulatorPort) });
start('gateway', 'apps/gateway/dist/main.js', {});

async function waitReady(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return false;
}

if (!(await waitReady(`${gatewayUrl}/health/ready`, 60_000))) {
  console.error('[seatgate] the gateway did not become ready; see .seatgate/logs/gateway.log');
  await stopAll(1);
}

console.log(`
Seatgate is running.

  Console        ${gatewayUrl}/
  Sign in as     ${adminEmail}  /  ${secrets.adminPassword}
  Admin API      ${gatewayUrl}/api   (OpenAPI: ${gatewayUrl}/api/docs)
  TCCC emulator  http://127.0.0.1:${emulatorPort}
  Health         ${gatewayUrl}/health/ready
  Data and logs  .seatgate/   (delete it to start from scratch)

  curl -s -X POST ${gatewayUrl}/api/auth/login -H 'Content-Type: application/json' \\
       -d '{"email":"${adminEmail}","password":"${secrets.adminPassword}"}'

Press Ctrl-C to stop.
`);
