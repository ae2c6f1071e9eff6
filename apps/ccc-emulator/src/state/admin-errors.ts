// Errors raised by the emulator's own control surface (seed, admin API, in-process state calls).
// They are unrelated to TCCC error codes: the admin routes map them to HTTP statuses.
export type EmulatorAdminErrorCode = 'invalid_request' | 'not_found' | 'conflict';

export class EmulatorAdminError extends Error {
  constructor(
    readonly code: EmulatorAdminErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EmulatorAdminError';
  }
}

export function adminErrorStatus(code: EmulatorAdminErrorCode): number {
  switch (code) {
    case 'invalid_request':
      return 400;
    case 'not_found':
      return 404;
    case 'conflict':
      return 409;
  }
}
