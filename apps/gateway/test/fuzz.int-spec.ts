// Property-based fuzzing of every route the running app serves. Routes are read from the Express
// router (never listed by hand), so a route added later is fuzzed without touching this file.
// Each request gets generated path ids, query strings, bodies (JSON, CSV, multipart, broken) and
// headers, as each admin role, anonymously, with a valid business token and with garbage. No answer
// may be a 5xx other than a documented one (a code the error table gives that status: the 503s, and
// the 502s that relay TCCC's refusals), and the process must keep serving.
import { ERROR_STATUS } from '@seatgate/contracts';
import fc from 'fast-check';
import type { Test } from 'supertest';
import { bearer, createAdmin, login, PLATFORM_ADMIN, type TestApp } from './support/app';
import {
  businessTenant,
  businessToken,
  mapSeat,
  startAppWithEmulator,
  type EmulatedTestApp,
} from './support/business';

interface RouteEntry {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
}

interface ExpressLayer {
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: ExpressLayer[] };
}

/** Every route the Express router holds (Nest registers each controller method there). */
function enumerateRoutes(server: { router?: { stack: ExpressLayer[] } }): RouteEntry[] {
  const routes: RouteEntry[] = [];
  const walk = (stack: ExpressLayer[]) => {
    for (const layer of stack) {
      if (layer.route && typeof layer.route.path === 'string') {
        for (const [method, enabled] of Object.entries(layer.route.methods)) {
          if (enabled && ['get', 'post', 'put', 'patch', 'delete'].includes(method))
            routes.push({ method: method as RouteEntry['method'], path: layer.route.path });
        }
      } else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk(server.router?.stack ?? []);
  return routes;
}

/** Query parameter and body property names per route, from the app's own OpenAPI document. */
interface RouteHints {
  query: string[];
  body: string[];
}

function hintsFrom(spec: {
  paths: Record<
    string,
    Record<string, { parameters?: { in: string; name: string }[]; requestBody?: unknown }>
  >;
}): Map<string, RouteHints> {
  const hints = new Map<string, RouteHints>();
  for (const [path, operations] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const query = (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      const body = Object.keys(
        ((
          operation.requestBody as
            { content?: Record<string, { schema?: { properties?: object } }> } | undefined
        )?.content?.['application/json']?.schema?.properties ?? {}) as object,
      );
      hints.set(`${method} ${path.replace(/\{(\w+)\}/g, ':$1')}`, { query, body });
    }
  }
  return hints;
}

const NASTY = [
  '',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff',
  '-271821-04-20',
  '+275760-09-13',
  '0000-00-00',
  '9999-12-31T23:59:59.999Z',
  '1970-01-01',
  '-1',
  '0',
  '1e309',
  'NaN',
  'true',
  'null',
  '[]',
  '{}',
  "' OR 1=1 --",
  '../../etc/passwd',
  '%00',
  '=HYPERLINK("http://evil.test","x")',
  '00000000-0000-0000-0000-000000000000',
  '------------------------------------',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '<script>alert(1)</script>',
  '𝕏'.repeat(300),
  'a'.repeat(5000),
  '9007199254740993',
  '1400000001',
  'enabled',
  'disabled',
  'platform_admin',
  'hs256',
  'https://127.0.0.1/jwks.json',
];

// what a database or a parser chokes on: the values most likely to find a 500
const BREAKERS = ['\u0000', 'a\u0000b', '\ud800', 'x\udfff', '-271821-04-20', '+275760-09-13', '0000-01-01'];

const nastyString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...BREAKERS) },
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: fc.integer().map(String) },
  {
    weight: 1,
    arbitrary: fc
      .string({ unit: 'binary', maxLength: 60 })
      .map((raw) => Buffer.from(raw).toString('base64url')),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.date({ noInvalidDate: true, min: new Date(-8.64e15), max: new Date(8.64e15) }),
        fc.oneof(fc.uuid(), fc.constantFrom('-'.repeat(36), 'x')),
      )
      .map(([at, id]) => Buffer.from(`${at.toISOString()}|${id}`).toString('base64url')),
  },
);

const jsonLeaf = fc.oneof(
  nastyString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(Number.MAX_SAFE_INTEGER + 2, -1, 0, 1e308),
);
const jsonish = fc.oneof(
  jsonLeaf,
  fc.array(jsonLeaf, { maxLength: 4 }),
  fc.dictionary(nastyString, jsonLeaf, { maxKeys: 3 }),
);

