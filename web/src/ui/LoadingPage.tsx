import { useT } from '../i18n/index.tsx';

/** Shown while a part of the app is loading: a polite status, so screen readers hear it once. */
export function LoadingPage() {
  const t = useT();
  return (
    <p role="status" className="loading">
      {t('common.loading')}
    </p>
  );
}
