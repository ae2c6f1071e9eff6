// Pages tell the user what happened through this: a short success toast, or the error in plain
// words with the gateway's request id for support. One error shows at a time (a newer one
// replaces it), and a success closes it: a stale failure never stays beside a success; the same
// success twice shows once.
import { App } from 'antd';
import { useMemo } from 'react';
import { ApiError } from '../api/client';
import { useI18n, type Vars } from '../i18n';
import { describeError } from '../i18n/errors';
import { showsOnFields } from './form/use-schema-form';

const ERROR_KEY = 'seatgate-error';

export function useNotify() {
  const { message, notification } = App.useApp();
  const { dictionary, t } = useI18n();
  return useMemo(() => {
    const error = (problem: unknown, vars?: Vars) => {
      // a session that ended is explained on the sign-in page the user is sent to
      if (
        problem instanceof ApiError &&
        (problem.code === 'session_expired' || problem.code === 'unauthenticated')
      )
        return;
      const human = describeError(problem, dictionary, vars);
      const lines = [human.detail, human.requestId ? t('error.requestId', { id: human.requestId }) : null];
      notification.error({
        key: ERROR_KEY,
        title: human.message,
        description: lines.filter(Boolean).join(' · ') || undefined,
        placement: 'topRight',
      });
    };
    return {
      success(text: string) {
        notification.destroy(ERROR_KEY);
        // keyed by its words: the same news twice in a row (a password set, then changed again)
        // shows once, not as two identical toasts
        void message.success({ content: text, key: `seatgate-success:${text}` });
      },
      /** closes the error shown, when the page tells the user another way (on a field) */
      dismiss() {
        notification.destroy(ERROR_KEY);
      },
      /** a failure the console itself words (no gateway error to describe) */
      failure(title: string) {
        notification.error({ key: ERROR_KEY, title, placement: 'topRight' });
      },
      error,
      /**
       * A schema form's refusal: useSchemaForm puts a validation_failed whose every issue names a
       * field on those fields, and a toast beside them would say it twice; anything else is a toast.
       */
      formError(refusal: unknown) {
        if (showsOnFields(refusal)) notification.destroy(ERROR_KEY);
        else error(refusal);
      },
    };
  }, [message, notification, dictionary, t]);
}
