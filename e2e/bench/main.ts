// `npm run bench` (scripts/bench.mjs builds, provides PostgreSQL, then runs this file): Seatgate's
// production build against the /loginTCCC route of Tencent's guide, both on the TCCC emulator.
// Scenarios, each loaded with autocannon at fixed concurrency, sides alternating A B A B:
// issuance (gateway vs baseline), redemption, issuance with 1 M extra seat mappings, and
// issuance with the login limits on vs off. Prints one Markdown table and writes it, with a JSON
// record, to e2e/bench/results/. Every process and the database are removed at the end, also on
// failure or Ctrl-C.
import { startEmulator } from '@seatgate/ccc-emulator';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';
import {
  adminToken,
  createMigratedDatabase,
  sharedEnv,
  startGateway,
  type GatewayProcess,
} from '../support/gateway-process';
import {
  benchAccounts,
  createBenchTenant,
  emulatorSeed,
  insertBulkSeatMappings,
  mapConcurrently,
  preIssueTickets,
  UPSTREAM_QUOTA_PER_SECOND,
  type BenchAccount,
} from './bench-fixtures';
import { buildReport, SCENARIO, SIDE, writeReport, type BenchConfig, type Machine } from './bench-report';
import { startGuideBaseline } from './guide-baseline.process';
import {
  describeRun,
  runLoad,
  stopActiveLoad,
  type LoadRun,
  type LoadShape,
  type LoadTarget,
} from './load-run';

function positiveIntFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

const CONNECTIONS = positiveIntFromEnv('SEATGATE_BENCH_CONNECTIONS', 32);
const DURATION_SECONDS = positiveIntFromEnv('SEATGATE_BENCH_DURATION', 5);
/** A fresh gateway keeps getting faster for thousands of requests (JIT), the baseline much sooner. */
const GATEWAY_WARMUP_SECONDS = 10;
const WARMUP_SECONDS = 3;
const RUNS_PER_SIDE = 2;
const TENANTS = 60;
const USERS_PER_TENANT = 20;
const BULK_SEAT_MAPPINGS = 1_000_000;
/** Redemption runs are sized to last about this long (see scenario 2). */
const REDEMPTION_SECONDS = positiveIntFromEnv('SEATGATE_BENCH_REDEMPTION_DURATION', 4);
const REDEMPTION_WARMUP_TICKETS = 5 * CONNECTIONS;
const REDEMPTION_MAX_TICKETS_PER_RUN = 6_000;
/** The emulator's own quota, far out of the way: the gateway's 20/s per account is what counts. */
const EMULATOR_QUOTA_PER_SECOND = 1_000_000;
const RESULTS_DIR = join(__dirname, 'results');

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

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

