import { startFromEnv } from './config/emulator-env';

// Process entry: `npm run start -w apps/ccc-emulator` (after build). JSON lines on stdout;
// SIGINT/SIGTERM stop the server (hanging sockets included) and exit 0.

function writeLine(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function main(): Promise<void> {
  const emulator = await startFromEnv(process.env, writeLine);
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    writeLine(JSON.stringify({ ts: new Date().toISOString(), kind: 'lifecycle', event: 'signal', signal }));
    emulator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(
    `${JSON.stringify({ ts: new Date().toISOString(), kind: 'lifecycle', event: 'error', message })}\n`,
  );
  process.exit(1);
});
