// A decrypted secret. The plaintext lives in a private field and leaves only through reveal(),
// so that a Secret dropped into a log line, a template or a JSON response prints '[redacted]'.
import { inspect } from 'node:util';

const REDACTED = '[redacted]';

export class Secret {
  readonly #value: string;

  constructor(value: string) {
    if (typeof value !== 'string') {
      throw new TypeError('Secret value must be a string');
    }
    this.#value = value;
    Object.freeze(this);
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }
}
