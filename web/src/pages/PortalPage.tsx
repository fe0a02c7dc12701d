import { useT } from '../i18n/index.tsx';
import { SimplePage } from '../ui/SimplePage.tsx';

/** /oma: the person's own portal. Until sign-in links exist, explain how people get here. */
export function PortalPage() {
  const t = useT();
  return (
    <SimplePage title={t('portal.title')}>
      <p className="lead">{t('portal.body')}</p>
    </SimplePage>
  );
}
