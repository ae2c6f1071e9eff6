// `npm run bench` (scripts/bench.mjs builds, provides PostgreSQL, then runs this file): Seatgate's
// production build against bare routes, all on the TCCC emulator, for issue 12's goals. Scenarios,
// each loaded with autocannon at fixed concurrency, sides alternating A B A B: issuance (gateway vs
// the guide's /loginTCCC route), many tenants vs one, redemption (gateway vs a bare UPDATE …
// RETURNING route), limits on vs off, Express vs Fastify (when the gateway offers the choice) and
// issuance with a million more seat mappings. Every run records the CPU per request of the process
// under load, the PostgreSQL backends of the bench database and redis-server. Prints the goals and
// the runs as Markdown and writes them, with a JSON record, to e2e/bench/results/. Every process and
// the database are removed at the end, also on failure or Ctrl-C.
import { startEmulator } from '@seatgate/ccc-emulator';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';
import {
  adminToken,
  createMigratedDatabase,
  ROOT,
  sharedEnv,
  startGateway,
  type GatewayProcess,
} from '../support/gateway-process';
import { startGuideBaseline, startRedeemBaseline } from './bare-route.process';
import {
  benchAccounts,
  createBenchTenant,
  emulatorSeed,
  GUIDE_ACCOUNT,
  insertBareTickets,
  insertBulkSeatMappings,
  mapConcurrently,
  preIssueTickets,
  UPSTREAM_QUOTA_PER_SECOND,
  type BenchAccount,
} from './bench-fixtures';
import {
  buildReport,
  count,
  SCENARIO,
  SIDE,
  writeReport,
  type BenchConfig,
  type Machine,
} from './bench-report';
import {
  describeRun,
  runLoad,
  stopActiveLoad,
  type LoadRun,
  type LoadShape,
  type LoadTarget,
  type SharedCpuSources,
} from './load-run';
import { localPostmaster, localRedisServer, postgresBackends, singleProcess } from './process-cpu';

function positiveIntFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

const DEFAULT_SECONDS = 5;
const CONNECTIONS = positiveIntFromEnv('SEATGATE_BENCH_CONNECTIONS', 32);
/** Seconds per run; below the default it is a development run: shorter warm-ups, fewer bulk rows. */
const DURATION_SECONDS = positiveIntFromEnv('SEATGATE_BENCH_SECONDS', DEFAULT_SECONDS);
const SHORT = DURATION_SECONDS < DEFAULT_SECONDS;
/** A fresh gateway keeps getting faster for thousands of requests (JIT), a bare route much sooner. */
const GATEWAY_WARMUP_SECONDS = SHORT ? DURATION_SECONDS : 10;
const WARMUP_SECONDS = SHORT ? 1 : 3;
const RUNS_PER_SIDE = 2;
/** Enough accounts that TCCC's 20 calls/s each never caps the gateway: a ceiling of 4 000 logins/s. */
const TENANTS = 200;
const USERS_PER_TENANT = 5;
const BULK_SEAT_MAPPINGS = positiveIntFromEnv('SEATGATE_BENCH_BULK_MAPPINGS', SHORT ? 10_000 : 1_000_000);
/** Redemption runs are sized to last about this long (see scenario 3). */
const REDEMPTION_SECONDS = positiveIntFromEnv(
  'SEATGATE_BENCH_REDEMPTION_SECONDS',
  SHORT ? DURATION_SECONDS : 4,
);
const REDEMPTION_WARMUP_TICKETS = 5 * CONNECTIONS;
const REDEMPTION_MAX_TICKETS_PER_RUN = { gateway: 6_000, bare: 40_000 };
/**
 * The emulator holds every account to TCCC's 20 calls/s, but two: the guide's single account and
 * the one account of the one-tenant row, whose quota is raised out of the way (as Tencent raises an
 * account's quota on request), so that neither side is measuring a quota. The gateway is told the
 * same of that one account (tenant setting upstreamQuotaPerSecond, at its maximum).
 */
