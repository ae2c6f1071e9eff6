// Turns the runs into the one Markdown table (stdout and results/bench-<timestamp>.md) and the
// JSON record (results/bench-<timestamp>.json) of a benchmark.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadRun } from './load-run';

export const SCENARIO = {
  issuance: 'Issuance, 1 k mappings',
  redemption: 'Redemption',
  issuance1m: 'Issuance, 1 M mappings',
  limits: 'Issuance, limits on vs off',
} as const;

export const SIDE = {
  gateway: 'gateway',
  baseline: 'baseline (guide)',
  limitsOn: 'gateway, limits on',
  limitsOff: 'gateway, limits off',
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
  /** not counted: a new gateway process, and the baseline or a scenario change */
  warmupSeconds: { freshGateway: number; other: number };
  runsPerSide: number;
  tenants: number;
  usersPerTenant: number;
  tencentCloudAccounts: number;
  upstreamCeilingPerSecond: number;
  seatMappings1k: number;
  bulkSeatMappings: number;
  /** redemption runs are sized (in tickets) to last about this long */
  redemptionSeconds: number;
  redemptionTicketsPerRun: number;
  database: 'embedded' | 'external';
}

export interface BenchFacts {
  /** the most CreateSDKLoginToken calls one bench account made in one second, over the whole bench */
  busiestAccountSecond: number;
  bulkInsertSeconds: number;
  ticketPreIssueSeconds: number;
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
  cpuMsPerRequest: number | null;
  /** non-2xx answers; for redemption, answers other than 302 */
  failed: number;
}

