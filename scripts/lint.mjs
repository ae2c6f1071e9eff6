// `npm run lint`: ESLint, Prettier's check and a strict typecheck of every workspace.
import { join } from 'node:path';
import { ensureDependencies, ensurePrismaClient, repoRoot, run } from './lib/bootstrap.mjs';

ensureDependencies();
ensurePrismaClient();
const bin = (name) => join(repoRoot, 'node_modules', '.bin', name);
run(bin('eslint'), ['--max-warnings=0', '.']);
run(bin('prettier'), ['--check', '--log-level=warn', '.']);
for (const workspace of [
  'libs/crypto',
  'libs/contracts',
  'libs/tccc-loader',
  'apps/ccc-emulator',
  'apps/gateway',
  'apps/console',
  'apps/demo-crm',
  'e2e',
  'e2e/console',
]) {
  run(bin('tsc'), ['-p', join(workspace, 'tsconfig.json')]);
}
console.log('lint: ok');
