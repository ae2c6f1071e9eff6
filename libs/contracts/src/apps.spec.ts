import fc from 'fast-check';
import { appCreateSchema, defaultAppKind, isTcccSdkAppId, TCCC_REGION_IDS } from './apps';

const base = { label: 'x', secretId: 'AKIDabcdefgh', secretKey: 'secret-key-1' };

describe('TCCC SDKAppID shape', () => {
  it('accepts 140 and 160 followed by seven digits, and derives the kind', () => {
    fc.assert(
      fc.property(fc.constantFrom('140', '160'), fc.integer({ min: 0, max: 9_999_999 }), (prefix, rest) => {
        const sdkAppId = Number(`${prefix}${String(rest).padStart(7, '0')}`);
        expect(isTcccSdkAppId(sdkAppId)).toBe(true);
        expect(defaultAppKind(sdkAppId)).toBe(prefix === '160' ? 'desk' : 'call_center');
        expect(appCreateSchema.safeParse({ ...base, sdkAppId }).success).toBe(true);
      }),
    );
  });

  it('refuses every other integer', () => {
    fc.assert(
      fc.property(fc.integer({ min: -2_000_000_000, max: 99_999_999_999 }), (sdkAppId) => {
        const text = String(sdkAppId);
        fc.pre(!(text.length === 10 && (text.startsWith('140') || text.startsWith('160'))));
        expect(isTcccSdkAppId(sdkAppId)).toBe(false);
        const parsed = appCreateSchema.safeParse({ ...base, sdkAppId });
        expect(parsed.success).toBe(false);
      }),
    );
    for (const sdkAppId of [12345, 1500000001, 14000000001, 1400000001.5, Number.NaN])
      expect(isTcccSdkAppId(sdkAppId)).toBe(false);
  });

  it('refuses a kind that contradicts the prefix, on the kind', () => {
    const parsed = appCreateSchema.safeParse({ ...base, sdkAppId: 1600000001, kind: 'call_center' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path)).toEqual([['kind']]);
    expect(appCreateSchema.safeParse({ ...base, sdkAppId: 1600000001, kind: 'desk' }).success).toBe(true);
  });

  it('takes a region only from the list', () => {
    expect(TCCC_REGION_IDS).toContain('ap-guangzhou');
    expect(new Set(TCCC_REGION_IDS).size).toBe(TCCC_REGION_IDS.length);
    expect(appCreateSchema.safeParse({ ...base, sdkAppId: 1400000001, region: 'ap-guangzhou' }).success).toBe(
      true,
    );
    expect(appCreateSchema.safeParse({ ...base, sdkAppId: 1400000001, region: 'guangzhou' }).success).toBe(
      false,
    );
  });
});
