import { Tabs, Typography } from 'antd';
import { useState } from 'react';
import type { SigningKeyType } from '../../../../api/signing-keys/types';
import { useT } from '../../../../i18n';
import {
  SNIPPET_LANGUAGE_LABELS,
  SNIPPET_LANGUAGES,
  tokenSnippet,
  type SnippetLanguage,
} from './token-snippet';

function isSnippetLanguage(value: string): value is SnippetLanguage {
  return (SNIPPET_LANGUAGES as readonly string[]).includes(value);
}

/** The token snippet in the vendor backend's language; the language may be held by the caller (a drawer's title). */
export function TokenSnippet({
  kid,
  type,
  audience,
  language: controlled,
  onLanguageChange,
}: {
  kid: string | null;
  type: SigningKeyType;
  audience: string;
  language?: SnippetLanguage;
  onLanguageChange?: (language: SnippetLanguage) => void;
}) {
  const t = useT();
  const [own, setOwn] = useState<SnippetLanguage>('node');
  const language = controlled ?? own;
  const code = tokenSnippet({ kid, type, audience, language });

  return (
    <div>
      {/* the copy control sits beside the lead, not in the tab bar: a tablist may hold only tabs */}
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', gap: 16 }}>
        <Typography.Paragraph type="secondary">{t('keys.snippetLead')}</Typography.Paragraph>
        <Typography.Text
          copyable={{ text: code, tooltips: [t('action.copy'), t('action.copied')] }}
          style={{ whiteSpace: 'nowrap' }}
        >
          {t('keys.copySnippet')}
        </Typography.Text>
      </div>
      <Tabs
        activeKey={language}
        onChange={(key) => {
          if (!isSnippetLanguage(key)) return;
          setOwn(key);
          onLanguageChange?.(key);
        }}
        destroyOnHidden
        items={SNIPPET_LANGUAGES.map((key) => ({
          key,
          label: SNIPPET_LANGUAGE_LABELS[key],
          children: (
            <pre
              className="sg-code"
              tabIndex={0}
              aria-label={t('keys.snippetFor', { language: SNIPPET_LANGUAGE_LABELS[key] })}
              data-testid={`token-snippet-${key}`}
            >
              {tokenSnippet({ kid, type, audience, language: key })}
            </pre>
          ),
        }))}
      />
    </div>
  );
}
