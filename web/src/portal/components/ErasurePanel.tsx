import { useEffect, useId, useRef, useState } from 'react';
import { useT } from '../../i18n/index.tsx';
import { ProblemAlert } from '../../console/components/ProblemAlert.tsx';
import { ErasureReportView } from '../../console/components/ErasureReportView.tsx';
import type { ErasureReport } from '../../console/retention.ts';
import { ApiError, portalApi, subjectPath } from '../api.ts';
import type { PortalErasureReport, PortalRegister } from '../types.ts';
import type { RegisterActions } from './MerchantSection.tsx';

/** The answer as the console's report view expects it; parts a portal answer leaves out get neutral values. */
function toReport(answer: PortalErasureReport, subjectId: string): ErasureReport {
  return {
    subjectId: answer.subjectId ?? subjectId,
    deleted: answer.deleted ?? [],
    kept: answer.kept ?? [],
    anonymised: answer.anonymised ?? [],
    orders: { deleted: answer.orders?.deleted ?? 0, kept: answer.orders?.kept ?? [] },
    erasedAt: answer.erasedAt ?? new Date().toISOString(),
    cause: answer.cause ?? 'request',
    alreadyErased: answer.alreadyErased ?? false,
  };
}

/** "Be forgotten at this merchant": a confirmation step, then the report of what was deleted and what stays. */
export function ErasurePanel({
  register,
  merchantName,
  onFailure,
  onErased,
}: Pick<RegisterActions, 'onFailure'> & { register: PortalRegister; merchantName: string; onErased: () => void }) {
  const t = useT();
  const headingId = useId();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [report, setReport] = useState<ErasureReport | null>(null);
  const reportHeading = useRef<HTMLHeadingElement>(null);
  const startButton = useRef<HTMLButtonElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);

  // Focus moves to the report once it is on the page (not before React has rendered it).
  useEffect(() => {
    if (report) reportHeading.current?.focus();
  }, [report]);

  const erase = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await portalApi.post<PortalErasureReport>(
        `${subjectPath(register.registerId, register.subject.id)}/erasure`,
      );
      setReport(toReport(answer, register.subject.id));
      onErased();
      setConfirming(false);
    } catch (e) {
      const apiError = e instanceof ApiError ? e : new ApiError(0, { detail: String(e) });
      setError(apiError);
      onFailure(apiError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby={headingId} className="subsection">
      <h4 id={headingId}>{t('oma.erasure.heading')}</h4>
      {report ? (
        <>
          <p role="status" className="alert alert--ok">
            {t('oma.erasure.done')}
          </p>
          <ErasureReportView report={report} headingRef={reportHeading} />
        </>
      ) : (
        <>
          <p>{t('oma.erasure.intro')}</p>
          <ProblemAlert error={error} />
          {confirming ? (
            <div className="confirm panel panel--important">
              <p>{t('oma.erasure.confirm', { merchant: merchantName })}</p>
              <p className="form__actions">
                <button
                  type="button"
                  ref={confirmButton}
                  className="button button--danger"
                  aria-disabled={busy || undefined}
                  onClick={() => void erase()}
                >
                  {busy ? t('form.working') : t('oma.erasure.yes')}
                </button>{' '}
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => {
                    setConfirming(false);
                    requestAnimationFrame(() => startButton.current?.focus());
                  }}
                >
                  {t('common.cancel')}
                </button>
              </p>
            </div>
          ) : (
            <p>
              <button
                type="button"
                ref={startButton}
                className="button button--danger"
                onClick={() => {
                  setConfirming(true);
                  requestAnimationFrame(() => confirmButton.current?.focus());
                }}
              >
                {t('oma.erasure.start')}
              </button>
            </p>
          )}
        </>
      )}
    </section>
  );
}
