import { readUser, scimBoolean, tcccPhone } from './scim-user';
import { patchOperations } from './scim-users.service';

const mapping = { mapping: { seatId: 'primaryEmail', name: 'name.formatted' } } as const;

describe('SCIM users as identity providers send them', () => {
  it('reads booleans as Entra sends them', () => {
    expect(scimBoolean('False', 'active')).toBe(false);
    expect(scimBoolean(' TRUE ', 'active')).toBe(true);
    expect(scimBoolean(false, 'active')).toBe(false);
    expect(() => scimBoolean('no', 'active')).toThrow(expect.objectContaining({ scimType: 'invalidValue' }));
    expect(() => scimBoolean(0, 'active')).toThrow(expect.objectContaining({ status: 400 }));
  });

  it('derives the seat from the primary email, the name by the mapping, a phone TCCC takes', () => {
    const { attributes, resource } = readUser(
      {
        UserName: ' ann ',
        Active: 'False',
        name: { givenName: 'Ann', familyName: 'Lee' },
        displayName: 'Annie',
        emails: [
          { value: 'other@corp.test', primary: 'False' },
          { value: 'Ann@Corp.test', primary: 'True' },
        ],
        phoneNumbers: [{ value: '+86 138-0000-0001' }],
        id: 'ignored',
        password: 'never stored',
      },
      mapping,
    );
    expect(attributes).toEqual({
      userName: 'ann',
      externalId: null,
      active: false,
      name: 'Annie',
      email: 'ann@corp.test',
      phone: '008613800000001',
    });
    expect(resource).not.toHaveProperty('id');
    expect(resource).not.toHaveProperty('password');
    expect(resource['userName']).toBe('ann');
    const formatted = readUser({ userName: 'b', name: { formatted: 'B F' }, displayName: 'D' }, mapping);
    expect(formatted.attributes.name).toBe('B F');
    const byDisplay = readUser(
      { userName: 'b', name: { formatted: 'B F' }, displayName: 'D' },
      { mapping: { seatId: 'primaryEmail', name: 'displayName' } },
    );
    expect(byDisplay.attributes.name).toBe('D');
  });

  it('keeps only TCCC phone numbers for TCCC', () => {
    expect(tcccPhone('13800000001')).toBe('008613800000001');
    expect(tcccPhone('0086 13800000001')).toBe('008613800000001');
    expect(tcccPhone('+1 425 555 0100')).toBeNull();
    expect(tcccPhone(null)).toBeNull();
  });

  it('refuses what cannot be a user', () => {
    for (const body of [
      null,
      [],
      'x',
      {},
      { userName: '' },
      { userName: 5 },
      { userName: 'a', name: 'x' },
      { userName: 'a', emails: ['x'] },
    ])
      expect(() => readUser(body, mapping)).toThrow(expect.objectContaining({ status: 400 }));
  });

  it('normalises PATCH operations: op in lower case, bad ones refused', () => {
    expect(
      patchOperations({ Operations: [{ op: 'Replace', value: { active: 'False' } }] }).map((op) => op.op),
    ).toEqual(['replace']);
    expect(patchOperations({ operations: [{ op: 'Add', path: 'emails', value: [] }] })[0]).toMatchObject({
      op: 'add',
      path: 'emails',
    });
    for (const body of [
      null,
      {},
      { Operations: [] },
      { Operations: [{ op: 'copy' }] },
      { Operations: [1] },
      { schemas: ['x'], Operations: [{ op: 'add', value: {} }] },
    ])
      expect(() => patchOperations(body)).toThrow(expect.objectContaining({ status: 400 }));
  });
});
