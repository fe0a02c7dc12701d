import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useT } from '../../i18n/index.tsx';
import { api, ApiError, withQuery } from '../api.ts';
import { useFormat } from '../format.ts';
import { fieldErrors } from '../problems.ts';
import {
  RESTRICTION_REASON_MIN,
  todayInFinland,
  useRetentionLabels,
  type CustomerRetention as RetentionView,
  type ErasureReport,
  type Hold,
} from '../retention.ts';
import { useResource } from '../useResource.ts';
import { ErasureReportView } from './ErasureReportView.tsx';
import { SubmitButton, TextField } from './fields.tsx';
import { FormErrors } from './FormErrors.tsx';
import { HoldForm } from './HoldForm.tsx';
import { LiveStatus } from './LiveStatus.tsx';
import { ResourceStatus } from './Loading.tsx';
import { ProblemAlert } from './ProblemAlert.tsx';

interface CustomerRetentionProps {
  /** …/customers/{subjectId} in the API */
  customerPath: string;
  /** Why the customer is looked at: the holds are a look of their own, recorded with it. */
  purpose: string;
  orderIds: string[];
  canHold: boolean;
  canErase: boolean;
}

const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError(0, { detail: String(e) }));

/**
 * The customer's holds (with release buttons and a form for a new one), the restriction of
 * processing, and erasure with a confirmation step that ends in the report of what went and what
 * stayed. An erased customer shows the report of that erasure instead.
 */
export function CustomerRetention({ customerPath, purpose, orderIds, canHold, canErase }: CustomerRetentionProps) {
  const t = useT();
  const f = useFormat();
  const view = useResource<RetentionView>(withQuery(`${customerPath}/holds`, { purpose }));
  const data = view.data;
  const [message, setMessage] = useState<string | null>(null);
  const holdsHeading = useRef<HTMLHeadingElement>(null);
  const erased = !!data?.erasedAt;

  return (
    <section aria-labelledby="customer-retention" className="section">
      <h2 id="customer-retention">{t('retention.heading')}</h2>
      <p>{t('retention.intro')}</p>
      <ResourceStatus resource={view} />
      <LiveStatus message={message} />
      {data ? (
        <>
          {erased ? (
            <p className="alert alert--info">{t('retention.erasedAt', { date: f.dateTime(data.erasedAt) })}</p>
          ) : null}
          <h3 id="customer-holds" ref={holdsHeading} tabIndex={-1}>
            {t('hold.heading')}
          </h3>
          {data.items.length ? (
            <HoldsTable
              holds={data.items}
              path={`${customerPath}/holds`}
              canRelease={canHold}
              onReleased={() => {
                setMessage(t('hold.released'));
                view.reload();
                holdsHeading.current?.focus();
              }}
            />
          ) : (
            <p>{t('hold.none')}</p>
          )}
          {!erased && canHold ? (
            <HoldForm
              path={`${customerPath}/holds`}
              orderIds={orderIds}
              onAdded={() => {
                setMessage(t('hold.added'));
                view.reload();
              }}
            />
          ) : null}
          {!erased && !canHold ? <p>{t('hold.readOnly')}</p> : null}
          {!erased ? (
            <Restriction
              path={`${customerPath}/restriction`}
              restrictedAt={data.restrictedAt}
              canChange={canHold}
              onChanged={(restricted) => {
                setMessage(restricted ? t('restriction.restricted') : t('restriction.lifted'));
                view.reload();
              }}
            />
          ) : null}
          <Erasure
            path={`${customerPath}/erasure`}
            report={data.erasure}
            canErase={canErase}
            onErased={() => {
              setMessage(null);
              view.reload();
            }}
          />
        </>
      ) : null}
    </section>
  );
}

