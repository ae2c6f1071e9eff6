// A new HS256 secret, with its kid and the snippets that sign a business token with it: shown once.
import type { SigningKeyType } from '../../../../api/signing-keys/types';
import { ShownOnceModal } from '../../../../components/ShownOnceModal';
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
  return (
    <ShownOnceModal
      open={created !== null}
      title={t('keys.secretTitle')}
      warning={t('keys.secretWarning')}
      width={760}
      values={[
        { key: 'kid', label: t('keys.kid'), value: created?.kid ?? '' },
        {
          key: 'secret',
          label: t('keys.secret'),
          value: created?.secret ?? '',
          copyLabel: t('action.copySecret'),
          testId: 'new-signing-secret',
        },
      ]}
      storedLabel={t('keys.secretStored')}
      onClose={onClose}
    >
      {created && <TokenSnippet kid={created.kid} type={created.type} audience={audience} />}
    </ShownOnceModal>
  );
}
