import type { BuildOptions } from 'esbuild';

export declare const iifeOptions: BuildOptions;
export declare const libraryOptions: BuildOptions;
export declare const IIFE_GZIP_BUDGET: number;
