import { parseEmulatorSeed } from './emulator-seed';

describe('parseEmulatorSeed', () => {
  it('accepts the issue’s format, optional fields included', () => {
    const seed = {
      accounts: [
        {
          secretId: 'id',
          secretKey: 'key',
          apps: [
            {
              sdkAppId: 1400000001,
              staff: [{ mail: 'a@x.example' }, { mail: 'b@x.example', name: 'B', staffNumber: '2' }],
            },
          ],
        },
      ],
    };
    expect(parseEmulatorSeed(seed)).toEqual(seed);
  });

  it.each([
    [{}, /seed.accounts/],
    [{ accounts: [{ secretId: 'id' }] }, /seed.accounts\[0\].secretKey/],
    [{ accounts: [{ secretId: 'id', secretKey: 'k', apps: [{ sdkAppId: '1400' }] }] }, /apps\[0\].sdkAppId/],
    [
      {
        accounts: [
          {
            secretId: 'id',
            secretKey: 'k',
            apps: [{ sdkAppId: 1, staff: [{ mail: 'a@x' }, { mail: 'a@x' }] }],
          },
        ],
      },
      /twice/,
    ],
    [
      {
        accounts: [
          { secretId: 'id', secretKey: 'k', apps: [{ sdkAppId: 1 }] },
          { secretId: 'id2', secretKey: 'k', apps: [{ sdkAppId: 1 }] },
        ],
      },
      /sdkAppId 1 twice/,
    ],
    [
      {
        accounts: [
          { secretId: 'id', secretKey: 'k', apps: [{ sdkAppId: 1, staff: [{ mail: 'a@x', nmae: 'A' }] }] },
        ],
      },
      /staff\[0\].nmae/,
    ],
  ])('rejects %j', (seed, message) => {
    expect(() => parseEmulatorSeed(seed)).toThrow(message);
  });
});
