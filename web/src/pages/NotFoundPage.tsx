import { useT } from '../i18n/index.tsx';
import { usePath } from '../router.tsx';
import { SimplePage } from '../ui/SimplePage.tsx';

export function NotFoundPage() {
  const t = useT();
  const path = usePath();
  return (
    <SimplePage title={t('notFound.title')}>
      <p className="lead">{t('notFound.body', { path })}</p>
    </SimplePage>
  );
}
