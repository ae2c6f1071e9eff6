import { EmulatorAdminError } from '../state/admin-errors';

// Narrowing helpers for JSON handed to the control surface (seed files, admin bodies). Every
// failure names the offending path so a typo in a seed file is found in seconds.

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(path: string, expectation: string): EmulatorAdminError {
  return new EmulatorAdminError('invalid_request', `${path} ${expectation}`);
}

export function readObject(value: unknown, path: string, allowedKeys: readonly string[]): JsonObject {
  if (!isJsonObject(value)) throw invalid(path, 'must be an object');
  for (const key of Object.keys(value)) {
    if (!allowedKeys.includes(key)) {
      throw invalid(`${path}.${key}`, `is not a known field (expected one of: ${allowedKeys.join(', ')})`);
    }
  }
  return value;
}

export function readString(obj: JsonObject, key: string, path: string): string {
  const value = obj[key];
  if (typeof value !== 'string' || value.length === 0)
    throw invalid(`${path}.${key}`, 'must be a non-empty string');
  return value;
}

export function readOptionalString(obj: JsonObject, key: string, path: string): string | undefined {
  const value = obj[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalid(`${path}.${key}`, 'must be a string');
  return value;
}

export function readSafeInteger(obj: JsonObject, key: string, path: string): number {
  const value = obj[key];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw invalid(`${path}.${key}`, 'must be a non-negative integer');
  }
  return value;
}

export function readOptionalSafeInteger(obj: JsonObject, key: string, path: string): number | undefined {
  return obj[key] === undefined ? undefined : readSafeInteger(obj, key, path);
}

export function readOptionalArray(obj: JsonObject, key: string, path: string): unknown[] | undefined {
  const value = obj[key];
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw invalid(`${path}.${key}`, 'must be an array');
  return value;
}

export function readOptionalIntegerList(obj: JsonObject, key: string, path: string): number[] | undefined {
  const list = readOptionalArray(obj, key, path);
  if (list === undefined) return undefined;
  return list.map((item, index) => {
    if (typeof item !== 'number' || !Number.isSafeInteger(item))
      throw invalid(`${path}.${key}[${index}]`, 'must be an integer');
    return item;
  });
}

export function readOptionalStringList(obj: JsonObject, key: string, path: string): string[] | undefined {
  const list = readOptionalArray(obj, key, path);
  if (list === undefined) return undefined;
  return list.map((item, index) => {
    if (typeof item !== 'string' || item.length === 0)
      throw invalid(`${path}.${key}[${index}]`, 'must be a non-empty string');
    return item;
  });
}

export function readOptionalBoolean(obj: JsonObject, key: string, path: string): boolean | undefined {
  const value = obj[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw invalid(`${path}.${key}`, 'must be true or false');
  return value;
}

export function readOptionalEnum<T extends string>(
  obj: JsonObject,
  key: string,
  path: string,
  allowed: readonly T[],
): T | undefined {
  const value = obj[key];
  if (value === undefined) return undefined;
  const match = allowed.find((candidate) => candidate === value);
  if (match === undefined) throw invalid(`${path}.${key}`, `must be one of: ${allowed.join(', ')}`);
  return match;
}
