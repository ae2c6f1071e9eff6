import fc from 'fast-check';
import { encodeComponents } from './associated-data';

describe('encodeComponents', () => {
  it('encodes two lists alike only if they are equal', () => {
    const component = fc.string({
      unit: fc.constantFrom('a', '|', '\u0000', '\u0001', 'é', '😀'),
      maxLength: 6,
    });
    const list = fc.array(component, { maxLength: 5 });
    fc.assert(
      fc.property(list, list, (a, b) => {
        const same = a.length === b.length && a.every((value, i) => value === b[i]);
        expect(encodeComponents(a).equals(encodeComponents(b))).toBe(same);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps a separator inside its component', () => {
    expect(encodeComponents(['a|b', 'c']).equals(encodeComponents(['a', 'b|c']))).toBe(false);
    expect(encodeComponents(['ab', '']).equals(encodeComponents(['a', 'b']))).toBe(false);
  });
});
