import type { ReactNode } from 'react';
import { useT } from '../i18n/index.tsx';
import { Link } from '../router.tsx';
import { usePageTitle } from './usePageTitle.ts';

/** A heading, a few paragraphs and a way back to the front page. */
export function SimplePage({ title, children }: { title: string; children: ReactNode }) {
  const t = useT();
  usePageTitle(title);
  return (
    <>
      <h1>{title}</h1>
      {children}
      <p>
        <Link to="/">{t('common.toFrontPage')}</Link>
      </p>
    </>
  );
}
