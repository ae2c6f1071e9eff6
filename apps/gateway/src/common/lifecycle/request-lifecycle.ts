// Counts requests in flight so that SIGTERM can drain them (main.ts): once draining, a request that
// still arrives on a kept-alive connection is refused with 503 shutting_down and that connection
// is closed, while the requests already inside finish normally.
import { Injectable } from '@nestjs/common';
import type { ErrorBody } from '@seatgate/contracts';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../http/send';

@Injectable()
export class RequestLifecycle {
  private inFlight = 0;
  private draining = false;
  private idleWaiters: (() => void)[] = [];

  get requestsInFlight(): number {
    return this.inFlight;
  }

  get isDraining(): boolean {
    return this.draining;
  }

  /** Express middleware, and the plain hot routes' first step (hot-routes.ts). */
  readonly middleware = (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    if (this.draining) {
      const body: ErrorBody = {
        code: 'shutting_down',
        message: 'this gateway is shutting down; retry and another one will answer',
        requestId: String((req as { id?: unknown }).id ?? randomUUID()),
      };
      res.setHeader('Connection', 'close');
      res.setHeader('Retry-After', '1');
      sendJson(res, 503, body);
      return;
    }
    this.inFlight += 1;
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      this.inFlight -= 1;
      if (this.inFlight === 0) this.wakeIdleWaiters();
    };
    res.once('finish', finish);
    res.once('close', finish);
    next();
  };

  /** From now on new requests are refused; resolves true once none is in flight, false on timeout. */
  drain(timeoutMs: number): Promise<boolean> {
    this.draining = true;
    if (this.inFlight === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  private wakeIdleWaiters(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const wake of waiters) wake();
  }
}
