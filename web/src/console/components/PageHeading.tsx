import type { ReactNode } from 'react';
import { usePageTitle } from '../../ui/usePageTitle.ts';

/**
 * The page's h1, which also names the browser tab — unless `documentTitle` is given, e.g. to keep
 * a customer's name out of the tab and the browser's history.
 */
export function PageHeading({
  title,
  documentTitle,
  children,
}: {
  title: string;
  documentTitle?: string;
  children?: ReactNode;
}) {
  usePageTitle(documentTitle ?? title);
  return (
    <div className="page-heading">
      <h1>{title}</h1>
      {children}
    </div>
  );
}
