// `npm run build`: every workspace, libraries first. Output goes to each workspace's dist/.
import { join } from 'node:path';
import { ensureDependencies, ensurePrismaClient, repoRoot, run } from './lib/bootstrap.mjs';

ensureDependencies();
ensurePrismaClient();

const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');
for (const workspace of ['libs/crypto', 'libs/contracts', 'apps/ccc-emulator', 'apps/gateway']) {
  console.log(`[build] ${workspace}`);
  run(process.execPath, [tsc, '-p', join(workspace, 'tsconfig.build.json')]);
}
for (const workspace of ['libs/tccc-loader', 'apps/console', 'apps/demo-crm']) {
  console.log(`[build] ${workspace}`);
  run('npm', ['run', 'build', '-w', workspace]);
}
