// One autocannon run and what the report keeps of it. Every request goes through `setupRequest`,
// on both sides, so the load generator does the same work per request whoever it is aimed at.
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';

export interface LoadTarget {
  /** base URL of the process under load */
  url: string;
  method: 'GET' | 'POST';
  /** the n-th request of this run (0-based, over all connections): its path and headers */
  request: (n: number) => { path: string; headers?: Record<string, string> };
  body?: string;
  /** what a successful answer looks like for this scenario (201, 200, 302) */
  success: number;
  /** the process under load, whose CPU time the run records */
  pid?: number;
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
  /**
   * CPU time (user + system) the process under load spent per answer: unlike req/s, barely moved
   * by other work on the machine. PostgreSQL and the emulator are not included. null off Linux.
   */
  cpuMsPerRequest: number | null;
}

/** USER_HZ, the unit of /proc/<pid>/stat times: 100 on every mainstream Linux. */
const CLOCK_TICKS_PER_SECOND = 100;

function processCpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // fields after "pid (comm) ": [0] is the state (field 3), utime and stime are fields 14 and 15
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
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
): Promise<LoadRun> {
  let sent = 0;
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
  const cpuBefore = processCpuMs(target.pid);
  let result: autocannon.Result;
  try {
    result = await instance;
  } finally {
    active = null;
  }
  const cpuAfter = processCpuMs(target.pid);
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats).map(([status, { count }]) => [status, count]),
  );
  const answered = Object.values(statusCodes).reduce((sum, count) => sum + count, 0);
  const succeeded = statusCodes[String(target.success)] ?? 0;
  return {
    ...labels,
    connections: shape.connections,
    durationSeconds: result.duration,
    requests: answered,
    requestsPerSecond: answered / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    succeeded,
    non2xx: result.non2xx,
    failed: answered - succeeded + result.errors,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    cpuMsPerRequest:
      cpuBefore === null || cpuAfter === null || answered === 0 ? null : (cpuAfter - cpuBefore) / answered,
  };
}

export function describeRun(run: LoadRun): string {
  const codes = Object.entries(run.statusCodes)
    .map(([status, count]) => `${status}×${count}`)
    .join(' ');
  return (
    `${run.scenario} · ${run.side} #${run.run}: ${run.requestsPerSecond.toFixed(0)} req/s, ` +
    `p50 ${run.p50Ms} ms, p99 ${run.p99Ms} ms, ${run.requests} answers in ${run.durationSeconds} s [${codes}]` +
    (run.cpuMsPerRequest === null ? '' : `, ${run.cpuMsPerRequest.toFixed(2)} CPU ms/req`) +
    (run.errors > 0 ? `, ${run.errors} socket errors (${run.timeouts} timeouts)` : '')
  );
}
