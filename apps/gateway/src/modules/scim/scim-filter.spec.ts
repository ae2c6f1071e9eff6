import { matches, parseFilter, userNameEquals } from './scim-filter';
import { ScimError } from './scim.errors';

const ann = {
  id: 'a1',
  userName: 'Ann@Corp.test',
  externalId: 'Ext-1',
  active: true,
  name: { formatted: 'Ann Lee' },
  emails: [
    { value: 'ann@corp.test', type: 'work', primary: true },
    { value: 'ann@home.test', type: 'home' },
  ],
  meta: { lastModified: '2026-11-30T10:00:00.000Z' },
};

const test = (filter: string) => matches(parseFilter(filter), ann);

describe('SCIM filters', () => {
  it('compares strings without case, except caseExact attributes', () => {
    expect(test('userName eq "ann@corp.TEST"')).toBe(true);
    expect(test('USERNAME eq "ann@corp.test"')).toBe(true);
    expect(test('externalId eq "Ext-1"')).toBe(true);
    expect(test('externalId eq "ext-1"')).toBe(false);
    expect(test('name.formatted co "LEE"')).toBe(true);
    expect(test('userName sw "ann" and userName ew ".test"')).toBe(true);
    expect(test('userName ne "ann@corp.test"')).toBe(false);
  });

  it('reads multi-valued attributes, value paths, booleans, presence, dates, not/or', () => {
    expect(test('emails.value eq "ANN@home.test"')).toBe(true);
    expect(test('emails[type eq "work" and primary eq true]')).toBe(true);
    expect(test('emails[type eq "home" and primary eq true]')).toBe(false);
    expect(test('active eq true')).toBe(true);
    expect(test('title pr')).toBe(false);
    expect(test('name pr')).toBe(true);
    expect(test('meta.lastModified gt "2026-11-29T00:00:00Z"')).toBe(true);
    expect(test('not (active eq true) or userName eq "nobody"')).toBe(false);
    expect(test('urn:ietf:params:scim:schemas:core:2.0:User:userName eq "ann@corp.test"')).toBe(true);
  });

  it('finds the index-answerable userName eq, in any spelling', () => {
    expect(userNameEquals(parseFilter('userName eq "x"'))).toBe('x');
    expect(userNameEquals(parseFilter('username eq "x"'))).toBe('x');
    expect(userNameEquals(parseFilter('userName co "x"'))).toBeNull();
    expect(userNameEquals(parseFilter('userName eq "x" and active eq true'))).toBeNull();
  });

  it('refuses what is not a filter with invalidFilter', () => {
    for (const bad of ['userName eq', '((', 'userName zz "x"', '', 'x'.repeat(2_001)]) {
      let caught: unknown;
      try {
        parseFilter(bad);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ScimError);
      expect(caught).toMatchObject({ status: 400, scimType: 'invalidFilter' });
    }
  });
});
