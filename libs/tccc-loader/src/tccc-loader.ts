// The loading state machine: business token → the seat's workstation claim → Seatgate login →
// one-time script → `ready`, with one load per page, one workstation per browser profile and seat,
// a bounded retry on `tokenExpired`, one deadline for the whole load, and no script tag left
// behind on failure. After `ready` it still watches for the workstation's end: an admin's sign-out
// or another tab taking it over. Everything that touches the browser comes in through
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
  /**
   * What a second tab of this browser profile does when the seat's workstation is open in another:
   * `refuse` (reject with `workstation_open_elsewhere`), `ask` (the same, with `takeOver()`), or
   * `takeOver` (move it here at once). Default `ask`. A policy the gateway sends (the tenant's
   * setting, remembered from the last login) overrides this.
   */
  multiTab?: MultiTabPolicy;
  /** Receives this load's lifecycle events until it fails or its workstation ends. */
  onEvent?: LoaderListener;
}

export type MultiTabPolicy = 'refuse' | 'ask' | 'takeOver';

export type LoaderEvent =
  | { type: 'loading' }
  | { type: 'retry'; attempt: number; reason: 'token_expired'; message?: string }
  | { type: 'ready'; attempt: number; loginId: string; tccc: Tccc }
  | { type: 'error'; error: SeatgateLoaderError }
  /** After `ready`: an administrator signed the seat out; the workstation was unloaded. */
  | { type: 'signed_out'; error: SeatgateLoaderError }
  /** After `ready`: another tab took the workstation over; it was unloaded here. */
  | { type: 'taken_over' }
  /** Another tab asked (`focusOther()`) for this one, which holds the workstation, to come forward. */
  | { type: 'focus_requested' };

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
   * or `error` (false) once, never synchronously. Returns a function that removes the tag and what the SDK rendered into
   * the render target, and forgets the global `tccc`.
   */
  injectScript(src: string, renderDomId: string | undefined, settled: (loaded: boolean) => void): () => void;
  /** The SDK's global, once a script defined it. */
  tccc(): Tccc | undefined;
  /** Runs `fn` after `ms`; returns a cancel function. */
  delay(fn: () => void, ms: number): () => void;
  /**
   * The browser profile's claim on one seat's workstation, by `name`. `notify` hears another tab
   * taking it over (`lost`) or asking this one to come forward (`focus`) while this tab holds it.
   */
  workstation(name: string, notify: (what: 'lost' | 'focus') => void): WorkstationClaim;
  /**
   * The tenant's multi-tab policy as the gateway last sent it, kept per browser profile. With
   * `policy`, remembers that; with `null`, forgets (the gateway sent none).
   */
  multiTabPolicy(gateway: string, policy?: MultiTabPolicy | null): unknown;
}

export interface WorkstationClaim {
  /** Resolves true once this tab holds the workstation, false when another tab does; `steal` takes it from that tab. */
  hold(steal: boolean): Promise<boolean>;
  /** Lets the workstation go (or stops waiting for it). */
  release(): void;
  /** Asks the tab that holds the workstation to come forward. */
  focusOther(): void;
}

export interface TcccLoader {
  loadTccc(options: LoadTcccOptions): Promise<Tccc>;
  /** Page-wide lifecycle events of every load; returns an unsubscribe function. */
  onLoaderEvent(listener: LoaderListener): () => void;
}

interface LoginTicket {
  loginUrl: string;
  loginId: string;
  /** The tenant's multi-tab policy, when the gateway sends one. */
  multiTab?: unknown;
}

interface Load {
  key: string;
  promise: Promise<Tccc>;
  /** The callers' `onEvent`s: they hear this load and, after `ready`, the end of its workstation. */
  listeners: Set<LoaderListener>;
}

const isPolicy = (policy: unknown): policy is MultiTabPolicy =>
  policy === 'refuse' || policy === 'ask' || policy === 'takeOver';

/** The business token's `sub` (the user a seat is mapped to), when it is a JWT; tabs compare it. */
function subject(token: string): unknown {
  try {
    return JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))).sub;
  } catch {
    return undefined;
  }
}

const fail = (code: LoaderErrorCode, message: string, loginId?: string, cause?: unknown) =>
  new SeatgateLoaderError(code, message, { loginId, cause });

