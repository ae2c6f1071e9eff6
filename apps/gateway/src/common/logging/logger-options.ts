// pino JSON logs with a request id on every line; credentials are redacted by path, and secrets
// that reach a log by value print as [redacted] (see Secret in @seatgate/crypto).
// A request's path is logged once, on its completion line, and built from the route it matched
// (Express matches case-insensitively and tolerates odd slashes, so no regex over the raw path can
// know what a ticket looks like to the router). Lines written while it runs carry its id only.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Route parameters that are credentials: a one-time ticket redeems a TCCC login. */
const SECRET_PARAMS = new Set(['ticket']);

interface RoutedRequest {
  baseUrl?: unknown;
  route?: { path?: unknown };
  params?: Record<string, unknown>;
}

/**
 * The path of the route the request matched, its parameters filled in except secret ones; the
 * raw path is never logged (query strings may carry cursors or tokens, unmatched paths anything).
 */
export function loggedPath(req: RoutedRequest): string {
  const pattern = req.route?.path;
  if (typeof pattern !== 'string') return '[no route]';
  const base = typeof req.baseUrl === 'string' ? req.baseUrl : '';
  return `${base}${pattern}`.replace(/:([A-Za-z0-9_]+)/g, (whole, name: string) => {
    if (SECRET_PARAMS.has(name)) return '[redacted]';
    const value = req.params?.[name];
    return typeof value === 'string' ? encodeURIComponent(value) : whole;
  });
}

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-seatgate-token"]',
  'res.headers["set-cookie"]',
  // a redemption's 302 points at TCCC's one-time SdkURL: usable by whoever reads it first
  'res.headers.location',
  '*.password',
  '*.secretKey',
  '*.secretId',
  '*.accessToken',
  '*.refreshToken',
  '*.secret',
  '*.token',
];

export function loggerParams(level: string, stream?: DestinationStream): Params {
  const options = {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    genReqId(req: IncomingMessage, res: ServerResponse) {
      const header = req.headers['x-request-id'];
      const id = typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    autoLogging: { ignore: (req: IncomingMessage) => (req.url ?? '').startsWith('/health/') },
    // the request is serialized when it completes (its route known then), not when it arrives
    quietReqLogger: true,
    quietResLogger: true,
    customSuccessObject: (req: IncomingMessage, _res: ServerResponse, value: object) => ({ ...value, req }),
    customErrorObject: (req: IncomingMessage, _res: ServerResponse, _error: Error, value: object) => ({
      ...value,
      req,
    }),
    serializers: {
      req: (req: {
        id: unknown;
        method: unknown;
        headers: Record<string, unknown>;
        raw?: RoutedRequest;
      }) => ({
        id: req.id,
        method: req.method,
        url: loggedPath(req.raw ?? {}),
        headers: {
          'user-agent': req.headers['user-agent'],
          authorization: req.headers.authorization,
          cookie: req.headers.cookie,
        },
      }),
    },
  };
  return { pinoHttp: stream ? [options, stream] : options };
}
