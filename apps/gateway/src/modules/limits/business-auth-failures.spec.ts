import type { AppConfig } from '../../config/app-config';
import type { AuditService } from '../audit/audit.service';
import type { AuditInput } from '../audit/audit.types';
import { BusinessAuthFailures, clientAddress, MAX_IN_FLIGHT_PER_IP } from './business-auth-failures';

function limiter(perIp: number, windowSeconds = 60) {
  const written: AuditInput[] = [];
  const audit = {
    record: (input: AuditInput) => {
      written.push(input);
      return Promise.resolve();
    },
  } as unknown as AuditService;
  const config = { businessAuthFailures: { perIp, windowSeconds } } as AppConfig;
  return { failures: new BusinessAuthFailures(config, audit), written };
}

describe('BusinessAuthFailures', () => {
  it('refuses an address once it has had `limit` failures, and no other address', () => {
    const { failures } = limiter(3);
    for (let i = 0; i < 3; i += 1) {
      const admission = failures.admit('203.0.113.9', 1_000);
      if (!admission.admitted) throw new Error('admitted expected');
      expect(admission.fail()).toBe(true);
      admission.done();
    }
    expect(failures.admit('::ffff:203.0.113.9', 2_000)).toEqual({ admitted: false, retryAfterSeconds: 59 });
    expect(failures.admit('198.51.100.1', 2_000).admitted).toBe(true);
    // the next window starts afresh
    expect(failures.admit('203.0.113.9', 61_001).admitted).toBe(true);
  });

  it('never throttles successes, however many, but caps attempts verified at once', () => {
    const { failures } = limiter(2);
    const inFlight = Array.from({ length: MAX_IN_FLIGHT_PER_IP }, () => failures.admit('198.51.100.2', 0));
    expect(inFlight.every((admission) => admission.admitted)).toBe(true);
    expect(failures.admit('198.51.100.2', 0).admitted).toBe(false);
    for (const admission of inFlight) if (admission.admitted) admission.done();
    for (let i = 0; i < 1_000; i += 1) {
      const admission = failures.admit('198.51.100.2', 1);
      expect(admission.admitted).toBe(true);
      if (admission.admitted) admission.done();
    }
  });

  it('summarises what was not audited one by one: one event per address and window, with counts', async () => {
    const { failures, written } = limiter(1);
    const concurrent = [failures.admit('203.0.113.7', 0), failures.admit('203.0.113.7', 0)];
    const verdicts = concurrent.map((admission) => (admission.admitted ? admission.fail() : null));
    expect(verdicts).toEqual([true, false]);
    for (let i = 0; i < 5; i += 1) expect(failures.admit('203.0.113.7', 10).admitted).toBe(false);
    expect(written).toEqual([]);
    await failures.onModuleDestroy();
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({
      tenantId: null,
      action: 'login.throttled',
      meta: { ip: '203.0.113.7' },
      details: { refused: 5, unaudited: 1, limit: 1 },
    });
  });

  it('treats IPv4-mapped IPv6 and IPv4 as one client', () => {
    expect(clientAddress('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(clientAddress('2001:db8::1')).toBe('2001:db8::1');
    expect(clientAddress(undefined)).toBe('unknown');
  });
});
