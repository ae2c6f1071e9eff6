// CPU time per process from /proc, for the bench's "CPU per request of every process": the
// process under load (gateway or a bare route), the PostgreSQL backends serving the bench database,
// and redis-server. Linux only; elsewhere (or for a server on another host) a source reads as null.
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';

/** USER_HZ, the unit of /proc/<pid>/stat times: 100 on every mainstream Linux. */
const CLOCK_TICKS_PER_SECOND = 100;
/** Backends may come and go during a run (a pool opening or idling a connection): sample often. */
const SAMPLE_EVERY_MS = 200;

interface Stat {
  comm: string;
  cpuMs: number;
}

function readStat(pid: number): Stat | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    // fields after "pid (comm) ": [0] is the state (field 3), utime and stime are fields 14 and 15
    const fields = stat.slice(close + 2).split(' ');
    return {
      comm: stat.slice(stat.indexOf('(') + 1, close),
      cpuMs: ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND,
    };
  } catch {
    return null;
  }
}

function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

/** A set of processes whose CPU time is summed; asked again at every sample. */
export interface CpuSource {
  /** what the report calls it, e.g. `PostgreSQL 15/main, backends of seatgate_e2e_…` */
  description: string;
  pids(): number[];
}

export function singleProcess(pid: number, description: string): CpuSource {
  return { description, pids: () => [pid] };
}

/**
 * The postmaster's children that serve `database` (their process title names it, as
 * `postgres: [cluster: ]user database host(port) state`), without the bench's own connection.
 * The checkpointer, WAL writer and other auxiliary processes serve every database of the server;
 * on a shared server they also do other people's work, so they are left out on both sides.
 */
export function postgresBackends(postmaster: number, database: string, excludePid: number): CpuSource {
  const children = () => {
    try {
      return readFileSync(`/proc/${postmaster}/task/${postmaster}/children`, 'utf8')
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .map(Number);
    } catch {
      return [];
    }
  };
  return {
    description: `PostgreSQL backends of ${database} (postmaster ${postmaster})`,
    pids: () =>
      children().filter((pid) => {
        if (pid === excludePid) return false;
        try {
          const title = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
          return title.split(/\s+/).includes(database);
        } catch {
          return false;
        }
      }),
  };
}

/**
 * The postmaster of the server a connection reached: the parent of its backend, if that backend
 * is a local `postgres` process (a server on another host, or in another pid namespace, is not).
 */
export function localPostmaster(backendPid: number): number | null {
  const backend = readStat(backendPid);
  if (!backend || backend.comm !== 'postgres') return null;
  const parent = parentOf(backendPid);
  return parent !== null && readStat(parent)?.comm === 'postgres' ? parent : null;
}

/** redis-server's pid from `INFO server`, if that process runs on this machine; else null. */
export async function localRedisServer(redisUrl: string): Promise<number | null> {
  const url = new URL(redisUrl);
  if (url.protocol !== 'redis:') return null;
  const command = (...parts: string[]) =>
    `*${parts.length}\r\n${parts.map((part) => `$${Buffer.byteLength(part)}\r\n${part}\r\n`).join('')}`;
  const password = decodeURIComponent(url.password);
  const auth = password
    ? url.username
      ? command('AUTH', decodeURIComponent(url.username), password)
      : command('AUTH', password)
    : '';
  const info = await new Promise<string>((resolve, reject) => {
    const socket = connect(Number(url.port || 6379), url.hostname);
    let text = '';
    socket.setTimeout(3_000, () => socket.destroy(new Error('redis INFO timed out')));
    socket.on('connect', () => socket.write(`${auth}${command('INFO', 'server')}`));
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (/process_id:\d+/.test(text) || text.startsWith('-')) socket.end();
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(text));
  });
  const match = /process_id:(\d+)/.exec(info);
  if (!match) return null;
  const pid = Number(match[1]);
  return readStat(pid)?.comm.startsWith('redis-server') ? pid : null;
}

/**
 * Sums, per source, the CPU its processes spent between start() and stop(). A process seen at the
 * start counts from its value then; one first seen later was born during the interval and counts
 * from zero. One that exits between two samples loses at most one sample interval of CPU.
 */
export class CpuMeter {
  private readonly seen: Array<Map<number, { first: number; last: number }>>;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly sources: readonly CpuSource[]) {
    this.seen = sources.map(() => new Map());
  }

  start(): void {
    this.sample(true);
    this.timer = setInterval(() => this.sample(false), SAMPLE_EVERY_MS);
  }

  /** CPU ms over the interval, per source in the order given (0 for a source with no process). */
  stop(): number[] {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.sample(false);
    return this.seen.map((pids) => {
      let total = 0;
      for (const { first, last } of pids.values()) total += last - first;
      return total;
    });
  }

  private sample(atStart: boolean): void {
    this.sources.forEach((source, index) => {
      const pids = this.seen[index]!;
      for (const pid of source.pids()) {
        const stat = readStat(pid);
        if (!stat) continue;
        const known = pids.get(pid);
        if (known) known.last = stat.cpuMs;
        else pids.set(pid, { first: atStart ? stat.cpuMs : 0, last: stat.cpuMs });
      }
    });
  }
}
