// The console's static files are served outside the API only: a login, a redemption or a health
// check never costs a file-system lookup. Needs the built console (npm test builds it).
import fs from 'node:fs';
import { startTestApp, type TestApp } from './support/app';

describe('console static files', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());
  afterEach(() => jest.restoreAllMocks());

  async function statsDuring(request: () => Promise<unknown>): Promise<number> {
    const stat = jest.spyOn(fs, 'stat');
    await request();
    const calls = stat.mock.calls.length;
    stat.mockRestore();
    return calls;
  }

  it('looks up no file for API paths', async () => {
    expect(await statsDuring(() => t.http.get('/api/v1/tickets/not-a-ticket').expect(404))).toBe(0);
    expect(await statsDuring(() => t.http.post('/api/v1/login').send({}).expect(401))).toBe(0);
    expect(await statsDuring(() => t.http.get('/api/no-such-route').expect(404))).toBe(0);
  });

  it('still serves the console and its assets outside the API', async () => {
    expect(await statsDuring(() => t.http.get('/index.html').expect(200))).toBeGreaterThan(0);
    const home = await t.http.get('/').expect(200);
    const asset = /src="(\/assets\/[^"]+)"/.exec(home.text)?.[1];
    expect(asset).toBeDefined();
    const served = await t.http.get(asset!).expect(200);
    expect(served.headers['cache-control']).toContain('immutable');
  });
});
