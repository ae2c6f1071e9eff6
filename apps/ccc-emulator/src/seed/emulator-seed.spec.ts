import { parseEmulatorSeed } from './emulator-seed';

function seedWith(account: Record<string, unknown>, app: Record<string, unknown> = {}): unknown {
  return { accounts: [{ secretId: 'id', secretKey: 'k', ...account, apps: [{ sdkAppId: 1, ...app }] }] };
}

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

  it('accepts the lifecycle and standing fields: licences, skill groups, priorities, condition, disabled, deniedActions', () => {
    const seed = seedWith(
      { disabled: true, deniedActions: ['CreateStaff'] },
      {
        name: 'Support line',
        condition: 'dbError',
        licences: [{ num: 5, buyTime: 1, endTime: 2, sipNum: 1 }],
        skillGroups: [{ name: 'Chat', type: 1, maxConcurrency: 3 }],
        staff: [{ mail: 'a@x', userId: 'u1', skillGroups: ['Chat', { name: 'Sales', priority: 1 }] }],
      },
    );
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
    [seedWith({ disabled: 'yes' }), /disabled must be true or false/],
    [seedWith({ deniedActions: 'CreateStaff' }), /deniedActions must be an array/],
    [seedWith({}, { condition: 'broken' }), /condition must be one of: active, released, dbError/],
    [seedWith({}, { licences: [{ num: 1 }] }), /licences\[0\].endTime/],
    [seedWith({}, { skillGroups: [{ name: 'A', type: 2 }] }), /skillGroups\[0\].type must be 0, 1, 3 or 4/],
    [
      seedWith({}, { staff: [{ mail: 'a@x', skillGroups: [{ name: 'A', priority: 6 }] }] }),
      /priority must be 1 to 5/,
    ],
    [seedWith({}, { staff: [{ mail: 'a@x', skillGroups: [7] }] }), /a group name or \{name, priority\}/],
    [seedWith({}, { staff: [{ mail: 'a@x', status: 'away' }] }), /status must be one of: free, busy/],
  ])('rejects %j', (seed, message) => {
    expect(() => parseEmulatorSeed(seed)).toThrow(message);
  });
});