export function createLoader(host: LoaderHost): TcccLoader {
  // The page's one load: pending or ready. A failed or ended load clears it so a later call starts afresh.
  let current: Load | undefined;
  const listeners = new Set<LoaderListener>();

  const emit = (event: LoaderEvent, own: Set<LoaderListener>) =>
    [...listeners, ...own].forEach((listener) => {
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

  function load(options: LoadTcccOptions, steal: boolean): Promise<Tccc> {
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
    if (!current) {
      let resolve!: (tccc: Tccc) => void;
      let reject!: (error: SeatgateLoaderError) => void;
      const promise = new Promise<Tccc>((res, rej) => ((resolve = res), (reject = rej)));
      // Registered before anything runs, so a listener calling loadTccc joins this load.
      current = { key, promise, listeners: new Set() };
      if (options.onEvent) current.listeners.add(options.onEvent);
      start(current, gateway, options, steal, resolve, reject);
    } else if (options.onEvent) current.listeners.add(options.onEvent);
    return current.promise;
  }

  function start(
    own: Load,
    gateway: string,
    options: LoadTcccOptions,
    steal: boolean,
    resolve: (tccc: Tccc) => void,
    reject: (error: SeatgateLoaderError) => void,
  ) {
    const maxRetries = options.maxRetries ?? 1;
    const abort = new AbortController();
    // loading → ready → over; failing or ending makes it over.
    let phase: 'loading' | 'ready' | 'over' = 'loading';
    let attempt = 0;
    let loginId: string | undefined;
    let claim: WorkstationClaim | undefined;
    let policy: MultiTabPolicy;
    // Undoes whatever the attempt in flight (or the ready workstation) has put on the page.
    let cleanup = () => {};
    const say = (event: LoaderEvent) => emit(event, own.listeners);

    // Everything this load holds goes: script, global, the seat's claim, the page's one load.
    const end = () => {
      phase = 'over';
      cancelDeadline();
      cleanup();
      claim?.release();
      abort.abort();
      if (current === own) current = undefined;
    };

    const finish = (error: SeatgateLoaderError | undefined, tccc?: Tccc) => {
      if (phase !== 'loading') return;
      if (error) {
        end();
        say({ type: 'error', error });
        reject(error);
      } else if (tccc) {
        phase = 'ready';
        cancelDeadline();
        say({ type: 'ready', attempt, loginId: loginId as string, tccc });
        resolve(tccc);
      }
    };

    // The workstation ends on someone else's word: an admin's sign-out, or another tab's takeover.
    const gone = (error: SeatgateLoaderError) => {
      if (phase !== 'ready') return finish(error);
      end();
      say(error.code === 'signed_out' ? { type: 'signed_out', error } : { type: 'taken_over' });
    };

    const elsewhere = () =>
      Object.assign(fail('workstation_open_elsewhere', 'The workstation is open in another tab', loginId), {
        focusOther: (claim as WorkstationClaim).focusOther,
        takeOver: policy === 'ask' ? () => load(options, true) : undefined,
      });

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
      if (phase !== 'loading') return;
      if (!claim) {
        // Before any login: a tab that may not load the workstation should not spend one.
        claim = host.workstation(
          'seatgate-workstation:' + JSON.stringify([gateway, options.sdkAppId, subject(token)]),
          (what) => (what === 'lost' ? gone(elsewhere()) : say({ type: 'focus_requested' })),
        );
        const tenants = host.multiTabPolicy(gateway);
        policy = steal ? 'takeOver' : isPolicy(tenants) ? tenants : (options.multiTab ?? 'ask');
        if (!(await claim.hold(policy === 'takeOver'))) throw elsewhere();
      }
      const ticket = await login(gateway, token, options.sdkAppId, abort.signal);
      if (phase !== 'loading') return;
      loginId = ticket.loginId;
      host.multiTabPolicy(gateway, isPolicy(ticket.multiTab) ? ticket.multiTab : null);
      const removeScript: () => void = (cleanup = host.injectScript(
        ticket.loginUrl,
        options.renderDomId,
        (loaded) => {
          if (phase !== 'loading') return;
          const tccc = host.tccc();
          if (!loaded || !tccc) {
            return finish(
              loaded
                ? fail('gateway_error', 'The login URL loaded but defined no tccc', loginId)
                : fail('ticket_used', 'The login URL did not load: used, expired or unreachable', loginId),
            );
          }
          const events = tccc.events;
          const ready = events.ready;
          const tokenExpired = events.tokenExpired;
          // The emulator's event for ForceMemberOffline; TCCC's SDK documents none (then undefined).
          const kickedOut = events.kickedOut as string | undefined;
          const onReady = () => {
            detachLoad();
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
            say({ type: 'retry', attempt: attempt + 1, reason: 'token_expired', message });
            run().catch(onFailure);
          };
          const onKickedOut = (payload: unknown) => {
            const said = (payload ?? {}) as { reason?: string; message?: string };
            gone(
              new SeatgateLoaderError('signed_out', said.message || 'The seat was signed out', {
                loginId,
                reason: said.reason,
              }),
            );
          };
          const detachLoad = () => {
            tccc.off?.(ready, onReady);
            tccc.off?.(tokenExpired, onTokenExpired);
          };
          const detach = () => {
            detachLoad();
            if (kickedOut) tccc.off?.(kickedOut, onKickedOut);
          };
          cleanup = () => {
            detach();
            removeScript();
          };
          tccc.on(tokenExpired, onTokenExpired);
          tccc.on(ready, onReady);
          if (kickedOut) tccc.on(kickedOut, onKickedOut);
        },
      ));
    };

    const onFailure = (error: unknown) =>
      finish(
        error instanceof SeatgateLoaderError ? error : fail('gateway_error', String(error), loginId, error),
      );

    say({ type: 'loading' });
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

  return { loadTccc: (options) => load(options, false), onLoaderEvent };
}
