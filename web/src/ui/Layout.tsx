import { useEffect, useRef, type MouseEvent, type ReactNode } from 'react';
import { useT } from '../i18n/index.tsx';
import { Link } from '../router.tsx';
import { LanguageSwitcher } from './LanguageSwitcher.tsx';

const MAIN_ID = 'main-content';

interface LayoutProps {
  path: string;
  children: ReactNode;
  /** A second bar under the site header, e.g. the staff console's navigation. */
  nav?: ReactNode;
  /** Wider content area for tables (the staff console). */
  wide?: boolean;
}

export function Layout({ path, children, nav, wide = false }: LayoutProps) {
  const t = useT();
  const main = useRef<HTMLElement>(null);
  const shownPath = useRef(path);

  // After an in-app navigation, start the reader at the new page's content, as a page load would.
  useEffect(() => {
    if (path === shownPath.current) return;
    shownPath.current = path;
    main.current?.focus();
  }, [path]);

  const skipToMain = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault(); // focus without adding #main-content to the address
    main.current?.focus();
    main.current?.scrollIntoView();
  };

  return (
    <div className="page">
      <a className="skip-link" href={`#${MAIN_ID}`} onClick={skipToMain}>
        {t('layout.skipLink')}
      </a>
      <header className="site-header">
        <div className={wide ? 'site-header__inner site-header__inner--wide' : 'site-header__inner'}>
          <Link to="/" className="site-header__name" aria-label={t('layout.homeLink')}>
            Omadata
          </Link>
          <LanguageSwitcher />
        </div>
      </header>
      {nav}
      <main id={MAIN_ID} ref={main} tabIndex={-1} className={wide ? 'site-main site-main--wide' : 'site-main'}>
        {children}
      </main>
      <footer className="site-footer">
        <p>{t('layout.footer')}</p>
      </footer>
    </div>
  );
}
