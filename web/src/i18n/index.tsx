import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { fi, type MessageKey, type Messages } from './fi.ts';
import { sv } from './sv.ts';
import { en } from './en.ts';
import { detectLang, STORAGE_KEY, type Lang } from './languages.ts';

export { LANGUAGES, LANGUAGE_NAMES, type Lang } from './languages.ts';
export type { MessageKey } from './fi.ts';

const catalogues: Record<Lang, Messages> = { fi, sv, en };

export type Translate = (key: MessageKey, values?: Readonly<Record<string, string>>) => string;

interface I18nContextValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
}

const I18nContext = createContext<I18nContextValue | null>(null);

function readStored(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage disabled: fall through to the browser's languages
  }
}

function initialLang(): Lang {
  const browserLangs = navigator.languages?.length ? navigator.languages : [navigator.language];
  return detectLang(window.location.search, readStored(), browserLangs);
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // not remembered across visits, but the page still switches
    }
    // A `?lang=` in the address would override the choice on reload: keep it in step.
    const url = new URL(window.location.href);
    if (url.searchParams.has('lang')) {
      url.searchParams.set('lang', next);
      window.history.replaceState(window.history.state, '', url);
    }
  }, []);

  const value = useMemo<I18nContextValue>(() => {
    const messages = catalogues[lang];
    const t: Translate = (key, values) =>
      values ? messages[key].replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole) : messages[key];
    return { lang, setLang, t };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

function useI18n(): I18nContextValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useT() and useLang() need an <I18nProvider> above them');
  return value;
}

/** The translate function for the current language. */
export function useT(): Translate {
  return useI18n().t;
}

/** The current language and a setter that also remembers the choice. */
export function useLang(): { lang: Lang; setLang: (lang: Lang) => void } {
  const { lang, setLang } = useI18n();
  return { lang, setLang };
}
