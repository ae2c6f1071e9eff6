// `npm test`: the whole suite on any machine with Node.js. Installs what is missing, uses the
// PostgreSQL named by DATABASE_URL or starts an embedded one, runs every jest project, and ends
// with one line `total: N passed, N failed`. Extra arguments go to jest (`npm test -- crypto`).
// SEATGATE_SOAK=1 adds the long soaks (`*.soak.*`, see jest.preset.js); CI sets it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
let embedded;
const env = { ...process.env };
if (!env.DATABASE_URL) {
  console.log('[seatgate] DATABASE_URL is not set: starting an embedded PostgreSQL for the tests');
  embedded = await startEmbeddedPostgres({ dataDir: join(work, 'pg'), persistent: false }).catch((error) => {
    console.error(`[seatgate] ${error.message}`);
    rmSync(work, { recursive: true, force: true });
    process.exit(1);
  });
  env.DATABASE_URL = embedded.url('postgres');
}

function runJest(args, extraEnv = {}) {
  const resultFile = join(work, 'jest.json');
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      // --forceExit: once results are in, a leaked handle (say, a process a timed-out hook started)
      // must fail the run, not hang it; the results decide pass or fail
      [
        join(repoRoot, 'node_modules/jest/bin/jest.js'),
        '--json',
        '--forceExit',
        `--outputFile=${resultFile}`,
        ...args,
      ],
      { stdio: 'inherit', cwd: repoRoot, env: { ...env, ...extraEnv } },
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

/**
 * The console's browser flow (Playwright test runner) against a stack started for it: emulator,
 * fresh database, built gateway serving the console.
 */
async function runConsoleE2e() {
  const stack = spawn(
    process.execPath,
    ['-r', join(repoRoot, 'scripts/lib/register-ts.cjs'), join(repoRoot, 'e2e/console/serve-stack.ts')],
    {
      cwd: repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const failedRun = { code: 1, passed: 0, failed: 1, skipped: 0 };
  try {
    const settings = await new Promise((resolve, reject) => {
      let buffered = '';
      stack.stdout.on('data', (chunk) => {
        buffered += chunk;
        const newline = buffered.indexOf('\n');
        if (newline >= 0) resolve(JSON.parse(buffered.slice(0, newline)));
      });
      stack.once('exit', (code) => reject(new Error(`the console test stack exited (${code})`)));
    });
    const resultFile = join(work, 'playwright.json');
    const code = await new Promise((resolve) => {
      const child = spawn(
        process.execPath,
        [
          join(repoRoot, 'node_modules/@playwright/test/cli.js'),
          'test',
          '-c',
          join(repoRoot, 'e2e/console/playwright.config.ts'),
          '--reporter=list,json',
        ],
        {
          cwd: repoRoot,
          env: { ...env, ...settings, PLAYWRIGHT_JSON_OUTPUT_NAME: resultFile },
          stdio: 'inherit',
        },
      );
      child.on('exit', (exit) => resolve(exit ?? 1));
    });
    const stats = JSON.parse(readFileSync(resultFile, 'utf8')).stats;
    return { code, passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
  } catch (error) {
    console.error(`[seatgate] console browser tests did not run: ${error.message}`);
    return failedRun;
  } finally {
    stack.kill('SIGTERM');
    await new Promise((resolve) => (stack.exitCode !== null ? resolve() : stack.once('exit', resolve)));
  }
}

function addUp(first, second) {
  return {
    code: first.code !== 0 ? first.code : second.code,
    passed: first.passed + second.passed,
    failed: first.failed + second.failed,
    skipped: first.skipped + second.skipped,
    suitesFailed: first.suitesFailed + second.suitesFailed,
  };
}

let exitCode = 1;
try {
  const args = process.argv.slice(2);
  const soak = process.env.SEATGATE_SOAK === '1';
  // The soaks measure the product under a load they make themselves (a job's share of TCCC's
  // quota beside logins, say): they run after the rest, one at a time, with no other suite's
  // processes competing for the CPU. A filtered run (`npm test -- crypto`) is one jest run.
  const jest =
    args.length > 0 || !soak
      ? await runJest(args)
      : addUp(await runJest([], { SEATGATE_SOAK: '0' }), await runJest(['--runInBand', '\\.soak\\.']));
  // with a jest filter (`npm test -- crypto`) only jest runs
  const consoleRun =
    args.length === 0 ? await runConsoleE2e() : { code: 0, passed: 0, failed: 0, skipped: 0 };
  const passed = jest.passed + consoleRun.passed;
  const failed = jest.failed + jest.suitesFailed + consoleRun.failed;
  const skippedCount = jest.skipped + consoleRun.skipped;
  const skipped = skippedCount > 0 ? `, ${skippedCount} skipped` : '';
  console.log(`\ntotal: ${passed} passed, ${failed} failed${skipped}`);
  if (process.env.SEATGATE_SOAK !== '1')
    console.log(
      '(the long soaks, *.soak.*, were left out: SEATGATE_SOAK=1 npm test runs them too, as CI does)',
    );
  exitCode = jest.code !== 0 || consoleRun.code !== 0 || failed > 0 || jest.passed === 0 ? 1 : 0;
} finally {
  if (embedded) await embedded.stop().catch(() => undefined);
  rmSync(work, { recursive: true, force: true });
}
process.exit(exitCode);
