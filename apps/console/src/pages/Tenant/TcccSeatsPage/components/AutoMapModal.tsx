// Auto-map's preview: which unmapped TCCC seats match a known business user (by email or staff
// number), shown before anything is saved; applying hands the proposals to the page, which imports
// them like a CSV (all or nothing).
import type { AppAutoMapPreview, AppAutoMapQuery } from '@seatgate/contracts';
import { Alert, Modal, Radio, Space, Table, Typography } from 'antd';
import { ErrorAlert } from '../../../../components/ErrorAlert';
import { useT } from '../../../../i18n';

type Proposal = AppAutoMapPreview['proposals'][number];

export interface AutoMapModalProps {
  open: boolean;
  by: AppAutoMapQuery['by'];
  onByChange: (by: AppAutoMapQuery['by']) => void;
  preview: AppAutoMapPreview | undefined;
  loading: boolean;
  error: unknown;
  applying: boolean;
  onApply: (proposals: Proposal[]) => void;
  onClose: () => void;
}

export function AutoMapModal({
  open,
  by,
  onByChange,
  preview,
  loading,
  error,
  applying,
  onApply,
  onClose,
}: AutoMapModalProps) {
  const t = useT();
  const proposals = preview?.proposals ?? [];
  return (
    <Modal
      open={open}
      title={t('staff.autoMapTitle')}
      width={860}
      okText={t('staff.autoMapApply', { count: proposals.length })}
      okButtonProps={{ disabled: proposals.length === 0 || loading, loading: applying }}
      cancelText={t('action.cancel')}
      onOk={() => onApply(proposals)}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('staff.autoMapLead')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Typography.Text id="auto-map-by">{t('staff.autoMapBy')}</Typography.Text>
        <Radio.Group
          aria-labelledby="auto-map-by"
          value={by}
          onChange={(event) => onByChange(event.target.value as AppAutoMapQuery['by'])}
          options={[
            { value: 'email', label: t('staff.autoMapByEmail') },
            { value: 'staffNumber', label: t('staff.autoMapByNumber') },
          ]}
        />
      </Space>
      {error ? (
        <ErrorAlert error={error} />
      ) : (
        <>
          {preview && (
            <Alert
              type={proposals.length > 0 ? 'info' : 'warning'}
              showIcon
              style={{ marginBottom: 16 }}
              data-testid="auto-map-summary"
              title={
                proposals.length > 0
                  ? t('staff.autoMapSummary', { count: proposals.length, unmapped: preview.unmapped })
                  : t('staff.autoMapNone')
              }
            />
          )}
          <Table<Proposal>
            rowKey="seatUserId"
            size="small"
            loading={loading}
            dataSource={proposals}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
            columns={[
              { title: t('seats.seatUserId'), dataIndex: 'seatUserId' },
              { title: t('staff.name'), dataIndex: 'name', render: (value: string | null) => value ?? '—' },
              {
                title: t('staff.number'),
                dataIndex: 'staffNumber',
                render: (value: string | null) => value ?? '—',
              },
              { title: t('seats.businessUserId'), dataIndex: 'businessUserId' },
            ]}
          />
        </>
      )}
    </Modal>
  );
}
