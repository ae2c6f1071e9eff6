// Pages tell the user what happened through this: a short success toast, or the error in plain
// words with the gateway's request id for support. One error shows at a time (a newer one
// replaces it), and a success closes it: a stale failure never stays beside a success.
import { App } from 'antd';
import { useMemo } from 'react';
import { ApiError } from '../api/client';
import { useI18n, type Vars } from '../i18n';
import { describeError } from '../i18n/errors';

const ERROR_KEY = 'seatgate-error';

export function useNotify() {
  const { message, notification } = App.useApp();
  const { dictionary, t } = useI18n();
  return useMemo(
    () => ({
      success(text: string) {
        notification.destroy(ERROR_KEY);
        void message.success(text);
      },
      /** closes the error shown, when the page tells the user another way (on a field) */
      dismiss() {
        notification.destroy(ERROR_KEY);
      },
      /** a failure the console itself words (no gateway error to describe) */
      failure(title: string) {
        notification.error({ key: ERROR_KEY, title, placement: 'topRight' });
      },
      error(error: unknown, vars?: Vars) {
        // a session that ended is explained on the sign-in page the user is sent to
        if (
          error instanceof ApiError &&
          (error.code === 'session_expired' || error.code === 'unauthenticated')
        )
          return;
        const human = describeError(error, dictionary, vars);
        const lines = [human.detail, human.requestId ? t('error.requestId', { id: human.requestId }) : null];
        notification.error({
          key: ERROR_KEY,
          title: human.message,
          description: lines.filter(Boolean).join(' · ') || undefined,
          placement: 'topRight',
        });
      },
    }),
    [message, notification, dictionary, t],
  );
}
