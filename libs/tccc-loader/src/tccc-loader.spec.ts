import { SeatgateLoaderError } from './loader.errors';
import {
  createLoader,
  type LoaderEvent,
  type LoaderHost,
  type LoadTcccOptions,
  type MultiTabPolicy,
} from './tccc-loader';
import type { Tccc, TcccListener } from './tccc.types';

// The SDK as the loader sees it: a global with on/off and events it emits when the test says so.
class FakeSdk implements Tccc {
  [member: string]: unknown;
  events: Tccc['events'] = { ready: 'ready', tokenExpired: 'tokenExpired' };
  private readonly handlers = new Map<string, Set<TcccListener>>();

  on(event: string, listener: TcccListener) {
    if (!this.handlers.has(event)) this.handlers.set(event, new Set());
    this.handlers.get(event)?.add(listener);
  }

  off(event: string, listener: TcccListener) {
    this.handlers.get(event)?.delete(listener);
  }

  emit(event: string, payload?: unknown) {
    for (const listener of [...(this.handlers.get(event) ?? [])]) listener(payload);
  }

  listenerCount() {
    return [...this.handlers.values()].reduce((sum, set) => sum + set.size, 0);
  }
}

interface FakeScript {
  src: string;
  renderDomId: string | undefined;
  removed: boolean;
  /** The script ran: it defines the global (unless told not to) and fires `load`. */
  load(sdk?: FakeSdk | null): FakeSdk | undefined;
  /** The script's `error` event, as for a used or expired login URL. */
  fail(): void;
}

type QueuedAnswer = Response | Error | 'hang';

// The browser profile's workstation claims, shared by every fake host (every "tab") made with it:
// one holder per name, as a Web Lock would have.
function fakeProfile() {
  const holders = new Map<string, { notify: (what: 'lost' | 'focus') => void }>();
  const policies = new Map<string, MultiTabPolicy>();
  return {
    holders,
    policies,
    workstation(name: string, notify: (what: 'lost' | 'focus') => void) {
      const me = { notify };
      return {
        hold: async (steal: boolean) => {
          const holder = holders.get(name);
          if (holder && holder !== me && !steal) return false;
          holders.set(name, me);
          if (holder && holder !== me) holder.notify('lost');
          return true;
        },
        release: () => void (holders.get(name) === me && holders.delete(name)),
        focusOther: () => holders.get(name)?.notify('focus'),
      };
    },
    multiTabPolicy(gateway: string, policy?: MultiTabPolicy | null) {
      if (policy === undefined) return policies.get(gateway);
      if (policy) policies.set(gateway, policy);
      else policies.delete(gateway);
    },
  };
}

// A strict host: a fetch nobody queued an answer for fails the test.
function fakeHost(profile = fakeProfile()) {
  const answers: QueuedAnswer[] = [];
  const scripts: FakeScript[] = [];
  const timers: Array<{ fn: () => void; ms: number; cancelled: boolean }> = [];
  const signals: AbortSignal[] = [];
  let global: Tccc | undefined;

  const fetch = jest.fn(async (_url: string, init: RequestInit) => {
    if (init.signal) signals.push(init.signal);
    const answer = answers.shift();
    if (answer === undefined) throw new Error('unexpected fetch: no answer queued');
    if (answer === 'hang') return new Promise<never>(() => {});
    if (answer instanceof Error) throw answer;
    return answer;
  });

  const host: LoaderHost = {
    fetch,
    injectScript(src, renderDomId, settled) {
      const script: FakeScript = {
        src,
        renderDomId,
        removed: false,
        load(sdk = new FakeSdk()) {
          if (sdk) global = sdk;
          settled(true);
          return sdk ?? undefined;
        },
        fail: () => settled(false),
      };
      scripts.push(script);
      return () => {
        script.removed = true;
        global = undefined;
      };
    },
    tccc: () => global,
    delay(fn, ms) {
      const timer = { fn, ms, cancelled: false };
      timers.push(timer);
      return () => void (timer.cancelled = true);
    },
    workstation: jest.fn(profile.workstation),
    multiTabPolicy: profile.multiTabPolicy,
  };

  return {
    host,
    fetch,
    scripts,
    signals,
    answer: (...queued: QueuedAnswer[]) => void answers.push(...queued),
    /** Fires every live timer, as if its time had come. */
    elapse: () => timers.filter((t) => !t.cancelled).forEach((t) => t.fn()),
    liveTimers: () => timers.filter((t) => !t.cancelled),
    liveScripts: () => scripts.filter((s) => !s.removed),
  };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

const ticket = (n: number) =>
  json(201, {
    loginUrl: `https://gw.example/api/v1/login/t/${n}`,
    expiresAt: new Date(Date.now() + 60_000).toISOString(),
    loginId: `login-${n}`,
  });

const flush = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
};

