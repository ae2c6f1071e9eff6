import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { pinoHttp, type Options } from 'pino-http';
import { lazyChildren } from './lazy-children';
import { loggerParams } from './logger-options';

function memory() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) if (line) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, stream };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('lazyChildren', () => {
  it('makes no child for calls at levels the logger does not write, and the real one on first line', async () => {
    const { lines, stream } = memory();
    const made = { count: 0 };
    const logger = lazyChildren(pino({ level: 'warn', onChild: () => (made.count += 1) }, stream));
    const child = logger.child({ reqId: 'r1' }).child({ step: 'two' });
    child.info('not written');
    child.debug('not written');
    expect(made.count).toBe(0);
    expect(child.isLevelEnabled('info')).toBe(false);

    child.warn({ n: 1 }, 'written');
    await flush();
    expect(made.count).toBe(2);
    expect(lines).toEqual([expect.objectContaining({ reqId: 'r1', step: 'two', n: 1, msg: 'written' })]);
  });

  it('follows a child given its own level', async () => {
    const { lines, stream } = memory();
    const child = lazyChildren(pino({ level: 'warn' }, stream)).child({ a: 1 }, { level: 'debug' });
    child.debug('written');
    child.child({ b: 2 }).info('also written');
    await flush();
    expect(lines.map((line) => line.msg)).toEqual(['written', 'also written']);
    expect(lines[1]).toMatchObject({ a: 1, b: 2 });
  });

  it('gives pino-http the same lines, with the same redaction, as a plain logger', async () => {
    const answer = (log: (req: IncomingMessage, res: ServerResponse) => void, status: number) => {
      const req = Object.assign(new EventEmitter(), {
        method: 'GET',
        url: '/api/v1/tickets/secret-ticket',
        headers: { authorization: 'Bearer abc', 'user-agent': 'jest' },
        socket: {},
        route: { path: '/api/v1/tickets/:ticket' },
        baseUrl: '',
        params: { ticket: 'secret-ticket' },
      }) as unknown as IncomingMessage;
      const headers: Record<string, string> = { location: 'https://tccc.example/sdk?token=secret' };
      const res = Object.assign(new EventEmitter(), {
        statusCode: status,
        setHeader: (name: string, value: string) => (headers[name.toLowerCase()] = value),
        getHeaders: () => headers,
      }) as unknown as ServerResponse;
      log(req, res);
      req.log.info('inside the request');
      res.emit('finish');
    };
    const written = async (lazy: boolean) => {
      const { lines, stream } = memory();
      const [options] = loggerParams('info', stream).pinoHttp as [Options];
      const log = pinoHttp(
        lazy ? { ...options, logger: lazyChildren(pino(options, stream)) } : options,
        stream,
      );
      answer(log, 302);
      answer(log, 503);
      await flush();
      // what differs between two runs: times, request ids, stacks
      return JSON.parse(
        JSON.stringify(lines)
          .replace(/"(time|responseTime)":\d+/g, '"$1":0')
          .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'id')
          .replace(/"stack":"[^"]*"/g, '"stack":""'),
      ) as unknown;
    };
    const plain = await written(false);
    expect(plain).toHaveLength(4);
    expect(JSON.stringify(plain)).not.toMatch(/secret|Bearer abc/);
    expect(await written(true)).toEqual(plain);
  });
});
