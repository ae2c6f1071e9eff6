import { Select } from 'antd';
import { LOCALES, useI18n, type Locale } from '../i18n';

const NAMES: Record<Locale, string> = { 'zh-CN': '简体中文', 'en-US': 'English' };

export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <Select<Locale>
      aria-label={t('language.label')}
      value={locale}
      onChange={setLocale}
      options={LOCALES.map((value) => ({ value, label: NAMES[value], lang: value }))}
      style={{ width: 120 }}
      data-testid="language-switch"
    />
  );
}
