import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorLog } from '../http/emulator-log';
import { BodyTooLargeError, headerOf, parseJson, readBody, sendJson } from '../http/http-io';
import { isJsonObject, readObject } from '../seed/json-reader';
import { adminErrorStatus, EmulatorAdminError } from '../state/admin-errors';
import type { EmulatorState } from '../state/emulator-state';
import type { CounterFilter } from '../state/request-counters';

// /__emulator/* — the emulator's control surface over HTTP, a thin layer over EmulatorState.
// It is reachable only on these paths; the TCCC endpoint (POST /) dispatches by X-TC-Action to the
// emulated TCCC actions and nothing else. Requests carrying X-TC-Action are refused here too, so a
// TCCC client can never drive the admin API by accident. There is no authentication: bind the
// emulator to 127.0.0.1 (the default).

export const ADMIN_PREFIX = '/__emulator';

interface AdminRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
}

interface AdminAnswer {
  status: number;
  body: unknown;
}

type AdminHandler = (state: EmulatorState, request: AdminRequest) => AdminAnswer;

interface Route {
  method: string;
  segments: string[];
  handler: AdminHandler;
}

function ok(body: unknown, status = 200): AdminAnswer {
  return { status, body };
}

function invalid(message: string): EmulatorAdminError {
  return new EmulatorAdminError('invalid_request', message);
}

function integerSegment(value: string | undefined, name: string): number {
  if (value === undefined || !/^\d{1,15}$/.test(value)) throw invalid(`${name} must be an integer`);
  return Number(value);
}

function param(request: AdminRequest, name: string): string {
  const value = request.params[name];
  if (value === undefined) throw new Error(`route is missing :${name}`);
  return value;
}

