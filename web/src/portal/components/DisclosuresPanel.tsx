import { useId } from 'react';
import { useLang, useT, type MessageKey } from '../../i18n/index.tsx';
import { pickLocalized, useFormat } from '../../console/format.ts';
import { useFieldCatalogue } from '../../console/useLabels.ts';
import type { PortalRegister } from '../types.ts';
import { ScrollBox } from './ScrollBox.tsx';

const EVENT_KEYS: Record<string, MessageKey> = {
  rectified: 'oma.disclosures.event.rectified',
  erased: 'oma.disclosures.event.erased',
  restricted: 'oma.disclosures.event.restricted',
};

/** Who the merchant discloses the person's data to, which of it, and what they were told of changes (GDPR 19). */
export function DisclosuresPanel({ register }: { register: PortalRegister }) {
  const t = useT();
  const { lang } = useLang();
  const format = useFormat();
  const { label } = useFieldCatalogue();
  const headingId = useId();
  const caption = t('oma.disclosures.caption');
  return (
    <section aria-labelledby={headingId} className="subsection">
      <h4 id={headingId}>{t('oma.disclosures.heading')}</h4>
      {register.disclosures.length === 0 ? (
        <p>{t('oma.disclosures.none')}</p>
      ) : (
        <ScrollBox label={caption}>
          <table>
            <caption className="visually-hidden">{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t('oma.disclosures.recipient')}</th>
                <th scope="col">{t('oma.disclosures.data')}</th>
                <th scope="col">{t('oma.disclosures.told')}</th>
              </tr>
            </thead>
            <tbody>
              {register.disclosures.map((d) => (
                <tr key={d.name}>
                  <th scope="row">
                    {d.name}
                    <br />
                    <span className="muted">
                      {pickLocalized(d.category, lang)}, {d.country}
                    </span>
                  </th>
                  <td>
                    {d.fields.length ? d.fields.map((f) => label(f)).join(', ') : t('oma.disclosures.nothingOfYours')}
                  </td>
                  <td>
                    {d.notifications.length
                      ? d.notifications
                          .map((n) =>
                            t('oma.disclosures.notification', {
                              event: EVENT_KEYS[n.event] ? t(EVENT_KEYS[n.event]!) : n.event,
                              date: format.date(n.queuedAt),
                              state: n.deliveredAt ? t('oma.disclosures.delivered') : t('oma.disclosures.queued'),
                            }),
                          )
                          .join('; ')
                      : '–'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
    </section>
  );
}
