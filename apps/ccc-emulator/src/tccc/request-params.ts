import { TcccError } from './tccc-errors';

// Readers for action parameters (the JSON body of an API 3.0 call). Messages follow the style of
// Tencent Cloud's own: "The request is missing a required parameter `X`."

export type Params = Record<string, unknown>;

function missing(name: string): TcccError {
  return new TcccError('MissingParameter', `The request is missing a required parameter \`${name}\`.`);
}

function mistyped(name: string, type: string): TcccError {
  return new TcccError('InvalidParameter', `The parameter \`${name}\` must be of type ${type}.`);
}

export function isParams(value: unknown): value is Params {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Real TCCC rejects parameters an action does not know with UnknownParameter. */
export function rejectUnknown(params: Params, known: readonly string[], prefix = ''): void {
  for (const key of Object.keys(params)) {
    if (!known.includes(key))
      throw new TcccError('UnknownParameter', `The parameter \`${prefix}${key}\` is not recognized.`);
  }
}

export function integerParam(params: Params, name: string, prefix = ''): number {
  const value = params[name];
  if (value === undefined || value === null) throw missing(prefix + name);
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw mistyped(prefix + name, 'Integer');
  return value;
}

export function optionalIntegerParam(params: Params, name: string, prefix = ''): number | undefined {
  return params[name] === undefined || params[name] === null ? undefined : integerParam(params, name, prefix);
}

export function stringParam(params: Params, name: string, prefix = ''): string {
  const value = params[name];
  if (value === undefined || value === null) throw missing(prefix + name);
  if (typeof value !== 'string') throw mistyped(prefix + name, 'String');
  if (value === '') throw missing(prefix + name);
  return value;
}

export function optionalStringParam(params: Params, name: string, prefix = ''): string | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw mistyped(prefix + name, 'String');
  return value;
}

export function optionalBooleanParam(params: Params, name: string, prefix = ''): boolean | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw mistyped(prefix + name, 'Boolean');
  return value;
}

export function arrayParam(params: Params, name: string, prefix = ''): unknown[] {
  const value = params[name];
  if (value === undefined || value === null) throw missing(prefix + name);
  if (!Array.isArray(value)) throw mistyped(prefix + name, 'Array');
  return value;
}

export function stringListParam(params: Params, name: string, prefix = ''): string[] {
  return arrayParam(params, name, prefix).map((item, index) => {
    if (typeof item !== 'string') throw mistyped(`${prefix}${name}.${index}`, 'String');
    return item;
  });
}

export function integerListParam(params: Params, name: string, prefix = ''): number[] {
  return arrayParam(params, name, prefix).map((item, index) => {
    if (typeof item !== 'number' || !Number.isSafeInteger(item))
      throw mistyped(`${prefix}${name}.${index}`, 'Integer');
    return item;
  });
}

export function optionalIntegerListParam(params: Params, name: string, prefix = ''): number[] | undefined {
  return params[name] === undefined || params[name] === null
    ? undefined
    : integerListParam(params, name, prefix);
}

export function optionalObjectParam(params: Params, name: string, prefix = ''): Params | undefined {
  const value = params[name];
  return value === undefined || value === null ? undefined : objectParam(value, prefix + name);
}

export function optionalStringListParam(params: Params, name: string, prefix = ''): string[] | undefined {
  return params[name] === undefined || params[name] === null
    ? undefined
    : stringListParam(params, name, prefix);
}

export function objectParam(value: unknown, name: string): Params {
  if (!isParams(value)) throw mistyped(name, 'Object');
  return value;
}
