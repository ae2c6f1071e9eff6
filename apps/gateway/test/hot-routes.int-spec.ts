// The business login's hot routes (common/http/hot-routes.ts) are answered before Express when a
// request comes in their plain shape, and by the same handlers as Express routes otherwise. Whichever
// way a request takes, its answer, headers, body errors, request log and metrics must be the same.
import { bearer } from './support/app';
import {
  businessTenant,
  businessToken,
  mapSeat,
  startAppWithEmulator,
  type BusinessTenant,
  type EmulatedTestApp,
} from './support/business';

let stack: EmulatedTestApp;
let tenant: BusinessTenant;

beforeAll(async () => {
  stack = await startAppWithEmulator();
  tenant = await businessTenant(stack.t, stack.root, stack.emulator, {
    settings: {
      allowedOrigins: ['https://crm.example.com'],
      // every test logs u1 in, each both ways: more than the default 10 a minute
      rateLimits: { perUserPerMinute: 100, perTenantPerMinute: 600, perIpPerMinute: 100 },
    },
  });
  await mapSeat(stack.t, stack.root, tenant.tenantId, 'u1', tenant.apps[0]!.sdkAppId, 'agent1@corp.test');
});
afterAll(() => stack?.close());

// the hot way takes the exact path; a query string sends the same request through Express
const WAYS = [
  ['hot', '/api/v1/login'],
  ['Express', '/api/v1/login?via=express'],
] as const;

/** The headers an answer carries, by name, without the ones whose value differs each time. */
function headerNames(headers: Record<string, unknown>): string[] {
  return Object.keys(headers)
    .filter((name) => !['date', 'content-length', 'x-request-id', 'keep-alive', 'connection'].includes(name))
    .sort();
}

function login(path: string, body: string | object, contentType = 'application/json') {
  return stack.t.http
    .post(path)
    .set(bearer(businessToken(tenant, 'u1')))
    .set('Origin', 'https://crm.example.com')
    .set('Content-Type', contentType)
    .send(typeof body === 'string' ? body : JSON.stringify(body));
}

describe('hot routes', () => {
  it('issue and redeem a login with the same answer and headers either way', async () => {
    const answers = [];
    for (const [, path] of WAYS) {
      const issued = await login(path, {}).expect(201);
      expect(Object.keys(issued.body).sort()).toEqual(['expiresAt', 'loginId', 'loginUrl', 'multiTab']);
      const ticketPath = new URL(issued.body.loginUrl as string).pathname;
      const redeemed = await stack.t.http
        .get(path.includes('?') ? `${ticketPath}?via=express` : ticketPath)
        .expect(302);
      expect(redeemed.headers.location).toMatch(/^https?:\/\//);
      answers.push({ issued: headerNames(issued.headers), redeemed: headerNames(redeemed.headers) });
    }
    expect(answers[0]!.issued).toEqual(
      expect.arrayContaining([
        'cache-control',
        'content-security-policy',
        'content-type',
        'x-content-type-options',
      ]),
    );
    expect(answers[0]!.redeemed).toEqual(expect.arrayContaining(['location', 'referrer-policy']));
    expect(answers[1]).toEqual(answers[0]);
  });

  it.each([
    ['a body that is not JSON', '{', 400, 'invalid_json'],
    ['JSON that is not an object or array', '"app"', 400, 'invalid_json'],
    [
      'a body over SEATGATE_BODY_LIMIT',
      JSON.stringify({ pad: 'x'.repeat(1024 * 1024) }),
      413,
      'payload_too_large',
    ],
    ['a body with a wrong field', { sdkAppId: 'not a number' }, 400, 'validation_failed'],
  ])('refuse %s with the same code either way', async (_label, body, status, code) => {
    for (const [way, path] of WAYS) {
      const refused = await login(path, body).expect(status);
      expect(refused.body).toMatchObject({ code });
      // Express parses a body before the route's request log names the request; the hot way after
      if (way === 'hot') expect(refused.headers['x-request-id']).toBe(refused.body.requestId);
    }
  });

  it.each([
    ['an empty body', '', 'application/json'],
    ['a UTF-8 byte order mark', '\ufeff{}', 'application/json'],
    ['a charset parameter', '{}', 'application/json; charset=UTF-8'],
  ])('read %s as body-parser does', async (_label, body, contentType) => {
    for (const [, path] of WAYS) await login(path, body, contentType).expect(201);
  });

  it('log the completion line with the route, never the ticket, and count the route in the metrics', async () => {
    const issued = await login('/api/v1/login', {}).expect(201);
    const ticket = new URL(issued.body.loginUrl as string).pathname.split('/').pop()!;
    const redeemed = await stack.t.http.get(`/api/v1/tickets/${ticket}`).expect(302);
    const lines = stack.t.logs
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    const completion = lines.find(
      (line) => line.msg === 'request completed' && line.req?.id === redeemed.headers['x-request-id'],
    );
    expect(completion).toMatchObject({
      req: { method: 'GET', url: '/api/v1/tickets/[redacted]' },
      res: { statusCode: 302 },
    });
    expect(stack.t.logs.join('')).not.toContain(ticket);
    expect(stack.t.logs.join('')).not.toContain(redeemed.headers.location);

    const metrics = stack.t.app.get((await import('../src/modules/metrics/metrics.service')).MetricsService);
    const text = await metrics.registry.metrics();
    expect(text).toMatch(
      /seatgate_http_requests_total\{method="POST",route="\/api\/v1\/login",status="201"\} [1-9]/,
    );
    expect(text).toMatch(
      /seatgate_http_requests_total\{method="GET",route="\/api\/v1\/tickets\/:ticket",status="302"\} [1-9]/,
    );
  });
});

/** The headers whose value is the same on every answer of a kind (no date, id, length, count or URL). */
function fixedHeaders(headers: Record<string, unknown>): Record<string, unknown> {
  const varying = ['date', 'content-length', 'x-request-id', 'keep-alive', 'connection', 'etag', 'location'];
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => !varying.includes(name) && !name.startsWith('ratelimit')),
  );
}

