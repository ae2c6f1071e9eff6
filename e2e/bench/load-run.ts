// One autocannon run and what the report keeps of it. Every request goes through `setupRequest`,
// on both sides, so the load generator does the same work per request whoever it is aimed at.
import autocannon from 'autocannon';
import { CpuMeter, singleProcess, type CpuSource } from './process-cpu';

export interface LoadTarget {
  /** base URL of the process under load */
  url: string;
  method: 'GET' | 'POST';
  /** the n-th request of this run (0-based, over all connections): its path and headers */
  request: (n: number) => { path: string; headers?: Record<string, string> };
  body?: string;
  /** what a successful answer looks like for this scenario (201, 200, 302) */
  success: number;
  /** the process under load (gateway or bare route), whose CPU time the run records */
  pid: number | undefined;
}

/** The processes behind every target, measured in every run on both sides alike. */
export interface SharedCpuSources {
  /** the backends serving the bench database; null when the server is not on this machine */
  postgres: CpuSource | null;
  /** redis-server, when the gateways use REDIS_URL and it runs on this machine */
  redis: CpuSource | null;
}

/** CPU ms (user + system) per answer, per process, and their sum. */
export interface CpuPerRequest {
  server: number;
  postgres: number | null;
  redis: number | null;
  /** server + PostgreSQL + Redis: the whole machine's CPU for one answer, less the load generator and TCCC */
  total: number;
}

export interface LoadShape {
  connections: number;
  /** seconds; ignored when `amount` is set */
  duration?: number;
  /** a fixed number of requests (single-use URLs: one request per ticket) */
  amount?: number;
}

export interface LoadRun {
  scenario: string;
  side: string;
  run: number;
  connections: number;
  durationSeconds: number;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** answers with the scenario's success status */
  succeeded: number;
  /** answers outside 2xx (autocannon's non2xx: a 302 counts here too) */
  non2xx: number;
  /** answers other than the success status, plus socket errors and timeouts */
  failed: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** requests the server had to serve: the answers, plus those autocannon abandoned at the end */
  served: number;
  /**
   * CPU time per answer of each process serving it: unlike req/s, barely moved by other work on
   * the machine. The emulator (TCCC's stand-in) and autocannon are not included. null off Linux.
   */
  cpu: CpuPerRequest | null;
  /** the CPU ms behind `cpu`, over the whole run, for means weighted by answers */
  cpuMs: { server: number; postgres: number | null; redis: number | null } | null;
}

let active: autocannon.Instance | null = null;

/** Ends the run in progress (Ctrl-C), if any. */
export function stopActiveLoad(): void {
  active?.stop();
}

export async function runLoad(
  labels: { scenario: string; side: string; run: number },
  target: LoadTarget,
  shape: LoadShape,
  shared: SharedCpuSources,
): Promise<LoadRun> {
  let sent = 0;
  // the run's own clock: autocannon's `duration` moves in whole seconds of its ticker, which turns a
  // fixed-size (amount) run of 1.3 s into 2 s
  const began = performance.now();
  let ended = began;
  const instance = autocannon({
    url: target.url,
    connections: shape.connections,
    ...(shape.amount === undefined ? { duration: shape.duration } : { amount: shape.amount }),
    timeout: 10,
    requests: [
      {
        method: target.method,
        ...(target.body === undefined
          ? {}
          : { body: target.body, headers: { 'content-type': 'application/json' } }),
        setupRequest: (request) => {
          const next = target.request(sent);
          sent += 1;
          return { ...request, path: next.path, headers: { ...request.headers, ...next.headers } };
        },
      },
    ],
  });
  active = instance;
  const server = target.pid === undefined ? null : singleProcess(target.pid, 'process under load');
  const sources = [server, shared.postgres, shared.redis].filter(
    (source): source is CpuSource => source !== null,
  );
  const meter = new CpuMeter(sources);
  meter.start();
  let result: autocannon.Result;
  let cpuMs: number[];
  try {
    result = await instance;
    ended = performance.now();
    active = null;
    // The requests autocannon abandoned at the end are still being served. Their work belongs to
    // this run (not to the next, which may be the other side's): the meter reads on until they are
    // done, and the CPU is divided by every request served, answered or abandoned.
    await settle([server, shared.postgres].filter((source): source is CpuSource => source !== null));
  } finally {
    active = null;
    cpuMs = meter.stop();
  }
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats).map(([status, { count }]) => [status, count]),
  );
  const answered = Object.values(statusCodes).reduce((sum, count) => sum + count, 0);
  const succeeded = statusCodes[String(target.success)] ?? 0;
  const served = Math.max(answered, result.requests.sent);
  return {
    ...labels,
    connections: shape.connections,
    durationSeconds: Math.round(ended - began) / 1000,
    requests: answered,
    requestsPerSecond: answered / ((ended - began) / 1000),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    succeeded,
    non2xx: result.non2xx,
    failed: answered - succeeded + result.errors,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    served,
    cpu: server === null || served === 0 ? null : perRequestOf(sources, cpuMs, served, shared),
    cpuMs: server === null ? null : perRequestOf(sources, cpuMs, 1, shared),
  };
}

/** Quiet: under 10 ms of CPU in a 200 ms window (5 % of one core). */
const QUIET_CPU_MS = 10;
const QUIET_WINDOW_MS = 200;
const SETTLE_MAX_MS = 10_000;

/** Waits until `sources` are quiet, at most SETTLE_MAX_MS. */
async function settle(sources: CpuSource[]): Promise<void> {
  const deadline = Date.now() + SETTLE_MAX_MS;
  while (Date.now() < deadline) {
    const meter = new CpuMeter(sources);
    meter.start();
    await new Promise((resolve) => setTimeout(resolve, QUIET_WINDOW_MS));
    const busy = meter.stop().reduce((sum, value) => sum + value, 0);
    if (busy < QUIET_CPU_MS) return;
  }
}

/** `cpuMs` (per source, the process under load first) divided by `answered`, per process. */
function perRequestOf(
  sources: CpuSource[],
  cpuMs: number[],
  answered: number,
  shared: SharedCpuSources,
): CpuPerRequest {
  const of = (source: CpuSource | null) => {
    const index = source === null ? -1 : sources.indexOf(source);
    return index < 0 ? null : cpuMs[index]! / answered;
  };
  const server = cpuMs[0]! / answered;
  const postgres = of(shared.postgres);
  const redis = of(shared.redis);
  return { server, postgres, redis, total: server + (postgres ?? 0) + (redis ?? 0) };
}

export function describeRun(run: LoadRun): string {
  const codes = Object.entries(run.statusCodes)
    .map(([status, count]) => `${status}×${count}`)
    .join(' ');
  return (
    `${run.scenario} · ${run.side} #${run.run}: ${run.requestsPerSecond.toFixed(0)} req/s, ` +
    `p50 ${run.p50Ms} ms, p99 ${run.p99Ms} ms, ${run.requests} answers in ${run.durationSeconds} s [${codes}]` +
    (run.cpu === null
      ? ''
      : `, CPU ms/req ${run.cpu.total.toFixed(2)} (server ${run.cpu.server.toFixed(2)}` +
        (run.cpu.postgres === null ? '' : `, PostgreSQL ${run.cpu.postgres.toFixed(2)}`) +
        (run.cpu.redis === null ? '' : `, Redis ${run.cpu.redis.toFixed(2)}`) +
        ')') +
    (run.errors > 0 ? `, ${run.errors} socket errors (${run.timeouts} timeouts)` : '')
  );
}