export interface Ratio {
  scenario: string;
  label: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  cpuPerRequest: number | null;
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
  markdown: string;
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/** What the table counts as failed: non-2xx, except for redemption, where a 302 is the success. */
const failedOf = (run: LoadRun) =>
  run.scenario === SCENARIO.redemption ? run.failed : run.non2xx + run.errors;

function summarise(runs: LoadRun[], scenario: string, side: string): SideSummary | null {
  const mine = runs.filter((run) => run.scenario === scenario && run.side === side);
  if (mine.length === 0) return null;
  const cpu = mine.map((run) => run.cpuMsPerRequest).filter((value): value is number => value !== null);
  return {
    scenario,
    side,
    runs: mine.length,
    requestsPerSecond: mean(mine.map((run) => run.requestsPerSecond)),
    p50Ms: mean(mine.map((run) => run.p50Ms)),
    p99Ms: mean(mine.map((run) => run.p99Ms)),
    cpuMsPerRequest: cpu.length === mine.length ? mean(cpu) : null,
    failed: mine.reduce((sum, run) => sum + failedOf(run), 0),
  };
}

function ratio(scenario: string, label: string, over: SideSummary | null, under: SideSummary | null) {
  if (!over || !under) return null;
  return {
    scenario,
    label,
    requestsPerSecond: over.requestsPerSecond / under.requestsPerSecond,
    p50: over.p50Ms / under.p50Ms,
    p99: over.p99Ms / under.p99Ms,
    cpuPerRequest:
      over.cpuMsPerRequest === null || under.cpuMsPerRequest === null
        ? null
        : over.cpuMsPerRequest / under.cpuMsPerRequest,
  };
}

const int = (value: number) => Math.round(value).toLocaleString('en-US');
const ms = (value: number) => (value >= 10 ? value.toFixed(0) : value.toFixed(1));
const cpuMs = (value: number | null) => (value === null ? 'n/a' : value.toFixed(2));
const times = (value: number | null) => (value === null ? 'n/a' : `${value.toFixed(2)}×`);
/** table labels with the footnote markers of the notes below the table */
const shown = (label: string) =>
  label === SIDE.baseline ? `${label}¹` : label === SCENARIO.redemption ? `${label}²` : label;

function table(runs: LoadRun[], sides: Map<string, SideSummary>, ratios: Ratio[]): string {
  const lines = [
    '| Scenario | Side | Run | req/s | p50 ms | p99 ms | CPU ms/req⁴ | non-2xx (redemption: non-302) |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  const runRow = (run: LoadRun) =>
    lines.push(
      `| ${shown(run.scenario)} | ${shown(run.side)} | ${run.run} | ${int(run.requestsPerSecond)} | ` +
        `${ms(run.p50Ms)} | ${ms(run.p99Ms)} | ${cpuMs(run.cpuMsPerRequest)} | ${int(failedOf(run))} |`,
    );
  const meanRow = (scenario: string, side: string) => {
    const summary = sides.get(`${scenario}/${side}`);
    if (!summary) return;
    lines.push(
      `| ${shown(scenario)} | **${shown(side)}** | **mean of ${summary.runs}** | ` +
        `**${int(summary.requestsPerSecond)}** | **${ms(summary.p50Ms)}** | **${ms(summary.p99Ms)}** | ` +
        `**${cpuMs(summary.cpuMsPerRequest)}** | ${int(summary.failed)} |`,
    );
  };
  const ratioRows = (scenario: string) => {
    for (const entry of ratios.filter((candidate) => candidate.scenario === scenario))
      lines.push(
        `| ${shown(scenario)} | ratio ${entry.label} | | ${times(entry.requestsPerSecond)} | ` +
          `${times(entry.p50)} | ${times(entry.p99)} | ${times(entry.cpuPerRequest)} | |`,
      );
  };
  const section = (scenario: string, sideNames: string[]) => {
    for (const run of runs.filter((entry) => entry.scenario === scenario)) runRow(run);
    for (const side of sideNames) meanRow(scenario, side);
    if (scenario === SCENARIO.redemption)
      lines.push(`| ${shown(scenario)} | ${shown(SIDE.baseline)} | n/a³ | n/a | n/a | n/a | n/a | n/a |`);
    ratioRows(scenario);
  };
  section(SCENARIO.issuance, [SIDE.gateway, SIDE.baseline]);
  section(SCENARIO.redemption, [SIDE.gateway]);
  section(SCENARIO.issuance1m, [SIDE.gateway]);
  section(SCENARIO.limits, [SIDE.limitsOn, SIDE.limitsOff]);
  return lines.join('\n');
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
    `Machine: ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node.js ${machine.node}, ` +
      `${machine.os}; PostgreSQL ${machine.postgres} (${config.database}); 1-minute load average ` +
      `${machine.loadAverage.atStart.toFixed(2)} at start, ${machine.loadAverage.atEnd.toFixed(2)} at end.`,
    `Load: autocannon, ${config.connections} connections, ${config.durationSeconds} s per run, sides ` +
      `alternating (A B A B). Not counted: a warm-up of ${config.warmupSeconds.freshGateway} s for each new ` +
      `gateway process and of ${config.warmupSeconds.other} s for the baseline and after the bulk insert. ` +
      'Mean p50/p99 are means of the per-run percentiles. The last column also counts socket errors and ' +
      'timeouts. All traffic on 127.0.0.1; the emulator runs inside the load generator process.',
    `Gateway: production build, one process, LOG_LEVEL=warn; ${config.tenants} tenants, each with its own app ` +
      `under its own Tencent Cloud account and ${config.usersPerTenant} mapped users ` +
      `(${int(config.seatMappings1k)} mappings); requests rotate over every user's pre-minted HS256 token. ` +
      `The gateway's upstream quota allows 20 calls/s × ${config.tencentCloudAccounts} accounts = ` +
      `${int(config.upstreamCeilingPerSecond)}/s; the busiest account-second of the whole bench had ` +
      `${facts.busiestAccountSecond} CreateSDKLoginToken calls.`,
    '¹ Baseline: the /loginTCCC route of Tencent\u2019s guide (Express, hard-coded credentials, a new ccc ' +
      'Client per request, same SDK, same emulator) in its own process, answering TCCC\u2019s SdkURL. Per ' +
      'request the gateway also verifies the business token, resolves tenant, app and seat, counts the ' +
      'limits and the upstream quota, decrypts the app credentials, stores a hashed single-use ticket with ' +
      'the encrypted SdkURL and writes a hash-chained audit event before answering.',
    `² Redemption: GET /api/v1/tickets/:ticket, one request per ticket, 302 counted as success. Each run ` +
      `spends ${int(config.redemptionTicketsPerRun)} tickets (sized from a warm-up to last about ` +
      `${config.redemptionSeconds} s; the runs took ${redemptionSeconds}), all issued beforehand ` +
      `(${facts.ticketPreIssueSeconds.toFixed(1)} s).`,
    '³ n/a: the guide has no redemption step; the browser loads the SdkURL from TCCC directly.',
    '⁴ CPU time (user + system) of the process under load per answer, from /proc: the gateway or the ' +
      'baseline process only, without PostgreSQL and the emulator. Less sensitive than req/s to other work ' +
      'on the machine.',
    `1 M: ${int(config.bulkSeatMappings)} extra seat_mappings rows in another tenant's app (INSERT … SELECT ` +
      `generate_series, then ANALYZE: ${facts.bulkInsertSeconds.toFixed(1)} s); the ratio is against the ` +
      '1 k gateway mean.',
    'Limits off: a second gateway process with SEATGATE_LOGIN_LIMITS=off on the same database (no ' +
      'per-user, per-tenant or per-IP counting; the upstream quota still applies).',
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
  const pairs: Array<[string, string]> = [
    [SCENARIO.issuance, SIDE.gateway],
    [SCENARIO.issuance, SIDE.baseline],
    [SCENARIO.redemption, SIDE.gateway],
    [SCENARIO.issuance1m, SIDE.gateway],
    [SCENARIO.limits, SIDE.limitsOn],
    [SCENARIO.limits, SIDE.limitsOff],
  ];
  const sides = new Map<string, SideSummary>();
  for (const [scenario, side] of pairs) {
    const summary = summarise(runs, scenario, side);
    if (summary) sides.set(`${scenario}/${side}`, summary);
  }
  const get = (scenario: string, side: string) => sides.get(`${scenario}/${side}`) ?? null;
  const ratios = [
    ratio(
      SCENARIO.issuance,
      'gateway / baseline',
      get(SCENARIO.issuance, SIDE.gateway),
      get(SCENARIO.issuance, SIDE.baseline),
    ),
    ratio(
      SCENARIO.issuance1m,
      '1 M / 1 k',
      get(SCENARIO.issuance1m, SIDE.gateway),
      get(SCENARIO.issuance, SIDE.gateway),
    ),
    ratio(
      SCENARIO.limits,
      'off / on',
      get(SCENARIO.limits, SIDE.limitsOff),
      get(SCENARIO.limits, SIDE.limitsOn),
    ),
  ].filter((entry): entry is Ratio => entry !== null);

  const markdown = [
    `## Seatgate benchmark, ${input.startedAt.toISOString()}`,
    '',
    table(runs, sides, ratios),
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
    sides: [...sides.values()],
    ratios,
    markdown,
  };
}

/** Writes results/bench-<timestamp>.json and .md; returns their paths. */
export function writeReport(directory: string, report: BenchReport): { json: string; markdown: string } {
  mkdirSync(directory, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  const json = join(directory, `bench-${stamp}.json`);
  const markdown = join(directory, `bench-${stamp}.md`);
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(markdown, report.markdown);
  return { json, markdown };
}
