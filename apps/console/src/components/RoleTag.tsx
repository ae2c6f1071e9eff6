import type { AdminRole } from '@seatgate/contracts';
import { Tag } from 'antd';
import { useT } from '../i18n';

const COLOR: Record<AdminRole, string> = { platform_admin: 'gold', tenant_admin: 'blue', auditor: 'default' };

export function RoleTag({ role }: { role: AdminRole }) {
  const t = useT();
  return <Tag color={COLOR[role]}>{t(`role.${role}`)}</Tag>;
}