async function main(): Promise<void> {
  const startedAt = new Date();
  const loadAverageAtStart = loadavg()[0]!;
  const runs: LoadRun[] = [];
  const measure = async (
    labels: { scenario: string; side: string; run: number },
    target: LoadTarget,
    shape: LoadShape = { connections: CONNECTIONS, duration: DURATION_SECONDS },
  ) => {
    const run = await load(labels, target, shape);
    runs.push(run);
    log(describeRun(run));
    return run;
  };
  const warmUp = async (target: LoadTarget, name: string, seconds = WARMUP_SECONDS) => {
    const run = await load({ scenario: 'warm-up', side: name, run: 0 }, target, {
      connections: CONNECTIONS,
      duration: seconds,
    });
    log(`warm-up ${name}: ${run.requestsPerSecond.toFixed(0)} req/s (not counted)`);
  };

  const accounts = benchAccounts(TENANTS, USERS_PER_TENANT);
  const bulkAccount: BenchAccount = {
    index: TENANTS,
    secretId: 'AKIDbenchbulkaccount',
    secretKey: 'bench-secret-key-bulk',
    sdkAppId: 1400990000,
    staff: [],
  };
  const emulator = await startEmulator({
    port: 0,
    seed: emulatorSeed([...accounts, bulkAccount]),
    quotaPerSecond: EMULATOR_QUOTA_PER_SECOND,
  });
  teardown.add('emulator', () => emulator.stop());
  log(`emulator at ${emulator.url}: ${accounts.length + 2} Tencent Cloud accounts`);

  const db = await createMigratedDatabase();
  teardown.add('database', () => db.drop());
  // a server going away (an embedded one stopped by the same Ctrl-C) must not crash the cleanup
  db.sql.on('error', (error) => log(`database connection: ${error.message}`));
  const postgresVersion = (await db.sql.query<{ server_version: string }>('SHOW server_version')).rows[0]!
    .server_version;
  const env = sharedEnv(db.url, {
    TCCC_ENDPOINT_OVERRIDE: emulator.url,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
  });
  const startGatewayProcess = async (name: string, extra: Record<string, string> = {}) => {
    const gateway = await startGateway({ ...env, ...extra });
    teardown.add(name, () => gateway.stop());
    return gateway;
  };
  const gateway = await startGatewayProcess('gateway');
  const baseline = await startGuideBaseline(emulator.url);
  teardown.add('baseline', () => baseline.stop());
  log(`gateway at ${gateway.url}, baseline at ${baseline.url}`);

  const root = await adminToken(gateway);
  const tenants = await mapConcurrently(accounts, 6, (account) =>
    createBenchTenant(gateway, root, account, `bench-${String(account.index).padStart(4, '0')}`),
  );
  const tokens = interleave(tenants.map((tenant) => tenant.tokens));
  const upstreamCeiling = UPSTREAM_QUOTA_PER_SECOND * accounts.length;
  log(
    `${tenants.length} tenants × ${USERS_PER_TENANT} users = ${tokens.length} seat mappings; ` +
      `upstream ceiling ${UPSTREAM_QUOTA_PER_SECOND}/s × ${accounts.length} accounts = ${upstreamCeiling}/s`,
  );

  const issueAt = (target: GatewayProcess): LoadTarget => ({
    url: target.url,
    pid: target.child.pid,
    method: 'POST',
    body: '{}',
    success: 201,
    request: (n) => ({
      path: '/api/v1/login',
      headers: { authorization: `Bearer ${tokens[n % tokens.length]!}` },
    }),
  });
  const baselineTarget: LoadTarget = {
    url: baseline.url,
    pid: baseline.pid,
    method: 'GET',
    success: 200,
    request: () => ({ path: '/loginTCCC' }),
  };

  // 1. issuance, gateway vs baseline
  await warmUp(issueAt(gateway), SIDE.gateway, GATEWAY_WARMUP_SECONDS);
  await warmUp(baselineTarget, SIDE.baseline);
  for (let run = 1; run <= RUNS_PER_SIDE; run += 1) {
    await measure({ scenario: SCENARIO.issuance, side: SIDE.gateway, run }, issueAt(gateway));
    await measure({ scenario: SCENARIO.issuance, side: SIDE.baseline, run }, baselineTarget);
  }

  // 2. redemption: one request per single-use ticket, every ticket issued before the runs. A short
  // warm-up on a few tickets tells the redemption rate, which sizes the runs to about
  // REDEMPTION_SECONDS each (shorter than the issuance runs: each ticket costs an issuance first).
  const redeemAt = (paths: string[]): LoadTarget => ({
    url: gateway.url,
    pid: gateway.child.pid,
    method: 'GET',
    success: 302,
    // past the end (never expected): a path that cannot redeem, so it counts as a failure
    request: (n) => ({ path: paths[n] ?? '/api/v1/tickets/no-ticket-left' }),
  });
  // autocannon prepares one request per connection that it never sends: one spare ticket each
  const spare = CONNECTIONS;
  const warmUpTickets = await preIssueTickets(
    gateway.url,
    tokens,
    REDEMPTION_WARMUP_TICKETS + spare,
    CONNECTIONS,
  );
  const calibration = await load(
    { scenario: 'warm-up', side: SIDE.gateway, run: 0 },
    redeemAt(warmUpTickets),
    {
      connections: CONNECTIONS,
      amount: REDEMPTION_WARMUP_TICKETS,
    },
  );
  const ticketsPerRun = Math.min(
    REDEMPTION_MAX_TICKETS_PER_RUN,
    Math.max(10, Math.round((calibration.requestsPerSecond * REDEMPTION_SECONDS) / CONNECTIONS)) *
      CONNECTIONS,
  );
  log(
    `warm-up redemption: ${calibration.requestsPerSecond.toFixed(0)} req/s (not counted); ` +
      `${ticketsPerRun} tickets per run`,
  );
  const issuing = Date.now();
  const tickets = await preIssueTickets(
    gateway.url,
    tokens,
    (ticketsPerRun + spare) * RUNS_PER_SIDE,
    CONNECTIONS,
  );
  const ticketPreIssueSeconds = (Date.now() - issuing) / 1000;
  log(`${tickets.length} tickets issued in ${ticketPreIssueSeconds.toFixed(1)} s`);
  for (let run = 1; run <= RUNS_PER_SIDE; run += 1) {
    const mine = tickets.slice((run - 1) * (ticketsPerRun + spare), run * (ticketsPerRun + spare));
    await measure({ scenario: SCENARIO.redemption, side: SIDE.gateway, run }, redeemAt(mine), {
      connections: CONNECTIONS,
      amount: ticketsPerRun,
    });
  }

  // 3. limits on vs off: a second process on the same database with the login limits switched off
  const unlimited = await startGatewayProcess('gateway (limits off)', { SEATGATE_LOGIN_LIMITS: 'off' });
  await warmUp(issueAt(unlimited), SIDE.limitsOff, GATEWAY_WARMUP_SECONDS);
  for (let run = 1; run <= RUNS_PER_SIDE; run += 1) {
    await measure({ scenario: SCENARIO.limits, side: SIDE.limitsOn, run }, issueAt(gateway));
    await measure({ scenario: SCENARIO.limits, side: SIDE.limitsOff, run }, issueAt(unlimited));
  }
  await unlimited.stop();

  // 4. issuance with a million more seat mappings in the table
  const bulkTenant = await createBenchTenant(gateway, root, bulkAccount, 'bench-bulk');
  const inserting = Date.now();
  await insertBulkSeatMappings(db.sql, bulkTenant.tenantId, bulkTenant.appId, BULK_SEAT_MAPPINGS);
  const bulkInsertSeconds = (Date.now() - inserting) / 1000;
  const counted = (await db.sql.query<{ n: string }>('SELECT count(*) AS n FROM seat_mappings')).rows[0]!.n;
  log(
    `${BULK_SEAT_MAPPINGS} seat mappings inserted in ${bulkInsertSeconds.toFixed(1)} s (with ANALYZE); ` +
      `seat_mappings now holds ${counted} rows`,
  );
  await warmUp(issueAt(gateway), SIDE.gateway);
  for (let run = 1; run <= RUNS_PER_SIDE; run += 1) {
    await measure({ scenario: SCENARIO.issuance1m, side: SIDE.gateway, run }, issueAt(gateway));
  }

  const busiestAccountSecond = Math.max(
    0,
    ...emulator.state
      .countersView({ action: 'CreateSDKLoginToken' })
      .peaks.filter((peak) => peak.secretId.startsWith('AKIDbench'))
      .map((peak) => peak.maxCallsPerSecond),
  );
  const database: BenchConfig['database'] = process.env.SEATGATE_BENCH_EMBEDDED_PG ? 'embedded' : 'external';
  const report = buildReport({
    startedAt,
    machine: machineInfo(postgresVersion, loadAverageAtStart),
    config: {
      connections: CONNECTIONS,
      durationSeconds: DURATION_SECONDS,
      warmupSeconds: { freshGateway: GATEWAY_WARMUP_SECONDS, other: WARMUP_SECONDS },
      runsPerSide: RUNS_PER_SIDE,
      tenants: TENANTS,
      usersPerTenant: USERS_PER_TENANT,
      tencentCloudAccounts: accounts.length,
      upstreamCeilingPerSecond: upstreamCeiling,
      seatMappings1k: tokens.length,
      bulkSeatMappings: BULK_SEAT_MAPPINGS,
      redemptionSeconds: REDEMPTION_SECONDS,
      redemptionTicketsPerRun: ticketsPerRun,
      database,
    },
    facts: { busiestAccountSecond, bulkInsertSeconds, ticketPreIssueSeconds },
    runs,
  });
  const files = writeReport(RESULTS_DIR, report);
  process.stdout.write(`\n${report.markdown}\n`);
  log(`wrote ${files.markdown} and ${files.json}`);
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
