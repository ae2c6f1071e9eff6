import fc from 'fast-check';
import { maskSecretId } from './app-credentials';

describe('maskSecretId', () => {
  it.each([
    ['AKIDtestsecretid0042', 'AKID****0042'],
    ['AKID9876', 'AKID****6'],
    ['AKID12', 'AKID****'],
    ['XYZ9876543', '****543'],
  ])('%s → %s', (secretId, masked) => {
    expect(maskSecretId(secretId)).toBe(masked);
  });

  it('shows at most the last 4 characters, and never a whole id', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 128 }), (secretId) => {
        const masked = maskSecretId(secretId);
        const shown = masked.slice(masked.indexOf('****') + 4);
        expect(shown.length).toBeLessThanOrEqual(4);
        expect(secretId.endsWith(shown)).toBe(true);
        const body = secretId.replace(/^AKID/, '');
        if (body.length > 0) expect(shown.length).toBeLessThan(body.length);
      }),
    );
  });
});