const options = (extra: Partial<LoadTcccOptions> = {}): LoadTcccOptions => ({
  gateway: 'https://gw.example',
  getToken: () => 'jwt-1',
  renderDomId: 'workstation',
  ...extra,
});

async function rejection(promise: Promise<unknown>): Promise<SeatgateLoaderError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SeatgateLoaderError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

function setup(profile = fakeProfile()) {
  const fake = fakeHost(profile);
  const loader = createLoader(fake.host);
  const events: LoaderEvent[] = [];
  loader.onLoaderEvent((event) => events.push(event));
  return { ...fake, loader, events, types: () => events.map((e) => e.type) };
}

describe('loadTccc', () => {
  it('logs in, injects the login URL as a script and resolves with tccc on ready', async () => {
    const t = setup();
    t.answer(ticket(1));
    const loading = t.loader.loadTccc(options({ sdkAppId: 1400000001 }));
    await flush();

    const [url, init] = t.fetch.mock.calls[0];
    expect(url).toBe('https://gw.example/api/v1/login');
    expect(init.method).toBe('POST');
    expect(init.headers).toEqual({ Authorization: 'Bearer jwt-1', 'Content-Type': 'application/json' });
    expect(init.body).toBe('{"sdkAppId":1400000001}');
    expect(t.scripts).toHaveLength(1);
    expect(t.scripts[0]).toMatchObject({
      src: 'https://gw.example/api/v1/login/t/1',
      renderDomId: 'workstation',
    });

    const sdk = t.scripts[0].load() as FakeSdk;
    await flush();
    sdk.emit('ready');

    await expect(loading).resolves.toBe(sdk);
    expect(t.liveScripts()).toHaveLength(1);
    expect(t.liveTimers()).toHaveLength(0);
    expect(sdk.listenerCount()).toBe(0);
    expect(t.events).toEqual([
      { type: 'loading' },
      { type: 'ready', attempt: 1, loginId: 'login-1', tccc: sdk },
    ]);
  });

  it('sends an empty body without sdkAppId and ignores a trailing slash on the gateway', async () => {
    const t = setup();
    t.answer(ticket(1));
    void t.loader.loadTccc(options({ gateway: 'https://gw.example//' }));
    await flush();
    expect(t.fetch.mock.calls[0][0]).toBe('https://gw.example/api/v1/login');
    expect(t.fetch.mock.calls[0][1].body).toBe('{}');
  });

  it('awaits an async getToken', async () => {
    const t = setup();
    t.answer(ticket(1));
    void t.loader.loadTccc(options({ getToken: async () => 'jwt-async' }));
    await flush();
    expect(t.fetch.mock.calls[0][1].headers).toMatchObject({ Authorization: 'Bearer jwt-async' });
  });

  describe('one initialisation per page', () => {
    it('shares one promise and one login among concurrent calls', async () => {
      const t = setup();
      t.answer(ticket(1));
      const calls = Array.from({ length: 10 }, () => t.loader.loadTccc(options({ getToken: () => 'jwt-x' })));
      expect(new Set(calls).size).toBe(1);
      await flush();
      const sdk = t.scripts[0].load() as FakeSdk;
      sdk.emit('ready');
      await expect(Promise.all(calls)).resolves.toEqual(Array(10).fill(sdk));
      expect(t.fetch).toHaveBeenCalledTimes(1);
      expect(t.scripts).toHaveLength(1);
    });

    it('answers a repeated call after ready with the same SDK and no new login', async () => {
      const t = setup();
      t.answer(ticket(1));
      const first = t.loader.loadTccc(options());
      await flush();
      (t.scripts[0].load() as FakeSdk).emit('ready');
      const sdk = await first;
      await expect(t.loader.loadTccc(options({ timeoutMs: 1, maxRetries: 5 }))).resolves.toBe(sdk);
      expect(t.fetch).toHaveBeenCalledTimes(1);
    });

    it.each([
      ['another gateway', { gateway: 'https://other.example' }],
      ['another sdkAppId', { sdkAppId: 1400000002 }],
      ['another renderDomId', { renderDomId: 'elsewhere' }],
    ])('rejects a call with %s while loading and after ready, without a second SDK', async (_, different) => {
      const t = setup();
      t.answer(ticket(1));
      const first = t.loader.loadTccc(options());
      const conflict = await rejection(t.loader.loadTccc(options(different)));
      expect(conflict.code).toBe('options_conflict');
      expect(conflict.message).toContain('already loading or loaded');
      await flush();
      (t.scripts[0].load() as FakeSdk).emit('ready');
      await first;
      expect((await rejection(t.loader.loadTccc(options(different)))).code).toBe('options_conflict');
      expect(t.fetch).toHaveBeenCalledTimes(1);
      expect(t.scripts).toHaveLength(1);
    });

    it('lets a call after a failure start a fresh load', async () => {
      const t = setup();
      t.answer(json(503, { code: 'upstream_unavailable', message: 'down', requestId: 'r1' }), ticket(2));
      const first = t.loader.loadTccc(options());
      expect((await rejection(first)).code).toBe('upstream_unavailable');

      const second = t.loader.loadTccc(options({ sdkAppId: 1400000009 }));
      expect(second).not.toBe(first);
      await flush();
      (t.scripts[0].load() as FakeSdk).emit('ready');
      await expect(second).resolves.toBeDefined();
      expect(t.fetch).toHaveBeenCalledTimes(2);
    });

    it('lets an error listener start the next load itself', async () => {
      const t = setup();
      t.answer(new TypeError('Failed to fetch'), ticket(2));
      let retried: Promise<Tccc> | undefined;
      t.loader.onLoaderEvent((event) => {
        if (event.type === 'error' && !retried) retried = t.loader.loadTccc(options());
      });
      expect((await rejection(t.loader.loadTccc(options()))).code).toBe('network');
      await flush();
      (t.scripts[0].load() as FakeSdk).emit('ready');
      await expect(retried).resolves.toBeDefined();
    });
  });

  describe('tokenExpired before ready', () => {
    it('removes the script, logs in afresh once and succeeds', async () => {
      const t = setup();
      const tokens = ['jwt-a', 'jwt-b'];
      t.answer(ticket(1), ticket(2));
      const loading = t.loader.loadTccc(options({ getToken: () => tokens.shift() as string }));
      await flush();
      const first = t.scripts[0].load() as FakeSdk;
      first.emit('tokenExpired', { message: 'token expired' });
      expect(t.scripts[0].removed).toBe(true);
      expect(first.listenerCount()).toBe(0);
      await flush();

      expect(t.fetch).toHaveBeenCalledTimes(2);
      expect(t.fetch.mock.calls[1][1].headers).toMatchObject({ Authorization: 'Bearer jwt-b' });
      expect(t.scripts[1]).toMatchObject({
        src: 'https://gw.example/api/v1/login/t/2',
        renderDomId: 'workstation',
      });
      const second = t.scripts[1].load() as FakeSdk;
      second.emit('ready');

      await expect(loading).resolves.toBe(second);
      expect(t.liveScripts()).toEqual([t.scripts[1]]);
      expect(t.events).toEqual([
        { type: 'loading' },
        { type: 'retry', attempt: 2, reason: 'token_expired', message: 'token expired' },
        { type: 'ready', attempt: 2, loginId: 'login-2', tccc: second },
      ]);
    });

    it.each([0, 1, 3])(
      'gives up with token_expired after maxRetries=%i and leaves no script',
      async (maxRetries) => {
        const t = setup();
        for (let n = 1; n <= maxRetries + 1; n++) t.answer(ticket(n));
        const loading = t.loader.loadTccc(options({ maxRetries }));
        for (let n = 0; n <= maxRetries; n++) {
          await flush();
          (t.scripts[n].load() as FakeSdk).emit('tokenExpired', { message: `expired #${n + 1}` });
        }
        const error = await rejection(loading);
        expect(error).toMatchObject({ code: 'token_expired', message: `expired #${maxRetries + 1}` });
        expect(error.loginId).toBe(`login-${maxRetries + 1}`);
        expect(t.fetch).toHaveBeenCalledTimes(maxRetries + 1);
        expect(t.liveScripts()).toHaveLength(0);
        expect(t.types()).toEqual(['loading', ...Array(maxRetries).fill('retry'), 'error']);
      },
    );

    it('ignores tokenExpired after ready: the host owns the SDK from then on', async () => {
      const t = setup();
      t.answer(ticket(1));
      const loading = t.loader.loadTccc(options());
      await flush();
      const sdk = t.scripts[0].load() as FakeSdk;
      sdk.emit('ready');
      await loading;
      sdk.emit('tokenExpired', { message: 'later' });
      await flush();
      expect(t.fetch).toHaveBeenCalledTimes(1);
      expect(t.liveScripts()).toHaveLength(1);
    });
  });

  describe('failures leave nothing behind', () => {
    it('maps a script error to ticket_used and removes the tag', async () => {
      const t = setup();
      t.answer(ticket(1));
      const loading = t.loader.loadTccc(options());
      await flush();
      t.scripts[0].fail();
      const error = await rejection(loading);
      expect(error).toMatchObject({ code: 'ticket_used', loginId: 'login-1' });
      expect(t.liveScripts()).toHaveLength(0);
    });

    it('fails with gateway_error when the script loads but defines no tccc', async () => {
      const t = setup();
      t.answer(ticket(1));
      const loading = t.loader.loadTccc(options());
      await flush();
      t.scripts[0].load(null);
      expect((await rejection(loading)).code).toBe('gateway_error');
      expect(t.liveScripts()).toHaveLength(0);
    });

    it('maps an unreachable gateway to network, keeping the cause', async () => {
      const t = setup();
      const cause = new TypeError('Failed to fetch');
      t.answer(cause);
      const error = await rejection(t.loader.loadTccc(options()));
      expect(error).toMatchObject({ code: 'network', cause });
      expect(t.scripts).toHaveLength(0);
    });

    it('maps a failing getToken to auth_failed without calling the gateway', async () => {
      const t = setup();
      const cause = new Error('session gone');
      const error = await rejection(
        t.loader.loadTccc(
          options({
            getToken: () => {
              throw cause;
            },
          }),
        ),
      );
      expect(error).toMatchObject({ code: 'auth_failed', cause });
      expect(t.fetch).not.toHaveBeenCalled();
    });

    it('keeps the server code, status, request id and retryAfter of a refused login', async () => {
      const t = setup();
      t.answer(
        json(
          429,
          { code: 'rate_limited', message: 'slow down', requestId: 'req-9' },
          { 'retry-after': '17' },
        ),
      );
      const error = await rejection(t.loader.loadTccc(options()));
      expect(error).toBeInstanceOf(SeatgateLoaderError);
      expect(error).toBeInstanceOf(Error);
      expect(error).toMatchObject({
        name: 'SeatgateLoaderError',
        code: 'rate_limited',
        status: 429,
        serverCode: 'rate_limited',
        requestId: 'req-9',
        retryAfter: 17,
        message: 'slow down',
      });
      expect(t.scripts).toHaveLength(0);
    });

    it.each([
      ['an HTML 404 page', new Response('<h1>Not Found</h1>', { status: 404 })],
      ['a 201 without loginUrl', json(201, { hello: 'world' })],
      ['a 201 that is not JSON', new Response('ok', { status: 201 })],
    ])('maps %s to gateway_error', async (_, answer) => {
      const t = setup();
      t.answer(answer);
      const error = await rejection(t.loader.loadTccc(options()));
      expect(error.code).toBe('gateway_error');
      expect(error.status).toBe(answer.status);
      expect(t.scripts).toHaveLength(0);
    });
  });

  describe('timeout', () => {
    it('defaults to 15000 ms for the whole load', () => {
      const t = setup();
      t.answer('hang');
      void t.loader.loadTccc(options()).catch(() => {});
      expect(t.liveTimers().map((timer) => timer.ms)).toEqual([15000]);
    });

    it('rejects with timeout while the login hangs and aborts the request', async () => {
      const t = setup();
      t.answer('hang');
      const loading = t.loader.loadTccc(options({ timeoutMs: 500 }));
      await flush();
      t.elapse();
      const error = await rejection(loading);
      expect(error).toMatchObject({ code: 'timeout', message: 'TCCC was not ready within 500 ms' });
      expect(t.signals[0].aborted).toBe(true);
      expect(t.types()).toEqual(['loading', 'error']);
    });

    it('rejects with timeout while the SDK never gets ready, removes the script and ignores late events', async () => {
      const t = setup();
      t.answer(ticket(1));
      const loading = t.loader.loadTccc(options());
      await flush();
      const sdk = t.scripts[0].load() as FakeSdk;
      t.elapse();
      const error = await rejection(loading);
      expect(error).toMatchObject({ code: 'timeout', loginId: 'login-1' });
      expect(t.liveScripts()).toHaveLength(0);
      expect(sdk.listenerCount()).toBe(0);
      sdk.emit('ready');
      sdk.emit('tokenExpired', {});
      await flush();
      expect(t.fetch).toHaveBeenCalledTimes(1);
      expect(t.types()).toEqual(['loading', 'error']);
    });

    it('covers retries: the deadline is not restarted by a fresh login', async () => {
      const t = setup();
      t.answer(ticket(1), 'hang');
      const loading = t.loader.loadTccc(options({ timeoutMs: 1000 }));
      await flush();
      (t.scripts[0].load() as FakeSdk).emit('tokenExpired', {});
      await flush();
      expect(t.liveTimers()).toHaveLength(1);
      t.elapse();
      expect((await rejection(loading)).code).toBe('timeout');
      expect(t.types()).toEqual(['loading', 'retry', 'error']);
    });

    it('ignores a login that answers after the deadline', async () => {
      const t = setup();
      let answerLogin: (response: Response) => void = () => {};
      t.fetch.mockImplementationOnce(() => new Promise<Response>((resolve) => (answerLogin = resolve)));
      const loading = t.loader.loadTccc(options());
      await flush();
      t.elapse();
      expect((await rejection(loading)).code).toBe('timeout');
      answerLogin(ticket(1));
      await flush();
      expect(t.scripts).toHaveLength(0);
    });
  });

  describe('events', () => {
    it('delivers onEvent to its caller until the load settles, and survives a throwing listener', async () => {
      const t = setup();
      t.answer(ticket(1), ticket(2));
      const mine: string[] = [];
      const loading = t.loader.loadTccc(
        options({
          onEvent: (event) => {
            mine.push(event.type);
            throw new Error('a broken host listener');
          },
        }),
      );
      await flush();
      (t.scripts[0].load() as FakeSdk).emit('tokenExpired', {});
      await flush();
      (t.scripts[1].load() as FakeSdk).emit('ready');
      await loading;
      expect(mine).toEqual(['loading', 'retry', 'ready']);
      expect(t.types()).toEqual(['loading', 'retry', 'ready']);
    });

    it('stops page-wide delivery after unsubscribe', async () => {
      const t = setup();
      const seen: string[] = [];
      const unsubscribe = t.loader.onLoaderEvent((event) => seen.push(event.type));
      unsubscribe();
      t.answer(json(401, { code: 'token_expired', message: 'expired', requestId: 'r' }));
      await rejection(t.loader.loadTccc(options()));
      expect(seen).toEqual([]);
      expect(t.types()).toEqual(['loading', 'error']);
      const last = t.events[1];
      expect(last.type === 'error' && last.error.code).toBe('auth_failed');
    });
  });
});

