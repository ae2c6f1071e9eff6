// Admin sign-in's refusals. They read the same for every email, known or not.
import { domainError } from '../../common/errors/domain.error';

export const authErrors = {
  throttled: (retryAfterSeconds: number) =>
    domainError('too_many_requests', `too many failed sign-ins; retry in ${retryAfterSeconds} s`, {
      retryAfterSeconds,
    }),
  invalidCredentials: () => domainError('invalid_credentials', 'wrong email or password'),
  accountDisabled: () => domainError('account_disabled', 'this account is disabled'),
  currentPasswordWrong: () =>
    domainError('validation_failed', 'currentPassword: this is not your current password', {
      issues: [
        { path: 'currentPassword', message: 'not the current password', code: 'current_password_wrong' },
      ],
    }),
  passwordUnchanged: () =>
    domainError('validation_failed', 'newPassword: choose a password other than the current one', {
      issues: [
        { path: 'newPassword', message: 'the same as the current password', code: 'password_unchanged' },
      ],
    }),
  sessionExpired: () => domainError('session_expired', 'your session has ended; sign in again'),
};
