import fc from 'fast-check';
import { DomainError } from '../errors/domain.error';
import { decodeCursor, encodeCursor } from './cursor';

function encoded(raw: string): string {
  return Buffer.from(raw).toString('base64url');
}

describe('keyset cursors', () => {
  it('round-trips every cursor it issues', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('0001-01-01T00:00:00Z'),
          max: new Date('9999-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.uuid(),
        (at, id) => {
          expect(decodeCursor(encodeCursor(at, id))).toEqual({ at, id });
        },
      ),
    );
  });

  it.each([
    ['an id that only looks like a uuid', encoded(`2024-01-01T00:00:00.000Z|${'-'.repeat(36)}`)],
    ['an upper-case id', encoded('2024-01-01T00:00:00.000Z|AAAAAAAA-AAAA-4AAA-8AAA-AAAAAAAAAAAA')],
    [
      'a year PostgreSQL cannot hold',
      encoded('-271821-04-20T00:00:00.000Z|00000000-0000-4000-8000-000000000000'),
    ],
    ['a third part', encoded('2024-01-01T00:00:00.000Z|00000000-0000-4000-8000-000000000000|x')],
    ['garbage', 'not-a-cursor'],
  ])('refuses %s with validation_failed naming the cursor', (_name, cursor) => {
    const error = (() => {
      try {
        decodeCursor(cursor);
      } catch (caught) {
        return caught;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'validation_failed', details: { issues: [{ path: 'cursor' }] } });
  });

  it('no input makes it throw anything but validation_failed', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (raw) => {
        try {
          decodeCursor(encoded(raw));
        } catch (error) {
          expect(error).toMatchObject({ code: 'validation_failed' });
        }
      }),
    );
  });
});
