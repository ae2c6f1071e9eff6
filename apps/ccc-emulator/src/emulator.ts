import { EmulatorLog } from './http/emulator-log';
import { startEmulatorServer } from './http/emulator-server';
import { sdkUrlFor } from './agent-sdk/agent-sdk-routes';
import type { EmulatorSeed } from './seed/emulator-seed';
import { EmulatorState } from './state/emulator-state';

// startEmulator(): the in-process entry point used by tests and by main.ts.

export interface StartEmulatorOptions {
  /** 0 picks a free port. Default 4100. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  seed?: EmulatorSeed;
  /** Receives one JSON line per event; no logging when absent. */
  log?: (line: string) => void;
  /** Base URL browsers use to reach the emulator (SdkURLs point here). Default: `url`. */
  publicUrl?: string;
  /** Base clock in ms (default Date.now); state.advanceClock() adds on top. */
  now?: () => number;
  /** Random source for fault injection (default Math.random). */
  random?: () => number;
  /** Default 20 requests per second per action per account. */
  quotaPerSecond?: number;
  /** Default 600 s. */
  tokenTtlSeconds?: number;
}

export interface RunningEmulator {
  /** http://127.0.0.1:PORT (the listening address). */
  url: string;
  port: number;
  /** Base of SdkURLs. */
  publicUrl: string;
  state: EmulatorState;
  sdkUrlFor(token: string): string;
  /** Closes the server and every socket, hanging ones included. Idempotent. */
  stop(): Promise<void>;
}

export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const state = new EmulatorState({
    seed: options.seed,
    now: options.now,
    random: options.random,
    quotaPerSecond: options.quotaPerSecond,
    tokenTtlSeconds: options.tokenTtlSeconds,
  });
  const log = new EmulatorLog(options.log);
  const port = options.port ?? 4100;
  const host = options.host ?? '127.0.0.1';
  const server = await startEmulatorServer({ state, log, port, host, publicUrl: options.publicUrl });
  return {
    url: server.url,
    port: server.port,
    publicUrl: server.publicUrl,
    state,
    sdkUrlFor: (token) => sdkUrlFor(server.publicUrl, token),
    stop: server.stop,
  };
}