function numberField(body: unknown, key: string): number | undefined {
  if (!isJsonObject(body)) return undefined;
  const value = body[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function stringField(body: unknown, key: string): string | undefined {
  if (!isJsonObject(body)) return undefined;
  const value = body[key];
  return typeof value === 'string' ? value : undefined;
}

function counterFilter(query: URLSearchParams): CounterFilter {
  const filter: CounterFilter = {};
  const action = query.get('action');
  const secretId = query.get('secretId');
  const sdkAppId = query.get('sdkAppId');
  const sinceSecond = query.get('sinceSecond');
  if (action !== null) filter.action = action;
  if (secretId !== null) filter.secretId = secretId;
  if (sdkAppId !== null) filter.sdkAppId = integerSegment(sdkAppId, 'sdkAppId');
  if (sinceSecond !== null) filter.sinceSecond = integerSegment(sinceSecond, 'sinceSecond');
  return filter;
}

const ROUTES: Route[] = [];

function route(method: string, path: string, handler: AdminHandler): void {
  ROUTES.push({ method, segments: path.split('/').filter((s) => s !== ''), handler });
}

route('GET', '/health', () => ok({ ok: true }));
route('GET', '/state', (state) => ok(state.snapshot()));
route('POST', '/seed', (state, { body }) => ok({ added: state.addSeed(body) }));
route('POST', '/accounts', (state, { body }) => ok(state.addAccount(body), 201));
route('PUT', '/accounts/:secretId', (state, request) => {
  const body = readObject(request.body, 'body', ['secretKey']);
  const secretKey = stringField(body, 'secretKey');
  if (secretKey === undefined) throw invalid('secretKey must be a string');
  state.setSecretKey(param(request, 'secretId'), secretKey);
  return ok({ secretId: param(request, 'secretId'), rotated: true });
});
route('PATCH', '/accounts/:secretId', (state, request) =>
  ok(state.setAccountStanding(param(request, 'secretId'), request.body)),
);
// a quota Tencent raised for one account (per action and second); null restores the default
route('PUT', '/accounts/:secretId/quota', (state, request) => {
  const body = readObject(request.body, 'body', ['perSecond']);
  const perSecond = body.perSecond;
  if (perSecond !== null && !(Number.isSafeInteger(perSecond) && (perSecond as number) >= 1))
    throw invalid('perSecond must be an integer ≥ 1, or null');
  state.counters.setAccountQuota(param(request, 'secretId'), perSecond as number | null);
  return ok({
    secretId: param(request, 'secretId'),
    perSecond: state.counters.quotaOf(param(request, 'secretId')),
  });
});
route('DELETE', '/accounts/:secretId', (state, request) => {
  state.removeAccount(param(request, 'secretId'));
  return ok({ removed: true });
});
route('POST', '/accounts/:secretId/apps', (state, request) =>
  ok(state.addApp(param(request, 'secretId'), request.body), 201),
);
route('PATCH', '/apps/:sdkAppId', (state, request) =>
  ok(state.setAppSettings(integerSegment(param(request, 'sdkAppId'), 'sdkAppId'), request.body)),
);
route('PUT', '/apps/:sdkAppId/licences', (state, request) =>
  ok(state.setLicences(integerSegment(param(request, 'sdkAppId'), 'sdkAppId'), request.body)),
);
route('DELETE', '/apps/:sdkAppId', (state, request) => {
  state.removeApp(integerSegment(param(request, 'sdkAppId'), 'sdkAppId'));
  return ok({ removed: true });
});
route('POST', '/apps/:sdkAppId/staff', (state, request) =>
  ok({ staff: state.addStaff(integerSegment(param(request, 'sdkAppId'), 'sdkAppId'), request.body) }, 201),
);
route('DELETE', '/apps/:sdkAppId/staff/:mail', (state, request) => {
  state.removeStaff(integerSegment(param(request, 'sdkAppId'), 'sdkAppId'), param(request, 'mail'));
  return ok({ removed: true });
});
route('PUT', '/apps/:sdkAppId/staff/:mail/status', (state, request) => {
  const status = stringField(request.body, 'status');
  if (status === undefined || status === '')
    throw invalid('body must be {"status": "offline" | "free" | ..., "reason"?: "..."}');
  return ok(
    state.setStaffStatus(
      integerSegment(param(request, 'sdkAppId'), 'sdkAppId'),
      param(request, 'mail'),
      status,
      stringField(request.body, 'reason'),
    ),
  );
});
route('GET', '/faults', (state) => ok({ rules: state.listFaults() }));
route('PUT', '/faults', (state, { body }) => {
  const rules: unknown[] = isJsonObject(body) && Array.isArray(body['rules']) ? body['rules'] : [body];
  return ok({ rules: rules.map((rule) => state.setFault(rule)) });
});
route('DELETE', '/faults', (state, { query }) => {
  const action = query.get('action');
  if (action === null) {
    state.clearFaults();
    return ok({ cleared: true });
  }
  const sdkAppId = query.get('sdkAppId');
  const removed = state.removeFault(
    action,
    sdkAppId === null ? undefined : integerSegment(sdkAppId, 'sdkAppId'),
  );
  if (!removed)
    throw new EmulatorAdminError(
      'not_found',
      `no fault rule for ${action}${sdkAppId === null ? '' : ` and sdkAppId ${sdkAppId}`}`,
    );
  return ok({ removed: true });
});
route('GET', '/counters', (state, { query }) => ok(state.countersView(counterFilter(query))));
route('DELETE', '/counters', (state) => {
  state.clearCounters();
  return ok({ cleared: true });
});
route('POST', '/clock', (state, { body }) => {
  const advanceMs = numberField(body, 'advanceMs');
  const offsetMs = numberField(body, 'offsetMs');
  if ((advanceMs === undefined) === (offsetMs === undefined))
    throw invalid('body must be {"advanceMs": n} or {"offsetMs": n}');
  if (advanceMs !== undefined) state.advanceClock(advanceMs);
  if (offsetMs !== undefined) state.setClockOffset(offsetMs);
  return ok(state.snapshot().clock);
});
route('POST', '/reset', (state) => {
  state.reset();
  return ok({ reset: 'initial-seed' });
});
route('POST', '/clear', (state) => {
  state.clear();
  return ok({ reset: 'empty' });
});

function matchRoute(
  method: string,
  segments: string[],
): { route: Route; params: Record<string, string> } | 'method-not-allowed' | null {
  let pathMatched = false;
  for (const candidate of ROUTES) {
    if (candidate.segments.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = candidate.segments.every((pattern, index) => {
      const segment = segments[index];
      if (segment === undefined) return false;
      if (pattern.startsWith(':')) {
        params[pattern.slice(1)] = segment;
        return true;
      }
      return pattern === segment;
    });
    if (!matches) continue;
    pathMatched = true;
    if (candidate.method === method) return { route: candidate, params };
  }
  return pathMatched ? 'method-not-allowed' : null;
}

export async function handleAdmin(
  deps: { state: EmulatorState; log: EmulatorLog },
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const method = req.method ?? 'GET';
  const reply = (status: number, body: unknown): void => {
    sendJson(res, status, body);
    deps.log.write({ kind: 'admin', method, path: url.pathname, status });
  };
  if (headerOf(req, 'x-tc-action') !== undefined) {
    reply(400, {
      error: { code: 'invalid_request', message: 'the admin API does not accept TCCC action requests' },
    });
    return;
  }
  let segments: string[];
  try {
    segments = url.pathname
      .slice(ADMIN_PREFIX.length)
      .split('/')
      .filter((s) => s !== '')
      .map(decodeURIComponent);
  } catch {
    reply(400, { error: { code: 'invalid_request', message: 'malformed path' } });
    return;
  }
  const match = matchRoute(method, segments);
  if (match === null) {
    reply(404, { error: { code: 'not_found', message: `no admin route ${method} ${url.pathname}` } });
    return;
  }
  if (match === 'method-not-allowed') {
    reply(405, {
      error: { code: 'method_not_allowed', message: `${method} is not allowed on ${url.pathname}` },
    });
    return;
  }
  let body: unknown = undefined;
  try {
    const raw = await readBody(req, 10 * 1024 * 1024);
    if (raw.length > 0) {
      const parsed = parseJson(raw);
      if (!parsed.ok) {
        reply(400, { error: { code: 'invalid_request', message: 'body is not valid JSON' } });
        return;
      }
      body = parsed.value;
    }
  } catch (error) {
    if (error instanceof BodyTooLargeError)
      reply(413, { error: { code: 'invalid_request', message: error.message } });
    return;
  }
  try {
    const answer = match.route.handler(deps.state, { params: match.params, query: url.searchParams, body });
    reply(answer.status, answer.body);
  } catch (error) {
    if (error instanceof EmulatorAdminError) {
      reply(adminErrorStatus(error.code), { error: { code: error.code, message: error.message } });
      return;
    }
    throw error;
  }
}
