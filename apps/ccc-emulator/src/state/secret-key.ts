import { inspect } from 'node:util';

// A SecretKey never leaves the emulator by accident: JSON.stringify, console.log and util.inspect
// all print "[redacted]". Only the signature verifier calls reveal().
export class SecretKey {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  equals(other: string): boolean {
    return this.#value === other;
  }

  toJSON(): string {
    return '[redacted]';
  }

  toString(): string {
    return '[redacted]';
  }

  [inspect.custom](): string {
    return 'SecretKey([redacted])';
  }
}
