// A new SCIM token, with the endpoint the identity provider calls: shown once.
import type { ScimTokenCreated } from '../../../../api/scim/types';
import { ShownOnceModal } from '../../../../components/ShownOnceModal';
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
  return (
    <ShownOnceModal
      open={created !== null}
      title={t('scim.tokenTitle')}
      warning={t('scim.tokenWarning')}
      width={720}
      values={[
        { key: 'endpoint', label: t('scim.endpoint'), value: endpoint },
        {
          key: 'token',
          label: t('scim.token'),
          value: created?.token ?? '',
          copyLabel: t('scim.copyToken'),
          testId: 'new-scim-token',
        },
      ]}
      storedLabel={t('scim.tokenStored')}
      onClose={onClose}
    />
  );
}
