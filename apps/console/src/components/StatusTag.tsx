import { Tag } from 'antd';
import { useT } from '../i18n';

type Status = 'active' | 'suspended' | 'enabled' | 'disabled';
const GOOD = new Set<Status>(['active', 'enabled']);

export function StatusTag({ status }: { status: Status }) {
  const t = useT();
  return (
    <Tag color={GOOD.has(status) ? 'green' : status === 'suspended' ? 'red' : 'default'}>
      {t(`status.${status}`)}
    </Tag>
  );
}
