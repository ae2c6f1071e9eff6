// Every visible string goes through here. Two locales; the choice is remembered per browser and
// drives antd's ConfigProvider locale, dayjs's locale and <html lang>.
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { enUS, type Dictionary, type MessageKey } from './en-US';
import { zhCN } from './zh-CN';

export const LOCALES = ['zh-CN', 'en-US'] as const;
export type Locale = (typeof LOCALES)[number];
export type { MessageKey } from './en-US';

const STORAGE_KEY = 'seatgate.console.locale';
const DICTIONARIES: Record<Locale, Dictionary> = { 'zh-CN': zhCN, 'en-US': enUS };
const DAYJS_LOCALE: Record<Locale, string> = { 'zh-CN': 'zh-cn', 'en-US': 'en' };

export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

function initialLocale(): Locale {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (stored === 'zh-CN' || stored === 'en-US') return stored;
  } catch {
    // storage disabled: fall through to the browser's language
  }
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en-US';
}

export function interpolate(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

interface I18nValue {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
  dictionary: Dictionary;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const dictionary = DICTIONARIES[locale];

  useEffect(() => {
    dayjs.locale(DAYJS_LOCALE[locale]);
    document.documentElement.lang = locale;
    document.title = dictionary.messages['app.name'];
  }, [locale, dictionary]);

  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // not remembered, still switched
    }
  }, []);

  const t = useCallback<Translate>((key, vars) => interpolate(dictionary.messages[key], vars), [dictionary]);

  const value = useMemo(() => ({ locale, setLocale, t, dictionary }), [locale, setLocale, t, dictionary]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside <I18nProvider>');
  return value;
}

export function useT(): Translate {
  return useI18n().t;
}
