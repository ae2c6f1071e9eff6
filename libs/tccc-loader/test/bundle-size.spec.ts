// The one-file build's download budget, checked where `npm test` sees it (build.mjs enforces it too).
import { gzipSync } from 'node:zlib';
import { IIFE_GZIP_BUDGET } from '../build.options.cjs';
import { buildLoaderIife } from './harness/build-iife';

it(`keeps the IIFE under ${IIFE_GZIP_BUDGET} B min+gzip`, async () => {
  const iife = await buildLoaderIife();
  const gzipped = gzipSync(Buffer.from(iife), { level: 9 }).length;
  expect(gzipped).toBeGreaterThan(1000); // it did build the loader
  expect(gzipped).toBeLessThan(IIFE_GZIP_BUDGET);
});
