import { readFileSync } from 'node:fs';
import { parseEmulatorSeed, type EmulatorSeed } from '../seed/emulator-seed';
import { EmulatorAdminError } from '../state/admin-errors';
import { startEmulator, type RunningEmulator } from '../emulator';

// The process configuration, read once from the environment:
//   PORT (default 4100), HOST (default 127.0.0.1), CCC_EMULATOR_SEED (path of a JSON seed file),
//   CCC_EMULATOR_PUBLIC_URL (base of SdkURLs when browsers reach the emulator another way).

export interface EmulatorEnvConfig {
  port: number;
  host: string;
  seedPath: string | null;
  publicUrl: string | null;
}

export class EmulatorConfigError extends Error {
  override name = 'EmulatorConfigError';
}

export function readEmulatorEnv(env: NodeJS.ProcessEnv): EmulatorEnvConfig {
  const portText = env['PORT'] ?? '4100';
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535)
    throw new EmulatorConfigError(`PORT must be 0..65535, got "${portText}"`);
  const publicUrl = env['CCC_EMULATOR_PUBLIC_URL'] ?? null;
  if (publicUrl !== null && !/^https?:\/\/[^/]+\/?$/.test(publicUrl)) {
    throw new EmulatorConfigError('CCC_EMULATOR_PUBLIC_URL must be an origin such as http://127.0.0.1:4100');
  }
  return {
    port: Number(portText),
    host: env['HOST'] ?? '127.0.0.1',
    seedPath: env['CCC_EMULATOR_SEED'] ?? null,
    publicUrl,
  };
}

export function loadSeedFile(path: string): EmulatorSeed {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new EmulatorConfigError(
      `cannot read CCC_EMULATOR_SEED ${path}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new EmulatorConfigError(
      `CCC_EMULATOR_SEED ${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  try {
    return parseEmulatorSeed(json);
  } catch (error) {
    if (error instanceof EmulatorAdminError)
      throw new EmulatorConfigError(`CCC_EMULATOR_SEED ${path}: ${error.message}`);
    throw error;
  }
}

/** Starts the emulator as the process would: configuration from `env`, log lines to `write`. */
export async function startFromEnv(
  env: NodeJS.ProcessEnv,
  write: (line: string) => void,
): Promise<RunningEmulator> {
  const config = readEmulatorEnv(env);
  const seed = config.seedPath === null ? undefined : loadSeedFile(config.seedPath);
  return startEmulator({
    port: config.port,
    host: config.host,
    seed,
    log: write,
    publicUrl: config.publicUrl ?? undefined,
  });
}
