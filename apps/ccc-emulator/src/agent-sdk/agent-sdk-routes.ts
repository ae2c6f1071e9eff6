import type { IncomingMessage, ServerResponse } from 'node:http';
import { EVENTS_PATH, openEventStream } from './agent-event-stream';
import { agentSdkScript } from './agent-sdk-script';
import type { EmulatorLog } from '../http/emulator-log';
import { parseJson, readBody, sendJson } from '../http/http-io';
import { EmulatorAdminError } from '../state/admin-errors';
import type { EmulatorState } from '../state/emulator-state';

// /tccc-agent-sdk/* — what a browser talks to: the SDK script at the SdkURL and the
// CORS-enabled calls that script makes (token verification, agent status, its event stream). Pages load the script
// with crossorigin="anonymous", possibly from another origin and after a redirect, hence
// Access-Control-Allow-Origin: * everywhere under this prefix.

export const AGENT_SDK_PREFIX = '/tccc-agent-sdk/';
export const AGENT_SDK_SCRIPT_PATH = '/tccc-agent-sdk/latest/tccc-sdk.js';
const VERIFY_PATH = '/tccc-agent-sdk/verify';
const STATUS_PATH = '/tccc-agent-sdk/status';
const SCRIPT_VERSION = '0.1.0';

const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type',
  'Access-Control-Max-Age': '600',
};

export interface AgentSdkDeps {
  state: EmulatorState;
  log: EmulatorLog;
  /** The emulator's URL as browsers reach it, without trailing slash. */
  publicUrl: string;
}

export function sdkUrlFor(publicUrl: string, token: string): string {
  return `${publicUrl}${AGENT_SDK_SCRIPT_PATH}?token=${encodeURIComponent(token)}`;
}

function readJsonField(value: unknown, key: string): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const field: unknown = Reflect.get(value, key);
  return typeof field === 'string' ? field : undefined;
}

function serveScript(deps: AgentSdkDeps, req: IncomingMessage, res: ServerResponse, url: URL): void {
  const token = url.searchParams.get('token') ?? '';
  // Peek only: the script's own verification call is what spends an OnlyOnce token, so a
  // prefetch or a HEAD does not burn it.
  const record = token === '' ? undefined : deps.state.tokens.peek(token);
  const body = agentSdkScript({
    token,
    sdkAppId: record?.sdkAppId ?? null,
    seat: record?.seat ?? null,
    baseUrl: deps.publicUrl,
    verifyUrl: `${deps.publicUrl}${VERIFY_PATH}`,
    statusUrl: `${deps.publicUrl}${STATUS_PATH}`,
    eventsUrl: `${deps.publicUrl}${EVENTS_PATH}`,
    version: SCRIPT_VERSION,
  });
  res.writeHead(200, {
    ...CORS_HEADERS,
    'Content-Type': 'application/javascript; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
  deps.log.write({
    kind: 'agent-sdk',
    event: 'script',
    sdkAppId: record?.sdkAppId ?? null,
    seat: record?.seat ?? null,
    outcome: record ? 'known-token' : 'unknown-token',
  });
}

async function verifyToken(deps: AgentSdkDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const parsed = parseJson(await readBody(req, 16 * 1024));
  const token = parsed.ok ? readJsonField(parsed.value, 'token') : undefined;
  if (token === undefined) {
    sendJson(
      res,
      400,
      { ok: false, reason: 'invalid', message: 'body must be {"token": "..."}' },
      CORS_HEADERS,
    );
    return;
  }
  const { state } = deps;
  const verdict = state.tokens.verify(
    token,
    state.clock.nowMs(),
    (sdkAppId, seat) => state.directory.staffOf(sdkAppId, seat) !== undefined,
  );
  if (verdict.ok) {
    sendJson(
      res,
      200,
      {
        ok: true,
        sessionId: verdict.session.sessionId,
        sdkAppId: verdict.session.sdkAppId,
        seat: verdict.session.seat,
        expiredTime: Math.floor(verdict.expiresAtMs / 1000),
      },
      CORS_HEADERS,
    );
    deps.log.write({
      kind: 'agent-sdk',
      event: 'verify',
      sdkAppId: verdict.session.sdkAppId,
      seat: verdict.session.seat,
      outcome: 'ready',
    });
  } else {
    sendJson(res, 200, { ok: false, reason: verdict.reason, message: verdict.message }, CORS_HEADERS);
    const record = state.tokens.peek(token);
    deps.log.write({
      kind: 'agent-sdk',
      event: 'verify',
      sdkAppId: record?.sdkAppId ?? null,
      seat: record?.seat ?? null,
      outcome: `tokenExpired:${verdict.reason}`,
    });
  }
}

/** What the script may report: the Web SDK's statuses, where "arrange" is the API's afterCallWork. */
const SCRIPT_STATUSES: Readonly<Record<string, string>> = {
  free: 'free',
  busy: 'busy',
  arrange: 'afterCallWork',
  notReady: 'notReady',
  rest: 'rest',
  offline: 'offline',
};

async function reportStatus(deps: AgentSdkDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const parsed = parseJson(await readBody(req, 16 * 1024));
  const sessionId = parsed.ok ? readJsonField(parsed.value, 'sessionId') : undefined;
  const status = parsed.ok ? readJsonField(parsed.value, 'status') : undefined;
  const reason = parsed.ok ? readJsonField(parsed.value, 'reason') : undefined;
  const session = sessionId === undefined ? undefined : deps.state.tokens.session(sessionId);
  const apiStatus = status === undefined ? undefined : SCRIPT_STATUSES[status];
  if (session === undefined || sessionId === undefined || apiStatus === undefined) {
    sendJson(res, 200, { ok: false, message: 'unknown session or status' }, CORS_HEADERS);
    return;
  }
  try {
    // Agent.offline() signs this workstation out (it stops counting as a client); online() signs it back in.
    deps.state.presence.setSignedIn(sessionId, apiStatus !== 'offline');
    deps.state.presence.changeStatus(session.sdkAppId, session.seat, apiStatus, {
      sessionId,
      reason: apiStatus === 'rest' ? (reason ?? '') : '',
    });
  } catch (error) {
    if (!(error instanceof EmulatorAdminError)) throw error;
    sendJson(res, 200, { ok: false, message: error.message }, CORS_HEADERS);
    return;
  }
  sendJson(res, 200, { ok: true }, CORS_HEADERS);
  deps.log.write({
    kind: 'agent-sdk',
    event: 'status',
    sdkAppId: session.sdkAppId,
    seat: session.seat,
    outcome: apiStatus,
  });
}

export async function handleAgentSdk(
  deps: AgentSdkDeps,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const method = req.method ?? 'GET';
  if (method === 'OPTIONS') {
    res.writeHead(204, CORS_HEADERS);
    res.end();
    return;
  }
  if (url.pathname === AGENT_SDK_SCRIPT_PATH && (method === 'GET' || method === 'HEAD'))
    return serveScript(deps, req, res, url);
  if (url.pathname === VERIFY_PATH && method === 'POST') return verifyToken(deps, req, res);
  if (url.pathname === STATUS_PATH && method === 'POST') return reportStatus(deps, req, res);
  if (url.pathname === EVENTS_PATH && method === 'GET')
    return openEventStream({ state: deps.state, log: deps.log, cors: CORS_HEADERS }, req, res, url);
  sendJson(
    res,
    404,
    { error: { code: 'not_found', message: `no agent SDK route for ${method} ${url.pathname}` } },
    CORS_HEADERS,
  );
}
