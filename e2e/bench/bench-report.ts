// Turns the runs into the bench's Markdown (issue 12's goals with their measured ratios and
// pass/miss, then every run with the CPU per request of every process) and its JSON record, under
// results/bench-<timestamp>.{md,json}, and results/latest.md for full-length runs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CpuPerRequest, LoadRun } from './load-run';

export const SCENARIO = {
  issuance: 'Issuance',
  tenancy: 'Issuance, many tenants vs one',
  redemption: 'Redemption',
  limits: 'Issuance, limits on vs off',
  adapter: 'Issuance, Express vs Fastify',
  bulk: 'Issuance, bulk mappings',
} as const;

export const SIDE = {
  gateway: 'gateway',
  guide: 'guide’s bare route',
  bareRedeem: 'bare UPDATE … RETURNING route',
  manyTenants: 'gateway, many tenants',
  oneTenant: 'gateway, one tenant',
  limitsOn: 'gateway, limits on',
  limitsOff: 'gateway, limits off',
  express: 'gateway, Express',
  fastify: 'gateway, Fastify',
  bulk: 'gateway, with bulk mappings',
} as const;

export interface Machine {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  os: string;
  postgres: string;
  /** 1-minute load average: how busy the machine was, other work included */
  loadAverage: { atStart: number; atEnd: number };
}

export interface BenchConfig {
  connections: number;
  durationSeconds: number;
  /** shorter than the default: a development run, not written to results/latest.md */
  short: boolean;
  /** not counted: a new gateway process, and a bare route or a scenario change */
  warmupSeconds: { freshGateway: number; other: number };
  runsPerSide: number;
  tenants: number;
  usersPerTenant: number;
  /** accounts behind the many-tenant rows, and (another set) behind the one-tenant row */
  tencentCloudAccounts: number;
  upstreamQuotaPerSecond: number;
  /** the raised quotas of the guide's account and the one-tenant row's account (emulator), and the
   *  one-tenant row's tenant setting upstreamQuotaPerSecond (gateway); every other account has 20/s */
  raisedQuotaPerSecond: { emulator: number; gateway: number };
  seatMappings: number;
  bulkSeatMappings: number;
  /** redemption runs are sized (in tickets) to last about this long */
  redemptionSeconds: number;
  redemptionTicketsPerRun: { gateway: number; bare: number };
  database: 'embedded' | 'external';
  databasePoolSize: number;
  /** the rate-limit store: Redis (REDIS_URL) or PostgreSQL */
  redis: string | null;
  /** SEATGATE_HTTP_ADAPTER as passed to the gateways, or null when not passed */
  httpAdapter: string | null;
  /** what the CPU columns read, per process */
  cpuSources: { postgres: string | null; redis: string | null };
}

export interface BenchFacts {
  /** the most CreateSDKLoginToken calls one gateway account made in one second, over the whole bench */
  busiestAccountSecond: number;
  /** the same for the one-tenant row's one account */
  oneAccountBusiestSecond: number;
  /** the same for the guide's one account */
  guideBusiestSecond: number;
  bulkInsertSeconds: number;
  ticketPreIssueSeconds: number;
  /** why the adapter row did not run, if it did not */
  adapterSkipped: string | null;
}

export interface SideSummary {
  scenario: string;
  side: string;
  runs: number;
  requestsPerSecond: number;
  /** mean of the runs' p50 */
  p50Ms: number;
  /** mean of the runs' p99 */
  p99Ms: number;
  /** all runs' CPU over all their answers */
  cpu: CpuPerRequest | null;
  /** answers other than the scenario's success status, plus socket errors */
  failed: number;
}

export interface Ratio {
  scenario: string;
  label: string;
  /** null when a side had no answers (a run too short for one login): no rate to compare */
  requestsPerSecond: number | null;
  p50: number | null;
  p99: number | null;
  cpuServer: number | null;
  cpuTotal: number | null;
}

export interface Goal {
  goal: string;
  measured: string;
  target: string;
  /** n/a: not measured in this run (a side without answers) */
  result: 'pass' | 'pass, aim met' | 'miss' | 'n/a' | '—';
}

