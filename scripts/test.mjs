// `npm test`: the whole suite on any machine with Node.js. Installs what is missing, uses the
// PostgreSQL named by DATABASE_URL or starts an embedded one, runs every jest project, and ends
// with one line `total: N passed, N failed`. Extra arguments go to jest (`npm test -- crypto`).
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDependencies, ensurePrismaClient, repoRoot, run } from './lib/bootstrap.mjs';

ensureDependencies();
ensurePrismaClient();
// the end-to-end tier starts built apps as processes (SEATGATE_SKIP_BUILD=1 reuses the last build)
if (!process.env.SEATGATE_SKIP_BUILD) run(process.execPath, [join(repoRoot, 'scripts/build.mjs')]);

const { startEmbeddedPostgres } = await import('./lib/embedded-postgres.mjs');
const work = mkdtempSync(join(tmpdir(), 'seatgate-test-'));
// the embedded server runs as the unprivileged postgres user when we are root: it must reach its data
chmodSync(work, 0o755);
let embedded;
const env = { ...process.env };
if (!env.DATABASE_URL) {
  console.log('[seatgate] DATABASE_URL is not set: starting an embedded PostgreSQL for the tests');
  embedded = await startEmbeddedPostgres({ dataDir: join(work, 'pg'), persistent: false });
  env.DATABASE_URL = embedded.url('postgres');
}

function runJest(args) {
  const resultFile = join(work, 'jest.json');
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [join(repoRoot, 'node_modules/jest/bin/jest.js'), '--json', `--outputFile=${resultFile}`, ...args],
      { stdio: 'inherit', cwd: repoRoot, env },
    );
    child.on('exit', (code) => {
      let summary = { passed: 0, failed: 0, skipped: 0, suitesFailed: 0 };
      try {
        const json = JSON.parse(readFileSync(resultFile, 'utf8'));
        summary = {
          passed: json.numPassedTests,
          failed: json.numFailedTests,
          skipped: json.numPendingTests + json.numTodoTests,
          suitesFailed: json.numFailedTestSuites + json.numRuntimeErrorTestSuites,
        };
      } catch {
        summary.suitesFailed = 1;
      }
      resolve({ code: code ?? 1, ...summary });
    });
  });
}

let exitCode = 1;
try {
  const jest = await runJest(process.argv.slice(2));
  const failed = jest.failed + jest.suitesFailed;
  const skipped = jest.skipped > 0 ? `, ${jest.skipped} skipped` : '';
  console.log(`\ntotal: ${jest.passed} passed, ${failed} failed${skipped}`);
  exitCode = jest.code !== 0 || failed > 0 || jest.passed === 0 ? 1 : 0;
} finally {
  if (embedded) await embedded.stop().catch(() => undefined);
  rmSync(work, { recursive: true, force: true });
}
process.exit(exitCode);
