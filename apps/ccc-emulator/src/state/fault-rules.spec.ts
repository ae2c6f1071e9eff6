import { FaultRules, latencyFor, parseFaultRule } from './fault-rules';
import { EmulatorAdminError } from './admin-errors';

describe('FaultRules', () => {
  it('picks the most specific rule: (action, app) > (action) > (*, app) > (*)', () => {
    const rules = new FaultRules();
    rules.set({ action: '*', latencyMs: 1 });
    rules.set({ action: '*', sdkAppId: 7, latencyMs: 2 });
    rules.set({ action: 'DeleteStaff', latencyMs: 3 });
    rules.set({ action: 'DeleteStaff', sdkAppId: 7, latencyMs: 4 });
    expect(rules.match('DeleteStaff', 7)?.latencyMs).toBe(4);
    expect(rules.match('DeleteStaff', 8)?.latencyMs).toBe(3);
    expect(rules.match('DeleteStaff', null)?.latencyMs).toBe(3);
    expect(rules.match('CreateStaff', 7)?.latencyMs).toBe(2);
    expect(rules.match('CreateStaff', null)?.latencyMs).toBe(1);
    rules.remove('*');
    expect(rules.match('CreateStaff', null)).toBeUndefined();
  });

  it('validates rules from JSON', () => {
    expect(
      parseFaultRule({
        action: 'X',
        latencyMs: { min: 1, max: 5 },
        errorRate: 0.5,
        errorCode: 'InternalError.DBError',
        outage: 'hang',
      }),
    ).toEqual({
      action: 'X',
      latencyMs: { min: 1, max: 5 },
      errorRate: 0.5,
      errorCode: 'InternalError.DBError',
      outage: 'hang',
    });
    for (const bad of [
      {},
      { action: 'X', errorRate: 1.5 },
      { action: 'X', latencyMs: { min: 5, max: 1 } },
      { action: 'X', outage: 'explode' },
      { action: 'X', typo: 1 },
    ]) {
      expect(() => parseFaultRule(bad)).toThrow(EmulatorAdminError);
    }
  });

  it('draws random latency within the range', () => {
    expect(latencyFor({ action: 'X', latencyMs: { min: 100, max: 200 } }, () => 0)).toBe(100);
    expect(latencyFor({ action: 'X', latencyMs: { min: 100, max: 200 } }, () => 0.5)).toBe(150);
    expect(latencyFor({ action: 'X', latencyMs: 30 }, () => 0.9)).toBe(30);
    expect(latencyFor(undefined, () => 0.9)).toBe(0);
  });
});
