// A copy of the repository as a fresh clone would have it: the files git tracks plus untracked
// files that are not ignored (so uncommitted work is tested when run locally), without .seatgate/,
// dist/ or the generated Prisma client. Dependencies are hard-linked from this checkout instead of
// installed, so the test needs no network; the install step itself runs on every `npm test` and CI
// run, through the same bootstrap (scripts/lib/bootstrap.mjs) that `npm run demo` calls.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Never part of a fresh clone, even if some .gitignore forgot them. */
const NOT_IN_A_CLONE =
  /^(\.seatgate|\.git)\/|(^|\/)(node_modules|dist)\/|^apps\/gateway\/src\/generated\/|\.tsbuildinfo$/;

function listedFiles(root: string): string[] {
  const listed = spawnSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (listed.status !== 0) throw new Error(`git ls-files failed in ${root}: ${listed.stderr}`);
  return [...new Set(listed.stdout.split('\0'))].filter((file) => file !== '' && !NOT_IN_A_CLONE.test(file));
}

function copyFile(source: string, target: string): void {
  const stat = lstatSync(source);
  mkdirSync(dirname(target), { recursive: true });
  if (stat.isSymbolicLink()) {
    symlinkSync(readlinkSync(source), target);
    return;
  }
  if (!stat.isFile()) return;
  copyFileSync(source, target);
  chmodSync(target, stat.mode & 0o7777);
  // mtimes matter: the bootstrap installs when package-lock.json is newer than node_modules' marker
  utimesSync(target, stat.atime, stat.mtime);
}

/** node_modules folders of the root and of every workspace (a workspace may keep its own). */
function nodeModulesFolders(root: string): string[] {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { workspaces?: string[] };
  return ['.', ...(manifest.workspaces ?? [])]
    .map((workspace) => join(workspace, 'node_modules'))
    .filter((folder) => existsSync(join(root, folder)));
}

/**
 * npm rewrites its hidden lock file (node_modules/.package-lock.json) in place, and tools write
 * their caches (.cache/, .vite-temp/) in place: through a hard link, that would change this
 * checkout's files. The lock file becomes the copy's own (same content and mtime); caches go, as
 * after a fresh install. Package files are safe: npm replaces a package folder, never edits it.
 */
function unshareWritableEntries(modules: string): void {
  for (const entry of readdirSync(modules)) {
    if (!entry.startsWith('.') || entry === '.bin') continue;
    const path = join(modules, entry);
    if (entry === '.package-lock.json') {
      const stat = statSync(path);
      const content = readFileSync(path);
      unlinkSync(path);
      writeFileSync(path, content, { mode: stat.mode & 0o777 });
      utimesSync(path, stat.atime, stat.mtime);
    } else {
      rmSync(path, { recursive: true, force: true });
    }
  }
}

export function makeCleanCopy(root: string): string {
  // mode 0700, like a clone in a home folder: as root, the embedded PostgreSQL's postgres user
  // cannot enter it, and the demo must cope with that as it is
  const copy = mkdtempSync(join(tmpdir(), 'seatgate-demo-e2e-'));
  for (const file of listedFiles(root)) {
    // a tracked file deleted in the work tree is not part of the work
    if (existsSync(join(root, file)) || lstatSync(join(root, file), { throwIfNoEntry: false }))
      copyFile(join(root, file), join(copy, file));
  }
  for (const folder of nodeModulesFolders(root)) {
    // hard links; the workspace links inside are relative symlinks, so they point into the copy
    const target = dirname(join(copy, folder));
    mkdirSync(target, { recursive: true });
    const linked = spawnSync('cp', ['-al', join(root, folder), `${target}/`], { encoding: 'utf8' });
    if (linked.status !== 0) throw new Error(`cp -al ${folder} failed: ${linked.stderr}`);
    unshareWritableEntries(join(copy, folder));
  }
  return copy;
}
