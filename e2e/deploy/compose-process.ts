// The commands of docker-compose.yml run as plain processes from the repository root (the image's
// WORKDIR), and the empty databases a migration job starts from.
import { spawn, type ChildProcess } from 'node:child_process';
import {
  createEmptyDatabase as createSharedEmptyDatabase,
  ROOT,
  type EmptyDatabase,
} from '../support/gateway-process';

export type { EmptyDatabase };

/** A new, empty database on the server of DATABASE_URL (the e2e convention; `npm test` sets it). */
export function createEmptyDatabase(): Promise<EmptyDatabase> {
  return createSharedEmptyDatabase('seatgate_deploy');
}

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

export interface RunningProcess {
  child: ChildProcess;
  output(): string;
  /** resolves when the process has exited */
  exited: Promise<Finished>;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Starts `command` (an exec-form array, as in compose) with exactly `env` plus PATH. */
export function startCommand(command: readonly string[], env: Record<string, string>): RunningProcess {
  const [file, ...args] = command;
  if (!file) throw new Error('empty command');
  const child = spawn(file, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<Finished>((resolve) =>
    child.once('close', (code, signal) => {
      running.delete(child);
      resolve({ code, signal, output });
    }),
  );
  return { child, output: () => output, exited };
}

/** Runs a command to its end; kills it after `timeoutMs`. */
export async function runCommand(
  command: readonly string[],
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<Finished> {
  const started = startCommand(command, env);
  const timer = setTimeout(() => started.child.kill('SIGKILL'), timeoutMs);
  try {
    return await started.exited;
  } finally {
    clearTimeout(timer);
  }
}

/** Stops a process that may still run, without waiting long: for afterAll hooks. */
export async function ensureStopped(started: RunningProcess | undefined): Promise<void> {
  if (!started || started.child.exitCode !== null || started.child.signalCode !== null) return;
  started.child.kill('SIGKILL');
  await started.exited;
}

/** Compose durations: 1m30s, 35s, 500ms. */
export function durationMs(value: string): number {
  const units: Record<string, number> = {
    ns: 1e-6,
    us: 1e-3,
    µs: 1e-3,
    ms: 1,
    s: 1000,
    m: 60_000,
    h: 3_600_000,
  };
  const parts = [...value.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((part) => part[0]).join('') !== value) {
    throw new Error(`not a compose duration: ${value}`);
  }
  return parts.reduce((sum, [, amount = '0', unit = 's']) => sum + Number(amount) * units[unit]!, 0);
}
