// The emulator in a process of its own, as TCCC is to the gateway, for the suites that count the
// upstream quota in TCCC's seconds. In the test's own process, the emulator reads its clock when
// the test's event loop gets to a request, and the test is the load generator: with 200 logins in
// flight that loop once stalled for over a second, and calls the gateways had sent within one
// second were counted in the next (measured: sent 14.24–14.90, read 15.41–15.45).
import type { CounterRow } from '@seatgate/ccc-emulator';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MAIN = join(__dirname, '../../apps/ccc-emulator/dist/main.js');

export interface EmulatorProcess {
  url: string;
  /** a call to the emulator's admin API (`/__emulator…`); throws on an error status */
  admin<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  /** calls per second of one action and account, as the emulator counted them */
  counters(filter: { action: string; secretId: string }): Promise<CounterRow[]>;
  stop(): Promise<void>;
}

export async function startEmulatorProcess(seed: unknown): Promise<EmulatorProcess> {
  const work = mkdtempSync(join(tmpdir(), 'seatgate-emulator-'));
  const seedPath = join(work, 'seed.json');
  writeFileSync(seedPath, JSON.stringify(seed));
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', CCC_EMULATOR_SEED: seedPath },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let pending = '';
    const timer = setTimeout(() => reject(new Error(`emulator not listening in 15 s:\n${output}`)), 15_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      let end: number;
      while ((end = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, end);
        pending = pending.slice(end + 1);
        output += `${line}\n`;
        const event = JSON.parse(line) as { event?: string; url?: string };
        if (event.event === 'listening' && event.url) {
          clearTimeout(timer);
          resolve(event.url);
        }
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`emulator exited (${code}) before listening:\n${output}`));
    });
  });
  // past the start, the log lines are not kept: a burst writes one per call
  child.stdout?.removeAllListeners('data');
  child.stdout?.resume();

  const admin = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${url}/__emulator${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`emulator ${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return {
    url,
    admin,
    async counters({ action, secretId }) {
      const query = new URLSearchParams({ action, secretId });
      return (await admin<{ rows: CounterRow[] }>('GET', `/counters?${query}`)).rows;
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
      rmSync(work, { recursive: true, force: true });
    },
  };
}
