import { ERROR_CODES, ERROR_STATUS, fallbackCode, FALLBACK_CODE_BY_STATUS, isErrorCode } from './errors';

describe('fallbackCode', () => {
  it('answers each listed status with a code of that same status', () => {
    for (const [status, code] of Object.entries(FALLBACK_CODE_BY_STATUS)) {
      if (code === undefined) continue;
      // 422 is answered as a refused body (400's code): the one deliberate exception
      if (status === '422') expect(code).toBe('validation_failed');
      else expect(ERROR_STATUS[code]).toBe(Number(status));
    }
  });

  it('names unlisted statuses by their class', () => {
    expect(fallbackCode(418)).toBe('validation_failed');
    expect(fallbackCode(500)).toBe('internal_error');
    expect(fallbackCode(504)).toBe('internal_error');
  });
});

describe('isErrorCode', () => {
  it('knows every code and nothing else', () => {
    for (const code of ERROR_CODES) expect(isErrorCode(code)).toBe(true);
    for (const value of ['toString', '__proto__', '', 'NOT_FOUND', 404, null, undefined])
      expect(isErrorCode(value)).toBe(false);
  });
});
