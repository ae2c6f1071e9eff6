import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig, ConfigError, ENV_VARIABLES } from './app-config';

const base = {
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/seatgate',
  SEATGATE_MASTER_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
  SEATGATE_ADMIN_JWT_SECRET: 'x'.repeat(32),
};

describe('AppConfig', () => {
  it('documents every variable it reads in the operators’ configuration table', () => {
    const docs = readFileSync(join(__dirname, '../../../../docs/operations.md'), 'utf8');
    const table = docs.slice(docs.indexOf('## Configuration'), docs.indexOf('## Migrations'));
    const documented = [...table.matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((match) => match[1]);
    expect([...documented].sort()).toEqual([...ENV_VARIABLES].sort());
  });

  it('reads the start, shutdown and metrics settings', () => {
    const config = AppConfig.fromEnv({
      ...base,
      SEATGATE_MIGRATE_ON_START: 'true',
      SEATGATE_SHUTDOWN_TIMEOUT_SECONDS: '5',
      SEATGATE_METRICS_PORT: '9464',
      TCCC_CIRCUIT_OPEN_SECONDS: '3',
    });
    expect(config.migrateOnStart).toBe(true);
    expect(config.shutdownTimeoutSeconds).toBe(5);
    expect(config.metrics).toEqual({ token: null, port: 9464, host: '0.0.0.0' });
    expect(config.tcccCircuit).toEqual({ failureThreshold: 5, openSeconds: 3 });
    expect(AppConfig.fromEnv(base).migrateOnStart).toBe(false);
  });

  it.each([
    [{ SEATGATE_METRICS_TOKEN: 'short' }, /^SEATGATE_METRICS_TOKEN must be at least 16 bytes long$/],
    [{ SEATGATE_METRICS_PORT: '70000' }, /^SEATGATE_METRICS_PORT /],
    [{ SEATGATE_MIGRATE_ON_START: 'maybe' }, /^SEATGATE_MIGRATE_ON_START /],
    [{ TCCC_CIRCUIT_FAILURE_THRESHOLD: '0' }, /^TCCC_CIRCUIT_FAILURE_THRESHOLD /],
  ])('refuses %j with one line naming the variable', (bad, message) => {
    expect(() => AppConfig.fromEnv({ ...base, ...bad })).toThrow(ConfigError);
    expect(() => AppConfig.fromEnv({ ...base, ...bad })).toThrow(message);
  });
});
