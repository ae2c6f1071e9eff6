import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RequestLifecycle } from './request-lifecycle';

class FakeResponse extends EventEmitter {
  statusCode = 200;
  headers: Record<string, string> = {};
  body: unknown;
  setHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  end(body: string) {
    this.body = JSON.parse(body);
    this.emit('finish');
  }
}

function request(lifecycle: RequestLifecycle): { res: FakeResponse; passed: boolean } {
  const res = new FakeResponse();
  let passed = false;
  lifecycle.middleware({} as IncomingMessage, res as unknown as ServerResponse, () => {
    passed = true;
  });
  return { res, passed };
}

describe('RequestLifecycle', () => {
  it('drains: waits for requests in flight, refuses new ones with 503 shutting_down', async () => {
    const lifecycle = new RequestLifecycle();
    const first = request(lifecycle);
    const second = request(lifecycle);
    expect([first.passed, second.passed, lifecycle.requestsInFlight]).toEqual([true, true, 2]);

    let drained: boolean | null = null;
    const draining = lifecycle.drain(5_000).then((value) => (drained = value));
    const late = request(lifecycle);
    expect(late.passed).toBe(false);
    expect(late.res.statusCode).toBe(503);
    expect(late.res.headers).toMatchObject({ Connection: 'close' });
    expect(late.res.body).toMatchObject({ code: 'shutting_down' });

    first.res.emit('finish');
    first.res.emit('close'); // counted once
    await Promise.resolve();
    expect(drained).toBeNull();
    second.res.emit('close'); // an aborted request counts as done too
    await draining;
    expect(drained).toBe(true);
    expect(lifecycle.requestsInFlight).toBe(0);
  });

  it('gives up after the timeout when a request never ends', async () => {
    const lifecycle = new RequestLifecycle();
    request(lifecycle);
    await expect(lifecycle.drain(20)).resolves.toBe(false);
  });

  it('drains at once when idle', async () => {
    await expect(new RequestLifecycle().drain(10_000)).resolves.toBe(true);
  });
});
