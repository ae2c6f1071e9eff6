// What the two Quick start commands need before anything else: installed dependencies and a
// generated Prisma client. Imports nothing from node_modules, since it may run before they exist.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: repoRoot, ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status ?? result.signal}`);
  }
}

function mtime(path) {
  return existsSync(path) ? statSync(path).mtimeMs : 0;
}

export function ensureDependencies() {
  const marker = join(repoRoot, 'node_modules', '.package-lock.json');
  const lock = join(repoRoot, 'package-lock.json');
  if (existsSync(marker) && mtime(marker) >= mtime(lock)) return;
  console.log('[seatgate] installing dependencies (npm ci) ...');
  // exactly the locked versions; a lock that npm ci refuses is a defect to fix, not to work around
  const ci = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit', cwd: repoRoot });
  if (ci.error || ci.status !== 0) {
    console.error(
      `[seatgate] npm ci failed (${ci.error?.message ?? `exit code ${ci.status}`}): see its output above`,
    );
    process.exit(1);
  }
}

export function ensurePrismaClient() {
  const generated = join(repoRoot, 'apps/gateway/src/generated/prisma/client.ts');
  if (mtime(generated) >= mtime(join(repoRoot, 'prisma/schema.prisma'))) return;
  run(process.execPath, [join(repoRoot, 'scripts/prisma-generate.mjs')]);
}
