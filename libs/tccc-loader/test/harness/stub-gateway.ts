// A stand-in for Seatgate and TCCC, just faithful enough to drive the loader in a real browser:
// the login API with CORS, one-time login URLs that 302 to the SDK, and a fake SDK on a third
// origin that defines `window.tccc` and emits `ready` or `tokenExpired`.
//
// What happens is chosen by the business token the page sends:
//   `ok` (or any other)  → a login whose SDK gets ready
//   `expire-once`        → the first login's SDK emits tokenExpired, later ones get ready
//   `always-expire`      → every login's SDK emits tokenExpired
//   `kicked`             → the SDK gets ready, then emits the emulator's kickedOut (ForceMemberOffline)
//   `signed-out`         → 403 seat_signed_out with the admin's reason in details
//   `tenant-refuses`     → a login whose answer carries the tenant's multi-tab policy `refuse`
//   `used-ticket`        → a login URL that was already spent (410 → script error)
//   `rate-limited`       → 429 rate_limited with Retry-After / RateLimit headers
//   `bad`                → 401 invalid_token
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StubLoginRequest {
  authorization: string | undefined;
  origin: string | undefined;
  body: string;
}

export interface StubGateway {
  /** Base URL to pass as `gateway`. */
  url: string;
  /** Origin of the fake TCCC SDK host. */
  sdkOrigin: string;
  /** Every POST /api/v1/login, in order (preflights excluded). */
  logins: StubLoginRequest[];
  /** The Origin header each SDK script request carried. */
  sdkRequestOrigins: Array<string | undefined>;
  close(): Promise<void>;
}

type SdkMode = 'ready' | 'expired' | 'kicked';

interface Ticket {
  mode: SdkMode;
  used: boolean;
  expiresAt: number;
}

const RETRY_AFTER_SECONDS = 30;
const TICKET_TTL_MS = 60_000;

