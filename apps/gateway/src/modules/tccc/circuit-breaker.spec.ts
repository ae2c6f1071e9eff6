import { CircuitBreakers } from './circuit-breaker';

describe('CircuitBreakers', () => {
  let now = 0;
  const breakers = () => new CircuitBreakers({ failureThreshold: 3, openMs: 1000, now: () => now });

  beforeEach(() => {
    now = 0;
  });

  it('opens after the threshold of consecutive failures, for that key only', () => {
    const circuits = breakers();
    for (let i = 0; i < 2; i += 1) circuits.failure('a');
    expect(circuits.tryPass('a')).toBe(true);
    circuits.failure('a');
    expect(circuits.state('a')).toBe('open');
    expect(circuits.tryPass('a')).toBe(false);
    expect(circuits.tryPass('b')).toBe(true);
    expect(circuits.retryAfterSeconds('a')).toBe(1);
  });

  it('a success resets the count', () => {
    const circuits = breakers();
    circuits.failure('a');
    circuits.failure('a');
    circuits.success('a');
    circuits.failure('a');
    expect(circuits.state('a')).toBe('closed');
  });

  it('half-opens after the pause: one trial; success closes, failure reopens', () => {
    const circuits = breakers();
    for (let i = 0; i < 3; i += 1) circuits.failure('a');
    now = 1000;
    expect(circuits.state('a')).toBe('half_open');
    expect(circuits.tryPass('a')).toBe(true);
    expect(circuits.tryPass('a')).toBe(false);
    circuits.failure('a');
    expect(circuits.state('a')).toBe('open');
    now = 2000;
    expect(circuits.tryPass('a')).toBe(true);
    circuits.success('a');
    expect(circuits.state('a')).toBe('closed');
    expect(circuits.tryPass('a')).toBe(true);
  });

  it('a neutral answer in half-open state closes the circuit (TCCC answered)', () => {
    const circuits = breakers();
    for (let i = 0; i < 3; i += 1) circuits.failure('a');
    now = 1500;
    expect(circuits.tryPass('a')).toBe(true);
    circuits.neutral('a');
    expect(circuits.state('a')).toBe('closed');
  });
});
