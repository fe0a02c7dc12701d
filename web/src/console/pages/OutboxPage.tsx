import { useT } from '../../i18n/index.tsx';
import { Linkified } from '../components/Linkified.tsx';
import { ResourceStatus } from '../components/Loading.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { useFormat } from '../format.ts';
import type { OutboxMessage } from '../types.ts';
import { useResource } from '../useResource.ts';

/** /console/outbox: the development mailbox (operators), newest first, links clickable. */
export function OutboxPage() {
  const t = useT();
  const f = useFormat();
  const outbox = useResource<{ items: OutboxMessage[] }>('/api/v1/outbox?limit=100');
  const items = outbox.data?.items ?? [];

  return (
    <>
      <PageHeading title={t('outbox.title')}>
        <button type="button" className="button button--secondary" onClick={outbox.reload}>
          {t('common.refresh')}
        </button>
      </PageHeading>
      <p className="lead">{t('outbox.intro')}</p>
      <ResourceStatus resource={outbox} />
      {outbox.data && items.length === 0 ? <p>{t('outbox.empty')}</p> : null}
      <ol className="mail-list">
        {items.map((m) => (
          <li key={m.id}>
            <article className="mail" aria-labelledby={`mail-${m.id}`}>
              <h2 id={`mail-${m.id}`} className="mail__subject">
                {m.subject}
              </h2>
              <dl className="mail__meta">
                <div>
                  <dt>{t('outbox.to')}</dt>
                  <dd>{m.to}</dd>
                </div>
                <div>
                  <dt>{t('outbox.created')}</dt>
                  <dd>{f.dateTime(m.createdAt)}</dd>
                </div>
                <div>
                  <dt>{t('outbox.sent')}</dt>
                  <dd>{m.sentAt ? f.dateTime(m.sentAt) : t('outbox.notSent')}</dd>
                </div>
              </dl>
              <Linkified text={m.text} />
            </article>
          </li>
        ))}
      </ol>
    </>
  );
}
