import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { readEmulatorEnv, startFromEnv } from '../src';
import { ACME, ACME_APP, ALICE, testSeed } from './support/emulator-fixtures';

// The process entry: configuration from the environment, JSON lines on stdout, clean exit on signals.

const APP_ROOT = join(__dirname, '..');

function lines(child: ChildProcessWithoutNullStreams): AsyncIterableIterator<string> {
  return createInterface({ input: child.stdout })[Symbol.asyncIterator]();
}

describe('process entry (src/main.ts)', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ccc-emulator-'));
    writeFileSync(join(dir, 'seed.json'), JSON.stringify(testSeed()));
    writeFileSync(join(dir, 'broken.json'), JSON.stringify({ accounts: [{ secretId: 'x' }] }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads PORT, HOST and CCC_EMULATOR_SEED, and refuses bad values', () => {
    expect(readEmulatorEnv({})).toEqual({ port: 4100, host: '127.0.0.1', seedPath: null, publicUrl: null });
    expect(readEmulatorEnv({ PORT: '0', HOST: '0.0.0.0', CCC_EMULATOR_SEED: '/x.json' })).toMatchObject({
      port: 0,
      host: '0.0.0.0',
      seedPath: '/x.json',
    });
    expect(() => readEmulatorEnv({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => readEmulatorEnv({ PORT: '70000' })).toThrow(/PORT/);
  });

  it('startFromEnv seeds from the file and rejects an invalid seed file with its path', async () => {
    const logged: string[] = [];
    const emulator = await startFromEnv({ PORT: '0', CCC_EMULATOR_SEED: join(dir, 'seed.json') }, (line) =>
      logged.push(line),
    );
    try {
      expect(emulator.state.directory.staffOf(ACME_APP, ALICE)?.name).toBe('Alice');
      expect(logged.some((line) => line.includes('"event":"listening"'))).toBe(true);
    } finally {
      await emulator.stop();
    }
    await expect(
      startFromEnv({ PORT: '0', CCC_EMULATOR_SEED: join(dir, 'broken.json') }, () => undefined),
    ).rejects.toThrow(/broken\.json.*secretKey/);
  });

  it('runs as a process: logs JSON lines, serves the seeded state, exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, ['-r', '../../scripts/lib/register-ts.cjs', 'src/main.ts'], {
      cwd: APP_ROOT,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', CCC_EMULATOR_SEED: join(dir, 'seed.json') },
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const output = lines(child);
      const first = await output.next();
      const listening: unknown = JSON.parse(String(first.value));
      expect(listening).toMatchObject({
        kind: 'lifecycle',
        event: 'listening',
        url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      });
      const url = String((listening as { url: string }).url);

      const state: unknown = await (await fetch(`${url}/__emulator/state`)).json();
      expect(JSON.stringify(state)).toContain(ACME.secretId);
      expect(JSON.stringify(state)).not.toContain(ACME.secretKey);
      await fetch(`${url}/__emulator/health`);
      const adminLine: unknown = JSON.parse(String((await output.next()).value));
      expect(adminLine).toMatchObject({
        kind: 'admin',
        method: 'GET',
        path: '/__emulator/state',
        status: 200,
      });

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
