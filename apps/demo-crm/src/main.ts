// Process entry of the demo CRM (`npm run demo` starts it; see demo-crm-config.ts for its
// environment). One log line per event on stdout, never a secret; SIGINT/SIGTERM close the
// server (open connections included) and exit 0.
import { createCrmServer, loadCrmAssets } from './crm-server';
import { DemoCrmConfigError, readDemoCrmConfig } from './demo-crm-config';

function log(line: string): void {
  process.stdout.write(`${new Date().toISOString()} ${line}\n`);
}

function main(): void {
  const config = readDemoCrmConfig(process.env);
  const server = createCrmServer(config, loadCrmAssets(), log);
  server.on('error', (error: NodeJS.ErrnoException) => {
    process.stderr.write(
      error.code === 'EADDRINUSE'
        ? `demo-crm: port ${config.port} is in use (set DEMO_CRM_PORT to another one)\n`
        : `demo-crm: ${error.message}\n`,
    );
    process.exit(1);
  });
  server.listen(config.port, config.host, () => {
    log(
      `demo CRM listening on http://${config.host}:${config.port} (gateway ${config.seatgateUrl}, ` +
        `kid ${config.kid}, ${config.users.length} users)`,
    );
  });

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

try {
  main();
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(
    `demo-crm: ${error instanceof DemoCrmConfigError ? 'configuration error: ' : ''}${message}\n`,
  );
  process.exit(1);
}
