// One breaker per TCCC app, per process: after repeated availability failures the app's calls fail
// fast for a pause, then one trial call decides. Other apps are unaffected. It only saves time and
// upstream load, so keeping it in memory is enough (correctness never depends on it).
export type CircuitState = 'closed' | 'open' | 'half_open';

export interface CircuitOptions {
  failureThreshold: number;
  openMs: number;
  now?: () => number;
}

interface Circuit {
  failures: number;
  openedAt: number | null;
  trialInFlight: boolean;
}

export class CircuitBreakers {
  private readonly circuits = new Map<string, Circuit>();
  private readonly now: () => number;

  constructor(private readonly options: CircuitOptions) {
    this.now = options.now ?? Date.now;
  }

  private circuit(key: string): Circuit {
    let circuit = this.circuits.get(key);
    if (!circuit) {
      circuit = { failures: 0, openedAt: null, trialInFlight: false };
      this.circuits.set(key, circuit);
    }
    return circuit;
  }

  state(key: string): CircuitState {
    const circuit = this.circuits.get(key);
    if (!circuit || circuit.openedAt === null) return 'closed';
    return this.now() - circuit.openedAt >= this.options.openMs ? 'half_open' : 'open';
  }

  /** Whether a call may go out now; in half-open state only one trial at a time. */
  tryPass(key: string): boolean {
    const state = this.state(key);
    if (state === 'closed') return true;
    if (state === 'open') return false;
    const circuit = this.circuit(key);
    if (circuit.trialInFlight) return false;
    circuit.trialInFlight = true;
    return true;
  }

  /** Seconds until a call may be tried again. */
  retryAfterSeconds(key: string): number {
    const circuit = this.circuits.get(key);
    if (!circuit || circuit.openedAt === null) return 0;
    return Math.max(1, Math.ceil((circuit.openedAt + this.options.openMs - this.now()) / 1000));
  }

  success(key: string): void {
    this.circuits.delete(key);
  }

  /** An availability failure (timeout, network, 5xx): counts towards opening. */
  failure(key: string): void {
    const circuit = this.circuit(key);
    circuit.trialInFlight = false;
    if (circuit.openedAt !== null) {
      circuit.openedAt = this.now();
      return;
    }
    circuit.failures += 1;
    if (circuit.failures >= this.options.failureThreshold) circuit.openedAt = this.now();
  }

  /** A call that got an answer that says nothing about availability (e.g. unknown seat). */
  neutral(key: string): void {
    const circuit = this.circuits.get(key);
    if (circuit?.openedAt !== null && circuit) {
      this.circuits.delete(key);
      return;
    }
    if (circuit) circuit.trialInFlight = false;
  }
}
