import { useId } from 'react';
import { LANGUAGES, LANGUAGE_NAMES, useLang, useT } from '../i18n/index.tsx';

/** One button per language, each named in its own language; the current one is pressed. */
export function LanguageSwitcher() {
  const t = useT();
  const { lang, setLang } = useLang();
  const labelId = useId();
  return (
    <div className="lang-switcher" role="group" aria-labelledby={labelId}>
      <span id={labelId} className="lang-switcher__label">
        {t('lang.label')}
      </span>
      <ul className="lang-switcher__list">
        {LANGUAGES.map((l) => (
          <li key={l}>
            <button type="button" lang={l} aria-pressed={l === lang} onClick={() => setLang(l)}>
              {LANGUAGE_NAMES[l]}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
