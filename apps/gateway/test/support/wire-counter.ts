// Counting proxies for the query-budget tests: TCP relays between the gateway and PostgreSQL or
// Redis that count what crosses the wire, so that a budget cannot drift from what the code does.
// PostgreSQL: a round trip is a message the client then waits on — a simple Query ('Q') or the
// Sync ('S') that ends an extended-protocol batch; statements are Parse ('P') and Query messages;
// executions are Execute ('E') and Query messages (a named prepared statement is parsed once per
// connection, then only executed).
// Redis: every command is one RESP array from the client.
import { createConnection, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

export interface WireCounts {
  roundTrips: number;
  /** statements parsed (PostgreSQL) or commands (Redis) */
  statements: number;
  /** statements executed (PostgreSQL; equal to statements for Redis) */
  executions: number;
  /** the SQL (or Redis command names) seen, in order, for a failure message */
  seen: string[];
}

export interface WireCounter {
  /** the proxy's address, to use in place of the server's */
  port: number;
  /** counts since the last reset */
  counts(): WireCounts;
  reset(): void;
  close(): Promise<void>;
}

type Parser = (chunk: Buffer, counts: WireCounts) => void;

/**
 * Connections of the gateway's background work, told apart by their application_name: the job
 * queue's (pg-boss polls and maintains on a timer) and the presence poller's. Their statements
 * are not a request's, and counting them would make a budget depend on when a timer fired.
 */
const BACKGROUND_APPLICATIONS = new Set(['seatgate-jobs', 'seatgate-presence']);

/** The startup packet's parameters (after length and protocol version: name\0value\0 … \0). */
function startupParameters(packet: Buffer): Map<string, string> {
  const fields = packet.toString('utf8', 8).split('\0');
  const parameters = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length && fields[i]; i += 2) parameters.set(fields[i]!, fields[i + 1]!);
  return parameters;
}

/** PostgreSQL frontend messages: a startup packet without a type byte, then [type][int32 length][body]. */
function postgresParser(): Parser {
  let buffered = Buffer.alloc(0);
  let started = false;
  let background = false;
  return (chunk, counts) => {
    if (background) return;
    buffered = Buffer.concat([buffered, chunk]);
    while (true) {
      if (!started) {
        if (buffered.length < 4) return;
        const length = buffered.readInt32BE(0);
        if (buffered.length < length) return;
        const code = buffered.readInt32BE(4);
        const packet = buffered.subarray(0, length);
        buffered = buffered.subarray(length);
        // SSLRequest and GSSENCRequest are answered with one byte, and the startup packet follows
        if (code !== 80877103 && code !== 80877104) {
          started = true;
          const application = startupParameters(packet).get('application_name') ?? '';
          if (BACKGROUND_APPLICATIONS.has(application)) {
            background = true;
            return;
          }
        }
        continue;
      }
      if (buffered.length < 5) return;
      const type = String.fromCharCode(buffered[0]!);
      const length = buffered.readInt32BE(1);
      if (buffered.length < 1 + length) return;
      const body = buffered.subarray(5, 1 + length);
      buffered = buffered.subarray(1 + length);
      if (type === 'Q') {
        counts.roundTrips += 1;
        counts.statements += 1;
        counts.executions += 1;
        counts.seen.push(body.toString('utf8', 0, body.length - 1));
      } else if (type === 'P') {
        counts.statements += 1;
        const nameEnd = body.indexOf(0);
        const sqlEnd = body.indexOf(0, nameEnd + 1);
        counts.seen.push(body.toString('utf8', nameEnd + 1, sqlEnd) || '(prepared)');
      } else if (type === 'B') {
        const portalEnd = body.indexOf(0);
        const name = body.toString('utf8', portalEnd + 1, body.indexOf(0, portalEnd + 1));
        // a named statement parsed on an earlier request shows up only here
        if (name) counts.seen.push(`(prepared ${name})`);
      } else if (type === 'E') {
        counts.executions += 1;
      } else if (type === 'S') {
        counts.roundTrips += 1;
      }
    }
  };
}

/** RESP: each client command is an array (*N) of bulk strings ($len). */
function redisParser(): Parser {
  let buffered = Buffer.alloc(0);
  const line = (from: number): { text: string; next: number } | null => {
    const end = buffered.indexOf('\r\n', from);
    return end < 0 ? null : { text: buffered.toString('utf8', from, end), next: end + 2 };
  };
  return (chunk, counts) => {
    buffered = Buffer.concat([buffered, chunk]);
    while (buffered.length > 0) {
      const header = line(0);
      if (!header) return;
      if (!header.text.startsWith('*')) {
        // an inline command
        counts.roundTrips += 1;
        counts.seen.push(header.text.split(' ')[0]!.toUpperCase());
        buffered = buffered.subarray(header.next);
        continue;
      }
      let offset = header.next;
      const parts: string[] = [];
      for (let i = 0; i < Number(header.text.slice(1)); i += 1) {
        const size = line(offset);
        if (!size) return;
        const length = Number(size.text.slice(1));
        if (buffered.length < size.next + length + 2) return;
        parts.push(buffered.toString('utf8', size.next, size.next + length));
        offset = size.next + length + 2;
      }
      buffered = buffered.subarray(offset);
      counts.roundTrips += 1;
      counts.statements += 1;
      counts.executions += 1;
      counts.seen.push((parts[0] ?? '').toUpperCase());
    }
  };
}

async function startCounter(target: { host: string; port: number }, makeParser: () => Parser) {
  let counts: WireCounts = { roundTrips: 0, statements: 0, executions: 0, seen: [] };
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = createConnection(target);
    const parse = makeParser();
    sockets.add(client).add(upstream);
    client.on('data', (chunk: Buffer) => {
      parse(chunk, counts);
      upstream.write(chunk);
    });
    upstream.pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const counter: WireCounter = {
    port: (server.address() as AddressInfo).port,
    counts: () => ({ ...counts, seen: [...counts.seen] }),
    reset: () => {
      counts = { roundTrips: 0, statements: 0, executions: 0, seen: [] };
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return counter;
}

/** A counting proxy in front of the PostgreSQL of `url`; returns the proxy and the URL through it. */
export async function countPostgres(url: string): Promise<{ counter: WireCounter; url: string }> {
  const parsed = new URL(url);
  const counter = await startCounter(
    { host: parsed.hostname, port: Number(parsed.port || 5432) },
    postgresParser,
  );
  parsed.hostname = '127.0.0.1';
  parsed.port = String(counter.port);
  return { counter, url: parsed.toString() };
}

/** A counting proxy in front of the Redis of `url`. */
export async function countRedis(url: string): Promise<{ counter: WireCounter; url: string }> {
  const parsed = new URL(url);
  const counter = await startCounter(
    { host: parsed.hostname, port: Number(parsed.port || 6379) },
    redisParser,
  );
  parsed.hostname = '127.0.0.1';
  parsed.port = String(counter.port);
  return { counter, url: parsed.toString() };
}
