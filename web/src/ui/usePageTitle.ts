import { useEffect } from 'react';

/** Sets the browser tab's title to "<page> – Omadata". */
export function usePageTitle(title: string) {
  useEffect(() => {
    document.title = `${title} – Omadata`;
  }, [title]);
}
