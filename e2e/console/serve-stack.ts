// Starts what the console's browser tests need (emulator, fresh database, a built gateway serving
// the console) and prints one JSON line with where and who; stops everything on SIGTERM/SIGINT.
// Run by `npm test` (scripts/test.mjs): node -r scripts/lib/register-ts.cjs e2e/console/serve-stack.ts
import { ADMIN } from '../support/gateway-process';
import { ACCOUNT, startStack } from '../support/stack';

async function main(): Promise<void> {
  const stack = await startStack();
  // a call-center SDKAppID: 140 and seven digits
  const sdkAppId = 1400000000 + (Date.now() % 10_000_000);
  stack.emulator.state.addApp(ACCOUNT.secretId, {
    sdkAppId,
    staff: ['agent1@console.e2e', 'agent2@console.e2e', 'agent3@console.e2e', 'agent4@console.e2e'].map(
      (mail) => ({ mail }),
    ),
  });
  // two more apps the emulator knows, for the flow of saving what cannot work (one per language)
  const spareSdkAppIds = [1, 2].map((n) => 1400000000 + ((sdkAppId + n * 1_000_003) % 10_000_000));
  for (const spare of spareSdkAppIds)
    stack.emulator.state.addApp(ACCOUNT.secretId, {
      sdkAppId: spare,
      staff: [{ mail: 'agent1@console.e2e' }],
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
      SEATGATE_E2E_SPARE_SDK_APP_IDS: spareSdkAppIds.join(','),
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
