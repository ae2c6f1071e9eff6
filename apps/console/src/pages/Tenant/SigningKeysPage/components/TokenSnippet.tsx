import { Typography } from 'antd';
import type { SigningKeyType } from '../../../../api/signing-keys/types';
import { useT } from '../../../../i18n';
import { tokenSnippet } from './token-snippet';

export function TokenSnippet({
  kid,
  type,
  audience,
}: {
  kid: string | null;
  type: SigningKeyType;
  audience: string;
}) {
  const t = useT();
  const code = tokenSnippet({ kid, type, audience });
  return (
    <div>
      <Typography.Paragraph type="secondary">{t('keys.snippetLead')}</Typography.Paragraph>
      <div style={{ display: 'flex', justifyContent: 'flex-end', marginBottom: 4 }}>
        <Typography.Text copyable={{ text: code, tooltips: [t('action.copy'), t('action.copied')] }}>
          {t('keys.copySnippet')}
        </Typography.Text>
      </div>
      <pre className="sg-code" tabIndex={0} aria-label={t('keys.snippetTitle')}>
        {code}
      </pre>
    </div>
  );
}