describe('hot routes and Express side by side', () => {
  it('answer with the same header values either way: success, refusal and redemption', async () => {
    const seen: Record<string, unknown>[][] = [];
    for (const [, path] of WAYS) {
      const issued = await login(path, {}).expect(201);
      const refused = await stack.t.http
        .post(path)
        .set('Authorization', 'Bearer not-a-jwt')
        .set('Origin', 'https://crm.example.com')
        .set('Content-Type', 'application/json')
        .send('{}')
        .expect(401);
      expect(refused.body).toMatchObject({ code: 'token_malformed', requestId: expect.any(String) });
      const ticketPath = new URL(issued.body.loginUrl as string).pathname;
      const redeemed = await stack.t.http
        .get(path.includes('?') ? `${ticketPath}?via=express` : ticketPath)
        .set('Origin', 'https://crm.example.com')
        .expect(302);
      seen.push([issued, refused, redeemed].map((answer) => fixedHeaders(answer.headers)));
    }
    const [hot, express] = seen;
    expect(hot![0]).toMatchObject({
      'access-control-allow-origin': 'https://crm.example.com',
      'cache-control': 'no-store',
      'content-type': 'application/json; charset=utf-8',
      vary: 'Origin',
      'x-content-type-options': 'nosniff',
      'content-security-policy': expect.stringContaining("default-src 'self'"),
    });
    expect(hot![1]).toMatchObject({ 'access-control-allow-origin': 'https://crm.example.com' });
    expect(express).toEqual(hot);
  });

  it('hand every other request to Express: other routes, methods and shapes of the same paths', async () => {
    await stack.t.http.get('/health/live').expect(200);
    // a trailing slash is not the plain shape; Express's non-strict routing still finds the route
    const slash = await login('/api/v1/login/', {}).expect(201);
    expect(Object.keys(slash.body).sort()).toEqual(['expiresAt', 'loginId', 'loginUrl', 'multiTab']);
    const wrongMethod = await stack.t.http.get('/api/v1/login').expect(404);
    expect(wrongMethod.body).toMatchObject({ code: expect.any(String), requestId: expect.any(String) });
    const preflight = await stack.t.http
      .options('/api/v1/login')
      .set('Origin', 'https://crm.example.com')
      .set('Access-Control-Request-Method', 'POST')
      .expect(204);
    expect(preflight.headers['access-control-allow-methods']).toBe('GET, POST');
  });

  it('refuse a HEAD on a login URL with 405 and leave it unused for the GET that follows', async () => {
    const issued = await login('/api/v1/login', {}).expect(201);
    const ticketPath = new URL(issued.body.loginUrl as string).pathname;
    const head = await stack.t.http.head(ticketPath).expect(405);
    expect(head.headers.allow).toBe('GET');
    const redeemed = await stack.t.http.get(ticketPath).expect(302);
    expect(redeemed.headers.location).toMatch(/^https?:\/\//);
  });

  it('once draining, refuse a new login with 503 shutting_down either way', async () => {
    const { RequestLifecycle } = await import('../src/common/lifecycle/request-lifecycle');
    const lifecycle = stack.t.app.get(RequestLifecycle);
    expect(await lifecycle.drain(1_000)).toBe(true);
    for (const [, path] of WAYS) {
      const refused = await login(path, {}).expect(503);
      expect(refused.body).toMatchObject({ code: 'shutting_down' });
      expect(refused.headers['retry-after']).toBe('1');
      expect(refused.headers.connection).toBe('close');
    }
  });
});
