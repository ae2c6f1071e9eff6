// Starts and stops the guide's /loginTCCC route (guide-baseline.server.ts) as a child process.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '../support/gateway-process';

export interface BaselineProcess {
  url: string;
  pid: number | undefined;
  stop(): Promise<void>;
}

export async function startGuideBaseline(emulatorUrl: string): Promise<BaselineProcess> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['-r', join(__dirname, '../../scripts/lib/register-ts.cjs'), join(__dirname, 'guide-baseline.server.ts')],
    {
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'production',
        BASELINE_PORT: String(port),
        CCC_EMULATOR_URL: emulatorUrl,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`baseline not listening in 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('baseline listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`baseline exited early (${code}):\n${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
