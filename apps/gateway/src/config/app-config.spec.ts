import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig, ConfigError, ENV_VARIABLES, expressTrustProxy } from './app-config';

const base = {
  SEATGATE_PUBLIC_URL: 'https://seatgate.example.com',
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

  it('refuses to start outside development without SEATGATE_PUBLIC_URL, in one line', () => {
    const { SEATGATE_PUBLIC_URL: _unused, ...withoutUrl } = base;
    expect(() => AppConfig.fromEnv(withoutUrl)).toThrow(ConfigError);
    expect(() => AppConfig.fromEnv(withoutUrl)).toThrow(
      /^SEATGATE_PUBLIC_URL is required outside development [^\n]*$/,
    );
    expect(() => AppConfig.fromEnv({ ...withoutUrl, NODE_ENV: 'development' })).toThrow(
      /^SEATGATE_PUBLIC_URL /,
    );
    // development: login URLs from where the process listens, never from a request
    const dev = AppConfig.fromEnv({ ...withoutUrl, SEATGATE_ENV: 'development', PORT: '4000' });
    expect(dev.publicUrl).toBe('http://localhost:4000');
    expect(
      AppConfig.fromEnv({ ...withoutUrl, SEATGATE_ENV: 'development', HOST: '127.0.0.1' }).publicUrl,
    ).toBe('http://127.0.0.1:3000');
    expect(AppConfig.fromEnv({ ...base, SEATGATE_PUBLIC_URL: 'https://gw.example.com/' }).publicUrl).toBe(
      'https://gw.example.com',
    );
    expect(() => AppConfig.fromEnv({ ...base, SEATGATE_PUBLIC_URL: 'javascript://x/%0aalert(1)' })).toThrow(
      /^SEATGATE_PUBLIC_URL must be an http:\/\/ or https:\/\/ URL$/,
    );
  });

  it.each([
    [undefined, { kind: 'none' }],
    ['false', { kind: 'none' }],
    ['true', { kind: 'hops', hops: 1 }],
    ['2', { kind: 'hops', hops: 2 }],
    ['10.0.0.0/8, 192.168.1.10', { kind: 'cidrs', cidrs: ['10.0.0.0/8', '192.168.1.10'] }],
    ['fd00::/8', { kind: 'cidrs', cidrs: ['fd00::/8'] }],
  ])('reads SEATGATE_TRUST_PROXY=%s as the hops it names', (value, trusted) => {
    expect(AppConfig.fromEnv({ ...base, SEATGATE_TRUST_PROXY: value }).trustProxy).toEqual(trusted);
  });

  it.each(['everyone', '11', '10.0.0.0/33', '10.0.0.0/8,nope', '*'])(
    'refuses SEATGATE_TRUST_PROXY=%s',
    (value) => {
      expect(() => AppConfig.fromEnv({ ...base, SEATGATE_TRUST_PROXY: value })).toThrow(
        /^SEATGATE_TRUST_PROXY must be/,
      );
    },
  );

  it('trusts only the proxies it names: the client is the address the nearest trusted proxy saw', () => {
    const trust = expressTrustProxy({ kind: 'cidrs', cidrs: ['10.0.0.0/8', '::1'] });
    if (typeof trust !== 'function') throw new Error('a CIDR list compiles to a function');
    expect(trust('10.1.2.3')).toBe(true);
    expect(trust('::ffff:10.1.2.3')).toBe(true);
    expect(trust('::1')).toBe(true);
    expect(trust('198.51.100.7')).toBe(false);
    expect(expressTrustProxy({ kind: 'hops', hops: 1 })).toBe(1);
    expect(expressTrustProxy({ kind: 'none' })).toBe(0);
  });
});
