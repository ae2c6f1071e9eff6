import express, { type Request, type Response } from 'express';
import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { UnexpectedErrorSource } from '../../modules/metrics/metrics.service';
import {
  handleEscapedError,
  installLastResort,
  requestScopeMiddleware,
  type LastResortSinks,
} from './last-resort';

function recordingSinks() {
  const logged: { err: unknown; requestId: string | null; source: UnexpectedErrorSource }[] = [];
  const counted: UnexpectedErrorSource[] = [];
  const sinks: LastResortSinks = {
    log: (entry) => logged.push(entry),
    count: (source) => counted.push(source),
  };
  return { sinks, logged, counted };
}

/** A server whose one route loses an error the way a missed stream handler does. */
async function serve(
  route: (req: Request, res: Response, escape: (error: Error) => void) => void,
  sinks: LastResortSinks,
) {
  const app = express();
  app.use((req, _res, next) => {
    (req as Request & { id?: string }).id = String(req.headers['x-request-id']);
    next();
  });
  app.use(requestScopeMiddleware);
  app.get('/', (req, res) =>
    route(req, res, (error) =>
      // stands in for the process-level handler, called in the async context the error escaped from
      setImmediate(() => handleEscapedError(error, 'uncaught_exception', sinks)),
    ),
  );
  const server = app.listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

describe('last resort for errors that escape every handler', () => {
  it('logs the error with its request id, counts it, and answers that request with a 500', async () => {
    const { sinks, logged, counted } = recordingSinks();
    const { server, url } = await serve(
      (_req, _res, escape) => escape(new Error('lost stream error')),
      sinks,
    );
    try {
      const response = await fetch(url, { headers: { 'x-request-id': 'req-42' } });
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({
        code: 'internal_error',
        message: 'internal error',
        requestId: 'req-42',
      });
      expect(logged).toEqual([
        {
          err: expect.objectContaining({ message: 'lost stream error' }),
          requestId: 'req-42',
          source: 'uncaught_exception',
        },
      ]);
      expect(counted).toEqual(['uncaught_exception']);
    } finally {
      server.close();
    }
  });

  it('breaks a response already under way instead of letting it look complete', async () => {
    const { sinks, counted } = recordingSinks();
    const { server, url } = await serve((_req, res, escape) => {
      res.status(200).setHeader('Content-Type', 'text/csv');
      res.write('a,b\n');
      escape(new Error('midway'));
    }, sinks);
    try {
      const response = await fetch(url, { headers: { 'x-request-id': 'req-43' } });
      expect(response.status).toBe(200);
      await expect(response.text()).rejects.toThrow();
      expect(counted).toEqual(['uncaught_exception']);
    } finally {
      server.close();
    }
  });

  it('an error outside any request is logged and counted without a request id', () => {
    const { sinks, logged, counted } = recordingSinks();
    handleEscapedError(new Error('timer'), 'unhandled_rejection', sinks);
    expect(logged).toEqual([expect.objectContaining({ requestId: null, source: 'unhandled_rejection' })]);
    expect(counted).toEqual(['unhandled_rejection']);
  });

  it('installs handlers for uncaught exceptions and unhandled rejections, and removes them', () => {
    const { sinks, counted } = recordingSinks();
    const before = {
      exception: process.listeners('uncaughtException').length,
      rejection: process.listeners('unhandledRejection').length,
    };
    const uninstall = installLastResort(sinks);
    try {
      const onException = process.listeners('uncaughtException').at(-1)!;
      const onRejection = process.listeners('unhandledRejection').at(-1)!;
      // an 'error' event with no listener is what the CSV exports used to throw
      const lost = (() => {
        try {
          new EventEmitter().emit('error', new Error('no listener'));
        } catch (error) {
          return error;
        }
        return null;
      })();
      onException(lost as Error, 'uncaughtException');
      onRejection(new Error('not awaited'), Promise.resolve());
      expect(counted).toEqual(['uncaught_exception', 'unhandled_rejection']);
    } finally {
      uninstall();
    }
    expect(process.listeners('uncaughtException')).toHaveLength(before.exception);
    expect(process.listeners('unhandledRejection')).toHaveLength(before.rejection);
  });
});
