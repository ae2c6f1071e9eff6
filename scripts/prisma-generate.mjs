// Generates the Prisma client into apps/gateway/src/generated/prisma. `prisma generate` wants a
// schema-engine binary path even though Prisma Client 7 (with @prisma/adapter-pg) never runs one;
// where none was downloaded, any existing file satisfies the check.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY || !existsSync(env.PRISMA_SCHEMA_ENGINE_BINARY)) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
}
env.PRISMA_HIDE_UPDATE_MESSAGE = '1';
const cli = require.resolve('prisma/build/index.js');
const result = spawnSync(process.execPath, [cli, 'generate', '--no-hints'], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
