// `npm run build`: dist/index.js (ESM), dist/index.cjs, dist/index.d.ts and the one-file
// dist/seatgate-loader.iife.js for plain <script> use. Fails when the IIFE outgrows its budget.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const require = createRequire(import.meta.url);
const esbuild = require('esbuild');
const { iifeOptions, libraryOptions, IIFE_GZIP_BUDGET } = require('./build.options.cjs');

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist);

await Promise.all([
  esbuild.build({ ...libraryOptions, format: 'esm', outfile: join(dist, 'index.js') }),
  esbuild.build({ ...libraryOptions, format: 'cjs', outfile: join(dist, 'index.cjs') }),
  esbuild.build({ ...iifeOptions, outfile: join(dist, 'seatgate-loader.iife.js') }),
]);
// The package itself is CommonJS (its jest config is); this marks dist/*.js as ESM for Node.
writeFileSync(join(dist, 'package.json'), '{ "type": "module" }\n');

const tsc = spawnSync(
  process.execPath,
  [require.resolve('typescript/bin/tsc'), '-p', join(here, 'tsconfig.build.json')],
  {
    stdio: 'inherit',
  },
);
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
rmSync(join(dist, '.tsbuildinfo'), { force: true });
// dist is ESM, where relative specifiers carry their extension (TypeScript's node16 resolution
// insists); bundler and node10 resolution map `./x.js` back to `./x.d.ts` just the same.
for (const file of readdirSync(dist).filter((name) => name.endsWith('.d.ts'))) {
  const path = join(dist, file);
  const text = readFileSync(path, 'utf8').replace(
    /(from\s+|import\()(['"])(\.\.?\/[^'"]+?)(?<!\.js)\2/g,
    '$1$2$3.js$2',
  );
  writeFileSync(path, text);
}

const iife = await esbuild.build({ ...iifeOptions, write: false });
const minified = iife.outputFiles[0].contents;
const gzipped = gzipSync(minified, { level: 9 }).length;
console.log(
  `seatgate-loader.iife.js: ${minified.length} B min, ${gzipped} B min+gzip (budget < ${IIFE_GZIP_BUDGET} B)`,
);
if (gzipped >= IIFE_GZIP_BUDGET) {
  console.error(`IIFE is ${gzipped} B min+gzip, over its ${IIFE_GZIP_BUDGET} B budget`);
  process.exit(1);
}