const RAISED_QUOTA_PER_SECOND = 1_000_000;
const GATEWAY_RAISED_QUOTA_PER_SECOND = 10_000;
const DATABASE_POOL_SIZE = 20;
const REDIS_URL = process.env.REDIS_URL || null;
const HTTP_ADAPTER = process.env.SEATGATE_HTTP_ADAPTER || null;
const RESULTS_DIR = join(__dirname, 'results');

const began = Date.now();
const log = (message: string) =>
  process.stderr.write(`[bench +${Math.round((Date.now() - began) / 1000)} s] ${message}\n`);

/** Cleanup steps, run once, newest first, whether the bench succeeds, fails or is interrupted. */
class Teardown {
  private readonly steps: Array<{ name: string; step: () => Promise<unknown> }> = [];
  private running: Promise<void> | null = null;

  add(name: string, step: () => Promise<unknown>): void {
    this.steps.push({ name, step });
  }

  run(): Promise<void> {
    this.running ??= (async () => {
      for (const { name, step } of this.steps.reverse()) {
        try {
          await step();
        } catch (error) {
          log(`cleanup of ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    })();
    return this.running;
  }
}

const teardown = new Teardown();

/** Set by Ctrl-C (or SIGTERM): the teardown is under way and the bench must not go on. */
let interrupted = false;

/** The load of an interrupted bench, cut short and hitting stopped processes: not a result. */
async function load(...args: Parameters<typeof runLoad>): Promise<LoadRun> {
  const run = await runLoad(...args);
  if (interrupted) throw new Error('interrupted');
  return run;
}

/** Round robin over tenants first, so consecutive requests hit different accounts. */
function interleave(perTenant: string[][]): string[] {
  const longest = Math.max(...perTenant.map((tokens) => tokens.length));
  const all: string[] = [];
  for (let user = 0; user < longest; user += 1)
    for (const tokens of perTenant) if (user < tokens.length) all.push(tokens[user]!);
  return all;
}

function machineInfo(postgresVersion: string, loadAverageAtStart: number): Machine {
  const processors = cpus();
  return {
    cores: processors.length,
    cpuModel: processors[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    os: `${process.platform} ${release()}`,
    postgres: postgresVersion,
    loadAverage: { atStart: loadAverageAtStart, atEnd: loadavg()[0]! },
  };
}

/** The environment variables the built gateway reads (its config's ENV_VARIABLES). */
async function gatewayEnvVariables(): Promise<readonly string[]> {
  // a path, not a file URL: the on-the-fly compilation turns import() into require()
  const loaded: unknown = await import(join(ROOT, 'apps/gateway/dist/config/app-config.js'));
  if (typeof loaded === 'object' && loaded !== null && 'ENV_VARIABLES' in loaded) {
    const names: unknown = loaded.ENV_VARIABLES;
    if (Array.isArray(names)) return names.filter((name): name is string => typeof name === 'string');
  }
  throw new Error('apps/gateway/dist/config/app-config.js exports no ENV_VARIABLES');
}

/** CPU sources behind every target: the bench database's backends, and redis-server when used. */
async function sharedCpuSources(
  sql: { query<R extends object>(text: string): Promise<{ rows: R[] }> },
  databaseUrl: string,
): Promise<SharedCpuSources> {
  const own = (await sql.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
  const postmaster = localPostmaster(own);
  const database = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  const redisPid = REDIS_URL === null ? null : await localRedisServer(REDIS_URL).catch(() => null);
  if (REDIS_URL !== null && redisPid === null)
    log(`redis-server of ${REDIS_URL} is not a process on this machine: its CPU is not counted`);
  if (postmaster === null) log('PostgreSQL is not a process on this machine: its CPU is not counted');
  return {
    postgres: postmaster === null ? null : postgresBackends(postmaster, database, own),
    redis: redisPid === null ? null : singleProcess(redisPid, `redis-server, pid ${redisPid}`),
  };
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const loadAverageAtStart = loadavg()[0]!;
  const runs: LoadRun[] = [];
  let shared: SharedCpuSources = { postgres: null, redis: null };
  const measure = async (
    labels: { scenario: string; side: string; run: number },
    target: LoadTarget,
    shape: LoadShape = { connections: CONNECTIONS, duration: DURATION_SECONDS },
  ) => {
    const run = await load(labels, target, shape, shared);
    runs.push(run);
    log(describeRun(run));
    return run;
  };
  const warmUp = async (target: LoadTarget, name: string, seconds = WARMUP_SECONDS) => {
    const run = await load(
      { scenario: 'warm-up', side: name, run: 0 },
      target,
      { connections: CONNECTIONS, duration: seconds },
      shared,
    );
    log(`warm-up ${name}: ${run.requestsPerSecond.toFixed(0)} req/s (not counted)`);
  };

  const envVariables = await gatewayEnvVariables();
  const adapterSupported = envVariables.includes('SEATGATE_HTTP_ADAPTER');
  const adapterEnv: Record<string, string> =
    adapterSupported && HTTP_ADAPTER !== null ? { SEATGATE_HTTP_ADAPTER: HTTP_ADAPTER } : {};
  const adapterSkipped = adapterSupported
    ? null
    : 'this gateway build does not read SEATGATE_HTTP_ADAPTER (not among its ENV_VARIABLES)' +
      (HTTP_ADAPTER === null ? '.' : `; SEATGATE_HTTP_ADAPTER=${HTTP_ADAPTER} was not applied.`);
  if (adapterSkipped) log(`Express vs Fastify skipped: ${adapterSkipped}`);

  const accounts = benchAccounts(TENANTS, USERS_PER_TENANT, { prefix: 'acct', firstSdkAppId: 1400900000 });
  const [oneAccount] = benchAccounts(1, TENANTS * USERS_PER_TENANT, {
    prefix: 'one',
    firstSdkAppId: 1400910000,
  }) as [BenchAccount];
  const bulkAccount: BenchAccount = {
    index: TENANTS,
    secretId: 'AKIDbenchbulkaccount',
    secretKey: 'bench-secret-key-bulk',
    sdkAppId: 1400990000,
    staff: [],
  };
  const emulator = await startEmulator({
    port: 0,
    seed: emulatorSeed([...accounts, oneAccount, bulkAccount]),
    quotaPerSecond: UPSTREAM_QUOTA_PER_SECOND,
  });
  emulator.state.counters.setAccountQuota(GUIDE_ACCOUNT.secretId, RAISED_QUOTA_PER_SECOND);
  emulator.state.counters.setAccountQuota(oneAccount.secretId, RAISED_QUOTA_PER_SECOND);
  teardown.add('emulator', () => emulator.stop());
  // the emulator keeps 600 s of counters and a full run may take longer: read them after each scenario
  const busiest = {
    gateway: 0,
    oneAccount: 0,
    guide: 0,
    note(): void {
      for (const peak of emulator.state.countersView({ action: 'CreateSDKLoginToken' }).peaks) {
        if (peak.secretId === oneAccount.secretId)
          this.oneAccount = Math.max(this.oneAccount, peak.maxCallsPerSecond);
        else if (peak.secretId.startsWith('AKIDbench'))
          this.gateway = Math.max(this.gateway, peak.maxCallsPerSecond);
        if (peak.secretId === GUIDE_ACCOUNT.secretId)
          this.guide = Math.max(this.guide, peak.maxCallsPerSecond);
      }
    },
    read() {
      this.note();
      return {
        busiestAccountSecond: this.gateway,
        oneAccountBusiestSecond: this.oneAccount,
        guideBusiestSecond: this.guide,
      };
    },
  };
  log(`emulator at ${emulator.url}: ${accounts.length + 3} Tencent Cloud accounts`);

  const db = await createMigratedDatabase();
  teardown.add('database', () => db.drop());
  // a server going away (an embedded one stopped by the same Ctrl-C) must not crash the cleanup
  db.sql.on('error', (error) => log(`database connection: ${error.message}`));
  const postgresVersion = (await db.sql.query<{ server_version: string }>('SHOW server_version')).rows[0]!
    .server_version;
  shared = await sharedCpuSources(db.sql, db.url);
  log(
    `CPU per process: ${shared.postgres?.description ?? 'no PostgreSQL'}; ${shared.redis?.description ?? 'no Redis'}`,
  );
  const env = sharedEnv(db.url, {
    TCCC_ENDPOINT_OVERRIDE: emulator.url,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    DATABASE_POOL_SIZE: String(DATABASE_POOL_SIZE),
    ...(REDIS_URL === null ? {} : { REDIS_URL }),
    ...adapterEnv,
  });
  const startGatewayProcess = async (name: string, extra: Record<string, string> = {}) => {
    const gateway = await startGateway({ ...env, ...extra });
    teardown.add(name, () => gateway.stop());
    return gateway;
  };
  const gateway = await startGatewayProcess('gateway');
  const guide = await startGuideBaseline(emulator.url);
  teardown.add('guide baseline', () => guide.stop());
  log(`gateway at ${gateway.url}, guide's route at ${guide.url}`);

  const root = await adminToken(gateway);
  const tenants = await mapConcurrently(accounts, 6, (account) =>
    createBenchTenant(gateway, root, account, `bench-${String(account.index).padStart(4, '0')}`),
  );
  const tokens = interleave(tenants.map((tenant) => tenant.tokens));
  const oneTenant = await createBenchTenant(
    gateway,
    root,
    oneAccount,
    'bench-one-tenant',
    GATEWAY_RAISED_QUOTA_PER_SECOND,
  );
  const oneTenantTokens = oneTenant.tokens;
  log(
    `${tenants.length} tenants × ${USERS_PER_TENANT} users = ${tokens.length} seat mappings, and one tenant ` +
      `and one account with ${oneTenant.tokens.length} users; upstream ceiling ` +
      `${UPSTREAM_QUOTA_PER_SECOND}/s × ${accounts.length} accounts = ${UPSTREAM_QUOTA_PER_SECOND * accounts.length}/s`,
  );

  const issueAt = (target: GatewayProcess, pool: readonly string[] = tokens): LoadTarget => ({
    url: target.url,
    pid: target.child.pid,
    method: 'POST',
    body: '{}',
    success: 201,
    request: (n) => ({
      path: '/api/v1/login',
      headers: { authorization: `Bearer ${pool[n % pool.length]!}` },
    }),
  });
  const guideTarget: LoadTarget = {
    url: guide.url,
    pid: guide.pid,
    method: 'GET',
    success: 200,
    request: () => ({ path: '/loginTCCC' }),
  };

  // 1. issuance, gateway vs the guide's route
  await warmUp(issueAt(gateway), SIDE.gateway, GATEWAY_WARMUP_SECONDS);
  await warmUp(guideTarget, SIDE.guide);
  for (let run = 1; run <= RUNS_PER_SIDE; run += 1) {
    await measure({ scenario: SCENARIO.issuance, side: SIDE.gateway, run }, issueAt(gateway));
    await measure({ scenario: SCENARIO.issuance, side: SIDE.guide, run }, guideTarget);
  }

  busiest.note();

  // 2. many tenants vs one, on the same process
  await warmUp(issueAt(gateway, oneTenantTokens), SIDE.oneTenant);
  for (let run = 1; run <= RUNS_PER_SIDE; run += 1) {
    await measure({ scenario: SCENARIO.tenancy, side: SIDE.manyTenants, run }, issueAt(gateway));
    await measure(
      { scenario: SCENARIO.tenancy, side: SIDE.oneTenant, run },
      issueAt(gateway, oneTenantTokens),
    );
  }

  busiest.note();

  // 3. redemption: one request per single-use ticket, every ticket made before the runs. A short
  // warm-up on a few tickets tells each side's rate, which sizes its runs to about
  // REDEMPTION_SECONDS (shorter than the issuance runs: each gateway ticket costs an issuance first).
  const redeemAt = (url: string, pid: number | undefined, paths: string[], prefix: string): LoadTarget => ({
    url,
    pid,
    method: 'GET',
    success: 302,
    // past the end (never expected): a path that cannot redeem, so it counts as a failure
    request: (n) => ({ path: paths[n] ?? `${prefix}/no-ticket-left` }),
  });
  const gatewayRedeem = (paths: string[]) =>
    redeemAt(gateway.url, gateway.child.pid, paths, '/api/v1/tickets');
  const bare = await startRedeemBaseline(db.url, DATABASE_POOL_SIZE);
  teardown.add('redemption baseline', () => bare.stop());
  const bareRedeem = (paths: string[]) => redeemAt(bare.url, bare.pid, paths, '/tickets');
  const bareTickets = (amount: number) =>
    insertBareTickets(
      db.sql,
      tenants[0]!,
      accounts[0]!,
      `${emulator.url}/tccc-agent-sdk/latest/tccc-sdk.js?token=bare`,
      amount,
    );
  // autocannon prepares one request per connection that it never sends: one spare ticket each
  const spare = CONNECTIONS;
  const calibrate = async (target: LoadTarget, side: string, max: number) => {
    const calibration = await load(
      { scenario: 'warm-up', side, run: 0 },
      target,
      { connections: CONNECTIONS, amount: REDEMPTION_WARMUP_TICKETS },
      shared,
    );
    const perRun = Math.min(
      max,
      Math.max(10, Math.round((calibration.requestsPerSecond * REDEMPTION_SECONDS) / CONNECTIONS)) *
        CONNECTIONS,
    );
    log(
      `warm-up redemption, ${side}: ${calibration.requestsPerSecond.toFixed(0)} req/s (not counted); ${perRun} tickets per run`,
    );
    return perRun;
  };
  const gatewayPerRun = await calibrate(
    gatewayRedeem(await preIssueTickets(gateway.url, tokens, REDEMPTION_WARMUP_TICKETS + spare, CONNECTIONS)),
    SIDE.gateway,
    REDEMPTION_MAX_TICKETS_PER_RUN.gateway,
  );
  const barePerRun = await calibrate(
    bareRedeem(await bareTickets(REDEMPTION_WARMUP_TICKETS + spare)),
    SIDE.bareRedeem,
    REDEMPTION_MAX_TICKETS_PER_RUN.bare,
  );
  const issuing = Date.now();
  const gatewayTickets = await preIssueTickets(
    gateway.url,
    tokens,
    (gatewayPerRun + spare) * RUNS_PER_SIDE,
    CONNECTIONS,
  );
  const ticketPreIssueSeconds = (Date.now() - issuing) / 1000;
  log(`${gatewayTickets.length} gateway tickets issued in ${ticketPreIssueSeconds.toFixed(1)} s`);
  const bareTicketPaths = await bareTickets((barePerRun + spare) * RUNS_PER_SIDE);
  const slice = (paths: string[], perRun: number, run: number) =>
    paths.slice((run - 1) * (perRun + spare), run * (perRun + spare));
  for (let run = 1; run <= RUNS_PER_SIDE; run += 1) {
    await measure(
      { scenario: SCENARIO.redemption, side: SIDE.gateway, run },
      gatewayRedeem(slice(gatewayTickets, gatewayPerRun, run)),
      { connections: CONNECTIONS, amount: gatewayPerRun },
    );
    await measure(
      { scenario: SCENARIO.redemption, side: SIDE.bareRedeem, run },
      bareRedeem(slice(bareTicketPaths, barePerRun, run)),
      { connections: CONNECTIONS, amount: barePerRun },
    );
  }
  await bare.stop();

  busiest.note();

  // 4. limits on vs off: a second process on the same database with the login limits switched off
  const unlimited = await startGatewayProcess('gateway (limits off)', { SEATGATE_LOGIN_LIMITS: 'off' });
  await warmUp(issueAt(unlimited), SIDE.limitsOff, GATEWAY_WARMUP_SECONDS);
  for (let run = 1; run <= RUNS_PER_SIDE; run += 1) {
    await measure({ scenario: SCENARIO.limits, side: SIDE.limitsOn, run }, issueAt(gateway));
    await measure({ scenario: SCENARIO.limits, side: SIDE.limitsOff, run }, issueAt(unlimited));
  }
  await unlimited.stop();

  busiest.note();

  // 5. Express vs Fastify, two more processes, when the gateway lets one choose
  if (adapterSupported) {
    const express = await startGatewayProcess('gateway (Express)', { SEATGATE_HTTP_ADAPTER: 'express' });
    const fastify = await startGatewayProcess('gateway (Fastify)', { SEATGATE_HTTP_ADAPTER: 'fastify' });
    await warmUp(issueAt(express), SIDE.express, GATEWAY_WARMUP_SECONDS);
    await warmUp(issueAt(fastify), SIDE.fastify, GATEWAY_WARMUP_SECONDS);
    for (let run = 1; run <= RUNS_PER_SIDE; run += 1) {
      await measure({ scenario: SCENARIO.adapter, side: SIDE.express, run }, issueAt(express));
      await measure({ scenario: SCENARIO.adapter, side: SIDE.fastify, run }, issueAt(fastify));
    }
    await express.stop();
    await fastify.stop();
  }

  busiest.note();

  // 6. issuance with a million more seat mappings in the table (last: the rows stay)
  const bulkTenant = await createBenchTenant(gateway, root, bulkAccount, 'bench-bulk');
  const inserting = Date.now();
  await insertBulkSeatMappings(db.sql, bulkTenant.tenantId, bulkTenant.appId, BULK_SEAT_MAPPINGS);
  const bulkInsertSeconds = (Date.now() - inserting) / 1000;
  const counted = (await db.sql.query<{ n: string }>('SELECT count(*) AS n FROM seat_mappings')).rows[0]!.n;
  log(
    `${BULK_SEAT_MAPPINGS} seat mappings inserted in ${bulkInsertSeconds.toFixed(1)} s (with ANALYZE); ` +
      `seat_mappings now holds ${counted} rows`,
  );
  await warmUp(issueAt(gateway), SIDE.bulk);
  for (let run = 1; run <= RUNS_PER_SIDE; run += 1) {
    await measure({ scenario: SCENARIO.bulk, side: SIDE.bulk, run }, issueAt(gateway));
  }

  const database: BenchConfig['database'] = process.env.SEATGATE_BENCH_EMBEDDED_PG ? 'embedded' : 'external';
  const report = buildReport({
    startedAt,
    machine: machineInfo(postgresVersion, loadAverageAtStart),
    config: {
      connections: CONNECTIONS,
      durationSeconds: DURATION_SECONDS,
      short: SHORT,
      warmupSeconds: { freshGateway: GATEWAY_WARMUP_SECONDS, other: WARMUP_SECONDS },
      runsPerSide: RUNS_PER_SIDE,
      tenants: TENANTS,
      usersPerTenant: USERS_PER_TENANT,
      tencentCloudAccounts: accounts.length,
      upstreamQuotaPerSecond: UPSTREAM_QUOTA_PER_SECOND,
      raisedQuotaPerSecond: { emulator: RAISED_QUOTA_PER_SECOND, gateway: GATEWAY_RAISED_QUOTA_PER_SECOND },
      seatMappings: tokens.length,
      bulkSeatMappings: BULK_SEAT_MAPPINGS,
      redemptionSeconds: REDEMPTION_SECONDS,
      redemptionTicketsPerRun: { gateway: gatewayPerRun, bare: barePerRun },
      database,
      databasePoolSize: DATABASE_POOL_SIZE,
      redis: REDIS_URL === null ? null : redactedUrl(REDIS_URL),
      httpAdapter: adapterEnv.SEATGATE_HTTP_ADAPTER ?? null,
      cpuSources: {
        postgres: shared.postgres?.description ?? null,
        redis: shared.redis?.description ?? null,
      },
    },
    facts: {
      ...busiest.read(),
      bulkInsertSeconds,
      ticketPreIssueSeconds,
      adapterSkipped,
    },
    runs,
  });
  const files = writeReport(RESULTS_DIR, report);
  process.stdout.write(`\n${report.markdown}\n`);
  log(
    `wrote ${files.markdown}, ${files.json}${files.latest ? ` and ${files.latest}` : ''} (bulk: +${count(BULK_SEAT_MAPPINGS)})`,
  );
}

/** A URL without its password, for the report. */
function redactedUrl(raw: string): string {
  const url = new URL(raw);
  if (url.password) url.password = 'redacted';
  return url.toString();
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    log(`${signal}: stopping the load and cleaning up`);
    stopActiveLoad();
    void teardown.run().finally(() => process.exit(130));
  });
}

main()
  .then(
    () => teardown.run().then(() => 0),
    async (error: unknown) => {
      if (!interrupted)
        log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      await teardown.run();
      return 1;
    },
  )
  .then((code) => process.exit(interrupted ? 130 : code));
