import { LANGUAGE_NAMES, LANGUAGES, useT } from '../../i18n/index.tsx';
import { controllerPath, withQuery } from '../api.ts';
import { useFormat } from '../format.ts';
import { useResource } from '../useResource.ts';
import { ResourceStatus } from './Loading.tsx';

const FORMATS = ['html', 'pdf', 'csv'] as const;

/** A table of plain links, a row per language and a column per format: the browser opens or downloads each. */
function RecordLinks({ path, caption }: { path: string; caption: string }) {
  const t = useT();
  return (
    <div className="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('records.language')}</th>
            {FORMATS.map((format) => (
              <th scope="col" key={format}>
                {format.toUpperCase()}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {LANGUAGES.map((lang) => (
            <tr key={lang}>
              <th scope="row" lang={lang}>
                {LANGUAGE_NAMES[lang]}
              </th>
              {FORMATS.map((format) => (
                <td key={format}>
                  <a
                    href={withQuery(path, { format, lang })}
                    hrefLang={lang}
                    aria-label={t('records.link', { format: format.toUpperCase(), language: LANGUAGE_NAMES[lang] })}
                    {...(format === 'html' ? {} : { download: true })}
                  >
                    {format.toUpperCase()}
                  </a>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The controller's records of processing (GDPR 30(1)) in every language and format. */
export function RecordsOfProcessing({ controllerId }: { controllerId: string }) {
  const t = useT();
  return (
    <section aria-labelledby="records-heading" className="section">
      <h2 id="records-heading">{t('records.heading')}</h2>
      <p>{t('records.intro')}</p>
      <RecordLinks path={controllerPath(controllerId, '/records-of-processing')} caption={t('records.caption')} />
    </section>
  );
}

/** The platform operator's record as processor (GDPR 30(2)), for operators. */
export function ProcessorRecord() {
  const t = useT();
  return (
    <section aria-labelledby="processor-record-heading" className="section">
      <h2 id="processor-record-heading">{t('records.processorHeading')}</h2>
      <p>{t('records.processorIntro')}</p>
      <RecordLinks path="/api/v1/records-of-processing/processor" caption={t('records.processorCaption')} />
    </section>
  );
}

interface NoticeChangeCount {
  version: number;
  queued: number;
  delivered: number;
}

/** How many customers each published version queued a notice for. */
export function NoticeChanges({ controllerId, registerId }: { controllerId: string; registerId: string }) {
  const t = useT();
  const f = useFormat();
  const counts = useResource<{ items: NoticeChangeCount[] }>(
    controllerPath(controllerId, `/registers/${encodeURIComponent(registerId)}/notice-changes`),
  );
  const items = counts.data?.items ?? [];
  return (
    <section aria-labelledby="notice-changes-heading" className="section">
      <h2 id="notice-changes-heading">{t('noticeChanges.heading')}</h2>
      <p>{t('noticeChanges.intro')}</p>
      <ResourceStatus resource={counts} />
      {counts.data && items.length === 0 ? <p>{t('noticeChanges.none')}</p> : null}
      {items.length > 0 ? (
        <div className="table-wrap">
          <table>
            <caption>{t('noticeChanges.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('noticeChanges.version')}</th>
                <th scope="col" className="num">
                  {t('noticeChanges.queued')}
                </th>
                <th scope="col" className="num">
                  {t('noticeChanges.delivered')}
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.version}>
                  <th scope="row">{f.number(c.version)}</th>
                  <td className="num">{f.number(c.queued)}</td>
                  <td className="num">{f.number(c.delivered)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
