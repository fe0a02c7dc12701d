import { useState, type FormEvent } from 'react';
import { useT } from '../../i18n/index.tsx';
import { controllerPath, withQuery } from '../api.ts';
import { BarChart } from '../components/BarChart.tsx';
import { EventsTable } from '../components/EventsTable.tsx';
import { SelectField, TextField } from '../components/fields.tsx';
import { FormErrors } from '../components/FormErrors.tsx';
import { LiveStatus } from '../components/LiveStatus.tsx';
import { ResourceStatus } from '../components/Loading.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { Pager } from '../components/Pager.tsx';
import { useFormat } from '../format.ts';
import type { ProcessingEvent, Stats } from '../types.ts';
import { ACTOR_TYPES, useActionName, useActorTypeName, useFieldCatalogue } from '../useLabels.ts';
import { useResource } from '../useResource.ts';

interface Filters {
  action: string;
  actorType: string;
  from: string;
  to: string;
}

const EMPTY: Filters = { action: '', actorType: '', from: '', to: '' };

/** `from` and `to` are calendar days (yyyy-mm-dd), both included; the date input gives that form. */
const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));

/** The trail pages by sequence number: `next` is the `before` of the following page. */
interface EventPage {
  items: ProcessingEvent[];
  next: number | string | null;
}

/** /console/c/{controllerId}/audit: the processing events, filtered and paged, and statistics. */
export function AuditPage({ controllerId }: { controllerId: string }) {
  const t = useT();
  const f = useFormat();
  const actorTypeName = useActorTypeName();
  const actionName = useActionName();
  const { label } = useFieldCatalogue();
  const stats = useResource<Stats>(controllerPath(controllerId, '/stats'));
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [dateErrors, setDateErrors] = useState<Partial<Record<keyof Filters, string>>>({});
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const [cursors, setCursors] = useState<(number | string | null)[]>([null]);
  const before = cursors.at(-1) ?? null;

  const events = useResource<EventPage>(
    withQuery(controllerPath(controllerId, '/audit'), {
      action: applied.action,
      actorType: applied.actorType,
      from: applied.from,
      to: applied.to,
      before,
    }),
  );
  const items = events.data?.items ?? [];
  const actions = (stats.data?.eventsByAction ?? []).map((a) => a.action).sort();

  const set = (key: keyof Filters) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems: Partial<Record<keyof Filters, string>> = {};
    if (draft.from && !isDay(draft.from)) problems.from = t('audit.dateFormat');
    if (draft.to && !isDay(draft.to)) problems.to = t('audit.dateFormat');
    if (!problems.from && !problems.to && draft.from && draft.to && draft.from > draft.to)
      problems.to = t('audit.dateOrder');
    setDateErrors(problems);
    if (problems.from || problems.to) {
      const form = event.currentTarget;
      setTimeout(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setApplied(draft);
    setCursors([null]);
  };

  const clear = () => {
    setDraft(EMPTY);
    setDateErrors({});
    setApplied(EMPTY);
    setCursors([null]);
  };

  const pageNumber = cursors.length;
  const status =
    events.status === 'ready'
      ? items.length
        ? t('audit.resultCount', { count: f.number(items.length), page: String(pageNumber) })
        : t('audit.noEvents')
      : null;

  return (
    <>
      <PageHeading title={t('audit.title')} />
      <p className="lead">{t('audit.intro')}</p>
      <form className="form form--inline panel" noValidate onSubmit={apply} aria-labelledby="audit-filters">
        <h2 id="audit-filters" className="form__title">
          {t('audit.filters')}
        </h2>
        <FormErrors count={Object.values(dateErrors).filter(Boolean).length} />
        <SelectField
          label={t('audit.action')}
          optional
          value={draft.action}
          onChange={set('action')}
          options={[{ value: '', label: t('audit.all') }, ...actions.map((a) => ({ value: a, label: actionName(a) }))]}
        />
        <SelectField
          label={t('audit.actorType')}
          optional
          value={draft.actorType}
          onChange={set('actorType')}
          options={[
            { value: '', label: t('audit.all') },
            ...ACTOR_TYPES.map((a) => ({ value: a, label: actorTypeName(a) })),
          ]}
        />
        <TextField
          label={t('audit.from')}
          optional
          type="date"
          value={draft.from}
          onChange={set('from')}
          error={dateErrors.from}
        />
        <TextField
          label={t('audit.to')}
          optional
          type="date"
          value={draft.to}
          onChange={set('to')}
          error={dateErrors.to}
        />
        <div className="form__actions">
          <button type="submit" className="button">
            {t('audit.apply')}
          </button>
          <button type="button" className="button button--secondary" onClick={clear}>
            {t('audit.clear')}
          </button>
        </div>
      </form>
      <LiveStatus message={status} className="result-count" />
      <ResourceStatus resource={events} />
      {items.length > 0 ? (
        <EventsTable
          caption={t('audit.caption', { page: String(pageNumber) })}
          events={items}
          fieldLabel={label}
          controllerId={controllerId}
        />
      ) : null}
      {cursors.length > 1 || events.data?.next ? (
        <Pager
          previousLabel={t('audit.newer')}
          nextLabel={t('audit.older')}
          onPrevious={cursors.length > 1 ? () => setCursors((c) => c.slice(0, -1)) : null}
          onNext={events.data?.next ? () => setCursors((c) => [...c, events.data?.next ?? null]) : null}
        />
      ) : null}
      <section aria-labelledby="stats-heading" className="section">
        <h2 id="stats-heading">{t('stats.heading')}</h2>
        <ResourceStatus resource={stats} />
        {stats.data ? (
          <div className="charts">
            <BarChart
              title={t('stats.eventsByAction')}
              labelHeader={t('audit.action')}
              valueHeader={t('stats.events')}
              bars={stats.data.eventsByAction.map((e) => ({ label: actionName(e.action), value: e.count }))}
            />
            <BarChart
              title={t('stats.customersByMonth')}
              labelHeader={t('stats.month')}
              valueHeader={t('stats.customers')}
              bars={stats.data.customersByMonth.map((m) => ({ label: f.month(m.month), value: m.count }))}
            />
            <BarChart
              title={t('stats.ordersByMonth')}
              labelHeader={t('stats.month')}
              valueHeader={t('stats.orders')}
              bars={stats.data.ordersByMonth.map((m) => ({ label: f.month(m.month), value: m.count }))}
            />
          </div>
        ) : null}
      </section>
    </>
  );
}
