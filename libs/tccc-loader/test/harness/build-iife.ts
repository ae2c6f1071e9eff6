// The IIFE exactly as build.mjs makes it (same esbuild options), built in memory for the tests.
import { build } from 'esbuild';
import { iifeOptions } from '../../build.options.cjs';

export async function buildLoaderIife(): Promise<string> {
  const result = await build({ ...iifeOptions, write: false });
  const [output] = result.outputFiles ?? [];
  if (!output) throw new Error('esbuild produced no IIFE');
  return output.text;
}
