// What TCCC said about credentials being saved, and the app's last check: a refusal names TCCC's
// reason and code and offers the explicit "save without checking"; an app saved that way (or whose
// last test failed) carries a visible warning in the list until a test passes.
import type { AppCheck } from '@seatgate/contracts';
import { Alert, Button, Space, Tag, Typography } from 'antd';
import { isApiError } from '../../../../api/client';
import { DateTime } from '../../../../components/DateTime';
import { useI18n } from '../../../../i18n';
import type { Dictionary } from '../../../../i18n/en-US';

/** Why a save was refused: TCCC refused the credentials, or could not be asked. */
export interface CheckFailure {
  kind: 'refused' | 'unreachable';
  /** TCCC's reason in words */
  reason: string;
  upstreamCode: string | null;
}

/** The check failure in a save's error, or null when the error is something else. */
export function checkFailureOf(error: unknown, dictionary: Dictionary): CheckFailure | null {
  if (isApiError(error, 'app_check_failed')) {
    const reason = error.details?.reason;
    return {
      kind: 'refused',
      reason: reason && reason in dictionary.errors ? dictionary.errors[reason] : error.message,
      upstreamCode: error.details?.upstreamCode ?? null,
    };
  }
  if (isApiError(error, 'upstream_unavailable') || isApiError(error, 'upstream_rate_limited')) {
    return {
      kind: 'unreachable',
      reason: dictionary.errors[error.code],
      upstreamCode: error.details?.upstreamCode ?? null,
    };
  }
  return null;
}

export function CheckFailureAlert({
  failure,
  onSaveAnyway,
  saving,
}: {
  failure: CheckFailure;
  onSaveAnyway: () => void;
  saving: boolean;
}) {
  const { t } = useI18n();
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="app-check-failure"
      style={{ marginBottom: 16 }}
      title={t(failure.kind === 'refused' ? 'apps.check.refused' : 'apps.check.unreachable')}
      description={
        <Space orientation="vertical" size={8}>
          <span>
            {failure.reason}
            {failure.upstreamCode && (
              <>
                {' '}
                <Typography.Text type="secondary">
                  ({t('apps.check.upstreamCode', { code: failure.upstreamCode })})
                </Typography.Text>
              </>
            )}
          </span>
          <Typography.Text type="secondary">{t('apps.check.saveAnywayHint')}</Typography.Text>
          <Button danger size="small" onClick={onSaveAnyway} loading={saving}>
            {t('apps.check.saveAnyway')}
          </Button>
        </Space>
      }
    />
  );
}

/** The app's last check, as stored by the gateway (it survives a reload). */
export function LastCheck({ check }: { check: AppCheck | null }) {
  const { t, dictionary } = useI18n();
  if (!check) {
    return (
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="app-last-check">
        {t('apps.check.never')}
      </Typography.Text>
    );
  }
  const failedReason =
    check.outcome === 'failed' && check.code && check.code in dictionary.errors
      ? dictionary.errors[check.code as keyof Dictionary['errors']]
      : null;
  return (
    <span data-testid="app-last-check" data-outcome={check.outcome} style={{ fontSize: 12 }}>
      {check.outcome === 'ok' && <Tag color="green">{t('apps.check.ok')}</Tag>}
      {check.outcome === 'failed' && <Tag color="red">{t('apps.check.failed')}</Tag>}
      {check.outcome === 'skipped' && <Tag color="warning">{t('apps.check.skipped')}</Tag>}
      <DateTime value={check.at} />
      {failedReason && (
        <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }}>
          {failedReason}
          {check.upstreamCode ? ` (${check.upstreamCode})` : ''}
        </Typography.Text>
      )}
    </span>
  );
}
