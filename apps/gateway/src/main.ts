// `npm start`: the gateway, configured only by environment variables (see README).
import 'reflect-metadata';
import { createApp } from './app.factory';
import { AppConfig, ConfigError } from './config/app-config';
import { isDatabaseUnavailable } from './common/filters/all-exceptions.filter';

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = AppConfig.fromEnv(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`seatgate: configuration error: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  try {
    const app = await createApp(config);
    await app.listen(config.port, config.host);
  } catch (error) {
    if (isDatabaseUnavailable(error)) {
      const host = new URL(config.databaseUrl).host;
      process.stderr.write(`seatgate: cannot reach PostgreSQL at ${host} (check DATABASE_URL)\n`);
      process.exit(1);
    }
    throw error;
  }
}

void main();
