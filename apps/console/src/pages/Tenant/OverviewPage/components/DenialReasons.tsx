// Why logins were denied in the period: each reason (an error code) in words, its count and share.
import { Progress, Table, Tag, Typography } from 'antd';
import { isErrorCode } from '../../../../api/client';
import { RATE_LIMIT_REASONS, type OverviewView } from '../../../../api/overview/types';
import { useI18n } from '../../../../i18n';

type Reason = OverviewView['denialReasons'][number];

const RATE_LIMITED = new Set<string>(RATE_LIMIT_REASONS);

export function DenialReasons({ reasons, denied }: { reasons: Reason[]; denied: number }) {
  const { t, dictionary } = useI18n();
  const describe = (reason: string) => {
    if (reason === 'unknown') return t('overview.unknownReason');
    return isErrorCode(reason) ? dictionary.errors[reason] : reason;
  };
  return (
    <Table<Reason>
      rowKey="reason"
      size="small"
      pagination={false}
      dataSource={reasons}
      locale={{ emptyText: t('overview.noDenials') }}
      columns={[
        {
          title: t('overview.reason'),
          dataIndex: 'reason',
          render: (reason: string) => (
            <>
              {describe(reason)}{' '}
              {RATE_LIMITED.has(reason) && <Tag color="orange">{t('overview.rateLimit')}</Tag>}
            </>
          ),
        },
        {
          title: t('overview.code'),
          dataIndex: 'reason',
          key: 'code',
          render: (reason: string) => <Typography.Text code>{reason}</Typography.Text>,
        },
        { title: t('overview.count'), dataIndex: 'count', align: 'right', width: 100 },
        {
          title: t('overview.share'),
          key: 'share',
          width: 200,
          render: (_value: unknown, row: Reason) => {
            const percent = denied > 0 ? Math.round((row.count / denied) * 100) : 0;
            return (
              <Progress
                percent={percent}
                // a bar, not a verdict: 100 % shows as "100%", not as antd's success tick
                status="normal"
                size="small"
                strokeColor={RATE_LIMITED.has(row.reason) ? '#fa8c16' : '#d4380d'}
                aria-label={t('overview.shareOf', { percent })}
              />
            );
          },
        },
      ]}
    />
  );
}
