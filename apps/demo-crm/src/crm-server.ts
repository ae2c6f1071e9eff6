// The demo CRM's HTTP surface (node:http only):
//   GET  /                   the CRM page
//   GET  /crm.js, /crm.css   its script and style (apps/demo-crm/public/)
//   GET  /seatgate-loader.js @seatgate/tccc-loader's one-file build, as a vendor would host it
//   POST /api/token          the vendor backend's token minting: {"user":"alice"} or user=alice;
//                            JSON {token, expiresAt} when Accept names application/json, else the
//                            bare token as text/plain (for `TOKEN=$(curl … -d user=alice)`)
//   GET  /health             200 once listening
// A real CRM would mint tokens only for its signed-in user; this one trusts the form, which is
// why it listens on the loopback interface by default.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { signBusinessToken } from './business-token';
import { contentSecurityPolicy, renderCrmPage } from './crm-page';
import type { DemoCrmConfig } from './demo-crm-config';

const MAX_BODY_BYTES = 4096;

interface StaticAsset {
  type: string;
  body: Buffer;
}

export interface CrmAssets {
  '/crm.js': StaticAsset;
  '/crm.css': StaticAsset;
  '/seatgate-loader.js': StaticAsset;
}

class RequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Reads the page's files once at start, so a missing build fails the start, not a request. */
export function loadCrmAssets(publicDir = join(__dirname, '..', 'public')): CrmAssets {
  let loaderPath: string;
  try {
    loaderPath = require.resolve('@seatgate/tccc-loader/iife');
  } catch {
    throw new Error('cannot find @seatgate/tccc-loader/iife: build the loader first (npm run build)');
  }
  return {
    '/crm.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(join(publicDir, 'crm.js')) },
    '/crm.css': { type: 'text/css; charset=utf-8', body: readFileSync(join(publicDir, 'crm.css')) },
    '/seatgate-loader.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(loaderPath) },
  };
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(body);
}

function sendError(res: ServerResponse, error: RequestError): void {
  send(
    res,
    error.status,
    'application/json; charset=utf-8',
    JSON.stringify({ code: error.code, message: error.message }),
  );
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new RequestError(413, 'payload_too_large', `the body may be at most ${MAX_BODY_BYTES} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The `user` field of a JSON or form body (curl -d sends a form). */
function requestedUser(type: string, body: string): string {
  if (type.startsWith('application/json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      throw new RequestError(400, 'invalid_json', 'the body is not valid JSON');
    }
    const user = typeof parsed === 'object' && parsed !== null ? Reflect.get(parsed, 'user') : undefined;
    if (typeof user !== 'string')
      throw new RequestError(400, 'invalid_request', 'the body must be {"user": "<id>"}');
    return user;
  }
  if (type === '' || type.startsWith('application/x-www-form-urlencoded')) {
    const user = new URLSearchParams(body).get('user');
    if (user === null)
      throw new RequestError(400, 'invalid_request', 'the form must have a user field (user=alice)');
    return user;
  }
  throw new RequestError(415, 'unsupported_media_type', 'send JSON {"user": …} or a form user=…');
}

export function createCrmServer(
  config: DemoCrmConfig,
  assets: CrmAssets,
  log: (line: string) => void,
): Server {
  const page = renderCrmPage(config);
  const csp = contentSecurityPolicy(config);
  const users = new Map(config.users.map((user) => [user.id, user]));

  async function mintToken(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const type = (req.headers['content-type'] ?? '').toLowerCase();
    const userId = requestedUser(type, await readBody(req));
    const user = users.get(userId);
    if (!user) {
      throw new RequestError(
        400,
        'unknown_user',
        `no demo user "${userId.slice(0, 64)}"; try one of ${[...users.keys()].join(', ')}`,
      );
    }
    const signed = signBusinessToken({
      kid: config.kid,
      secret: config.secret,
      subject: user.id,
      audience: config.audience,
    });
    log(`token for ${user.id} (kid ${config.kid}, expires ${signed.expiresAt})`);
    if ((req.headers.accept ?? '').includes('application/json'))
      send(res, 200, 'application/json; charset=utf-8', JSON.stringify(signed));
    else send(res, 200, 'text/plain; charset=utf-8', `${signed.token}\n`);
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://crm.invalid').pathname;
    const method = req.method ?? 'GET';
    if (path === '/api/token') {
      if (method !== 'POST') throw new RequestError(405, 'method_not_allowed', 'use POST');
      return mintToken(req, res);
    }
    if (method !== 'GET' && method !== 'HEAD') throw new RequestError(405, 'method_not_allowed', 'use GET');
    if (path === '/') {
      res.setHeader('Content-Security-Policy', csp);
      res.setHeader('Referrer-Policy', 'no-referrer');
      return send(res, 200, 'text/html; charset=utf-8', page);
    }
    if (path === '/health') return send(res, 200, 'application/json', '{"ok":true}');
    const asset = (assets as unknown as Record<string, StaticAsset | undefined>)[path];
    if (asset) return send(res, 200, asset.type, asset.body);
    throw new RequestError(404, 'not_found', `no route ${method} ${path}`);
  }

  return createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      if (error instanceof RequestError) return sendError(res, error);
      log(`error on ${req.method} ${req.url}: ${error instanceof Error ? error.message : String(error)}`);
      sendError(res, new RequestError(500, 'internal_error', 'the demo CRM failed; see its log'));
    });
  });
}
