// `npm start`: the gateway, configured only by environment variables (see .env.example).
//   node apps/gateway/dist/main.js [--migrate]
// Refuses to start on a database schema other than the one this build knows (applying pending
// migrations first only when asked), survives an error that escapes every handler (logged with its
// request id and counted, see last-resort.ts), and on SIGTERM/SIGINT drains: stops accepting, lets requests
// in flight finish (up to SEATGATE_SHUTDOWN_TIMEOUT_SECONDS), closes the database pool, exits 0.
import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import { Logger } from 'nestjs-pino';
import { createApp } from './app.factory';
import { isDatabaseUnavailable } from './common/filters/all-exceptions.filter';
import { installLastResort } from './common/lifecycle/last-resort';
import { RequestLifecycle } from './common/lifecycle/request-lifecycle';
import { AppConfig, ConfigError } from './config/app-config';
import { MigrationError } from './database/migrator';
import { ensureSchema, SchemaMismatchError } from './database/schema-check';
import { serveMetrics } from './modules/metrics/metrics-server';
import { MetricsService } from './modules/metrics/metrics.service';

function fail(message: string): never {
  process.stderr.write(`seatgate: ${message}\n`);
  process.exit(1);
}

async function shutdown(
  app: INestApplication,
  metricsServer: Server | null,
  config: AppConfig,
  signal: NodeJS.Signals,
): Promise<void> {
  const logger = app.get(Logger);
  const lifecycle = app.get(RequestLifecycle);
  const server = app.getHttpServer() as Server;
  logger.log(`${signal}: draining ${lifecycle.requestsInFlight} request(s) in flight`, 'Shutdown');
  const drained = lifecycle.drain(config.shutdownTimeoutSeconds * 1000);
  server.close();
  server.closeIdleConnections();
  if (!(await drained))
    logger.warn(
      `requests still in flight after ${config.shutdownTimeoutSeconds} s; closing anyway`,
      'Shutdown',
    );
  server.closeAllConnections();
  metricsServer?.closeAllConnections();
  metricsServer?.close();
  await app.close(); // the database pool and Redis connections
  logger.log('stopped', 'Shutdown');
  process.exit(0);
}

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = AppConfig.fromEnv(process.env);
  } catch (error) {
    if (error instanceof ConfigError) fail(`configuration error: ${error.message}`);
    throw error;
  }
  const unknownFlags = process.argv.slice(2).filter((arg) => arg !== '--migrate');
  if (unknownFlags.length > 0) fail(`unknown argument ${unknownFlags[0]} (usage: main.js [--migrate])`);
  const databaseHost = new URL(config.databaseUrl).host;
  try {
    await ensureSchema(config.databaseUrl, {
      migrate: config.migrateOnStart || process.argv.includes('--migrate'),
      log: (line) => process.stdout.write(`${JSON.stringify({ level: 30, time: Date.now(), msg: line })}\n`),
    });
    const app = await createApp(config);
    const logger = app.get(Logger);
    const metrics = app.get(MetricsService);
    installLastResort({
      log: (entry, message) => logger.error(entry, message, 'LastResort'),
      count: (source) => metrics.unexpectedError(source),
    });
    await app.listen(config.port, config.host);
    const metricsServer =
      config.metrics.port === null
        ? null
        : await serveMetrics(app.get(MetricsService), config.metrics.port, config.metrics.host);
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      shutdown(app, metricsServer, config, signal).catch((error: unknown) => {
        process.stderr.write(`seatgate: shutdown failed: ${String(error)}\n`);
        process.exit(1);
      });
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  } catch (error) {
    if (error instanceof SchemaMismatchError) fail(`refusing to start: ${error.message}`);
    if (error instanceof MigrationError) fail(`migration failed: ${error.message}`);
    if (isDatabaseUnavailable(error)) fail(`cannot reach PostgreSQL at ${databaseHost} (check DATABASE_URL)`);
    throw error;
  }
}

// anything else that stops the start (a bootstrap hook that throws, a port in use) ends the
// process with its reason; it must not linger alive and never ready
main().catch((error: unknown) => {
  const reason = error instanceof Error ? error.message : String(error);
  process.stderr.write(`seatgate: failed to start: ${reason}\n`);
  if (error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
