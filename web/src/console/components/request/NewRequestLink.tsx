import { useT } from '../../../i18n/index.tsx';
import { Link } from '../../../router.tsx';
import { may } from '../../permissions.ts';
import { paths } from '../../routes.ts';
import { useRole } from '../../session.tsx';
import './request.css';

/** "Log a request", for those who may handle requests (the list page puts it under its heading). */
export function NewRequestLink({ controllerId }: { controllerId: string }) {
  const t = useT();
  const role = useRole(controllerId);
  if (!may(role, 'requests.handle')) return null;
  return (
    <p>
      <Link to={paths.requestNew(controllerId)} className="button request-new-link">
        {t('requestNew.link')}
      </Link>
    </p>
  );
}
