import { useId, useMemo, useState } from 'react';
import { useLang, useT, type MessageKey } from '../../i18n/index.tsx';
import { pickLocalized } from '../../console/format.ts';
import { OrdersTable } from '../../console/components/OrdersTable.tsx';
import { EventsTable } from '../../console/components/EventsTable.tsx';
import { useFieldCatalogue } from '../../console/useLabels.ts';
import type { OrderView } from '../../console/customer.ts';
import type { ProcessingEvent } from '../../console/types.ts';
import { valueText } from '../overview.ts';
import type { PortalRegister } from '../types.ts';
import type { RegisterActions } from './MerchantSection.tsx';
import { PermissionsPanel } from './PermissionsPanel.tsx';
import { RestrictionPanel } from './RestrictionPanel.tsx';
import { ErasurePanel } from './ErasurePanel.tsx';
import { ScrollBox } from './ScrollBox.tsx';
import { CorrectionPanel } from './CorrectionPanel.tsx';
import { DisclosuresPanel } from './DisclosuresPanel.tsx';
import { RequestsPanel } from './RequestsPanel.tsx';

const LEGAL_BASIS_KEYS: Record<string, MessageKey> = {
  contract: 'legalBasis.contract',
  consent: 'legalBasis.consent',
  legitimate_interest: 'legalBasis.legitimate_interest',
  legal_obligation: 'legalBasis.legal_obligation',
  vital_interest: 'legalBasis.vital_interest',
  public_task: 'legalBasis.public_task',
};

interface RegisterSectionProps extends RegisterActions {
  register: PortalRegister;
  merchantName: string;
}

/** One register: its purposes and notice, the person's data, orders, permissions, rights and history. */
export function RegisterSection({ register, merchantName, ...actions }: RegisterSectionProps) {
  const t = useT();
  const { lang } = useLang();
  const { label, inCatalogueOrder } = useFieldCatalogue();
  const headingId = useId();
  // Once erased, only the report stays: the rest of the section would show data that is gone.
  const [erased, setErased] = useState(false);
  const name = pickLocalized(register.name, lang);

  const fields = useMemo(() => {
    const entries = Object.entries(register.subject.fields)
      .map(([key, value]) => ({ key, text: valueText(value) }))
      .filter((f) => f.text);
    const order = inCatalogueOrder(entries.map((e) => e.key));
    return order.map((key) => entries.find((e) => e.key === key)!);
  }, [register.subject.fields, inCatalogueOrder]);

  const orders: OrderView[] = register.orders.map((o, i) => ({
    key: `${o.orderId}-${i}`,
    orderId: o.orderId,
    placedAt: o.placedAt,
    items: o.items.map((item) => ({ name: item.name, quantity: item.quantity })),
    amount: o.total ? String(o.total.amount) : null,
    currency: o.total?.currency ?? null,
    paymentMethod: o.paymentMethod,
  }));

  const events: ProcessingEvent[] = register.events.map((e, i) => ({
    seq: i,
    at: e.at,
    actorType: e.actorType,
    actorId: null,
    action: e.action,
    purpose: e.purpose,
    fields: e.fields ?? [],
  }));
  const registerPurpose = (key: string) => {
    const p = register.purposes.find((x) => x.key === key);
    return p ? pickLocalized(p.name, lang) || undefined : undefined;
  };

  return (
    <section aria-labelledby={headingId} className="panel register">
      <h3 id={headingId}>{name}</h3>

      <h4>{t('oma.register.purposes')}</h4>
      <ul className="purpose-list">
        {register.purposes.map((p) => (
          <li key={p.key}>
            <strong>{pickLocalized(p.name, lang) || p.key}</strong>
            <br />
            <span>
              {t('oma.register.legalBasis', {
                basis: LEGAL_BASIS_KEYS[p.legalBasis] ? t(LEGAL_BASIS_KEYS[p.legalBasis]!) : p.legalBasis,
              })}
            </span>
          </li>
        ))}
      </ul>
      {register.noticeUrl ? (
        <p>
          <a href={register.noticeUrl}>{t('oma.register.notice', { name })}</a>
        </p>
      ) : null}

      {erased ? null : (
        <>
          <h4>{t('oma.register.yourData')}</h4>
          {fields.length ? (
            <div className="table-wrap" role="region" aria-label={t('oma.register.dataCaption')} tabIndex={0}>
              <table className="key-value">
                <caption className="visually-hidden">{t('oma.register.dataCaption')}</caption>
                <thead className="visually-hidden">
                  <tr>
                    <th scope="col">{t('oma.register.field')}</th>
                    <th scope="col">{t('oma.register.value')}</th>
                  </tr>
                </thead>
                <tbody>
                  {fields.map((f) => (
                    <tr key={f.key}>
                      <th scope="row">{label(f.key)}</th>
                      <td>{f.text}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p>{t('oma.register.noData')}</p>
          )}
          <CorrectionPanel register={register} {...actions} />

          <h4>{t('oma.register.orders')}</h4>
          {orders.length ? (
            <ScrollBox label={t('oma.register.ordersCaption')}>
              <OrdersTable caption={t('oma.register.ordersCaption')} orders={orders} />
            </ScrollBox>
          ) : (
            <p>{t('oma.register.noOrders')}</p>
          )}

          <DisclosuresPanel register={register} />
          <PermissionsPanel register={register} {...actions} />
          <RestrictionPanel register={register} {...actions} />
          <RequestsPanel register={register} {...actions} />
        </>
      )}
      <ErasurePanel register={register} merchantName={merchantName} {...actions} onErased={() => setErased(true)} />

      {erased ? null : (
        <>
          <h4>{t('oma.register.history')}</h4>
          {events.length ? (
            <ScrollBox label={t('oma.register.historyCaption')}>
              <EventsTable
                caption={t('oma.register.historyCaption')}
                events={events}
                fieldLabel={label}
                registerPurpose={registerPurpose}
              />
            </ScrollBox>
          ) : (
            <p>{t('oma.register.noHistory')}</p>
          )}
        </>
      )}
    </section>
  );
}
