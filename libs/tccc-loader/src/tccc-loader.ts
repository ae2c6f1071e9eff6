// The loading state machine: business token → Seatgate login → one-time script → `ready`, with
// one load per page, a bounded retry on `tokenExpired`, one deadline for the whole load, and no
// script tag left behind on failure. Everything that touches the browser comes in through
// `LoaderHost`, so the machine runs under test with fakes.
import { errorFromResponse, SeatgateLoaderError, type LoaderErrorCode } from './loader.errors';
import type { Tccc } from './tccc.types';

export interface LoadTcccOptions {
  /** Seatgate's base URL, e.g. `https://seatgate.example.com` (a trailing slash is ignored). */
  gateway: string;
  /** The host app's business token (JWT), sent as `Authorization: Bearer …`. Called per attempt. */
  getToken: () => string | Promise<string>;
  /** Which TCCC app to log into, when the user's seat lives in more than one. */
  sdkAppId?: number;
  /** Id of the element the workstation renders into (≥ 760×480); without it, a floating button. */
  renderDomId?: string;
  /** Deadline for the whole load, retries included. Default 15000. */
  timeoutMs?: number;
  /** Fresh logins allowed after the SDK reports `tokenExpired` before `ready`. Default 1. */
  maxRetries?: number;
  /** Receives this load's lifecycle events until it settles. */
  onEvent?: LoaderListener;
}

export type LoaderEvent =
  | { type: 'loading' }
  | { type: 'retry'; attempt: number; reason: 'token_expired'; message?: string }
  | { type: 'ready'; attempt: number; loginId: string; tccc: Tccc }
  | { type: 'error'; error: SeatgateLoaderError };

export type LoaderListener = (event: LoaderEvent) => void;

/** What a login answer must offer; a fetch `Response` does. */
export interface LoginHttpResponse {
  ok: boolean;
  status: number;
  headers: { get(name: string): string | null };
  json(): Promise<unknown>;
}

export interface LoaderHost {
  fetch(url: string, init: RequestInit): Promise<LoginHttpResponse>;
  /**
   * Appends `<script crossorigin="anonymous" data-render-dom-id src>` and reports `load` (true)
   * or `error` (false) once, never synchronously. Returns a function that removes the tag and forgets the global `tccc`.
   */
  injectScript(src: string, renderDomId: string | undefined, settled: (loaded: boolean) => void): () => void;
  /** The SDK's global, once a script defined it. */
  tccc(): Tccc | undefined;
  /** Runs `fn` after `ms`; returns a cancel function. */
  delay(fn: () => void, ms: number): () => void;
}

export interface TcccLoader {
  loadTccc(options: LoadTcccOptions): Promise<Tccc>;
  /** Page-wide lifecycle events of every load; returns an unsubscribe function. */
  onLoaderEvent(listener: LoaderListener): () => void;
}

interface LoginTicket {
  loginUrl: string;
  loginId: string;
}

const fail = (code: LoaderErrorCode, message: string, loginId?: string, cause?: unknown) =>
  new SeatgateLoaderError(code, message, { loginId, cause });

