// esbuild settings shared by build.mjs and the browser test, so the test loads what ships.
const path = require('node:path');

// The SDK itself supports Chrome/Edge from about version 70/80; the loader should never be the
// reason an older supported browser fails.
const target = ['chrome70', 'edge80', 'firefox78', 'safari13'];

/** @type {import('esbuild').BuildOptions} */
const iifeOptions = {
  entryPoints: [path.join(__dirname, 'src/iife.ts')],
  bundle: true,
  format: 'iife',
  minify: true,
  target,
  legalComments: 'none',
  logLevel: 'silent',
};

/** @type {import('esbuild').BuildOptions} */
const libraryOptions = {
  entryPoints: [path.join(__dirname, 'src/index.ts')],
  bundle: true,
  target,
  legalComments: 'none',
  logLevel: 'silent',
};

/** Bytes a browser downloads for the IIFE: minified, then gzip at level 9. */
const IIFE_GZIP_BUDGET = 3072;

module.exports = { iifeOptions, libraryOptions, IIFE_GZIP_BUDGET };
