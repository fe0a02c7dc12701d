import { useId, useMemo, useState } from 'react';
import { useT } from '../../i18n/index.tsx';
import { useConsentLabels, type PermissionCell } from '../../console/consents.ts';
import { useFormat } from '../../console/format.ts';
import { ProblemAlert } from '../../console/components/ProblemAlert.tsx';
import { ApiError, portalApi, subjectPath } from '../api.ts';
import { isPermissions, readPermissions } from '../overview.ts';
import type { PortalRegister } from '../types.ts';
import type { RegisterActions } from './MerchantSection.tsx';

type Props = RegisterActions & { register: PortalRegister };

/**
 * Purposes down, channels across. Each cell says in words whether the shop may use the channel and
 * why, and has one button that withdraws the permission or gives it: as easy to take back as to give.
 */
export function PermissionsPanel({ register, updateRegister, announce, onFailure }: Props) {
  const t = useT();
  const labels = useConsentLabels();
  const f = useFormat();
  const headingId = useId();
  const captionId = useId();
  const historyCaptionId = useId();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const data = register.permissions;
  const base = subjectPath(register.registerId, register.subject.id);
  const cells = useMemo(() => new Map(data.state.map((c) => [`${c.purpose}\u0000${c.channel}`, c])), [data.state]);
  const purposeName = (key: string) => labels.purpose(key, data.purposes.find((p) => p.key === key)?.name);

  const apply = async (key: string, run: () => Promise<unknown>, done: string) => {
    if (busy) return;
    setBusy(key);
    setError(null);
    try {
      const answer = await run();
      if (isPermissions(answer)) {
        const next = readPermissions(answer);
        // The toggle answers the new state; keep the ledger if the answer leaves it out.
        updateRegister(register.registerId, (r) => ({
          ...r,
          permissions: { ...next, events: next.events.length ? next.events : r.permissions.events },
        }));
      } else {
        const fresh = await portalApi.get<unknown>(`${base}/permissions`).catch(() => null);
        if (isPermissions(fresh))
          updateRegister(register.registerId, (r) => ({ ...r, permissions: readPermissions(fresh) }));
      }
      announce(done);
    } catch (e) {
      const apiError = e instanceof ApiError ? e : new ApiError(0, { detail: String(e) });
      setError(apiError);
      onFailure(apiError);
    } finally {
      setBusy(null);
    }
  };

  const toggle = (cell: PermissionCell) => {
    const given = !cell.allowed;
    const words = { purpose: purposeName(cell.purpose), channel: labels.channel(cell.channel) };
    void apply(
      `${cell.purpose}\u0000${cell.channel}`,
      () => portalApi.put(`${base}/permissions`, { channel: cell.channel, purpose: cell.purpose, given }),
      t(given ? 'oma.permissions.given' : 'oma.permissions.withdrawn', words),
    );
  };

  return (
    <section aria-labelledby={headingId} className="subsection">
      <h4 id={headingId}>{t('oma.permissions.heading')}</h4>
      <p>{t('oma.permissions.intro')}</p>
      <ProblemAlert error={error} />
      <div className="table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
        <table className="permissions portal-permissions">
          <caption id={captionId}>{t('consents.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('consents.purpose')}</th>
              {data.channels.map((channel) => (
                <th scope="col" key={channel}>
                  {labels.channel(channel)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.purposes.map((p) => (
              <tr key={p.key}>
                <th scope="row">{labels.purpose(p.key, p.name)}</th>
                {data.channels.map((channel) => {
                  const cell = cells.get(`${p.key}\u0000${channel}`);
                  if (!cell) return <td key={channel} />;
                  const key = `${p.key}\u0000${channel}`;
                  const action = cell.allowed ? t('oma.permissions.withdraw') : t('oma.permissions.give');
                  return (
                    <td key={channel} data-purpose={p.key} data-channel={channel} data-allowed={cell.allowed}>
                      {/* On a phone the table is a list of purposes, and each cell names its channel. */}
                      <span className="portal-permissions__channel" aria-hidden="true">
                        {labels.channel(channel)}
                      </span>
                      <span
                        className={cell.allowed ? 'permission permission--allowed' : 'permission permission--denied'}
                      >
                        {cell.allowed ? t('consents.allowed') : t('consents.notAllowed')}
                      </span>
                      <span className="permission__reason">{labels.reason(cell.reason)}</span>
                      <button
                        type="button"
                        className={cell.allowed ? 'button button--secondary button--small' : 'button button--small'}
                        aria-label={t('oma.permissions.cellAction', {
                          action,
                          purpose: labels.purpose(p.key, p.name),
                          channel: labels.channel(channel),
                        })}
                        aria-disabled={busy === key || undefined}
                        onClick={() => toggle(cell)}
                      >
                        {busy === key ? t('form.working') : action}
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="field__hint">{t('oma.permissions.forbidAllHint')}</p>
      <p>
        <button
          type="button"
          className="button button--danger"
          aria-disabled={busy === 'objection' || undefined}
          onClick={() =>
            void apply('objection', () => portalApi.post(`${base}/objection`), t('oma.permissions.forbidden'))
          }
        >
          {busy === 'objection' ? t('form.working') : t('oma.permissions.forbidAll')}
        </button>
      </p>

      {data.events.length ? (
        <>
          <h5>{t('oma.permissions.history')}</h5>
          <div className="table-wrap" role="region" aria-labelledby={historyCaptionId} tabIndex={0}>
            <table>
              <caption id={historyCaptionId}>{t('oma.permissions.historyCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('consents.occurredAt')}</th>
                  <th scope="col">{t('consents.kind')}</th>
                  <th scope="col">{t('consents.channel')}</th>
                  <th scope="col">{t('consents.purpose')}</th>
                  <th scope="col">{t('consents.source')}</th>
                </tr>
              </thead>
              <tbody>
                {data.events.map((e) => (
                  <tr key={e.id}>
                    <th scope="row">{f.dateTime(e.occurredAt)}</th>
                    <td>{labels.kind(e.kind)}</td>
                    <td>{labels.channel(e.channel ?? 'all')}</td>
                    <td>{purposeName(e.purpose)}</td>
                    <td>{labels.source(e.source)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}
