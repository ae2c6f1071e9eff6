import type { MigrationStatus } from './migrator';
import { schemaProblem } from './schema-check';

const current: MigrationStatus = { applied: ['a', 'b'], pending: [], unknown: [], modified: [], failed: [] };

describe('schemaProblem', () => {
  it('accepts exactly the migrations this build knows', () => {
    expect(schemaProblem(current)).toBeNull();
  });

  it.each([
    [{ pending: ['c'] }, /behind this build: 1 pending migration\(s\), first c; run .*migrate/],
    [{ unknown: ['z1', 'z2'] }, /2 migration\(s\) this build does not know \(z1, z2\)/],
    [{ modified: ['b'] }, /migration b differs/],
    [{ failed: ['c'] }, /migration c was started and never finished/],
  ])('refuses %j', (change, message) => {
    expect(schemaProblem({ ...current, ...change })).toMatch(message);
  });

  it('names a half-applied migration before anything else', () => {
    expect(schemaProblem({ ...current, pending: ['d'], unknown: ['z'], failed: ['c'] })).toMatch(
      /migration c/,
    );
  });
});
