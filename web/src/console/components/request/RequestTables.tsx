import { useId } from 'react';
import { useT } from '../../../i18n/index.tsx';
import { useFormat } from '../../format.ts';
import { useActorTypeName } from '../../useLabels.ts';
import { useRequestLabels } from './labels.ts';
import type { RequestDocument, RequestHistoryEntry } from './types.ts';

/** The documents kept with the request, each a download link. */
export function DocumentsTable({ documents, path }: { documents: RequestDocument[]; path: string }) {
  const t = useT();
  const f = useFormat();
  const labels = useRequestLabels();
  const id = useId();
  return (
    <section aria-labelledby={`${id}-heading`} className="section">
      <h2 id={`${id}-heading`}>{t('request.documents.heading')}</h2>
      {documents.length === 0 ? (
        <p>{t('request.documents.none')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption>{t('request.documents.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('request.documents.kind')}</th>
                <th scope="col">{t('request.documents.file')}</th>
                <th scope="col">{t('request.documents.language')}</th>
                <th scope="col">{t('request.documents.created')}</th>
                <th scope="col">{t('request.documents.sent')}</th>
              </tr>
            </thead>
            <tbody>
              {documents.map((d) => (
                <tr key={d.id}>
                  <th scope="row">{labels.document(d.kind, d.letterKind)}</th>
                  <td>
                    <a href={`${path}/documents/${encodeURIComponent(d.id)}`} download={d.fileName}>
                      {d.fileName}
                    </a>{' '}
                    <span className="muted">
                      ({t('request.documents.size', { size: f.number(Math.max(1, Math.round(d.bytes / 1024))) })})
                    </span>
                  </td>
                  <td>{d.language ? labels.language(d.language) : ''}</td>
                  <td>{f.dateTime(d.createdAt)}</td>
                  <td>{d.sentAt ? f.dateTime(d.sentAt) : d.kind === 'letter' ? t('request.documents.notSent') : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Every step of the request: who, when, from which state to which, and the note. */
export function HistoryTable({ history }: { history: RequestHistoryEntry[] }) {
  const t = useT();
  const f = useFormat();
  const labels = useRequestLabels();
  const actor = useActorTypeName();
  const id = useId();
  return (
    <section aria-labelledby={`${id}-heading`} className="section">
      <h2 id={`${id}-heading`}>{t('request.history.heading')}</h2>
      <div className="table-wrap">
        <table>
          <caption>{t('request.history.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('request.history.at')}</th>
              <th scope="col">{t('request.history.who')}</th>
              <th scope="col">{t('request.history.change')}</th>
              <th scope="col">{t('request.history.note')}</th>
            </tr>
          </thead>
          <tbody>
            {history.map((h, i) => (
              <tr key={`${h.at}-${i}`}>
                <th scope="row">{f.dateTime(h.at)}</th>
                <td>{h.actorEmail ?? actor(h.actorType)}</td>
                <td>
                  {h.from === null ? (
                    <>
                      {t('request.history.first')}: {labels.status(h.to)}
                    </>
                  ) : h.from === h.to ? (
                    labels.status(h.to)
                  ) : (
                    <>
                      {labels.status(h.from)}
                      <span aria-hidden="true"> → </span>
                      <span className="visually-hidden">, {t('request.history.newState')} </span>
                      {labels.status(h.to)}
                    </>
                  )}
                </td>
                <td className="request-history__note">{h.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
