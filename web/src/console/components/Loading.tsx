import { useT } from '../../i18n/index.tsx';
import type { Resource } from '../useResource.ts';
import { ProblemAlert } from './ProblemAlert.tsx';

/** "Loading…" while a resource loads (first time only), or its error. */
export function ResourceStatus({ resource, label }: { resource: Resource<unknown>; label?: string }) {
  const t = useT();
  if (resource.status === 'error') return <ProblemAlert error={resource.error} />;
  if (resource.status === 'loading' && resource.data === null) {
    return (
      <p role="status" className="loading">
        {label ?? t('common.loading')}
      </p>
    );
  }
  return null;
}
