// Counts requests in flight so that SIGTERM can drain them (main.ts): once draining, a request that
// still arrives on a kept-alive connection is refused with 503 shutting_down and that connection
// is closed, while the requests already inside finish normally.
import { Injectable } from '@nestjs/common';
import type { ErrorBody } from '@seatgate/contracts';
import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';

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

  readonly middleware = (req: Request, res: Response, next: NextFunction): void => {
    if (this.draining) {
      const body: ErrorBody = {
        code: 'shutting_down',
        message: 'this gateway is shutting down; retry and another one will answer',
        requestId: String((req as { id?: unknown }).id ?? randomUUID()),
      };
      res.status(503).set({ Connection: 'close', 'Retry-After': '1' }).json(body);
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
