// Routes answered by Node's request listener before Express sees the request: the business login's
// two hot routes (login-http.ts). A login costs about a millisecond of CPU, and Express's router,
// body parser and response helpers were a fifth of it. Each hot route runs the same steps as an
// Express route, in the same order, with the same code where it exists:
//   request scope (last resort) → drain and in-flight count → metrics → client IP (the app's
//   trust-proxy rule) → request log and id → security headers → JSON body → handler → answer,
//   or the exception filter's answer.
// Only a request in the route's plain shape takes this way: exact path, no query, a JSON body that
// is UTF-8 and not compressed. Anything else (a HEAD, a query string, odd case or slashes, a
// charset or Content-Encoding, a preflight) falls through to Express, where the same route is
// mounted with the same handler (expressRoute), so no behaviour depends on which way a request took.
import type { NextFunction, Request, Response } from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import encodeUrl from 'encodeurl';
import proxyaddr from 'proxy-addr';
import { storage, Store } from 'nestjs-pino/storage';
import { DomainError } from '../errors/domain.error';
import type { AllExceptionsFilter } from '../filters/all-exceptions.filter';
import { requestScopeMiddleware } from '../lifecycle/last-resort';
import type { RequestLifecycle } from '../lifecycle/request-lifecycle';
import type { MetricsService } from '../../modules/metrics/metrics.service';
import { sendJson, setHeaders } from './send';

/** What a hot route's handler reads: the fields Express would have set (pino-http declares id and log). */
export interface HotRequest extends IncomingMessage {
  ip?: string;
  body?: unknown;
  params: Record<string, string>;
  route: { path: string };
  baseUrl: string;
}

export type HotAnswer =
  | { status: number; headers?: Record<string, string>; json: unknown }
  | { status: 302; headers?: Record<string, string>; location: string };

export interface HotRoute {
  method: 'GET' | 'POST';
  /** the route's pattern, as Express, the metrics and the request log name it */
  pattern: string;
  /** its parameters when `url` is this route in its plain shape, else null */
  match(url: string): Record<string, string> | null;
  /** reads a JSON body before the handler */
  json: boolean;
  /** may set headers early (CORS: error answers carry them too); returns the answer or throws */
  handle(req: HotRequest, res: ServerResponse): Promise<HotAnswer>;
}

export interface HotRouteSteps {
  lifecycle: RequestLifecycle;
  metrics: MetricsService;
  filter: AllExceptionsFilter;
  /** pino-http's middleware: request id, X-Request-Id, the completion line */
  requestLog: (req: IncomingMessage, res: ServerResponse) => void;
  /** the security headers of every answer (helmet's, read once) */
  headers: readonly (readonly [string, string])[];
  /** the app's compiled trust-proxy rule (Express's 'trust proxy fn') */
  trustProxy: (address: string, hop: number) => boolean;
  body: { limitBytes: number; limit: string };
}

export function writeAnswer(res: ServerResponse, answer: HotAnswer): void {
  if (answer.headers) setHeaders(res, answer.headers);
  if ('location' in answer) {
    res.statusCode = answer.status;
    res.setHeader('Location', encodeUrl(answer.location));
    res.setHeader('Content-Length', 0);
    res.end();
    return;
  }
  sendJson(res, answer.status, answer.json);
}

/** The same route for Express, for requests not in the plain shape (after Express's middleware). */
export function expressRoute(route: HotRoute) {
  return (req: Request, res: Response, next: NextFunction): void => {
    route.handle(req as unknown as HotRequest, res).then((answer) => writeAnswer(res, answer), next);
  };
}

const JSON_TYPE = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/** A body body-parser would read as UTF-8 JSON, with nothing for it to decode first. */
function plainJsonBody(req: IncomingMessage): boolean {
  const type = req.headers['content-type'];
  const encoding = req.headers['content-encoding'];
  return typeof type === 'string' && JSON_TYPE.test(type) && (!encoding || encoding === 'identity');
}

/** The request listener's first say: true when it answers the request, false to hand it to Express. */
export function hotRoutes(routes: readonly HotRoute[], steps: HotRouteSteps) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const url = req.url ?? '';
    for (const route of routes) {
      if (req.method !== route.method) continue;
      const params = route.match(url);
      if (!params || (route.json && !plainJsonBody(req))) continue;
      requestScopeMiddleware(req, res, () =>
        steps.lifecycle.middleware(req, res, () => serve(route, params, req, res, steps)),
      );
      return true;
    }
    return false;
  };
}

function serve(
  route: HotRoute,
  params: Record<string, string>,
  incoming: IncomingMessage,
  res: ServerResponse,
  steps: HotRouteSteps,
): void {
  const started = performance.now();
  res.once('finish', () =>
    steps.metrics.httpRequest(
      route.method,
      route.pattern,
      res.statusCode,
      (performance.now() - started) / 1000,
    ),
  );
  const req = incoming as HotRequest;
  req.params = params;
  req.route = { path: route.pattern };
  req.baseUrl = '';
  req.ip = proxyaddr(req, steps.trustProxy);
  steps.requestLog(req, res);
  // as nestjs-pino's own middleware does: log lines written while the request runs carry its id
  storage.run(new Store(req.log), () => {
    for (const [name, value] of steps.headers) res.setHeader(name, value);
    const body = route.json ? readJson(req, steps.body) : Promise.resolve(undefined);
    body
      .then((parsed) => {
        req.body = parsed;
        return route.handle(req, res);
      })
      .then(
        (answer) => writeAnswer(res, answer),
        (error: unknown) => steps.filter.answer(error, req, res),
      );
  });
}

const FIRST_CHAR = /^[\x20\x09\x0a\x0d]*([^\x20\x09\x0a\x0d])/;

/** body-parser's json(): the limit, strict (an object or array), {} when empty, a BOM ignored. */
export function readJson(
  req: IncomingMessage,
  limit: { limitBytes: number; limit: string },
): Promise<unknown> {
  const tooLarge = () =>
    new DomainError('payload_too_large', `the request body is larger than ${limit.limit}`);
  const declared = Number(req.headers['content-length'] ?? 0);
  return new Promise((resolve, reject) => {
    if (declared > limit.limitBytes) {
      req.resume();
      return reject(tooLarge());
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      chunks.length = 0;
      req.resume();
      reject(error);
    };
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit.limitBytes) return fail(tooLarge());
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (settled) return;
      settled = true;
      let text = Buffer.concat(chunks, size).toString('utf8');
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      if (text.length === 0) return resolve({});
      const first = FIRST_CHAR.exec(text)?.[1];
      if (first !== '{' && first !== '[') return reject(invalidJson());
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(invalidJson());
      }
    });
    // a client that goes away mid-body: nobody reads the answer, but the request must end
    req.on('error', () => fail(Object.assign(new Error('request aborted'), { status: 400 })));
    req.on('close', () => {
      if (!req.complete) fail(Object.assign(new Error('request aborted'), { status: 400 }));
    });
  });
}

function invalidJson(): DomainError {
  return new DomainError('invalid_json', 'the request body is not valid JSON');
}
