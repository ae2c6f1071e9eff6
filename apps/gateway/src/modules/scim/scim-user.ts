// A SCIM User (RFC 7643 §4.1) as Seatgate reads it, tolerant of what identity providers send:
// attribute names in any case, `active` and `primary` as the strings "True"/"False" (Entra ID),
// a missing `schemas`. What Seatgate derives from it, by the tenant's mapping: the business user
// id (userName), the seat's name, its seat id (the primary email, else the seat-id rule) and a phone
// TCCC takes (0086 and 11 digits; other numbers are kept in SCIM only).
import {
  businessUserIdSchema,
  seatUserIdSchema,
  tcccPhoneSchema,
  type ResolvedScimSettings,
} from '@seatgate/contracts';
import { findUnstorableText } from '../../common/validation/zod.pipe';
import { scimErrors } from './scim.errors';

/** A user's stored representation stays small: an identity provider cannot grow it without end. */
const MAX_RESOURCE_CHARS = 64 * 1024;

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const ENTERPRISE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** The attributes Seatgate stores, by their lower-case name, with the canonical spelling. */
const CANONICAL = new Map(
  [
    'userName',
    'externalId',
    'active',
    'name',
    'displayName',
    'nickName',
    'profileUrl',
    'title',
    'userType',
    'preferredLanguage',
    'locale',
    'timezone',
    'emails',
    'phoneNumbers',
    'addresses',
    'roles',
    ENTERPRISE_USER_SCHEMA,
  ].map((name) => [name.toLowerCase(), name]),
);
/** Never taken from a request: the server's own (RFC 7643 §3.1), or SCIM-only and unsupported. */
const IGNORED = new Set(['id', 'meta', 'schemas', 'password', 'groups']);

export interface UserAttributes {
  userName: string;
  externalId: string | null;
  active: boolean;
  /** the seat's name, by the mapping */
  name: string | null;
  /** the primary (else first) email, when it is a valid seat account */
  email: string | null;
  /** the primary (else first) phone, when TCCC takes it */
  phone: string | null;
}

export interface ReadUser {
  /** what is stored and answered back (server attributes excluded) */
  resource: Record<string, unknown>;
  attributes: UserAttributes;
}

/** true/false, or the strings "true"/"false" in any case (Entra ID sends "False"). */
export function scimBoolean(value: unknown, path: string): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim()))
    return value.trim().toLowerCase() === 'true';
  throw scimErrors.invalidValue(`${path} must be true or false`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function optionalString(value: unknown, path: string, max = 1_000): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw scimErrors.invalidValue(`${path} must be a string`);
  if (value.length > max) throw scimErrors.invalidValue(`${path} is longer than ${max} characters`);
  return value;
}

/** A multi-valued attribute (emails, phoneNumbers): objects with a string value, `primary` a boolean. */
function multiValued(value: unknown, path: string): Record<string, unknown>[] | undefined {
  if (value === undefined || value === null) return undefined;
  const items = Array.isArray(value) ? value : [value];
  if (items.length > 50) throw scimErrors.invalidValue(`${path} has more than 50 values`);
  return items.map((item, index) => {
    if (!isObject(item)) throw scimErrors.invalidValue(`${path}[${index}] must be an object`);
    const out: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(item)) {
      const lower = key.toLowerCase();
      if (lower === 'primary') out['primary'] = scimBoolean(entry, `${path}[${index}].primary`);
      else if (lower === 'value' || lower === 'type' || lower === 'display')
        out[lower] = optionalString(entry, `${path}[${index}].${lower}`, 320);
      else out[key] = entry;
    }
    return out;
  });
}

function primaryValue(items: Record<string, unknown>[] | undefined): string | null {
  if (!items || items.length === 0) return null;
  const chosen = items.find((item) => item['primary'] === true) ?? items[0];
  const value = chosen?.['value'];
  return typeof value === 'string' ? value.trim() : null;
}

/** +86 138 0000 0001, 86-13800000001, 0086 13800000001 → 008613800000001; others null. */
export function tcccPhone(raw: string | null): string | null {
  if (!raw) return null;
  const digits = raw.replace(/[\s().-]/g, '');
  const candidate = digits.startsWith('+') ? `00${digits.slice(1)}` : digits;
  const withCountry = /^1\d{10}$/.test(candidate) ? `0086${candidate}` : candidate;
  return tcccPhoneSchema.safeParse(withCountry).success ? withCountry : null;
}

/**
 * Reads a User from a request (POST, PUT, or the result of a PATCH). Refuses what cannot be a user
 * (no userName, a value of the wrong kind) with invalidValue / invalidSyntax.
 */
export function readUser(body: unknown, settings: Pick<ResolvedScimSettings, 'mapping'>): ReadUser {
  if (!isObject(body)) throw scimErrors.invalidSyntax('the request body must be a SCIM User object');
  const resource: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (IGNORED.has(key.toLowerCase())) continue;
    const canonical = CANONICAL.get(key.toLowerCase()) ?? key;
    resource[canonical] = value;
  }
  const unstorable = findUnstorableText(resource);
  if (unstorable) throw scimErrors.invalidValue(`${unstorable.path || 'the user'}: ${unstorable.message}`);
  if (JSON.stringify(resource).length > MAX_RESOURCE_CHARS)
    throw scimErrors.invalidValue(`a user is at most ${MAX_RESOURCE_CHARS} characters of JSON`);
  const userName = optionalString(resource['userName'], 'userName', 128)?.trim() ?? '';
  if (!userName) throw scimErrors.invalidValue('userName is required');
  if (!businessUserIdSchema.safeParse(userName).success)
    throw scimErrors.invalidValue('userName must be printable text of at most 128 characters');
  resource['userName'] = userName;
  const externalId = optionalString(resource['externalId'], 'externalId', 255);
  const active =
    resource['active'] === undefined || resource['active'] === null
      ? true
      : scimBoolean(resource['active'], 'active');
  resource['active'] = active;
  const name = resource['name'];
  if (name !== undefined && name !== null && !isObject(name))
    throw scimErrors.invalidValue('name must be an object');
  const displayName = optionalString(resource['displayName'], 'displayName');
  const emails = multiValued(resource['emails'], 'emails');
  const phones = multiValued(resource['phoneNumbers'], 'phoneNumbers');
  if (emails) resource['emails'] = emails;
  if (phones) resource['phoneNumbers'] = phones;

  const formatted = isObject(name) ? optionalString(name['formatted'], 'name.formatted') : null;
  const parts = isObject(name)
    ? [name['givenName'], name['familyName']].filter(
        (part): part is string => typeof part === 'string' && part !== '',
      )
    : [];
  const joined = parts.length > 0 ? parts.join(' ') : null;
  const seatName =
    settings.mapping.name === 'displayName'
      ? (displayName ?? formatted ?? joined)
      : (formatted ?? displayName ?? joined);
  const email = primaryValue(emails)?.toLowerCase() ?? null;
  return {
    resource,
    attributes: {
      userName,
      externalId,
      active,
      name: seatName?.trim().slice(0, 200) || null,
      email: email && seatUserIdSchema.safeParse(email).success ? email : null,
      phone: tcccPhone(primaryValue(phones)),
    },
  };
}