// A JWT-shaped business token for `sub` (the loader reads the claim, never the signature).
const jwt = (sub: string) =>
  `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify({ sub })).toString('base64url')}.signature`;

describe('one workstation per browser profile and seat', () => {
  async function firstTabReady(
    profile: ReturnType<typeof fakeProfile>,
    extra: Partial<LoadTcccOptions> = {},
  ) {
    const tab = setup(profile);
    tab.answer(ticket(1));
    const loading = tab.loader.loadTccc(options({ getToken: () => jwt('agent-1'), ...extra }));
    await flush();
    const sdk = tab.scripts[0].load() as FakeSdk;
    sdk.emit('ready');
    await loading;
    return { tab, sdk };
  }

  it('refuses a second tab of the same seat before it logs in, offering takeOver and focusOther', async () => {
    const profile = fakeProfile();
    const { tab: first } = await firstTabReady(profile);
    const second = setup(profile);

    const error = await rejection(second.loader.loadTccc(options({ getToken: () => jwt('agent-1') })));

    expect(error.code).toBe('workstation_open_elsewhere');
    expect(typeof error.takeOver).toBe('function');
    expect(typeof error.focusOther).toBe('function');
    expect(second.fetch).not.toHaveBeenCalled();
    expect(second.scripts).toHaveLength(0);
    expect(second.types()).toEqual(['loading', 'error']);
    expect(first.liveScripts()).toHaveLength(1);
    // the claim names the gateway, the app and the token's subject, nothing else of the token
    expect(second.host.workstation).toHaveBeenCalledWith(
      'seatgate-workstation:["https://gw.example",null,"agent-1"]',
      expect.any(Function),
    );
  });

  it('takeOver() unloads the first tab and loads the workstation in the second', async () => {
    const profile = fakeProfile();
    const { tab: first, sdk: firstSdk } = await firstTabReady(profile);
    const second = setup(profile);
    const error = await rejection(second.loader.loadTccc(options({ getToken: () => jwt('agent-1') })));

    second.answer(ticket(2));
    const takingOver = (error.takeOver as () => Promise<Tccc>)();
    await flush();

    expect(first.liveScripts()).toHaveLength(0);
    expect(first.types()).toEqual(['loading', 'ready', 'taken_over']);
    expect(firstSdk.listenerCount()).toBe(0);
    const sdk = second.scripts[0].load() as FakeSdk;
    sdk.emit('ready');
    await expect(takingOver).resolves.toBe(sdk);
    expect(second.types()).toEqual(['loading', 'error', 'loading', 'ready']);
    // the first tab's page load is over: a new call there starts afresh (and now meets the second tab)
    const again = await rejection(first.loader.loadTccc(options({ getToken: () => jwt('agent-1') })));
    expect(again.code).toBe('workstation_open_elsewhere');
  });

  it('focusOther() asks the holding tab to come forward', async () => {
    const profile = fakeProfile();
    const { tab: first } = await firstTabReady(profile);
    const error = await rejection(
      setup(profile).loader.loadTccc(options({ getToken: () => jwt('agent-1') })),
    );

    error.focusOther?.();

    expect(first.types()).toEqual(['loading', 'ready', 'focus_requested']);
  });

  it('under refuse offers no takeOver', async () => {
    const profile = fakeProfile();
    await firstTabReady(profile);
    const error = await rejection(
      setup(profile).loader.loadTccc(options({ getToken: () => jwt('agent-1'), multiTab: 'refuse' })),
    );
    expect(error.code).toBe('workstation_open_elsewhere');
    expect(error.takeOver).toBeUndefined();
    expect(typeof error.focusOther).toBe('function');
  });

  it('under takeOver moves the workstation at once', async () => {
    const profile = fakeProfile();
    const { tab: first } = await firstTabReady(profile);
    const second = setup(profile);
    second.answer(ticket(2));
    const loading = second.loader.loadTccc(options({ getToken: () => jwt('agent-1'), multiTab: 'takeOver' }));
    await flush();
    expect(first.types()).toEqual(['loading', 'ready', 'taken_over']);
    (second.scripts[0].load() as FakeSdk).emit('ready');
    await expect(loading).resolves.toBeDefined();
  });

  it("follows the tenant's policy from the login answer over the option", async () => {
    const profile = fakeProfile();
    const first = setup(profile);
    first.answer(json(201, { loginUrl: 'https://gw.example/t/1', loginId: 'login-1', multiTab: 'refuse' }));
    const loading = first.loader.loadTccc(options({ getToken: () => jwt('agent-1') }));
    await flush();
    (first.scripts[0].load() as FakeSdk).emit('ready');
    await loading;

    const error = await rejection(
      setup(profile).loader.loadTccc(options({ getToken: () => jwt('agent-1'), multiTab: 'takeOver' })),
    );
    expect(error.takeOver).toBeUndefined();
    expect(first.liveScripts()).toHaveLength(1);
  });

  it('ignores a policy the gateway spells wrong, and forgets one it no longer sends', async () => {
    const profile = fakeProfile();
    profile.policies.set('https://gw.example', 'refuse');
    const first = setup(profile);
    first.answer(json(201, { loginUrl: 'https://gw.example/t/1', loginId: 'login-1', multiTab: 'kick' }));
    void first.loader.loadTccc(options({ getToken: () => jwt('agent-1') }));
    await flush();
    expect(profile.policies.size).toBe(0);
  });

  it('lets other seats (another user, another app) load beside it', async () => {
    const profile = fakeProfile();
    await firstTabReady(profile);
    const otherUser = setup(profile);
    otherUser.answer(ticket(2));
    void otherUser.loader.loadTccc(options({ getToken: () => jwt('agent-2') }));
    const otherApp = setup(profile);
    otherApp.answer(ticket(3));
    void otherApp.loader.loadTccc(options({ getToken: () => jwt('agent-1'), sdkAppId: 1400000002 }));
    await flush();
    expect(otherUser.scripts).toHaveLength(1);
    expect(otherApp.scripts).toHaveLength(1);
  });

  it('gives the workstation up when its load fails, so another tab may load it', async () => {
    const profile = fakeProfile();
    const first = setup(profile);
    first.answer(json(503, { code: 'upstream_unavailable', message: 'down' }));
    await rejection(first.loader.loadTccc(options({ getToken: () => jwt('agent-1') })));
    expect(profile.holders.size).toBe(0);
  });
});

