import { randomBytesPooled } from './random-pool';

describe('randomBytesPooled', () => {
  it('gives each draw the size asked, in a buffer of its own', () => {
    for (const size of [0, 1, 12, 32, 56, 256, 257, 5000]) {
      const drawn = randomBytesPooled(size);
      expect(drawn.length).toBe(size);
    }
    // a copy: erasing a draw (as encryptField erases its data key) erases nothing else
    const a = randomBytesPooled(32);
    const b = randomBytesPooled(32);
    a.fill(0);
    expect(b.equals(Buffer.alloc(32))).toBe(false);
  });

  it('never hands out the same bytes twice, across many refills of the pool', () => {
    const seen = new Set<string>();
    // 4 KiB a pool: 2,000 draws of 32 and 56 bytes refill it about 20 times
    for (let i = 0; i < 2_000; i += 1) {
      const drawn = randomBytesPooled(i % 2 === 0 ? 32 : 56).toString('hex');
      expect(seen.has(drawn)).toBe(false);
      seen.add(drawn);
    }
  });

  it('calls the CSPRNG once per 4 KiB, not once per draw', () => {
    const nodeCrypto = jest.requireActual<typeof import('node:crypto')>('node:crypto');
    const fill = jest.spyOn(nodeCrypto, 'randomFillSync');
    try {
      for (let i = 0; i < 256; i += 1) randomBytesPooled(32); // 8 KiB
      expect(fill.mock.calls.length).toBeGreaterThanOrEqual(2);
      expect(fill.mock.calls.length).toBeLessThanOrEqual(3);
    } finally {
      fill.mockRestore();
    }
  });

  it('looks uniform: every byte value shows up, none far too often', () => {
    const counts = new Array<number>(256).fill(0);
    for (let i = 0; i < 1_000; i += 1) for (const byte of randomBytesPooled(64)) counts[byte]! += 1;
    // 64,000 bytes, 250 expected per value; a correct source is never near these bounds
    expect(Math.min(...counts)).toBeGreaterThan(150);
    expect(Math.max(...counts)).toBeLessThan(360);
  });

  it('refuses a size that is not a count of bytes', () => {
    for (const size of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])
      expect(() => randomBytesPooled(size)).toThrow(RangeError);
  });
});
