// SCIM filters (RFC 7644 §3.4.2.2): parsed by scim2-parse-filter, evaluated here over a resource's
// SCIM representation with the RFC's case rules (attribute names never case-sensitive; string values
// case-insensitive except for caseExact attributes: id, externalId, meta.version).
import { parse, type Filter } from 'scim2-parse-filter';
import { scimErrors } from './scim.errors';

const MAX_FILTER_LENGTH = 2_000;
const CASE_EXACT = new Set(['id', 'externalid', 'meta.version']);
const URN_PREFIX = /^urn:ietf:params:scim:schemas:[^:]+(:[^:]+)*:\d\.\d:(User|Group)(:|$)/i;

export function parseFilter(text: string): Filter {
  if (text.length > MAX_FILTER_LENGTH) throw scimErrors.invalidFilter('the filter is too long');
  try {
    return parse(text);
  } catch {
    throw scimErrors.invalidFilter(`cannot parse the filter: ${text.slice(0, 200)}`);
  }
}

/** `userName eq "x"` (any case of the name): the one filter answered from the index. */
export function userNameEquals(filter: Filter): string | null {
  if (filter.op !== 'eq' || !('attrPath' in filter) || !('compValue' in filter)) return null;
  const path = filter.attrPath.replace(URN_PREFIX, '').toLowerCase();
  return path === 'username' && typeof filter.compValue === 'string' ? filter.compValue : null;
}

function child(value: unknown, name: string): unknown[] {
  if (Array.isArray(value)) return value.flatMap((item) => child(item, name));
  if (!value || typeof value !== 'object') return [];
  const key = Object.keys(value).find((candidate) => candidate.toLowerCase() === name);
  if (key === undefined) return [];
  const found = (value as Record<string, unknown>)[key];
  return Array.isArray(found) ? found : [found];
}

function valuesAt(resource: unknown, attrPath: string): unknown[] {
  const path = attrPath.replace(URN_PREFIX, '').toLowerCase();
  return path
    .split('.')
    .filter((part) => part !== '')
    .reduce<unknown[]>((values, part) => values.flatMap((value) => child(value, part)), [resource]);
}

function compare(op: string, actual: unknown, expected: unknown, caseExact: boolean): boolean {
  if (typeof actual === 'string' && typeof expected === 'string') {
    const a = caseExact ? actual : actual.toLowerCase();
    const e = caseExact ? expected : expected.toLowerCase();
    switch (op) {
      case 'eq':
        return a === e;
      case 'ne':
        return a !== e;
      case 'co':
        return a.includes(e);
      case 'sw':
        return a.startsWith(e);
      case 'ew':
        return a.endsWith(e);
      case 'gt':
        return a > e;
      case 'ge':
        return a >= e;
      case 'lt':
        return a < e;
      case 'le':
        return a <= e;
    }
    return false;
  }
  if (typeof actual === 'number' && typeof expected === 'number') {
    switch (op) {
      case 'gt':
        return actual > expected;
      case 'ge':
        return actual >= expected;
      case 'lt':
        return actual < expected;
      case 'le':
        return actual <= expected;
    }
  }
  if (op === 'eq') return actual === expected;
  if (op === 'ne') return actual !== expected;
  if (['gt', 'ge', 'lt', 'le', 'co', 'sw', 'ew'].includes(op) && typeof expected === 'boolean')
    throw scimErrors.invalidFilter(`"${op}" does not compare booleans`);
  return false;
}

/** Whether the resource (its SCIM representation) matches the filter. */
export function matches(filter: Filter, resource: unknown): boolean {
  switch (filter.op) {
    case 'and':
      return filter.filters.every((part) => matches(part, resource));
    case 'or':
      return filter.filters.some((part) => matches(part, resource));
    case 'not':
      return !matches(filter.filter, resource);
    case '[]':
      return valuesAt(resource, filter.attrPath).some((item) => matches(filter.valFilter, item));
    case 'pr':
      return valuesAt(resource, filter.attrPath).some(
        (value) =>
          value !== null &&
          value !== undefined &&
          value !== '' &&
          !(Array.isArray(value) && value.length === 0),
      );
    default: {
      const caseExact = CASE_EXACT.has(filter.attrPath.replace(URN_PREFIX, '').toLowerCase());
      const values = valuesAt(resource, filter.attrPath);
      if (filter.op === 'ne')
        return !values.some((value) => compare('eq', value, filter.compValue, caseExact));
      return values.some((value) => compare(filter.op, value, filter.compValue, caseExact));
    }
  }
}
