import type { JobStarter as Starter } from '../../../../api/jobs/types';
import { useT } from '../../../../i18n';

/** Who started a job: the admin's e-mail, or Seatgate itself. */
export function JobStarter({ starter }: { starter: Starter }) {
  const t = useT();
  if (starter.type === 'admin' && starter.display) return <span>{starter.display}</span>;
  if (starter.type === 'scim_token') return <span>{t('jobs.startedByScim')}</span>;
  return <span>{t(starter.type === 'system' ? 'jobs.startedBySystem' : 'jobs.startedByUnknown')}</span>;
}
