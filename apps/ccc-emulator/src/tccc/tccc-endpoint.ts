import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { isParams } from './request-params';
import { callerRefusal } from './caller-standing';
import { verifyTc3 } from './tc3-signature';
import { TCCC_ACTIONS, TCCC_VERSION } from './tccc-actions';
import { TcccError } from './tccc-errors';
import type { EmulatorLog } from '../http/emulator-log';
import { BodyTooLargeError, headerOf, parseJson, readBody, sendJson } from '../http/http-io';
import { latencyFor, type FaultRule } from '../state/fault-rules';
import type { EmulatorState } from '../state/emulator-state';

// POST / — the TCCC API 3.0 endpoint. Pipeline: read raw body → outage faults → TC3 signature →
// version/action → quota (counted in the second of arrival) → injected errors → the caller's
// standing (CAM permission, disabled account) → action → latency fault → answer. Every answer is HTTP 200 with the API 3.0 envelope and echoes X-TC-TraceId.
// Only the actions in TCCC_ACTIONS can be dispatched from here; the admin API lives on other paths.

export interface TcccEndpointDeps {
  state: EmulatorState;
  log: EmulatorLog;
  sdkUrlFor(token: string): string;
  /** Aborted when the emulator stops, so pending latency timers do not outlive it. */
  shutdown: AbortSignal;
}

const MAX_BODY_BYTES = 1024 * 1024;

interface Outcome {
  fields: Record<string, unknown> | null;
  error: { code: string; message: string } | null;
  secretId: string | null;
}

function failure(code: string, message: string, secretId: string | null): Outcome {
  return { fields: null, error: { code, message }, secretId };
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

function sdkAppIdOf(body: unknown): number | null {
  if (!isParams(body)) return null;
  const value = body['SdkAppId'];
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : null;
}

function answer(
  deps: TcccEndpointDeps,
  req: IncomingMessage,
  url: URL,
  body: Buffer,
  parsedBody: { ok: true; value: unknown } | { ok: false },
  action: string | null,
  sdkAppId: number | null,
  fault: FaultRule | undefined,
  /** the second the request arrived in: the quota counts it there, however long its body took */
  arrivedSecond: number,
): Outcome {
  const { state } = deps;
  const verdict = verifyTc3(
    {
      method: req.method ?? 'POST',
      path: url.pathname,
      query: url.search.slice(1),
      headers: req.headers,
      body,
    },
    (secretId) => state.directory.secretKeyOf(secretId)?.reveal(),
    state.clock.nowSeconds(),
  );
  if (!verdict.ok) return failure(verdict.code, verdict.message, verdict.secretId);
  const { secretId } = verdict;

  const version = headerOf(req, 'x-tc-version');
  if (version === undefined)
    return failure('MissingParameter', 'The request is missing a required header `X-TC-Version`.', secretId);
  if (version !== TCCC_VERSION)
    return failure('NoSuchVersion', `The API version \`${version}\` does not exist.`, secretId);
  if (action === null)
    return failure('MissingParameter', 'The request is missing a required header `X-TC-Action`.', secretId);
  const handler = TCCC_ACTIONS.get(action);
  if (handler === undefined)
    return failure('InvalidAction', `The action \`${action}\` is not supported.`, secretId);

  if (!state.counters.admit(arrivedSecond, action, secretId, sdkAppId)) {
    return failure(
      'RequestLimitExceeded',
      `Your requests to ${action} exceed the limit of ${state.counters.quotaOf(secretId)} per second.`,
      secretId,
    );
  }
  if (fault?.errorRate !== undefined && fault.errorRate > 0 && state.random() < fault.errorRate) {
    return failure(
      fault.errorCode ?? 'InternalError',
      fault.errorMessage ?? 'An internal error has occurred (injected by the emulator).',
      secretId,
    );
  }

  const refusal = callerRefusal(state, secretId, action);
  if (refusal !== null) return failure(refusal.code, refusal.message, secretId);

  const contentType = (headerOf(req, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (contentType !== 'application/json') {
    return failure(
      'InvalidParameter',
      'The emulator accepts POST requests with Content-Type application/json only.',
      secretId,
    );
  }
  if (!parsedBody.ok || !isParams(parsedBody.value))
    return failure('InvalidParameter', 'The request body must be a JSON object.', secretId);

  try {
    const fields = handler({ state, secretId, params: parsedBody.value, sdkUrlFor: deps.sdkUrlFor });
    return { fields, error: null, secretId };
  } catch (error) {
    if (error instanceof TcccError) return failure(error.code, error.message, secretId);
    const message = error instanceof Error ? error.message : String(error);
    return failure('InternalError', `An internal error has occurred: ${message}`, secretId);
  }
}

export async function handleTcccCall(
  deps: TcccEndpointDeps,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const startedAt = performance.now();
  const arrivedSecond = deps.state.clock.nowSeconds();
  const requestId = randomUUID();
  const traceId = headerOf(req, 'x-tc-traceid') ?? randomUUID();
  const action = headerOf(req, 'x-tc-action') ?? null;
  const logCall = (
    outcome: 'ok' | 'error' | 'refused' | 'hung',
    secretId: string | null,
    sdkAppId: number | null,
    code: string | null,
  ): void =>
    deps.log.write({
      kind: 'tccc',
      requestId,
      traceId,
      action,
      secretId,
      sdkAppId,
      outcome,
      code,
      latencyMs: Math.round(performance.now() - startedAt),
    });
  const envelope = (response: Record<string, unknown>): void =>
    sendJson(res, 200, { Response: { ...response, RequestId: requestId } }, { 'X-TC-TraceId': traceId });

  let body: Buffer;
  try {
    body = await readBody(req, MAX_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      res.setHeader('Connection', 'close');
      envelope({
        Error: {
          Code: 'RequestSizeLimitExceeded',
          Message: `The request body exceeds ${error.limit} bytes.`,
        },
      });
      logCall('error', null, null, 'RequestSizeLimitExceeded');
    }
    return;
  }
  const parsedBody = parseJson(body);
  const sdkAppId = parsedBody.ok ? sdkAppIdOf(parsedBody.value) : null;
  const fault = deps.state.faults.match(action ?? '', sdkAppId);

  if (fault?.outage === 'refuse') {
    req.socket.destroy();
    logCall('refused', null, sdkAppId, null);
    return;
  }
  if (fault?.outage === 'hang') {
    // Never answered; the socket stays open until the client gives up or the emulator stops.
    logCall('hung', null, sdkAppId, null);
    return;
  }

  const outcome = answer(deps, req, url, body, parsedBody, action, sdkAppId, fault, arrivedSecond);
  const latency = latencyFor(fault, deps.state.random);
  if (latency > 0) {
    await delay(latency, deps.shutdown);
    if (deps.shutdown.aborted) return;
  }
  if (outcome.error !== null) {
    envelope({ Error: { Code: outcome.error.code, Message: outcome.error.message } });
    logCall('error', outcome.secretId, sdkAppId, outcome.error.code);
  } else {
    envelope(outcome.fields ?? {});
    logCall('ok', outcome.secretId, sdkAppId, null);
  }
}
