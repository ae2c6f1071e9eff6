import { Alert, Button } from 'antd';
import { useI18n } from '../i18n';
import { describeError } from '../i18n/errors';

/** A failed query, in place of the content it should have shown. */
export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { dictionary, t } = useI18n();
  const human = describeError(error, dictionary);
  const description = [human.detail, human.requestId ? t('error.requestId', { id: human.requestId }) : null]
    .filter(Boolean)
    .join(' · ');
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={human.message}
      description={description || undefined}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('action.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
