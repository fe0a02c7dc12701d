export const LANGUAGES = ['fi', 'sv', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];
export const DEFAULT_LANG: Lang = 'fi';
export const STORAGE_KEY = 'omadata.lang';

/** Each language's name in that language, for the switcher. */
export const LANGUAGE_NAMES: Record<Lang, string> = { fi: 'Suomi', sv: 'Svenska', en: 'English' };

/** 'sv-FI' → 'sv'; anything we have no catalogue for → undefined. */
export function toLang(tag: string | null | undefined): Lang | undefined {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return LANGUAGES.find((l) => l === primary);
}

/**
 * The language to start in: `?lang=` in the address, then the reader's earlier choice
 * (localStorage), then the browser's languages in order of preference, then Finnish.
 */
export function detectLang(search: string, stored: string | null, browserLangs: readonly string[]): Lang {
  const fromQuery = toLang(new URLSearchParams(search).get('lang'));
  if (fromQuery) return fromQuery;
  const fromStorage = toLang(stored);
  if (fromStorage) return fromStorage;
  for (const tag of browserLangs) {
    const lang = toLang(tag);
    if (lang) return lang;
  }
  return DEFAULT_LANG;
}
