import { useState, type FormEvent } from 'react';
import { useT } from '../../i18n/index.tsx';
import { Link } from '../../router.tsx';
import { controllerPath, withQuery } from '../api.ts';
import { SelectField, TextField } from '../components/fields.tsx';
import { LiveStatus } from '../components/LiveStatus.tsx';
import { Pager } from '../components/Pager.tsx';
import { ResourceStatus } from '../components/Loading.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { useFormat } from '../format.ts';
import { paths } from '../routes.ts';
import type { CustomerSummary, Page, RegisterSummary } from '../types.ts';
import { useResource } from '../useResource.ts';

const PAGE_SIZE = 25;

interface Search {
  registerId: string;
  q: string;
  /** The cursor of the page shown (null: the first), and those of the pages before it. */
  after: string | null;
  before: (string | null)[];
}

export function customerName(c: Pick<CustomerSummary, 'firstName' | 'lastName' | 'email'>, fallback: string): string {
  return [c.firstName, c.lastName].filter(Boolean).join(' ') || c.email || fallback;
}

/** /console/c/{controllerId}/customers: find a customer in a register. */
export function CustomersPage({ controllerId }: { controllerId: string }) {
  const t = useT();
  const f = useFormat();
  const registers = useResource<{ items: RegisterSummary[] }>(controllerPath(controllerId, '/registers'));
  const registerItems = registers.data?.items ?? [];
  const [registerId, setRegisterId] = useState(() => new URLSearchParams(window.location.search).get('register') ?? '');
  const [q, setQ] = useState('');
  const [search, setSearch] = useState<Search | null>(null);

  // Until the person searches, show the first page of the chosen (or first) register.
  const fallbackRegister = registerItems.find((r) => r.id === registerId)?.id ?? registerItems[0]?.id;
  if (!search && fallbackRegister) {
    setRegisterId(fallbackRegister);
    setSearch({ registerId: fallbackRegister, q: '', after: null, before: [] });
  }

  const resultsPath = search
    ? withQuery(controllerPath(controllerId, `/registers/${encodeURIComponent(search.registerId)}/customers`), {
        q: search.q.trim(),
        after: search.after,
        limit: PAGE_SIZE,
      })
    : null;
  const results = useResource<Page<CustomerSummary>>(resultsPath);
  const items = results.data?.items ?? [];
  const pageNumber = (search?.before.length ?? 0) + 1;
  const registerName = registerItems.find((r) => r.id === search?.registerId)?.name ?? '';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (registerId) setSearch({ registerId, q, after: null, before: [] });
  };

  const next = () => {
    const cursor = results.data?.next;
    if (search && cursor) setSearch({ ...search, after: cursor, before: [...search.before, search.after] });
  };
  const previous = () => {
    if (!search || search.before.length === 0) return;
    setSearch({ ...search, after: search.before.at(-1) ?? null, before: search.before.slice(0, -1) });
  };

  let status: string | null = null;
  if (results.status === 'ready') {
    status =
      items.length === 0
        ? t('customers.noResults')
        : t('customers.resultCount', { count: f.number(items.length), page: String(pageNumber) });
  }

  return (
    <>
      <PageHeading title={t('customers.title')} />
      <ResourceStatus resource={registers} />
      {registers.data && registerItems.length === 0 ? <p>{t('customers.noRegisters')}</p> : null}
      {registerItems.length > 0 ? (
        <form
          className="form form--inline panel"
          role="search"
          noValidate
          onSubmit={submit}
          aria-label={t('customers.searchLabel')}
        >
          <SelectField
            label={t('customers.register')}
            value={registerId}
            onChange={setRegisterId}
            options={registerItems.map((r) => ({ value: r.id, label: r.name }))}
          />
          <TextField
            label={t('customers.query')}
            hint={t('customers.queryHint')}
            type="search"
            optional
            autoComplete="off"
            value={q}
            onChange={setQ}
          />
          <div className="form__actions">
            <button type="submit" className="button">
              {t('customers.search')}
            </button>
          </div>
        </form>
      ) : null}
      <LiveStatus message={status} className="result-count" />
      {search ? <ResourceStatus resource={results} label={t('customers.searching')} /> : null}
      {items.length > 0 ? (
        <div className="table-wrap">
          <table>
            <caption>
              {search?.q.trim()
                ? t('customers.captionSearch', { register: registerName, q: search.q.trim(), page: String(pageNumber) })
                : t('customers.caption', { register: registerName, page: String(pageNumber) })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('customers.name')}</th>
                <th scope="col">{t('customers.email')}</th>
                <th scope="col">{t('customers.phone')}</th>
                <th scope="col">{t('customers.city')}</th>
                <th scope="col">{t('customers.lastActivity')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <Link to={paths.customer(controllerId, search?.registerId ?? '', c.id)}>
                      {customerName(c, t('customers.noName'))}
                    </Link>
                    {c.kind === 'organisation' ? <span className="muted"> ({t('customers.organisation')})</span> : null}
                  </th>
                  <td>{c.email ?? ''}</td>
                  <td>{c.phone ?? ''}</td>
                  <td>{c.city ?? ''}</td>
                  <td>{f.dateTime(c.lastActivityAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {search && (search.before.length > 0 || results.data?.next) ? (
        <Pager onPrevious={search.before.length > 0 ? previous : null} onNext={results.data?.next ? next : null} />
      ) : null}
    </>
  );
}