describe('signed out by an administrator', () => {
  const kickable = () => {
    const sdk = new FakeSdk();
    sdk.events = { ...sdk.events, kickedOut: 'kickedOut' };
    return sdk;
  };

  it('after ready: unloads the workstation and emits signed_out with the reason, without a new login', async () => {
    const profile = fakeProfile();
    const t = setup(profile);
    t.answer(ticket(1));
    const mine: LoaderEvent[] = [];
    const loading = t.loader.loadTccc(options({ onEvent: (event) => mine.push(event) }));
    await flush();
    const sdk = t.scripts[0].load(kickable()) as FakeSdk;
    sdk.emit('ready');
    await loading;

    sdk.emit('kickedOut', { reason: 'ForceMemberOffline', message: 'forced offline by an administrator' });
    await flush();

    const last = t.events.at(-1);
    expect(last?.type).toBe('signed_out');
    const error = last?.type === 'signed_out' ? last.error : undefined;
    expect(error).toBeInstanceOf(SeatgateLoaderError);
    expect(error).toMatchObject({
      code: 'signed_out',
      reason: 'ForceMemberOffline',
      message: 'forced offline by an administrator',
      loginId: 'login-1',
    });
    // the caller's own listener hears the end of the workstation it loaded
    expect(mine.map((event) => event.type)).toEqual(['loading', 'ready', 'signed_out']);
    expect(t.liveScripts()).toHaveLength(0);
    expect(sdk.listenerCount()).toBe(0);
    expect(t.fetch).toHaveBeenCalledTimes(1);
    expect(profile.holders.size).toBe(0);
  });

  it('before ready: rejects with signed_out and does not retry', async () => {
    const t = setup();
    t.answer(ticket(1));
    const loading = t.loader.loadTccc(options());
    await flush();
    (t.scripts[0].load(kickable()) as FakeSdk).emit('kickedOut', {
      reason: 'ForceMemberOffline',
      message: 'out',
    });

    const error = await rejection(loading);
    expect(error).toMatchObject({ code: 'signed_out', reason: 'ForceMemberOffline' });
    expect(t.fetch).toHaveBeenCalledTimes(1);
    expect(t.liveScripts()).toHaveLength(0);
  });

  it("maps the gateway's seat_signed_out refusal to signed_out with the admin's reason", async () => {
    const t = setup();
    t.answer(
      json(403, {
        code: 'seat_signed_out',
        message: 'an administrator signed this seat out',
        details: { reason: 'laptop lost' },
        requestId: 'req-1',
      }),
    );
    const error = await rejection(t.loader.loadTccc(options()));
    expect(error).toMatchObject({
      code: 'signed_out',
      serverCode: 'seat_signed_out',
      status: 403,
      reason: 'laptop lost',
      requestId: 'req-1',
    });
    expect(t.fetch).toHaveBeenCalledTimes(1);
    expect(t.types()).toEqual(['loading', 'error']);
  });
});