export interface BenchReport {
  startedAt: string;
  finishedAt: string;
  machine: Machine;
  config: BenchConfig;
  facts: BenchFacts;
  runs: LoadRun[];
  sides: SideSummary[];
  ratios: Ratio[];
  goals: Goal[];
  markdown: string;
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
/** CPU per request over all of a side's runs: every run's CPU over every request they served. */
function meanCpu(runs: LoadRun[]): CpuPerRequest | null {
  const answers = runs.reduce((sum, run) => sum + run.served, 0);
  if (answers === 0 || runs.some((run) => run.cpuMs === null)) return null;
  const sum = (pick: (run: LoadRun) => number | null | undefined) => {
    const values = runs.map(pick);
    return values.some((value) => value === null || value === undefined)
      ? null
      : values.reduce<number>((total, value) => total + (value ?? 0), 0) / answers;
  };
  const server = sum((run) => run.cpuMs?.server) ?? 0;
  const postgres = sum((run) => run.cpuMs?.postgres);
  const redis = sum((run) => run.cpuMs?.redis);
  return { server, postgres, redis, total: server + (postgres ?? 0) + (redis ?? 0) };
}

function summarise(runs: LoadRun[], scenario: string, side: string): SideSummary | null {
  const mine = runs.filter((run) => run.scenario === scenario && run.side === side);
  if (mine.length === 0) return null;
  return {
    scenario,
    side,
    runs: mine.length,
    requestsPerSecond: mean(mine.map((run) => run.requestsPerSecond)),
    p50Ms: mean(mine.map((run) => run.p50Ms)),
    p99Ms: mean(mine.map((run) => run.p99Ms)),
    cpu: meanCpu(mine),
    failed: mine.reduce((sum, run) => sum + run.failed, 0),
  };
}

function ratio(scenario: string, label: string, over: SideSummary | null, under: SideSummary | null) {
  if (!over || !under) return null;
  const answered = over.requestsPerSecond > 0 && under.requestsPerSecond > 0;
  const cpu = (pick: (cpu: CpuPerRequest) => number) =>
    over.cpu === null || under.cpu === null ? null : pick(over.cpu) / pick(under.cpu);
  return {
    scenario,
    label,
    requestsPerSecond: answered ? over.requestsPerSecond / under.requestsPerSecond : null,
    p50: answered ? over.p50Ms / under.p50Ms : null,
    p99: answered ? over.p99Ms / under.p99Ms : null,
    cpuServer: cpu((entry) => entry.server),
    cpuTotal: cpu((entry) => entry.total),
  };
}

const int = (value: number) => Math.round(value).toLocaleString('en-US');
const ms = (value: number) => (value >= 10 ? value.toFixed(0) : value.toFixed(1));
const cpuMs = (value: number | null | undefined) =>
  value === null || value === undefined ? '–' : value.toFixed(2);
const times = (value: number | null) => (value === null ? 'n/a' : `${value.toFixed(2)}×`);
/** 1 000 000 → "1 M", 10 000 → "10 k" */
export const count = (value: number) =>
  value >= 1_000_000 && value % 1_000_000 === 0
    ? `${value / 1_000_000} M`
    : value >= 1_000 && value % 1_000 === 0
      ? `${value / 1_000} k`
      : int(value);

function runsTable(runs: LoadRun[], sides: SideSummary[], ratios: Ratio[]): string {
  const lines = [
    '| Scenario | Side | Run | req/s | p50 ms | p99 ms | CPU ms/req: server | PostgreSQL | Redis | total | failed |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const cpuCells = (cpu: CpuPerRequest | null) =>
    cpu === null
      ? 'n/a | n/a | n/a | n/a'
      : `${cpuMs(cpu.server)} | ${cpuMs(cpu.postgres)} | ${cpuMs(cpu.redis)} | ${cpuMs(cpu.total)}`;
  for (const scenario of Object.values(SCENARIO)) {
    for (const run of runs.filter((entry) => entry.scenario === scenario))
      lines.push(
        `| ${scenario} | ${run.side} | ${run.run} | ${int(run.requestsPerSecond)} | ${ms(run.p50Ms)} | ` +
          `${ms(run.p99Ms)} | ${cpuCells(run.cpu)} | ${int(run.failed)} |`,
      );
    for (const summary of sides.filter((entry) => entry.scenario === scenario)) {
      const cpu = summary.cpu;
      const bold = (cell: string) => (cell === '–' || cell === 'n/a' ? cell : `**${cell}**`);
      lines.push(
        `| ${scenario} | **${summary.side}** | **mean of ${summary.runs}** | ` +
          `**${int(summary.requestsPerSecond)}** | **${ms(summary.p50Ms)}** | **${ms(summary.p99Ms)}** | ` +
          (cpu === null
            ? 'n/a | n/a | n/a | n/a'
            : [cpu.server, cpu.postgres, cpu.redis, cpu.total]
                .map((value) => bold(cpuMs(value)))
                .join(' | ')) +
          ` | ${int(summary.failed)} |`,
      );
    }
    for (const entry of ratios.filter((candidate) => candidate.scenario === scenario))
      lines.push(
        `| ${scenario} | ratio ${entry.label} | | ${times(entry.requestsPerSecond)} | ${times(entry.p50)} | ` +
          `${times(entry.p99)} | ${times(entry.cpuServer)} | | | ${times(entry.cpuTotal)} | |`,
      );
  }
  return lines.join('\n');
}

function goalsOf(input: {
  config: BenchConfig;
  facts: BenchFacts;
  get: (scenario: string, side: string) => SideSummary | null;
  ratioOf: (scenario: string) => Ratio | null;
}): Goal[] {
  const { config, facts, get, ratioOf } = input;
  const atLeast = (value: number | null, floor: number): Goal['result'] =>
    value === null ? 'n/a' : value >= floor ? 'pass' : 'miss';
  // the CPU ratio beside a throughput ratio: it moves far less with other work on the machine
  const withCpu = (entry: Ratio | null) =>
    `${times(entry?.requestsPerSecond ?? null)} (CPU/req ${times(entry?.cpuTotal ?? null)})`;
  const calls = (value: number) => `${int(value)} call${value === 1 ? '' : 's'}`;
  const issuance = ratioOf(SCENARIO.issuance);
  const gateway = get(SCENARIO.issuance, SIDE.gateway);
  const guide = get(SCENARIO.issuance, SIDE.guide);
  const redemption = ratioOf(SCENARIO.redemption);
  const tenancy = ratioOf(SCENARIO.tenancy);
  const bulk = ratioOf(SCENARIO.bulk);
  const limits = ratioOf(SCENARIO.limits);
  const adapter = ratioOf(SCENARIO.adapter);
  const issuanceResult = atLeast(issuance?.requestsPerSecond ?? null, 0.5);
  const cpuRatio = issuance?.cpuTotal ?? null;
  return [
    {
      goal: 'Issuance req/s, gateway (every safeguard on) / guide’s bare route',
      measured: withCpu(issuance),
      target: '≥ 0.5× (aim 0.8×)',
      result:
        issuanceResult === 'pass' && (issuance?.requestsPerSecond ?? 0) >= 0.8
          ? 'pass, aim met'
          : issuanceResult,
    },
    {
      goal: 'Whole-machine CPU per login (gateway + PostgreSQL + Redis) / guide’s bare route',
      measured: `${times(cpuRatio)} (${cpuMs(gateway?.cpu?.total)} vs ${cpuMs(guide?.cpu?.total)} ms)`,
      target: '≤ 2×',
      result: cpuRatio === null ? 'n/a' : cpuRatio <= 2 ? 'pass' : 'miss',
    },
    {
      goal: 'Redemption req/s, gateway / bare `UPDATE … RETURNING` route',
      measured: withCpu(redemption),
      target: '≥ 0.7×',
      result: atLeast(redemption?.requestsPerSecond ?? null, 0.7),
    },
    {
      goal: 'Issuance req/s, one tenant and one account / many tenants',
      measured: withCpu(tenancy),
      target: '≥ 0.8×',
      result: atLeast(tenancy?.requestsPerSecond ?? null, 0.8),
    },
    {
      goal: `Fair bench: busiest account-second of the gateway’s ${config.tencentCloudAccounts}-account sets`,
      measured: calls(facts.busiestAccountSecond),
      target: `< ${config.upstreamQuotaPerSecond} (TCCC’s quota never caps the gateway)`,
      result: facts.busiestAccountSecond < config.upstreamQuotaPerSecond ? 'pass' : 'miss',
    },
    {
      goal: 'Fair bench: busiest second of the one-tenant row’s one account',
      measured: calls(facts.oneAccountBusiestSecond),
      target: `< its raised quotas, ${int(config.raisedQuotaPerSecond.gateway)}/s (gateway), ${int(config.raisedQuotaPerSecond.emulator)}/s (emulator)`,
      result: facts.oneAccountBusiestSecond < config.raisedQuotaPerSecond.gateway ? 'pass' : 'miss',
    },
    {
      goal: 'Fair bench: busiest second of the guide’s one account',
      measured: calls(facts.guideBusiestSecond),
      target: `< its raised emulator quota, ${int(config.raisedQuotaPerSecond.emulator)}/s`,
      result: facts.guideBusiestSecond < config.raisedQuotaPerSecond.emulator ? 'pass' : 'miss',
    },
    {
      goal: `Issuance req/s, +${count(config.bulkSeatMappings)} / ${count(config.seatMappings)} mappings`,
      measured: times(bulk?.requestsPerSecond ?? null),
      target: 'no goal (kept row)',
      result: '—',
    },
    {
      goal: 'Issuance req/s, limits off / on',
      measured: times(limits?.requestsPerSecond ?? null),
      target: 'no goal (kept row)',
      result: '—',
    },
    {
      goal: 'Issuance req/s, Fastify / Express',
      measured: facts.adapterSkipped === null ? times(adapter?.requestsPerSecond ?? null) : 'skipped¹',
      target: 'keep the faster',
      result: '—',
    },
  ];
}

function goalsTable(goals: Goal[]): string {
  return [
    '| Goal (issue 12) | Measured, this run | Target | Result |',
    '| --- | ---: | --- | --- |',
    ...goals.map((goal) => `| ${goal.goal} | ${goal.measured} | ${goal.target} | ${goal.result} |`),
  ].join('\n');
}

function notes(input: {
  machine: Machine;
  config: BenchConfig;
  facts: BenchFacts;
  runs: LoadRun[];
}): string[] {
  const { machine, config, facts, runs } = input;
  const redemptionSeconds = runs
    .filter((run) => run.scenario === SCENARIO.redemption)
    .map((run) => `${run.durationSeconds.toFixed(1)} s`)
    .join(', ');
  return [
    ...(facts.adapterSkipped === null ? [] : [`¹ Fastify / Express skipped: ${facts.adapterSkipped}`]),
    'Round trips per login, redemption and refusal are counted at the wire by the query-budget test ' +
      '(apps/gateway/test/query-budget.int-spec.ts), not by this bench.',
    `Machine: ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node.js ${machine.node}, ` +
      `${machine.os}; PostgreSQL ${machine.postgres} (${config.database}, gateway pool ${config.databasePoolSize}); ` +
      `1-minute load average ${machine.loadAverage.atStart.toFixed(2)} at start, ` +
      `${machine.loadAverage.atEnd.toFixed(2)} at end.`,
    `Gateway: production build, LOG_LEVEL=warn, rate-limit store ${config.redis === null ? 'PostgreSQL (REDIS_URL unset)' : `Redis (${config.redis})`}, ` +
      `HTTP adapter ${config.httpAdapter === null ? 'the build’s default (SEATGATE_HTTP_ADAPTER not passed)' : config.httpAdapter}.`,
    `Load: autocannon, ${config.connections} connections, ${config.durationSeconds} s per run, sides ` +
      `alternating (A B A B), ${config.runsPerSide} runs each${config.short ? ' (a short development run)' : ''}. ` +
      `Not counted: a warm-up of ${config.warmupSeconds.freshGateway} s for each new gateway process and of ` +
      `${config.warmupSeconds.other} s for a bare route and after the bulk insert. Mean p50/p99 are means of ` +
      'the per-run percentiles. “failed” counts answers other than the success status (201, 200, or 302 ' +
      'for redemption) plus socket errors. All traffic on 127.0.0.1.',
    'CPU ms/req: user + system time from /proc/<pid>/stat from the start of a run until the requests ' +
      'autocannon abandoned at its end are done, divided by the requests served (answered or abandoned; a ' +
      'mean row: all its runs’ CPU over all their requests). “server” is ' +
      'the process under load (a gateway or a bare route); PostgreSQL is the sum over the postmaster’s children ' +
      `serving the bench database (${config.cpuSources.postgres ?? 'not on this machine: n/a'}), sampled every ` +
      '200 ms so that connections opened or closed during a run count; Redis is redis-server ' +
      `(${config.cpuSources.redis ?? 'not used'}). Every run reads the same processes, on both sides. ` +
      'Left out: PostgreSQL’s auxiliary processes (checkpointer, WAL writer: shared with other databases), ' +
      'the emulator (TCCC’s stand-in, the same for both sides) and autocannon, which share the bench process. ' +
      'On a shared server or Redis, other users’ work lands in these columns too (a bare route’s Redis ' +
      'column shows that floor).',
    `Accounts: each many-tenant row rotates over ${config.tenants} tenants × ${config.usersPerTenant} users ` +
      `(${int(config.seatMappings)} mappings), one app on its own Tencent Cloud account per tenant. The gateway ` +
      `holds itself to TCCC’s ${config.upstreamQuotaPerSecond} CreateSDKLoginToken calls/s per account, a ` +
      `ceiling of ${int(config.upstreamQuotaPerSecond * config.tencentCloudAccounts)} logins/s; the busiest ` +
      `account-second above shows how far below it the bench stayed. The emulator holds these accounts to ` +
      `TCCC’s ${config.upstreamQuotaPerSecond}/s too. The guide’s one account (its hard-coded SecretId, ` +
      `SdkAppId and seat) has its emulator quota raised to ${int(config.raisedQuotaPerSecond.emulator)}/s ` +
      '(PUT /__emulator/accounts/:secretId/quota, as Tencent raises a quota on request), so it is never refused.',
    `One tenant and one account: ${int(config.seatMappings)} users of one tenant mapped to the ` +
      `${int(config.seatMappings)} staff of one app on one Tencent Cloud account, every login in one audit ` +
      `chain and one upstream quota line. That account’s quota is raised for this row alone: ` +
      `${int(config.raisedQuotaPerSecond.emulator)}/s in the emulator, and the tenant’s upstreamQuotaPerSecond ` +
      `setting (${int(config.raisedQuotaPerSecond.gateway)}/s, its maximum) in the gateway. Both sides on the ` +
      'same gateway process.',
    `Redemption: GET /api/v1/tickets/:ticket (gateway) vs GET /tickets/:ticket (bare route), one request per ` +
      `ticket, 302 counted as success. Gateway runs spend ${int(config.redemptionTicketsPerRun.gateway)} ` +
      `tickets, bare runs ${int(config.redemptionTicketsPerRun.bare)} (each sized from a warm-up to last about ` +
      `${config.redemptionSeconds} s; the runs took ${redemptionSeconds}). The gateway’s tickets were issued ` +
      `beforehand (${facts.ticketPreIssueSeconds.toFixed(1)} s); the bare route’s were written into the same ` +
      'login_tickets table. The bare route (redeem-baseline.server.ts, its own process, Express, a pg pool of the ' +
      'gateway’s size) runs one named prepared UPDATE … RETURNING per request, the same atomic step as the ' +
      'gateway’s, and no origin check, audit, decryption or metrics.',
    'Guide’s bare route: the /loginTCCC route of Tencent’s guide (Express, hard-coded credentials, a new ccc ' +
      'Client per request, same SDK, same emulator) in its own process. Per request the gateway also verifies ' +
      'the business token, resolves tenant, app and seat, counts the limits and the upstream quota, decrypts ' +
      'the app credentials, stores a hashed single-use ticket with the encrypted SdkURL and writes a ' +
      'hash-chained audit event.',
    `Bulk mappings: +${int(config.bulkSeatMappings)} seat_mappings rows in another tenant’s app (INSERT … ` +
      `SELECT generate_series, then ANALYZE: ${facts.bulkInsertSeconds.toFixed(1)} s), measured last; the ratio ` +
      'is against the many-tenant gateway mean of the first scenario.',
    'Limits off: a second gateway process with SEATGATE_LOGIN_LIMITS=off on the same database (no per-user, ' +
      'per-tenant or per-IP counting; the upstream quota still applies).',
  ];
}

export function buildReport(input: {
  startedAt: Date;
  machine: Machine;
  config: BenchConfig;
  facts: BenchFacts;
  runs: LoadRun[];
}): BenchReport {
  const { runs } = input;
  const pairs: Array<[string, string]> = [];
  for (const run of runs)
    if (!pairs.some(([scenario, side]) => scenario === run.scenario && side === run.side))
      pairs.push([run.scenario, run.side]);
  const sides = pairs
    .map(([scenario, side]) => summarise(runs, scenario, side))
    .filter((summary): summary is SideSummary => summary !== null);
  const get = (scenario: string, side: string) =>
    sides.find((entry) => entry.scenario === scenario && entry.side === side) ?? null;
  const ratios = [
    ratio(
      SCENARIO.issuance,
      'gateway / guide',
      get(SCENARIO.issuance, SIDE.gateway),
      get(SCENARIO.issuance, SIDE.guide),
    ),
    ratio(
      SCENARIO.tenancy,
      'one / many',
      get(SCENARIO.tenancy, SIDE.oneTenant),
      get(SCENARIO.tenancy, SIDE.manyTenants),
    ),
    ratio(
      SCENARIO.redemption,
      'gateway / bare',
      get(SCENARIO.redemption, SIDE.gateway),
      get(SCENARIO.redemption, SIDE.bareRedeem),
    ),
    ratio(
      SCENARIO.limits,
      'off / on',
      get(SCENARIO.limits, SIDE.limitsOff),
      get(SCENARIO.limits, SIDE.limitsOn),
    ),
    ratio(
      SCENARIO.adapter,
      'Fastify / Express',
      get(SCENARIO.adapter, SIDE.fastify),
      get(SCENARIO.adapter, SIDE.express),
    ),
    ratio(SCENARIO.bulk, 'bulk / first', get(SCENARIO.bulk, SIDE.bulk), get(SCENARIO.issuance, SIDE.gateway)),
  ].filter((entry): entry is Ratio => entry !== null);
  const ratioOf = (scenario: string) => ratios.find((entry) => entry.scenario === scenario) ?? null;
  const goals = goalsOf({ config: input.config, facts: input.facts, get, ratioOf });

  const markdown = [
    `## Seatgate benchmark, ${input.startedAt.toISOString()}`,
    '',
    goalsTable(goals),
    '',
    runsTable(runs, sides, ratios),
    '',
    ...notes(input).map((note) => `- ${note}`),
    '',
  ].join('\n');
  return {
    startedAt: input.startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: input.machine,
    config: input.config,
    facts: input.facts,
    runs,
    sides,
    ratios,
    goals,
    markdown,
  };
}

/** Writes results/bench-<timestamp>.json and .md, and results/latest.md unless the run was short. */
export function writeReport(
  directory: string,
  report: BenchReport,
): { json: string; markdown: string; latest: string | null } {
  mkdirSync(directory, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  const json = join(directory, `bench-${stamp}.json`);
  const markdown = join(directory, `bench-${stamp}.md`);
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(markdown, report.markdown);
  const latest = report.config.short ? null : join(directory, 'latest.md');
  if (latest) writeFileSync(latest, report.markdown);
  return { json, markdown, latest };
}
