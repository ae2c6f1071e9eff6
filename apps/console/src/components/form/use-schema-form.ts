// Forms validate with the shared zod schemas from @seatgate/contracts before anything is sent,
// and the gateway's own validation_failed answer lands on the same fields. Messages are
// localized from the issue's code (the gateway's issues carry theirs, with params); a pattern's
// issue says what the format is (FORMAT_MESSAGES). A field's error clears as soon as its value
// changes (fields without antd rules are never validated again by antd, so an error set here would
// otherwise stay red after typing).
import { Form, type FormInstance } from 'antd';
import { useCallback, useState } from 'react';
import type { z } from 'zod';
import { isApiError, type ApiErrorOf } from '../../api/client';
import { useI18n, useT, type MessageKey, type Translate } from '../../i18n';
import type { Dictionary } from '../../i18n/en-US';
import { issueText } from '../../i18n/issues';
import { FieldConflict } from './field-conflict';

type FieldPath = (string | number)[];
interface FieldError {
  name: FieldPath;
  errors: string[];
}

interface IssueLike {
  code?: string;
  path?: readonly PropertyKey[];
  message: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
  format?: string;
}

function readPath(values: unknown, path: FieldPath): unknown {
  let current: unknown = values;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[part];
  }
  return current;
}

/**
 * What a pattern means, by the field's name (the last named part of its path): the shared
 * schemas' own wording is English prose, so each patterned field gets its sentence here.
 */
const FORMAT_MESSAGES: Partial<Record<string, MessageKey>> = {
  allowedOrigins: 'validation.format.origin',
  slug: 'validation.format.slug',
  seatUserId: 'validation.format.seatUserId',
  businessUserId: 'validation.format.printable',
  publicKeyPem: 'validation.format.publicKeyPem',
  jwksUrl: 'validation.format.httpUrl',
};

function formatMessage(path: readonly PropertyKey[] | undefined, t: Translate): string {
  const field = [...(path ?? [])].reverse().find((part): part is string => typeof part === 'string');
  const key = field === undefined ? undefined : FORMAT_MESSAGES[field];
  return t(key ?? 'validation.format');
}

export function issueMessage(issue: IssueLike, value: unknown, t: Translate): string {
  const missing = value === undefined || value === null || value === '';
  switch (issue.code) {
    case 'invalid_type':
      return missing ? t('validation.required') : t('validation.type');
    case 'too_small':
      if (issue.origin === 'string')
        return missing ? t('validation.required') : t('validation.minLength', { n: Number(issue.minimum) });
      if (issue.origin === 'array') return t('validation.minItems', { n: Number(issue.minimum) });
      return t('validation.min', { n: Number(issue.minimum) });
    case 'too_big':
      if (issue.origin === 'string') return t('validation.maxLength', { n: Number(issue.maximum) });
      if (issue.origin === 'array') return t('validation.maxItems', { n: Number(issue.maximum) });
      return t('validation.max', { n: Number(issue.maximum) });
    case 'invalid_format':
      if (issue.format === 'email') return t('validation.email');
      if (issue.format === 'url') return t('validation.url');
      return formatMessage(issue.path, t);
    case 'invalid_value':
      return t('validation.choice');
    case 'not_multiple_of':
    case 'invalid_union':
    default:
      return issue.message;
  }
}

/** antd fields are whole arrays (tags inputs); an element's issue goes on its array, numbered. */
function toField(path: FieldPath, message: string): FieldError {
  const name = [...path];
  let prefix = '';
  while (name.length > 0 && typeof name[name.length - 1] === 'number') {
    prefix = `#${Number(name.pop()) + 1}: ${prefix}`;
  }
  return { name, errors: [prefix + message] };
}

function merge(errors: FieldError[]): FieldError[] {
  const byName = new Map<string, FieldError>();
  for (const error of errors) {
    const key = JSON.stringify(error.name);
    const existing = byName.get(key);
    if (existing) existing.errors.push(...error.errors);
    else byName.set(key, { name: error.name, errors: [...error.errors] });
  }
  return [...byName.values()].filter((error) => error.name.length > 0);
}

