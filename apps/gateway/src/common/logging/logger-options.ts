// pino JSON logs with a request id on every line; credentials are redacted by path, and secrets
// that reach a log by value print as [redacted] (see Secret in @seatgate/crypto).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** The path only (query strings may carry cursors or tokens), without one-time tickets. */
export function redactUrl(url: string): string {
  return url.split('?')[0]!.replace(/\/api\/v1\/tickets\/[^/]+/, '/api/v1/tickets/[redacted]');
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
    serializers: {
      req: (req: { id: unknown; method: unknown; url: unknown; headers: Record<string, unknown> }) => ({
        id: req.id,
        method: req.method,
        // query strings may carry tickets or cursors: log the path only
        url: typeof req.url === 'string' ? redactUrl(req.url) : req.url,
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
