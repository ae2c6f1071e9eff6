import type { IncomingMessage, ServerResponse } from 'node:http';
import { hotRoutes, type HotRoute, type HotRouteSteps } from './hot-routes';

const route: HotRoute = {
  method: 'POST',
  pattern: '/api/v1/login',
  json: true,
  match: (url) => (url === '/api/v1/login' ? {} : null),
  handle: () => Promise.reject(new Error('not called here')),
};

/** Which requests the hot way takes; the steps stop at the drain check, which records them. */
function taken(method: string, url: string, headers: Record<string, string>): boolean {
  const seen: unknown[] = [];
  const steps = { lifecycle: { middleware: (req: unknown) => seen.push(req) } } as unknown as HotRouteSteps;
  const req = { method, url, headers } as unknown as IncomingMessage;
  const answered = hotRoutes([route], steps)(req, {} as ServerResponse);
  expect(seen.length).toBe(answered ? 1 : 0);
  return answered;
}

describe('hot routes: which requests take the hot way', () => {
  const json = { 'content-type': 'application/json' };
  it.each([
    ['the plain shape', 'POST', '/api/v1/login', json, true],
    [
      'a UTF-8 charset',
      'POST',
      '/api/v1/login',
      { 'content-type': 'application/json; charset="UTF-8"' },
      true,
    ],
    ['identity encoding', 'POST', '/api/v1/login', { ...json, 'content-encoding': 'identity' }, true],
    ['another method', 'PUT', '/api/v1/login', json, false],
    ['a query string', 'POST', '/api/v1/login?x=1', json, false],
    ['a trailing slash', 'POST', '/api/v1/login/', json, false],
    ['another case', 'POST', '/API/v1/login', json, false],
    ['no content type', 'POST', '/api/v1/login', {}, false],
    ['a form body', 'POST', '/api/v1/login', { 'content-type': 'application/x-www-form-urlencoded' }, false],
    [
      'another charset',
      'POST',
      '/api/v1/login',
      { 'content-type': 'application/json; charset=latin1' },
      false,
    ],
    ['a compressed body', 'POST', '/api/v1/login', { ...json, 'content-encoding': 'gzip' }, false],
  ])('%s', (_label, method, url, headers, expected) => {
    expect(taken(method, url, headers)).toBe(expected);
  });
});
