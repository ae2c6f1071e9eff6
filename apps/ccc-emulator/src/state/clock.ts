// The emulator's notion of "now". Everything time-dependent (signature skew, quota seconds, token
// expiry, LastModifyTimestamp) reads this clock, so a test can move time forward in-process
// instead of sleeping for ten minutes.
export class EmulatorClock {
  private offsetMs = 0;

  constructor(private readonly base: () => number = Date.now) {}

  nowMs(): number {
    return this.base() + this.offsetMs;
  }

  nowSeconds(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  setOffset(ms: number): void {
    this.offsetMs = ms;
  }

  offset(): number {
    return this.offsetMs;
  }
}
