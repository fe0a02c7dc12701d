import { useT } from '../i18n/index.tsx';
import { SimplePage } from '../ui/SimplePage.tsx';

/** /console: the merchants' staff console. Staff sign-in is configured by the platform operator. */
export function ConsolePage() {
  const t = useT();
  return (
    <SimplePage title={t('console.title')}>
      <p className="lead">{t('console.body')}</p>
    </SimplePage>
  );
}
