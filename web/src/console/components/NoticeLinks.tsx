import { Fragment } from 'react';
import { useT } from '../../i18n/index.tsx';

const LANGS = ['fi', 'sv', 'en'] as const;

/**
 * The register's public privacy notice (server-rendered at /notices/{registerId}, outside this
 * app): the page in each language, and the Markdown and PDF files.
 */
export function NoticeLinks({ registerId }: { registerId: string }) {
  const t = useT();
  const base = `/notices/${encodeURIComponent(registerId)}`;
  const list = (links: Array<{ lang: (typeof LANGS)[number]; href: string; label: string }>) =>
    links.map((l, i) => (
      <Fragment key={l.href}>
        {i > 0 ? ' · ' : ''}
        <a href={l.href} hrefLang={l.lang}>
          {l.label}
        </a>
      </Fragment>
    ));
  return (
    <section aria-labelledby="notice-heading" className="section">
      <h2 id="notice-heading">{t('notice.heading')}</h2>
      <p>{t('notice.intro')}</p>
      <p>
        {t('notice.pages')}:{' '}
        {list(LANGS.map((lang) => ({ lang, href: `${base}?lang=${lang}`, label: t(`notice.lang.${lang}`) })))}
      </p>
      <p>
        {t('notice.files')}:{' '}
        {list(
          LANGS.flatMap((lang) => [
            { lang, href: `${base}?lang=${lang}&format=md`, label: t('notice.markdown', { lang: lang.toUpperCase() }) },
            { lang, href: `${base}?lang=${lang}&format=pdf`, label: t('notice.pdf', { lang: lang.toUpperCase() }) },
          ]),
        )}
      </p>
    </section>
  );
}
