// Starts what the console's browser tests need (emulator, fresh database, a built gateway serving
// the console) and prints one JSON line with where and who; stops everything on SIGTERM/SIGINT.
// Run by `npm test` (scripts/test.mjs): node -r scripts/lib/register-ts.cjs e2e/console/serve-stack.ts
import { ADMIN } from '../support/gateway-process';
import { ACCOUNT, startStack } from '../support/stack';

async function main(): Promise<void> {
  const stack = await startStack();
  const sdkAppId = 1400000000 + (Date.now() % 90_000_000);
  stack.emulator.state.addApp(ACCOUNT.secretId, {
    sdkAppId,
    staff: ['agent1@console.e2e', 'agent2@console.e2e', 'agent3@console.e2e', 'agent4@console.e2e'].map(
      (mail) => ({ mail }),
    ),
  });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    stack.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdout.write(
    `${JSON.stringify({
      SEATGATE_URL: stack.gateways[0]!.url,
      SEATGATE_ADMIN_EMAIL: ADMIN.email,
      SEATGATE_ADMIN_PASSWORD: ADMIN.password,
      SEATGATE_E2E_SDK_APP_ID: String(sdkAppId),
      SEATGATE_E2E_SECRET_ID: ACCOUNT.secretId,
      SEATGATE_E2E_SECRET_KEY: ACCOUNT.secretKey,
      // the emulator's control surface (/__emulator/*), for flows that need an app of their own
      SEATGATE_E2E_EMULATOR_URL: stack.emulator.url,
    })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`console stack failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
