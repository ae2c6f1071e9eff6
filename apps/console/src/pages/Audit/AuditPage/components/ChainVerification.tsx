import type { AuditVerifyResult } from '@seatgate/contracts';
import { Alert, Button, Space } from 'antd';
import { useT } from '../../../../i18n';

export function ChainVerification({
  scope,
  result,
  checking,
  onVerify,
}: {
  /** what is being verified, for the labels */
  scope: string;
  result: AuditVerifyResult | undefined;
  checking: boolean;
  onVerify: () => void;
}) {
  const t = useT();
  return (
    <Space orientation="vertical" style={{ width: '100%', marginBottom: 16 }}>
      <Button onClick={onVerify} loading={checking}>
        {checking ? t('audit.verifying') : t('audit.verify', { scope })}
      </Button>
      <div aria-live="polite">
        {result?.ok === true && (
          <Alert type="success" showIcon title={t('audit.chainOk', { scope, checked: result.checked })} />
        )}
        {result?.ok === false && (
          <Alert
            type="error"
            showIcon
            title={t('audit.chainBroken', { scope, id: result.firstBrokenEventId ?? '?' })}
            description={[t('audit.chainChecked', { checked: result.checked }), result.reason]
              .filter(Boolean)
              .join(' · ')}
          />
        )}
      </div>
    </Space>
  );
}