async function listen(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ server: Server; origin: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const close = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** @param allowedOrigins page origins the gateway's CORS policy admits */
export async function startStubGateway(allowedOrigins: readonly string[]): Promise<StubGateway> {
  const tickets = new Map<string, Ticket>();
  const loginsByToken = new Map<string, number>();
  const logins: StubLoginRequest[] = [];
  const sdkRequestOrigins: Array<string | undefined> = [];

  const sdk = await listen((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stub');
    sdkRequestOrigins.push(req.headers.origin);
    if (url.pathname !== '/sdk.js') {
      res.writeHead(404).end();
      return;
    }
    const asked = url.searchParams.get('mode');
    const mode: SdkMode = asked === 'expired' || asked === 'kicked' ? asked : 'ready';
    // Like a CDN: any origin may load it with crossorigin="anonymous".
    res.writeHead(200, {
      'content-type': 'text/javascript; charset=utf-8',
      'access-control-allow-origin': '*',
      'cache-control': 'no-store',
    });
    res.end(fakeSdkSource(mode));
  });

  const ticketUrl = (base: string, mode: SdkMode, used = false) => {
    const id = randomBytes(12).toString('base64url');
    tickets.set(id, { mode, used, expiresAt: Date.now() + TICKET_TTL_MS });
    return { id, loginUrl: `${base}/api/v1/login/tickets/${id}` };
  };

  const gateway = await listen(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://stub');
    const origin = req.headers.origin;
    const cors: Record<string, string> = { vary: 'Origin' };
    if (origin && allowedOrigins.includes(origin)) {
      cors['access-control-allow-origin'] = origin;
      cors['access-control-expose-headers'] = 'Retry-After, RateLimit, RateLimit-Policy, X-Request-Id';
    }
    const requestId = randomBytes(6).toString('hex');
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, {
        ...cors,
        'content-type': 'application/json',
        'x-request-id': requestId,
        ...headers,
      });
      res.end(JSON.stringify(body));
    };
    const fail = (status: number, code: string, message: string, headers?: Record<string, string>) =>
      send(status, { code, message, requestId }, headers);

    // Preflight on every path, as a global CORS middleware (Nest's enableCors) answers it.
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        ...cors,
        'access-control-allow-methods': 'POST',
        'access-control-allow-headers': 'Authorization, Content-Type',
        'access-control-max-age': '600',
      });
      res.end();
      return;
    }

    if (req.method === 'POST' && url.pathname === '/api/v1/login') {
      const body = await readBody(req);
      const authorization = req.headers.authorization;
      logins.push({ authorization, origin, body });
      const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
      if (!token) return fail(401, 'invalid_token', 'missing bearer token');
      if (token === 'bad') return fail(401, 'invalid_token', 'token is not valid');
      if (token === 'rate-limited') {
        return fail(429, 'rate_limited', 'too many logins', {
          'retry-after': String(RETRY_AFTER_SECONDS),
          ratelimit: `"login";r=0;t=${RETRY_AFTER_SECONDS}`,
          'ratelimit-policy': '"login";q=10;w=60',
        });
      }
      if (token === 'signed-out') {
        return send(403, {
          code: 'seat_signed_out',
          message: 'an administrator signed this seat out',
          details: { reason: 'laptop lost' },
          requestId,
        });
      }
      const seen = (loginsByToken.get(token) ?? 0) + 1;
      loginsByToken.set(token, seen);
      const mode: SdkMode =
        token === 'always-expire' || (token === 'expire-once' && seen === 1)
          ? 'expired'
          : token === 'kicked'
            ? 'kicked'
            : 'ready';
      const { id, loginUrl } = ticketUrl(gateway.origin, mode, token === 'used-ticket');
      send(201, {
        loginUrl,
        expiresAt: new Date(tickets.get(id)?.expiresAt ?? 0).toISOString(),
        loginId: `login-${id}`,
        ...(token === 'tenant-refuses' ? { multiTab: 'refuse' } : {}),
      });
      return;
    }

    const ticketMatch = /^\/api\/v1\/login\/tickets\/([\w-]+)$/.exec(url.pathname);
    if (req.method === 'GET' && ticketMatch) {
      const ticket = tickets.get(ticketMatch[1]);
      if (!ticket) return fail(404, 'not_found', 'no such login');
      if (ticket.used) return fail(410, 'ticket_used', 'this login URL was already used');
      if (Date.now() >= ticket.expiresAt) return fail(410, 'ticket_expired', 'this login URL has expired');
      ticket.used = true;
      res.writeHead(302, {
        ...cors,
        location: `${sdk.origin}/sdk.js?mode=${ticket.mode}`,
        'cache-control': 'no-store',
      });
      res.end();
      return;
    }

    fail(404, 'not_found', `no route for ${req.method} ${url.pathname}`);
  });

  return {
    url: gateway.origin,
    sdkOrigin: sdk.origin,
    logins,
    sdkRequestOrigins,
    close: async () => {
      await Promise.all([close(gateway.server), close(sdk.server)]);
    },
  };
}

// The SDK's observable behaviour only: a global with on/off/events, a workstation placeholder in
// the element named by its tag's data-render-dom-id, and one asynchronous lifecycle event.
function fakeSdkSource(mode: SdkMode): string {
  return `(function () {
  var script = document.currentScript;
  var handlers = {};
  function emit(name, payload) {
    (handlers[name] || []).slice().forEach(function (fn) { fn(payload); });
  }
  window.tccc = {
    events: { ready: 'ready', tokenExpired: 'tokenExpired', callIn: 'callIn', kickedOut: 'kickedOut' },
    on: function (name, fn) { (handlers[name] = handlers[name] || []).push(fn); },
    off: function (name, fn) {
      handlers[name] = (handlers[name] || []).filter(function (g) { return g !== fn; });
    },
    UI: { show: function () {}, hide: function () {} }
  };
  setTimeout(function () {
    if (${JSON.stringify(mode)} === 'expired') {
      emit('tokenExpired', { message: 'token expired' });
      return;
    }
    var id = script && script.dataset.renderDomId;
    var target = (id && document.getElementById(id)) || document.body;
    var workstation = document.createElement('div');
    workstation.className = 'tccc-workstation';
    workstation.textContent = 'TCCC agent workstation (stub)';
    workstation.style.cssText = 'width:100%;height:100%;min-height:480px;background:#eef';
    target.appendChild(workstation);
    emit('ready');
    if (${JSON.stringify(mode)} === 'kicked') {
      setTimeout(function () {
        emit('kickedOut', { reason: 'ForceMemberOffline', message: 'forced offline by an administrator' });
      }, 50);
    }
  }, 30);
})();
`;
}