export function createLoader(host: LoaderHost): TcccLoader {
  // The page's one load: pending or ready. A failed load clears it so a later call starts afresh.
  let current: { key: string; promise: Promise<Tccc> } | undefined;
  const listeners = new Set<LoaderListener>();

  const emit = (event: LoaderEvent) =>
    listeners.forEach((listener) => {
      try {
        listener(event);
      } catch {
        // A host's listener must not be able to break the load.
      }
    });

  const onLoaderEvent = (listener: LoaderListener) => {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  };

  function loadTccc(options: LoadTcccOptions): Promise<Tccc> {
    const gateway = String(options.gateway).replace(/\/+$/, '');
    // What decides which SDK ends up on the page; callbacks and limits of later callers do not.
    const key = JSON.stringify([gateway, options.sdkAppId, options.renderDomId]);
    if (current && current.key !== key) {
      return Promise.reject(
        fail(
          'options_conflict',
          `The TCCC SDK is already loading or loaded on this page with ${current.key}`,
        ),
      );
    }
    const unsubscribe = options.onEvent && onLoaderEvent(options.onEvent);
    let promise = current?.promise;
    if (!promise) {
      let resolve!: (tccc: Tccc) => void;
      let reject!: (error: SeatgateLoaderError) => void;
      promise = new Promise<Tccc>((res, rej) => ((resolve = res), (reject = rej)));
      // Registered before anything runs, so a listener calling loadTccc joins this load.
      current = { key, promise };
      start(gateway, options, resolve, reject);
    }
    if (unsubscribe) promise.then(unsubscribe, unsubscribe);
    return promise;
  }

  function start(
    gateway: string,
    options: LoadTcccOptions,
    resolve: (tccc: Tccc) => void,
    reject: (error: SeatgateLoaderError) => void,
  ) {
    const maxRetries = options.maxRetries ?? 1;
    const abort = new AbortController();
    let settled = false;
    let attempt = 0;
    let loginId: string | undefined;
    // Undoes whatever the attempt in flight has put on the page.
    let cleanup = () => {};

    const finish = (error: SeatgateLoaderError | undefined, tccc?: Tccc) => {
      if (settled) return;
      settled = true;
      cancelDeadline();
      if (error) {
        cleanup();
        abort.abort();
        current = undefined;
        emit({ type: 'error', error });
        reject(error);
      } else if (tccc) {
        emit({ type: 'ready', attempt, loginId: loginId as string, tccc });
        resolve(tccc);
      }
    };

    const cancelDeadline = host.delay(
      () => finish(fail('timeout', `TCCC was not ready within ${options.timeoutMs ?? 15000} ms`, loginId)),
      options.timeoutMs ?? 15000,
    );

    const run = async (): Promise<void> => {
      attempt++;
      let token: string;
      try {
        token = await options.getToken();
      } catch (cause) {
        throw fail('auth_failed', 'getToken failed', undefined, cause);
      }
      if (settled) return;
      const ticket = await login(gateway, token, options.sdkAppId, abort.signal);
      if (settled) return;
      loginId = ticket.loginId;
      const removeScript: () => void = (cleanup = host.injectScript(
        ticket.loginUrl,
        options.renderDomId,
        (loaded) => {
          if (settled) return;
          const tccc = host.tccc();
          if (!loaded || !tccc) {
            return finish(
              loaded
                ? fail('gateway_error', 'The login URL loaded but defined no tccc', loginId)
                : fail('ticket_used', 'The login URL did not load: used, expired or unreachable', loginId),
            );
          }
          const onReady = () => {
            detach();
            finish(undefined, tccc);
          };
          const onTokenExpired = (payload: unknown) => {
            detach();
            removeScript();
            cleanup = () => {};
            const message = (payload as { message?: string } | undefined)?.message;
            if (attempt > maxRetries) {
              return finish(fail('token_expired', message || 'TCCC reported tokenExpired', loginId));
            }
            emit({ type: 'retry', attempt: attempt + 1, reason: 'token_expired', message });
            run().catch(onFailure);
          };
          const detach = () => {
            tccc.off?.(tccc.events.ready, onReady);
            tccc.off?.(tccc.events.tokenExpired, onTokenExpired);
          };
          cleanup = () => {
            detach();
            removeScript();
          };
          tccc.on(tccc.events.tokenExpired, onTokenExpired);
          tccc.on(tccc.events.ready, onReady);
        },
      ));
    };

    const onFailure = (error: unknown) =>
      finish(
        error instanceof SeatgateLoaderError ? error : fail('gateway_error', String(error), loginId, error),
      );

    emit({ type: 'loading' });
    run().catch(onFailure);

    async function login(base: string, token: string, sdkAppId: number | undefined, signal: AbortSignal) {
      let response: LoginHttpResponse;
      try {
        response = await host.fetch(`${base}/api/v1/login`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(sdkAppId === undefined ? {} : { sdkAppId }),
          signal,
        });
      } catch (cause) {
        throw fail('network', `Seatgate at ${base} is unreachable`, undefined, cause);
      }
      const body = await response.json().catch(() => undefined);
      if (!response.ok) throw errorFromResponse(response.status, body, response.headers);
      const ticket = body as Partial<LoginTicket> | undefined;
      if (typeof ticket?.loginUrl !== 'string') {
        throw new SeatgateLoaderError('gateway_error', 'The login answer has no loginUrl', {
          status: response.status,
        });
      }
      return ticket as LoginTicket;
    }
  }

  return { loadTccc, onLoaderEvent };
}
