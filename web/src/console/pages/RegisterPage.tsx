import { useState } from 'react';
import { useLang, useT } from '../../i18n/index.tsx';
import { Link } from '../../router.tsx';
import { controllerPath } from '../api.ts';
import { DescriptionEditor } from '../components/DescriptionEditor.tsx';
import { MarketingListForm } from '../components/MarketingListForm.tsx';
import { NoticeLinks } from '../components/NoticeLinks.tsx';
import { ResourceStatus } from '../components/Loading.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { NoticeChanges } from '../components/RecordsOfProcessing.tsx';
import { RegisterStatistics } from '../components/RegisterStatistics.tsx';
import { VersionDiff } from '../components/VersionDiff.tsx';
import type { Doc } from '../description.ts';
import { pickLocalized, useFormat } from '../format.ts';
import { may } from '../permissions.ts';
import { paths } from '../routes.ts';
import { useRole } from '../session.tsx';
import type { DescriptionVersion, Localized, StoredDescription } from '../types.ts';
import { useResource } from '../useResource.ts';

interface RegisterPageProps {
  controllerId: string;
  registerId: string;
}

/** /console/c/{controllerId}/registers/{registerId}: the description, its versions and their differences. */
export function RegisterPage({ controllerId, registerId }: RegisterPageProps) {
  const t = useT();
  const f = useFormat();
  const { lang } = useLang();
  const role = useRole(controllerId);
  const base = controllerPath(controllerId, `/registers/${encodeURIComponent(registerId)}/descriptions`);
  const versions = useResource<{ items: DescriptionVersion[] }>(base);
  const items = [...(versions.data?.items ?? [])].sort((a, b) => b.version - a.version);
  const latest = items[0]?.version ?? null;
  // The editor starts from the version current when the page opened; saving adds versions below
  // without reloading the editor.
  const [startVersion, setStartVersion] = useState<number | null>(null);
  if (startVersion === null && latest !== null) setStartVersion(latest);
  const first = useResource<StoredDescription>(startVersion !== null ? `${base}/${startVersion}` : null);
  const doc = first.data?.document as { name?: Localized } | undefined;
  const name = pickLocalized(doc?.name, lang) || t('register.untitled');
  // The marketing list offers the purposes of the description in force, which is newer than the
  // editor's starting point once a version has been saved here.
  const newer = useResource<StoredDescription>(
    latest !== null && startVersion !== null && latest !== startVersion ? `${base}/${latest}` : null,
  );
  const currentDoc = (newer.data ?? first.data)?.document as Doc | undefined;

  return (
    <>
      <PageHeading title={first.data ? name : t('register.title')}>
        <p>
          <Link to={paths.section(controllerId, 'registers')}>{t('register.back')}</Link>
          {' · '}
          <Link to={`${paths.section(controllerId, 'customers')}?register=${encodeURIComponent(registerId)}`}>
            {t('register.toCustomers')}
          </Link>
          {may(role, 'retention.read') ? (
            <>
              {' · '}
              <Link to={paths.retention(controllerId, registerId)}>{t('register.toRetention')}</Link>
            </>
          ) : null}
        </p>
      </PageHeading>
      <ResourceStatus resource={versions} />
      {versions.data && latest === null ? <p>{t('register.noVersions')}</p> : null}
      {latest !== null ? <ResourceStatus resource={first} /> : null}
      {first.data ? (
        <DescriptionEditor
          key={registerId}
          controllerId={controllerId}
          registerId={registerId}
          initial={first.data.document}
          canWrite={may(role, 'register.write')}
          onSaved={versions.reload}
        />
      ) : null}
      {items.length > 0 ? (
        <section aria-labelledby="versions-heading" className="section">
          <h2 id="versions-heading">{t('register.versions')}</h2>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t('register.versionsCaption', { name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('register.version')}</th>
                  <th scope="col">{t('register.published')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((v) => (
                  <tr key={v.version}>
                    <th scope="row">
                      {t('register.versionN', { version: String(v.version) })}
                      {v.version === latest ? ` (${t('register.current')})` : ''}
                    </th>
                    <td>{f.dateTime(v.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      {items.length > 1 ? (
        <VersionDiff
          key={latest}
          controllerId={controllerId}
          registerId={registerId}
          versions={items.map((v) => v.version)}
        />
      ) : null}
      {latest !== null ? <NoticeLinks registerId={registerId} /> : null}
      {currentDoc && may(role, 'marketing.export') ? (
        <MarketingListForm controllerId={controllerId} registerId={registerId} doc={currentDoc} />
      ) : null}
      {may(role, 'statistics.read') ? <RegisterStatistics controllerId={controllerId} registerId={registerId} /> : null}
      {items.length > 1 ? <NoticeChanges key={latest} controllerId={controllerId} registerId={registerId} /> : null}
    </>
  );
}