function serverFieldErrors(error: ApiErrorOf<'validation_failed'>, dictionary: Dictionary): FieldError[] {
  // typed by the contract, but read from the wire: checked before use
  const issues = Array.isArray(error.details?.issues) ? error.details.issues : [];
  return issues
    .filter(
      (issue) => typeof issue.path === 'string' && issue.path !== '' && typeof issue.message === 'string',
    )
    .map((issue) =>
      toField(
        String(issue.path)
          .split('.')
          .map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
        // worded from the issue's code, in the admin's language
        issueText(dictionary, issue),
      ),
    );
}

/**
 * Whether a server refusal lands on the form's fields (a validation_failed whose every issue names
 * one): the page then shows no toast, which would say the same beside the field.
 */
export function showsOnFields(error: unknown): boolean {
  if (!isApiError(error, 'validation_failed')) return false;
  const issues = Array.isArray(error.details?.issues) ? error.details.issues : [];
  return issues.length > 0 && issues.every((issue) => typeof issue.path === 'string' && issue.path !== '');
}

/** Removes empty optional inputs ('' and null from antd controls) so the schema sees them absent. */
export function withoutEmpty<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => withoutEmpty(item)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== '' && item !== null && item !== undefined)
      .map(([key, item]) => [key, withoutEmpty(item)]);
    return Object.fromEntries(entries) as T;
  }
  return value;
}

/** The paths of the values that changed: antd reports them nested; arrays are whole fields. */
function changedPaths(changed: unknown, prefix: FieldPath = []): FieldPath[] {
  if (changed && typeof changed === 'object' && !Array.isArray(changed)) {
    const entries = Object.entries(changed as Record<string, unknown>);
    if (entries.length > 0) return entries.flatMap(([key, value]) => changedPaths(value, [...prefix, key]));
  }
  return prefix.length > 0 ? [prefix] : [];
}

export function useSchemaForm<S extends z.ZodType>(
  schema: S,
  prepare: (values: Record<string, unknown>) => unknown = withoutEmpty,
): {
  form: FormInstance;
  submitWith: (
    onValid: (data: z.output<S>) => Promise<unknown> | void,
  ) => (values: Record<string, unknown>) => Promise<void>;
  /** for the Form's onValuesChange: clears the changed fields' errors and marks the form dirty */
  onValuesChange: (changed: unknown) => void;
  /** whether the user changed something since the form opened (or since markClean) */
  dirty: boolean;
  markClean: () => void;
} {
  const [form] = Form.useForm();
  const t = useT();
  const [dirty, setDirty] = useState(false);

  const onValuesChange = useCallback(
    (changed: unknown) => {
      setDirty(true);
      const stale = changedPaths(changed).filter((name) => form.getFieldError(name).length > 0);
      if (stale.length > 0) form.setFields(stale.map((name) => ({ name, errors: [] })));
    },
    [form],
  );
  const markClean = useCallback(() => setDirty(false), []);
  const { dictionary } = useI18n();

  const show = useCallback(
    (errors: FieldError[]) => {
      const merged = merge(errors);
      form.setFields(merged);
      const first = merged[0];
      if (first) form.scrollToField(first.name, { focus: true, block: 'center' });
    },
    [form],
  );

  const submitWith = useCallback(
    (onValid: (data: z.output<S>) => Promise<unknown> | void) => async (values: Record<string, unknown>) => {
      // errors of the last attempt go; this attempt's are set below
      const shown = form.getFieldsError().filter((field) => field.errors.length > 0);
      if (shown.length > 0) form.setFields(shown.map((field) => ({ name: field.name, errors: [] })));
      const input = prepare(values);
      const parsed = schema.safeParse(input);
      if (!parsed.success) {
        show(
          parsed.error.issues.map((issue) => {
            const path = issue.path.map((part) => (typeof part === 'number' ? part : String(part)));
            return toField(path, issueMessage(issue as IssueLike, readPath(input, path), t));
          }),
        );
        return;
      }
      try {
        await onValid(parsed.data);
        setDirty(false);
      } catch (error) {
        // the page has already told the user; here the server's field errors find their fields
        if (isApiError(error, 'validation_failed')) show(serverFieldErrors(error, dictionary));
        // a conflict the page words for one field (a slug or an email already taken)
        if (error instanceof FieldConflict) show([{ name: error.field, errors: [error.message] }]);
      }
    },
    [schema, prepare, show, t, form, dictionary],
  );

  return { form, submitWith, onValuesChange, dirty, markClean };
}