type Auth = 'platform_admin' | 'tenant_admin' | 'auditor' | 'anonymous' | 'business' | 'garbage';

type BodyKind =
  { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'raw'; contentType: string; text: string };

function encodePathSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    // a lone surrogate cannot be percent-encoded as UTF-8: send the bytes a client might
    return '%ED%A0%80';
  }
}

function queryString(entries: Record<string, string>): string {
  return Object.entries(entries)
    .map(([key, value]) => `${encodePathSegment(key)}=${encodePathSegment(value)}`)
    .join('&');
}

describe('fuzz: every route, every role', () => {
  let e: EmulatedTestApp;
  let t: TestApp;
  let routes: RouteEntry[];
  let hints: Map<string, RouteHints>;
  const tokens: Partial<Record<Auth, string>> = {};
  const validIds: Record<string, string[]> = {};
  const histogram = new Map<number, number>();
  const serverErrors: string[] = [];
  let requests = 0;
  let fuzzSdkAppId = 0;
  const credentials: Partial<Record<Auth, { email: string; password: string }>> = {};

  /** A fuzzed POST /api/auth/logout legitimately ends a session: sign in again before the next route. */
  async function keepSignedIn(): Promise<void> {
    for (const role of ['platform_admin', 'tenant_admin', 'auditor'] as const) {
      const me = await t.http.get('/api/auth/me').set(bearer(tokens[role]!));
      if (me.status === 401)
        tokens[role] = await login(t, credentials[role]!.email, credentials[role]!.password);
    }
  }

  beforeAll(async () => {
    e = await startAppWithEmulator();
    t = e.t;
    const tenant = await businessTenant(t, e.root, e.emulator, { staff: ['agent1@corp.test'] });
    const app = tenant.apps[0]!;
    const seat = await mapSeat(t, e.root, tenant.tenantId, 'crm-fuzz', app.sdkAppId, 'agent1@corp.test');
    const tenantAdmin = await createAdmin(t, e.root, 'tenant_admin', [tenant.tenantId]);
    const auditor = await createAdmin(t, e.root, 'auditor', [tenant.tenantId]);
    const victim = await createAdmin(t, e.root, 'auditor', [tenant.tenantId]);
    tokens.platform_admin = e.root;
    tokens.tenant_admin = tenantAdmin.token;
    tokens.auditor = auditor.token;
    credentials.platform_admin = PLATFORM_ADMIN;
    credentials.tenant_admin = tenantAdmin;
    credentials.auditor = auditor;
    tokens.business = businessToken(tenant, 'crm-fuzz', { expiresIn: 3600 });
    tokens.garbage = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.';
    validIds.tenantId = [tenant.tenantId];
    validIds.appId = [app.id];
    fuzzSdkAppId = app.sdkAppId;
    validIds.seatId = [seat.id];
    // a user nobody here signs in as, so that a fuzzed PATCH or DELETE cannot lock the fuzzer out
    validIds.userId = [victim.id];
    validIds.kid = [tenant.kid];
    // deletions last, so that a fuzzed DELETE of the fixture tenant does not turn the rest into 404s
    routes = enumerateRoutes(t.app.getHttpAdapter().getInstance()).sort(
      (a, b) => Number(a.method === 'delete') - Number(b.method === 'delete'),
    );
    hints = hintsFrom((await t.http.get('/api/docs-json').expect(200)).body);
    process.stdout.write(`[fuzz] ${routes.length} routes found in the router\n`);
  }, 60_000);

  afterAll(async () => {
    const sorted = [...histogram.entries()].sort(([a], [b]) => a - b);
    process.stdout.write(
      `[fuzz] ${requests} requests; status histogram: ${sorted.map(([status, n]) => `${status}×${n}`).join(', ')}; ` +
        `undocumented 5xx: ${serverErrors.length}\n`,
    );
    await e?.close();
  });

  it('finds every kind of route: admin, business, public and health', () => {
    const paths = routes.map((route) => route.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/admin/tenants/:tenantId/seats/export',
        '/api/admin/tenants/:tenantId/seats/export/xlsx',
        '/api/admin/tenants/:tenantId/apps/:appId/staff/lookup',
        '/api/admin/audit/export',
        '/api/v1/login',
        '/api/auth/login',
        '/health/live',
      ]),
    );
    expect(routes.length).toBeGreaterThan(40);
  });

  /** A valid value for a body property, by name (the admin API's field names are few and stable). */
  function validBody(name: string, n: number): unknown {
    const values: Record<string, unknown> = {
      slug: `fuzz-${n}`,
      name: `Fuzz ${n}`,
      label: `Fuzz ${n}`,
      businessUserId: `crm-f${n}`,
      seatUserId: `agent${n}@corp.test`,
      sdkAppId: fuzzSdkAppId,
      displayName: `Agent ${n}`,
      email: `fuzz${n}@seatgate.test`,
      password: 'long-enough-password-1',
      role: 'auditor',
      tenantIds: validIds.tenantId,
      type: 'hs256',
      secretId: 'AKIDseatgatetest0000000001',
      secretKey: 'seatgate-test-secret-key-0001',
      status: 'enabled',
    };
    return values[name];
  }

  function buildRequest(route: RouteEntry, input: FuzzInput): Test {
    const path = route.path.replace(/:(\w+)/g, (_match, name: string) =>
      encodePathSegment(input.ids[name] ?? validIds[name]?.[0] ?? 'x'),
    );
    const query = queryString(input.query);
    let request = (t.http[route.method] as (url: string) => Test)(`${path}${query ? `?${query}` : ''}`);
    const token = tokens[input.auth];
    if (token) request = request.set(bearer(token));
    for (const [name, value] of Object.entries(input.headers)) request = request.set(name, value);
    if (input.body.kind === 'json')
      return request.set('Content-Type', 'application/json').send(JSON.stringify(input.body.value));
    if (input.body.kind === 'raw')
      return request.set('Content-Type', input.body.contentType).send(input.body.text);
    return request;
  }

  interface FuzzInput {
    auth: Auth;
    ids: Record<string, string>;
    query: Record<string, string>;
    headers: Record<string, string>;
    body: BodyKind;
  }

  function inputFor(route: RouteEntry): fc.Arbitrary<FuzzInput> {
    const hint = hints.get(`${route.method} ${route.path}`) ?? { query: [], body: [] };
    const params = [...route.path.matchAll(/:(\w+)/g)].map((match) => match[1]!);
    const id = (name: string) =>
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...(validIds[name] ?? ['x'])) },
        { weight: 1, arbitrary: fc.uuid() },
        { weight: 1, arbitrary: nastyString.filter((value) => value.length > 0) },
      );
    const queryKeys = fc.constantFrom(...hint.query, 'cursor', 'limit', 'q', 'from', 'to', 'x');
    const bodyKeys = fc.constantFrom(...hint.body, 'x', 'token', 'settings');
    // a body valid enough to pass validation but for the one fuzzed field, so that the fuzzed
    // value reaches the service and the database instead of stopping at a missing field
    // the fuzzed field mostly gets a value the database or a parser chokes on, undiluted
    const fuzzedField = fc.oneof(
      { weight: 2, arbitrary: fc.constantFrom(...BREAKERS) },
      { weight: 1, arbitrary: jsonish },
    );
    const baseline = fc
      .tuple(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.constantFrom(...(hint.body.length ? hint.body : ['x'])),
        fuzzedField,
      )
      .map(([n, key, value]) => {
        const body: Record<string, unknown> = {};
        for (const name of hint.body) {
          const base = validBody(name, n);
          if (base !== undefined) body[name] = base;
        }
        body[key] = value;
        return { kind: 'json' as const, value: body };
      });
    const boundary = 'fUzZ';
    const csv = fc
      .array(fc.array(nastyString, { maxLength: 5 }), { maxLength: 5 })
      .map((rows) =>
        ['businessUserId,sdkAppId,seatUserId,displayName', ...rows.map((row) => row.join(','))].join('\r\n'),
      );
    const body: fc.Arbitrary<BodyKind> = fc.oneof(
      { weight: 2, arbitrary: fc.constant({ kind: 'none' as const }) },
      { weight: hint.body.length ? 6 : 0, arbitrary: baseline },
      {
        weight: 5,
        arbitrary: fc
          .dictionary(bodyKeys, jsonish, { minKeys: 1, maxKeys: 2 })
          .map((value) => ({ kind: 'json' as const, value })),
      },
      { weight: 1, arbitrary: jsonish.map((value) => ({ kind: 'json' as const, value })) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(
            fc.constantFrom(
              'text/csv',
              'text/plain',
              'application/json',
              'application/x-www-form-urlencoded',
              'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            ),
            // an .xlsx's first bytes (a zip's) before the rest: a coded 415, never a 5xx
            fc.oneof(
              csv,
              nastyString,
              nastyString.map((rest) => `PK\u0003\u0004${rest}`),
            ),
          )
          .map(([contentType, text]) => ({ kind: 'raw' as const, contentType, text })),
      },
      {
        weight: 1,
        arbitrary: fc.tuple(csv, fc.boolean(), fc.boolean()).map(([text, withBoundary, closed]) => ({
          kind: 'raw' as const,
          contentType: withBoundary ? `multipart/form-data; boundary=${boundary}` : 'multipart/form-data',
          text: [
            `--${boundary}`,
            'Content-Disposition: form-data; name="file"; filename="f.csv"',
            'Content-Type: text/csv',
            '',
            text,
            closed ? `--${boundary}--\r\n` : '',
          ].join('\r\n'),
        })),
      },
    );
    const headerValue = fc.string({
      unit: fc.constantFrom(...'abc=+-@ ;,/*.:0123456789'.split('')),
      maxLength: 30,
    });
    const headers = fc.record(
      {
        'User-Agent': fc.oneof(headerValue, fc.constant('=HYPERLINK("http://evil.test","x")')),
        'X-Request-Id': headerValue,
        Origin: fc.oneof(headerValue, fc.constant('https://crm.example.test')),
        'X-Forwarded-For': headerValue,
        Accept: fc.constantFrom('*/*', 'text/csv', 'application/json'),
        Cookie: headerValue,
      },
      { requiredKeys: [] },
    );
    const business = /^\/(api\/v1|loginTCCC)/.test(route.path);
    // mostly callers who get past authentication, so that the route's own code is what is fuzzed
    const auth = fc.oneof(
      {
        weight: business ? 1 : 4,
        arbitrary: fc.constantFrom<Auth>('platform_admin', 'tenant_admin', 'auditor'),
      },
      { weight: business ? 4 : 1, arbitrary: fc.constant<Auth>('business') },
      { weight: 1, arbitrary: fc.constantFrom<Auth>('anonymous', 'garbage') },
    );
    return fc.record({
      auth,
      ids: fc.record(Object.fromEntries(params.map((name) => [name, id(name)]))) as fc.Arbitrary<
        Record<string, string>
      >,
      // mostly one fuzzed parameter, so that it is not hidden behind another one's 400
      query: fc.oneof(
        { weight: 3, arbitrary: fc.dictionary(queryKeys, nastyString, { minKeys: 1, maxKeys: 1 }) },
        { weight: 1, arbitrary: fc.dictionary(queryKeys, nastyString, { maxKeys: 4 }) },
      ),
      headers,
      body,
    });
  }

  // a size that keeps the suite near one minute on two shared cores
  const RUNS_PER_ROUTE = 30;

  it('no route answers a 5xx other than a documented one, and the process keeps serving', async () => {
    for (const route of routes) {
      await keepSignedIn();
      await fc.assert(
        fc.asyncProperty(inputFor(route), async (input) => {
          const response = await buildRequest(route, input);
          requests += 1;
          histogram.set(response.status, (histogram.get(response.status) ?? 0) + 1);
          // a documented 5xx is one the error table gives that code: TCCC or the database being
          // unavailable (503), or TCCC answering with an error (502: e.g. credentials a fuzzed PATCH
          // changed). Anything else, internal_error above all, is a defect.
          const code = (response.body as { code?: unknown }).code;
          const documented =
            typeof code === 'string' &&
            code !== 'internal_error' &&
            (ERROR_STATUS as Record<string, number>)[code] === response.status;
          if (response.status >= 500 && !documented) {
            serverErrors.push(`${route.method.toUpperCase()} ${route.path} → ${response.status}`);
            throw new Error(
              `${route.method.toUpperCase()} ${route.path} answered ${response.status} ${JSON.stringify(response.body)} for ${JSON.stringify(input)}`,
            );
          }
        }),
        { numRuns: RUNS_PER_ROUTE, endOnFailure: true },
      );
      // still serving after every route's batch
      await t.http.get('/health/live').expect(200);
    }
    await t.http.get('/health/live').expect(200);
    await t.http.get('/health/ready').expect(200);
    const metrics = await t.http.get('/metrics').set(bearer(tokens.platform_admin!));
    if (metrics.status === 200)
      expect(metrics.text).not.toMatch(/seatgate_unexpected_errors_total\{[^}]*\} [1-9]/);
  }, 240_000);
});
