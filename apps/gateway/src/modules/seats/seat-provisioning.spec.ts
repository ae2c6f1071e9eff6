import { provisioningDefaults, seatAttributes, seatIdFromRule } from './seat-provisioning';

describe('seat provisioning defaults', () => {
  const settings = {
    provisioning: {
      seatIdRule: '{businessUserId}@{domain}',
      domain: 'acme.example',
      defaultSkillGroups: ['Sales'],
      apps: { '1400000002': { seatIdRule: '{tenantSlug}.{businessUserId}@{domain}', defaultRole: 2 } },
    },
  };

  it("takes the app's entry over the tenant's, field by field, and TCCC's agent role when neither says", () => {
    expect(provisioningDefaults(settings, 1400000001)).toEqual({
      seatIdRule: '{businessUserId}@{domain}',
      domain: 'acme.example',
      role: 3,
      skillGroups: ['Sales'],
    });
    expect(provisioningDefaults(settings, 1400000002)).toEqual({
      seatIdRule: '{tenantSlug}.{businessUserId}@{domain}',
      domain: 'acme.example',
      role: 2,
      skillGroups: ['Sales'],
    });
    expect(provisioningDefaults({}, 1)).toMatchObject({
      seatIdRule: '{businessUserId}@{domain}',
      domain: null,
    });
  });

  it('makes seat ids from the rule, lower-cased, and says why when it cannot', () => {
    const app2 = provisioningDefaults(settings, 1400000002);
    expect(seatIdFromRule(app2, 'acme', 'U-17')).toEqual({ seatUserId: 'acme.u-17@acme.example' });
    expect(seatIdFromRule(provisioningDefaults({}, 1), 'acme', 'u1')).toEqual({
      problem: expect.stringContaining('no domain'),
    });
    expect(seatIdFromRule(provisioningDefaults(settings, 1), 'acme', 'has space')).toEqual({
      problem: expect.stringContaining('not a seat account'),
    });
  });

  it("fills a line's missing attributes from the defaults; the staff number defaults to the business user id", () => {
    const defaults = provisioningDefaults(settings, 1400000001);
    expect(seatAttributes({ businessUserId: 'u1', seatUserId: 'u1@acme.example' }, defaults)).toEqual({
      businessUserId: 'u1',
      seatUserId: 'u1@acme.example',
      displayName: null,
      staffNumber: 'u1',
      phone: null,
      role: 3,
      skillGroups: ['Sales'],
    });
    expect(
      seatAttributes(
        { businessUserId: 'u1', seatUserId: 's@x.example', role: 1, skillGroups: [], staffNumber: '007' },
        defaults,
      ),
    ).toMatchObject({ role: 1, skillGroups: [], staffNumber: '007' });
  });
});
