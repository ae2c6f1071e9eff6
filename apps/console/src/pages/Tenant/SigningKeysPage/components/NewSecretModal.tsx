// An HS256 secret exists in readable form exactly once: in this dialog. It cannot be closed by
// accident (no mask click, no Escape) until the admin confirms it is stored.
import { Alert, Button, Checkbox, Descriptions, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import type { SigningKeyType } from '../../../../api/signing-keys/types';
import { useT } from '../../../../i18n';
import { TokenSnippet } from './TokenSnippet';

export function NewSecretModal({
  created,
  audience,
  onClose,
}: {
  created: { kid: string; type: SigningKeyType; secret: string } | null;
  audience: string;
  onClose: () => void;
}) {
  const t = useT();
  const [stored, setStored] = useState(false);
  return (
    <Modal
      open={created !== null}
      title={t('keys.secretTitle')}
      width={760}
      closable={false}
      keyboard={false}
      mask={{ closable: false }}
      afterClose={() => setStored(false)}
      destroyOnHidden
      footer={
        <Button type="primary" disabled={!stored} onClick={onClose}>
          {t('action.done')}
        </Button>
      }
    >
      {created && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Alert type="warning" showIcon title={t('keys.secretWarning')} />
          <Descriptions
            column={1}
            bordered
            size="small"
            items={[
              {
                key: 'kid',
                label: t('keys.kid'),
                children: (
                  <Typography.Text code copyable={{ tooltips: [t('action.copy'), t('action.copied')] }}>
                    {created.kid}
                  </Typography.Text>
                ),
              },
              {
                key: 'secret',
                label: t('keys.secret'),
                children: (
                  <Typography.Text
                    code
                    data-testid="new-signing-secret"
                    copyable={{ tooltips: [t('action.copySecret'), t('action.copied')] }}
                    style={{ wordBreak: 'break-all' }}
                  >
                    {created.secret}
                  </Typography.Text>
                ),
              },
            ]}
          />
          <TokenSnippet kid={created.kid} type={created.type} audience={audience} />
          <Checkbox checked={stored} onChange={(event) => setStored(event.target.checked)}>
            {t('keys.secretStored')}
          </Checkbox>
        </Space>
      )}
    </Modal>
  );
}
