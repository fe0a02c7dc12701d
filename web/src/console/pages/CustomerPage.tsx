import { useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import { useLang, useT } from '../../i18n/index.tsx';
import { Link } from '../../router.tsx';
import { controllerPath, withQuery } from '../api.ts';
import { purposesOf, type Doc } from '../description.ts';
import { customerFields, readCustomerView } from '../customer.ts';
import { CustomerRetention } from '../components/CustomerRetention.tsx';
import { EventsTable } from '../components/EventsTable.tsx';
import { MarketingPermissions } from '../components/MarketingPermissions.tsx';
import { SelectField } from '../components/fields.tsx';
import { ResourceStatus } from '../components/Loading.tsx';
import { OrdersTable } from '../components/OrdersTable.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { RevealIdentityCode } from '../components/RevealIdentityCode.tsx';
import { pickLocalized, useFormat } from '../format.ts';
import { may } from '../permissions.ts';
import { paths } from '../routes.ts';
import { useRole } from '../session.tsx';
import type { RegisterSummary, StoredDescription } from '../types.ts';
import { useFieldCatalogue } from '../useLabels.ts';
import { useResource } from '../useResource.ts';
import { customerName } from './CustomersPage.tsx';

interface CustomerPageProps {
  controllerId: string;
  registerId: string;
  subjectId: string;
}

const purposeStorageKey = (registerId: string) => `omadata.console.purpose.${registerId}`;

function rememberedPurpose(registerId: string): string {
  const fromUrl = new URLSearchParams(window.location.search).get('purpose');
  if (fromUrl) return fromUrl;
  try {
    return window.sessionStorage.getItem(purposeStorageKey(registerId)) ?? '';
  } catch {
    return '';
  }
}

/**
 * /console/c/{controllerId}/registers/{registerId}/customers/{subjectId}. Every look is recorded
 * with its purpose, so the person first says why they look (one of the register's purposes).
 */
export function CustomerPage({ controllerId, registerId, subjectId }: CustomerPageProps) {
  const t = useT();
  const { lang } = useLang();
  const role = useRole(controllerId);
  const registerBase = controllerPath(controllerId, `/registers/${encodeURIComponent(registerId)}`);
  const registers = useResource<{ items: RegisterSummary[] }>(controllerPath(controllerId, '/registers'));
  const register = registers.data?.items.find((r) => r.id === registerId);
  const description = useResource<StoredDescription>(
    register ? `${registerBase}/descriptions/${register.currentVersion}` : null,
  );
  const purposes = description.data ? purposesOf(description.data.document as Doc).filter((p) => p.key) : [];
  const purposeLabel = (key: string) => {
    const p = purposes.find((x) => x.key === key);
    return p
      ? pickLocalized(p.name.fi ? { fi: p.name.fi, sv: p.name.sv, en: p.name.en } : null, lang) || undefined
      : undefined;
  };
  const purposesKnown = description.status !== 'loading' || registers.status === 'error';

  const [chosen, setChosen] = useState(() => rememberedPurpose(registerId));
  const [purpose, setPurpose] = useState<string | null>(() =>
    new URLSearchParams(window.location.search).get('purpose') ? chosen : null,
  );
  const heading = useRef<HTMLHeadingElement>(null);
  if (!chosen && purposes[0]) setChosen(purposes[0].key);

  const view = useResource<unknown>(
    purpose !== null ? withQuery(`${registerBase}/customers/${encodeURIComponent(subjectId)}`, { purpose }) : null,
  );

  useEffect(() => {
    if (view.status === 'ready') heading.current?.focus();
  }, [view.status]);

  const show = (event: FormEvent) => {
    event.preventDefault();
    try {
      window.sessionStorage.setItem(purposeStorageKey(registerId), chosen);
    } catch {
      // not remembered; the select simply starts from the first purpose next time
    }
    const url = new URL(window.location.href);
    url.searchParams.set('purpose', chosen);
    window.history.replaceState(window.history.state, '', url);
    if (purpose === chosen) view.reload();
    else setPurpose(chosen);
  };

  const data = view.status === 'ready' ? readCustomerView(view.data) : null;
  const name = data ? customerName(data.customer as never, t('customers.noName')) : null;

  return (
    <>
      <PageHeading title={name ?? t('customer.title')} documentTitle={t('customer.title')}>
        <p>
          <Link to={`${paths.section(controllerId, 'customers')}?register=${encodeURIComponent(registerId)}`}>
            {t('customer.back')}
          </Link>
        </p>
      </PageHeading>
      <form className="form form--inline panel" noValidate onSubmit={show}>
        {purposes.length > 0 ? (
          <SelectField
            className="field--wide"
            label={t('customer.purpose')}
            hint={t('customer.purposeHint')}
            value={chosen}
            onChange={setChosen}
            options={purposes.map((p) => ({ value: p.key, label: purposeLabel(p.key) ?? p.key }))}
          />
        ) : (
          <p className="field__hint">{purposesKnown ? t('customer.noPurposes') : t('common.loading')}</p>
        )}
        <div className="form__actions">
          <button type="submit" className="button">
            {purpose === null ? t('customer.show') : t('customer.showAgain')}
          </button>
        </div>
      </form>
      {purpose !== null ? <ResourceStatus resource={view} /> : null}
      {data ? (
        <CustomerDetails
          data={data}
          headingRef={heading}
          canReveal={may(role, 'customer.reveal_identity_code')}
          customerPath={`${registerBase}/customers/${encodeURIComponent(subjectId)}`}
          purpose={purpose ?? ''}
          canRecord={may(role, 'consent.record')}
          canHold={may(role, 'retention.hold')}
          canErase={may(role, 'customer.erase')}
          purposeLabel={purposeLabel}
        />
      ) : null}
    </>
  );
}

interface CustomerDetailsProps {
  data: ReturnType<typeof readCustomerView>;
  headingRef: RefObject<HTMLHeadingElement | null>;
  canReveal: boolean;
  /** …/customers/{subjectId} in the API */
  customerPath: string;
  /** Why the customer is looked at, as asked above; the marketing permissions are fetched with it too. */
  purpose: string;
  canRecord: boolean;
  canHold: boolean;
  canErase: boolean;
  purposeLabel: (key: string) => string | undefined;
}

function CustomerDetails({
  data,
  headingRef,
  canReveal,
  customerPath,
  purpose,
  canRecord,
  canHold,
  canErase,
  purposeLabel,
}: CustomerDetailsProps) {
  const t = useT();
  const f = useFormat();
  const { label } = useFieldCatalogue();
  const fields = customerFields(data.customer);
  const sourceName = (source: unknown) =>
    source === 'order'
      ? t('customer.source.order')
      : source === 'import'
        ? t('customer.source.import')
        : typeof source === 'string'
          ? source
          : '';
  const meta: [string, string][] = [
    [t('customer.kind'), data.customer.kind === 'organisation' ? t('customers.organisation') : t('customer.person')],
    [t('customer.source'), sourceName(data.customer.source)],
    [t('customer.created'), f.dateTime(typeof data.customer.createdAt === 'string' ? data.customer.createdAt : null)],
    [
      t('customer.lastActivity'),
      f.dateTime(typeof data.customer.lastActivityAt === 'string' ? data.customer.lastActivityAt : null),
    ],
  ];

  return (
    <>
      <section aria-labelledby="customer-data" className="section">
        <h2 id="customer-data" ref={headingRef} tabIndex={-1}>
          {t('customer.data')}
        </h2>
        <div className="table-wrap">
          <table className="key-value">
            <caption className="visually-hidden">{t('customer.data')}</caption>
            <tbody>
              {fields.map((field) => (
                <tr key={field.key}>
                  <th scope="row">{label(field.key)}</th>
                  <td>
                    {field.key === 'personalIdentityCode' ? (
                      <RevealIdentityCode
                        masked={field.value}
                        canReveal={canReveal}
                        path={`${customerPath}/reveal-identity-code`}
                      />
                    ) : (
                      field.value
                    )}
                  </td>
                </tr>
              ))}
              {meta.map(([k, v]) => (
                <tr key={k}>
                  <th scope="row">{k}</th>
                  <td>{v}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="customer-orders" className="section">
        <h2 id="customer-orders">{t('customer.orders')}</h2>
        {data.orders.length ? (
          <OrdersTable caption={t('customer.ordersCaption')} orders={data.orders} />
        ) : (
          <p>{t('customer.noOrders')}</p>
        )}
      </section>
      <MarketingPermissions customerPath={customerPath} purpose={purpose} canRecord={canRecord} />
      <CustomerRetention
        customerPath={customerPath}
        purpose={purpose}
        orderIds={data.orders.map((o) => o.orderId).filter(Boolean)}
        canHold={canHold}
        canErase={canErase}
      />
      <section aria-labelledby="customer-events" className="section">
        <h2 id="customer-events">{t('customer.events')}</h2>
        {data.events.length ? (
          <EventsTable
            caption={t('customer.eventsCaption')}
            events={data.events}
            fieldLabel={label}
            registerPurpose={purposeLabel}
          />
        ) : (
          <p>{t('customer.noEvents')}</p>
        )}
      </section>
    </>
  );
}
