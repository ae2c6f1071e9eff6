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
  console.log('[seatgate] installing dependencies ...');
  if (existsSync(lock)) {
    const ci = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit', cwd: repoRoot });
    if (ci.status === 0) return;
    // A registry that does not serve other platforms' optional binaries (@swc/core-darwin-*, …)
    // makes npm leave them out of the lock, and `npm ci` then refuses that very lock.
    // `npm install` installs the same locked versions without rewriting the lock.
    console.log('[seatgate] npm ci refused the lock file; installing the locked versions with npm install');
  }
  run('npm', ['install', '--no-audit', '--no-fund']);
}

export function ensurePrismaClient() {
  const generated = join(repoRoot, 'apps/gateway/src/generated/prisma/client.ts');
  if (mtime(generated) >= mtime(join(repoRoot, 'prisma/schema.prisma'))) return;
  run(process.execPath, [join(repoRoot, 'scripts/prisma-generate.mjs')]);
}
