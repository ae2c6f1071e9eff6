// The last line of defence: an error that escapes every handler (an 'error' event nobody listened
// to, a promise nobody awaited) must not end the process and with it every tenant's logins. Each
// request runs in an async-local scope, so such an error is logged with the request id it came
// from, counted, and that one request is answered with a 500 (or its connection closed). The real
// fix is always a handler where the error arose; this only makes a missed one survivable.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorBody } from '@seatgate/contracts';
import type { UnexpectedErrorSource } from '../../modules/metrics/metrics.service';
import { sendJson } from '../http/send';

interface RequestScope {
  req: IncomingMessage & { id?: unknown };
  res: ServerResponse;
}

const requestScope = new AsyncLocalStorage<RequestScope>();

/** Runs the rest of the request inside its scope (app.factory installs it first; hot-routes.ts too). */
export function requestScopeMiddleware(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  requestScope.run({ req, res }, next);
}

export interface LastResortSinks {
  log(
    entry: { err: unknown; requestId: string | null; source: UnexpectedErrorSource },
    message: string,
  ): void;
  count(source: UnexpectedErrorSource): void;
}

/** What the process-level handlers do with an escaped error; exported for its unit test. */
export function handleEscapedError(
  error: unknown,
  source: UnexpectedErrorSource,
  sinks: LastResortSinks,
): void {
  const scope = requestScope.getStore();
  const requestId = scope ? String(scope.req.id ?? '') || null : null;
  sinks.log({ err: error, requestId, source }, 'an error escaped every handler; the process carries on');
  sinks.count(source);
  if (!scope || scope.res.writableEnded || scope.res.destroyed) return;
  if (scope.res.headersSent) {
    // a response already under way cannot be turned into an error: break it so it is not complete
    scope.res.destroy();
    return;
  }
  const body: ErrorBody = { code: 'internal_error', message: 'internal error', requestId: requestId ?? '' };
  sendJson(scope.res, 500, body);
}

/** Installs the process-level handlers; returns a function that removes them. */
export function installLastResort(sinks: LastResortSinks): () => void {
  const onException = (error: unknown) => handleEscapedError(error, 'uncaught_exception', sinks);
  const onRejection = (reason: unknown) => handleEscapedError(reason, 'unhandled_rejection', sinks);
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  return () => {
    process.off('uncaughtException', onException);
    process.off('unhandledRejection', onRejection);
  };
}
