// A SCIM token exists in readable form exactly once: in this dialog. It cannot be closed by accident
// (no mask click, no Escape) until the admin confirms it is stored in the identity provider.
import { Alert, Button, Checkbox, Descriptions, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import type { ScimTokenCreated } from '../../../../api/scim/types';
import { useT } from '../../../../i18n';

export function NewScimTokenModal({
  created,
  endpoint,
  onClose,
}: {
  created: ScimTokenCreated | null;
  endpoint: string;
  onClose: () => void;
}) {
  const t = useT();
  const [stored, setStored] = useState(false);
  return (
    <Modal
      open={created !== null}
      title={t('scim.tokenTitle')}
      width={720}
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
          <Alert type="warning" showIcon title={t('scim.tokenWarning')} />
          <Descriptions
            column={1}
            bordered
            size="small"
            items={[
              {
                key: 'endpoint',
                label: t('scim.endpoint'),
                children: (
                  <Typography.Text code copyable={{ tooltips: [t('action.copy'), t('action.copied')] }}>
                    {endpoint}
                  </Typography.Text>
                ),
              },
              {
                key: 'token',
                label: t('scim.token'),
                children: (
                  <Typography.Text
                    code
                    data-testid="new-scim-token"
                    copyable={{ tooltips: [t('scim.copyToken'), t('action.copied')] }}
                    style={{ wordBreak: 'break-all' }}
                  >
                    {created.token}
                  </Typography.Text>
                ),
              },
            ]}
          />
          <Checkbox checked={stored} onChange={(event) => setStored(event.target.checked)}>
            {t('scim.tokenStored')}
          </Checkbox>
        </Space>
      )}
    </Modal>
  );
}
