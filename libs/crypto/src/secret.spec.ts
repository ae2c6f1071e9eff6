import { Writable } from 'node:stream';
import { Console } from 'node:console';
import { format, inspect } from 'node:util';
import fc from 'fast-check';
import { Secret } from './secret';

// A recognisable marker inside every generated secret, so "the output does not contain the secret"
// cannot pass or fail by accident ('r' is a substring of '[redacted]').
const secretValues = fc
  .tuple(fc.stringMatching(/^[0-9a-f]{16}$/), fc.string({ unit: 'binary', maxLength: 40 }))
  .map(([marker, rest]) => ({ marker: `SECRET-${marker}`, value: `SECRET-${marker}${rest}` }));

function captureConsole(write: (console: Console) => void): string {
  let output = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      output += chunk.toString('utf8');
      done();
    },
  });
  write(new Console({ stdout: sink, stderr: sink }));
  return output;
}

function everyRendering(secret: Secret): string[] {
  return [
    String(secret),
    `${secret}`,
    'x' + secret,
    secret.toString(),
    JSON.stringify(secret),
    JSON.stringify({ credentials: { secretKey: secret } }),
    JSON.stringify([secret]),
    inspect(secret),
    inspect({ nested: { deeper: secret } }, { depth: Infinity, showHidden: true }),
    inspect(secret, { customInspect: false, showHidden: true }),
    format('%s %o %j', secret, secret, secret),
    format('%O %d %i', secret, secret, secret),
    format(secret),
    format('%s', { secret }),
    JSON.stringify({ ...secret }),
    JSON.stringify(Object.getOwnPropertyNames(secret)),
    captureConsole((console) => {
      console.log(secret);
      console.log('secret: %s', secret);
      console.error({ secret });
      console.info('%o', [secret]);
    }),
  ];
}

describe('Secret', () => {
  it('gives the plaintext back only through reveal()', () => {
    expect(new Secret('AKIDexample').reveal()).toBe('AKIDexample');
    expect(new Secret('').reveal()).toBe('');
  });

  it('prints [redacted] through every common formatting path', () => {
    const secret = new Secret('SECRET-hunter2');
    expect(String(secret)).toBe('[redacted]');
    expect(`${secret}`).toBe('[redacted]');
    expect(JSON.stringify(secret)).toBe('"[redacted]"');
    expect(JSON.stringify({ secretKey: secret })).toBe('{"secretKey":"[redacted]"}');
    expect(inspect(secret)).toBe('[redacted]');
    expect(format('%s %o %j', secret, secret, secret)).toBe('[redacted] [redacted] "[redacted]"');
    expect(captureConsole((console) => console.log(secret))).toBe('[redacted]\n');
  });

  it('never leaks its value, whatever the value', () => {
    fc.assert(
      fc.property(secretValues, ({ marker, value }) => {
        const secret = new Secret(value);
        expect(secret.reveal()).toBe(value);
        for (const rendering of everyRendering(secret)) {
          expect(rendering).not.toContain(marker);
        }
      }),
    );
  });

  it('has no own properties and cannot be given any', () => {
    const secret = new Secret('SECRET-x');
    expect(Reflect.ownKeys(secret)).toEqual([]);
    expect(Object.isFrozen(secret)).toBe(true);
  });

  it('rejects a non-string value', () => {
    expect(() => new Secret(42 as unknown as string)).toThrow(TypeError);
  });
});