function HoldsTable({
  holds,
  path,
  canRelease,
  onReleased,
}: {
  holds: Hold[];
  path: string;
  canRelease: boolean;
  onReleased: () => void;
}) {
  const t = useT();
  const f = useFormat();
  const labels = useRetentionLabels();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const today = todayInFinland();

  const release = async (hold: Hold) => {
    if (busy) return;
    setBusy(hold.id);
    setError(null);
    try {
      await api.delete(`${path}/${encodeURIComponent(hold.id)}`);
      onReleased();
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <ProblemAlert error={error} />
      <div className="table-wrap">
        <table>
          <caption>{t('hold.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('hold.kind')}</th>
              <th scope="col">{t('hold.reason')}</th>
              <th scope="col">{t('hold.until')}</th>
              <th scope="col">{t('hold.order')}</th>
              <th scope="col">{t('hold.setBy')}</th>
              <th scope="col">{t('hold.state')}</th>
              {canRelease ? <th scope="col">{t('common.actions')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {holds.map((h) => {
              const inForce = !h.releasedAt && h.until >= today;
              return (
                <tr key={h.id}>
                  <th scope="row">{labels.kind(h.kind)}</th>
                  <td>{h.reason}</td>
                  <td>{f.day(h.until)}</td>
                  <td>{h.orderId ?? t('hold.wholeCustomer')}</td>
                  <td className="consent-history__who">
                    {labels.setBy(h.setBy)}
                    <span className="muted"> · {f.dateTime(h.createdAt)}</span>
                  </td>
                  <td>
                    {h.releasedAt
                      ? t('hold.releasedAt', { date: f.dateTime(h.releasedAt) })
                      : inForce
                        ? t('hold.inForce')
                        : t('hold.ended')}
                  </td>
                  {canRelease ? (
                    <td>
                      {inForce ? (
                        <button
                          type="button"
                          className="button button--secondary button--small"
                          aria-disabled={busy === h.id || undefined}
                          onClick={() => void release(h)}
                        >
                          {t('hold.release')}
                          <span className="visually-hidden">
                            {' '}
                            {t('hold.releaseWhich', { kind: labels.kind(h.kind), until: f.day(h.until) })}
                          </span>
                        </button>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** The state in words, and one button that changes it; the reason goes into the audit trail. */
function Restriction({
  path,
  restrictedAt,
  canChange,
  onChanged,
}: {
  path: string;
  restrictedAt: string | null;
  canChange: boolean;
  onChanged: (restricted: boolean) => void;
}) {
  const t = useT();
  const f = useFormat();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const restricted = restrictedAt !== null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const why = reason.trim();
    if (why && why.length < RESTRICTION_REASON_MIN) {
      setReasonError(t('restriction.reasonTooShort', { min: String(RESTRICTION_REASON_MIN) }));
      input.current?.focus();
      return;
    }
    setReasonError(undefined);
    setError(null);
    setBusy(true);
    try {
      await api.put(path, { restricted: !restricted, ...(why ? { reason: why } : {}) });
      setReason('');
      onChanged(!restricted);
    } catch (e) {
      const apiError = asApiError(e);
      setError(apiError);
      setReasonError(fieldErrors(t, apiError).reason);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="customer-restriction" className="subsection">
      <h3 id="customer-restriction">{t('restriction.heading')}</h3>
      <p>
        <strong>
          {restricted ? t('restriction.stateOn', { date: f.dateTime(restrictedAt) }) : t('restriction.stateOff')}
        </strong>
      </p>
      {canChange ? (
        <form className="form form--inline" noValidate onSubmit={(e) => void submit(e)}>
          <ProblemAlert error={error} shownFields={['reason']} />
          {error ? null : <FormErrors count={reasonError ? 1 : 0} />}
          <TextField
            className="field--wide"
            label={restricted ? t('restriction.liftReason') : t('restriction.reason')}
            hint={t('restriction.reasonHint')}
            optional
            value={reason}
            onChange={setReason}
            error={reasonError}
            inputRef={input}
            maxLength={500}
            autoComplete="off"
          />
          <div className="form__actions">
            <SubmitButton busy={busy} className={restricted ? 'button button--secondary' : 'button'}>
              {restricted ? t('restriction.lift') : t('restriction.restrict')}
            </SubmitButton>
          </div>
        </form>
      ) : null}
    </section>
  );
}

/** "Erase this customer", a question that must be answered yes, and then the report. */
function Erasure({
  path,
  report,
  canErase,
  onErased,
}: {
  path: string;
  report: ErasureReport | null;
  canErase: boolean;
  onErased: () => void;
}) {
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<ErasureReport | null>(null);
  const eraseButton = useRef<HTMLButtonElement>(null);
  const question = useRef<HTMLParagraphElement>(null);
  const reportHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (confirming) question.current?.focus();
  }, [confirming]);
  useEffect(() => {
    if (done) reportHeading.current?.focus();
  }, [done]);

  const erase = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await api.post<ErasureReport>(path);
      setConfirming(false);
      setDone(answer);
      onErased();
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  };

  const shown = done ?? report;
  return (
    <section aria-labelledby="customer-erasure" className="subsection">
      <h3 id="customer-erasure">{t('erasure.heading')}</h3>
      {shown ? (
        <>
          {done ? <p className="alert alert--ok">{t('erasure.done')}</p> : null}
          <ErasureReportView report={shown} headingRef={reportHeading} />
          {done ? <p>{t('erasure.reloadHint')}</p> : null}
        </>
      ) : (
        <>
          <p>{t('erasure.intro')}</p>
          {!canErase ? (
            <p>{t('erasure.readOnly')}</p>
          ) : confirming ? (
            <div className="confirm panel panel--important" role="group" aria-label={t('erasure.confirmLabel')}>
              <p ref={question} tabIndex={-1}>
                {t('erasure.confirm')}
              </p>
              <ProblemAlert error={error} />
              <button
                type="button"
                className="button button--danger"
                aria-disabled={busy || undefined}
                onClick={() => void erase()}
              >
                {busy ? t('form.working') : t('erasure.confirmYes')}
              </button>{' '}
              <button
                type="button"
                className="button button--secondary"
                onClick={() => {
                  setConfirming(false);
                  setError(null);
                  setTimeout(() => eraseButton.current?.focus());
                }}
              >
                {t('common.cancel')}
              </button>
            </div>
          ) : (
            <button
              type="button"
              ref={eraseButton}
              className="button button--danger"
              onClick={() => setConfirming(true)}
            >
              {t('erasure.erase')}
            </button>
          )}
        </>
      )}
    </section>
  );
}
