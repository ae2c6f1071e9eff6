// `npm run demo` as a child process group, the way a terminal runs it: started in its own group so
// that a SIGINT reaches every process in it, as Ctrl-C does; its output kept for assertions.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createConnection } from 'node:net';
import { freePort } from '../support/gateway-process';

/** The `[seatgate] ready {...}` line the demo prints once everything is up. */
export interface DemoReady {
  console: string;
  gateway: string;
  crm: string;
  emulator: string;
  tenant: string;
  admin: string;
}

export interface DemoPorts {
  gateway: number;
  emulator: number;
  crm: number;
}

export interface DemoProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves with the ready line; rejects if the demo exits first or takes longer than `timeoutMs`. */
  ready(timeoutMs: number): Promise<DemoReady>;
  /** SIGINT to the whole group (Ctrl-C); resolves with npm's exit code or signal, or 'timeout'. */
  interrupt(timeoutMs: number): Promise<number | string>;
  /** SIGKILL to the whole group, whatever state it is in. */
  kill(): void;
}

const READY = /^\[seatgate\] ready (\{.*\})$/m;

export async function freePorts(): Promise<DemoPorts> {
  const ports = new Set<number>();
  while (ports.size < 3) ports.add(await freePort());
  const [gateway, emulator, crm] = [...ports] as [number, number, number];
  return { gateway, emulator, crm };
}

/** The environment of a fresh shell: no database or Redis (so the embedded PostgreSQL is used), no
 * Seatgate or npm settings inherited from the test run; the ports chosen for this run. */
export function freshShellEnv(ports: DemoPorts): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(DATABASE_URL|REDIS_URL|NODE_ENV|JEST_WORKER_ID|PORT|HOST|INIT_CWD)$/.test(key)) continue;
    if (/^(SEATGATE_|CCC_EMULATOR_|DEMO_|TCCC_|npm_)/i.test(key)) continue;
    env[key] = value;
  }
  return {
    ...env,
    PORT: String(ports.gateway),
    CCC_EMULATOR_PORT: String(ports.emulator),
    DEMO_CRM_PORT: String(ports.crm),
  };
}

export function startDemo(cwd: string, env: NodeJS.ProcessEnv): DemoProcess {
  const child = spawn('npm', ['run', 'demo'], {
    cwd,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // 'close': npm has exited and every process writing to its output (the demo script) is gone
  const exited = new Promise<number | string>((resolve) =>
    child.once('close', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  const tail = () => output.split('\n').slice(-40).join('\n');
  const group = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // the group is gone already
    }
  };

  return {
    child,
    output: () => output,
    async ready(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = READY.exec(output);
        if (match) return JSON.parse(match[1]!) as DemoReady;
        if (child.exitCode !== null || child.signalCode !== null)
          throw new Error(
            `npm run demo exited (${child.exitCode ?? child.signalCode}) before ready:\n${tail()}`,
          );
        if (Date.now() > deadline)
          throw new Error(`npm run demo not ready within ${timeoutMs / 1000} s:\n${tail()}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    },
    async interrupt(timeoutMs) {
      if (child.exitCode === null && child.signalCode === null) group('SIGINT');
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<string>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      });
      const result = await Promise.race([exited, timeout]);
      clearTimeout(timer);
      return result;
    },
    kill: () => group('SIGKILL'),
  };
}

/** Whether anything accepts connections on 127.0.0.1:port. */
export function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Processes whose command line or working directory lies under `path` (from /proc). */
export function processesUnder(path: string): { pid: number; command: string }[] {
  if (!path.startsWith('/') || path.length < 8)
    throw new Error(`processesUnder needs a real folder, not "${path}"`);
  const found: { pid: number; command: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === process.pid) continue;
    try {
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
      let cwd = '';
      try {
        cwd = readlinkSync(`/proc/${pid}/cwd`);
      } catch {
        // exited meanwhile, or not ours to read
      }
      if (command.includes(path) || cwd === path || cwd.startsWith(`${path}/`)) found.push({ pid, command });
    } catch {
      // the process exited while we looked
    }
  }
  return found;
}
