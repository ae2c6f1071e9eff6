// Starts and stops a bare route (guide-baseline.server.ts, redeem-baseline.server.ts) as a child
// process of its own, so that it and the gateway get one process each.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '../support/gateway-process';

export interface BareRouteProcess {
  url: string;
  pid: number | undefined;
  stop(): Promise<void>;
}

async function startBareRoute(server: string, env: Record<string, string>): Promise<BareRouteProcess> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['-r', join(__dirname, '../../scripts/lib/register-ts.cjs'), join(__dirname, server)],
    {
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', ...env, BASELINE_PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${server} not listening in 30 s:\n${output}`)), 30_000);
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
      reject(new Error(`${server} exited early (${code}):\n${output}`));
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

/** The /loginTCCC route of Tencent's guide, on the emulator. */
export function startGuideBaseline(emulatorUrl: string): Promise<BareRouteProcess> {
  return startBareRoute('guide-baseline.server.ts', { CCC_EMULATOR_URL: emulatorUrl });
}

/** GET /tickets/:ticket doing one UPDATE … RETURNING on login_tickets, with a pool of `poolSize`. */
export function startRedeemBaseline(databaseUrl: string, poolSize: number): Promise<BareRouteProcess> {
  return startBareRoute('redeem-baseline.server.ts', {
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: String(poolSize),
  });
}
