import { useRef, useState, type FormEvent } from 'react';
import { useT } from '../../i18n/index.tsx';
import { api, ApiError, controllerPath } from '../api.ts';
import { CheckboxField, SelectField, SubmitButton, TextField } from '../components/fields.tsx';
import { LiveStatus } from '../components/LiveStatus.tsx';
import { ResourceStatus } from '../components/Loading.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { FormErrors } from '../components/FormErrors.tsx';
import { useFormat } from '../format.ts';
import { grantable, may } from '../permissions.ts';
import { fieldErrors } from '../problems.ts';
import { useRole, useSession, useSessionContext } from '../session.tsx';
import { ROLES, type Invite, type Role, type StaffMember } from '../types.ts';
import { useResource } from '../useResource.ts';
import { useRoleName } from '../useLabels.ts';

/** /console/c/{controllerId}/staff: who works here, in which role, and invitations. */
export function StaffPage({ controllerId }: { controllerId: string }) {
  const t = useT();
  const f = useFormat();
  const roleName = useRoleName();
  const role = useRole(controllerId);
  const me = useSession().staff.id;
  const list = useResource<{ items: StaffMember[]; invites: Invite[] }>(controllerPath(controllerId, '/staff'));
  const members = list.data?.items ?? [];
  const invites = list.data?.invites ?? [];
  const canChange = may(role, 'staff.change_role');
  const [message, setMessage] = useState<string | null>(null);

  return (
    <>
      <PageHeading title={t('staff.title')} />
      <LiveStatus message={message} />
      <ResourceStatus resource={list} />
      {members.length > 0 ? (
        <div className="table-wrap">
          <table>
            <caption>{t('staff.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('staff.name')}</th>
                <th scope="col">{t('staff.email')}</th>
                <th scope="col">{t('staff.role')}</th>
                <th scope="col">{t('staff.totp')}</th>
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.staffId}>
                  <th scope="row">{m.name || m.email}</th>
                  <td>{m.email}</td>
                  <td>
                    {canChange && m.staffId !== me ? (
                      <RoleChange
                        controllerId={controllerId}
                        member={m}
                        onChanged={(next) => {
                          setMessage(t('staff.roleChanged', { name: m.name || m.email, role: roleName(next) }));
                          list.reload();
                        }}
                      />
                    ) : (
                      roleName(m.role)
                    )}
                  </td>
                  <td>{m.totpEnabled ? t('common.yes') : t('common.no')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <section aria-labelledby="invites-heading" className="section">
        <h2 id="invites-heading">{t('staff.invitesHeading')}</h2>
        {list.data && invites.length === 0 ? <p>{t('staff.noInvites')}</p> : null}
        {invites.length > 0 ? (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t('staff.invitesCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('staff.email')}</th>
                  <th scope="col">{t('staff.role')}</th>
                  <th scope="col">{t('staff.expires')}</th>
                </tr>
              </thead>
              <tbody>
                {invites.map((i) => (
                  <tr key={i.id}>
                    <th scope="row">{i.email}</th>
                    <td>{roleName(i.role)}</td>
                    <td>{f.dateTime(i.expiresAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {may(role, 'staff.invite') ? (
          <InviteForm controllerId={controllerId} roles={grantable(role)} onInvited={list.reload} />
        ) : null}
      </section>
      {may(role, 'controller.settings') ? <RequireTotp controllerId={controllerId} /> : null}
    </>
  );
}

function RoleChange({
  controllerId,
  member,
  onChanged,
}: {
  controllerId: string;
  member: StaffMember;
  onChanged: (role: Role) => void;
}) {
  const t = useT();
  const roleName = useRoleName();
  const [chosen, setChosen] = useState<string>(member.role);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const who = member.name || member.email;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || chosen === member.role) return;
    setBusy(true);
    setError(null);
    try {
      await api.put(controllerPath(controllerId, `/staff/${encodeURIComponent(member.staffId)}`), { role: chosen });
      onChanged(chosen as Role);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, { detail: String(e) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="row-form" noValidate onSubmit={(e) => void submit(e)}>
      <SelectField
        label={t('staff.roleOf', { name: who })}
        hideLabel
        value={chosen}
        onChange={setChosen}
        options={ROLES.map((r) => ({ value: r, label: roleName(r) }))}
      />
      <SubmitButton busy={busy} className="button button--small">
        {t('staff.change')}
        <span className="visually-hidden"> {t('staff.roleOf', { name: who })}</span>
      </SubmitButton>
      <ProblemAlert error={error} />
    </form>
  );
}

function InviteForm({
  controllerId,
  roles,
  onInvited,
}: {
  controllerId: string;
  roles: Role[];
  onInvited: () => void;
}) {
  const t = useT();
  const roleName = useRoleName();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<string>('staff');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const emailRef = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setDone(null);
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) {
      setProblems({ email: t('account.emailInvalid') });
      emailRef.current?.focus();
      return;
    }
    setProblems({});
    setBusy(true);
    setError(null);
    try {
      await api.post(controllerPath(controllerId, '/invites'), { email: email.trim(), role });
      setDone(t('staff.invited', { email: email.trim() }));
      setEmail('');
      onInvited();
    } catch (e) {
      const apiError = e instanceof ApiError ? e : new ApiError(0, { detail: String(e) });
      setError(apiError);
      setProblems(fieldErrors(t, apiError));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="form form--inline panel"
      noValidate
      onSubmit={(e) => void submit(e)}
      aria-labelledby="invite-heading"
    >
      <h3 id="invite-heading">{t('staff.inviteHeading')}</h3>
      <ProblemAlert error={error} shownFields={['email', 'role']} />
      {error ? null : <FormErrors count={Object.keys(problems).length} />}
      <TextField
        label={t('staff.email')}
        type="email"
        autoComplete="off"
        value={email}
        onChange={setEmail}
        error={problems.email}
        inputRef={emailRef}
      />
      <SelectField
        label={t('staff.role')}
        value={role}
        onChange={setRole}
        error={problems.role}
        options={roles.map((r) => ({ value: r, label: roleName(r) }))}
      />
      <div className="form__actions">
        <SubmitButton busy={busy}>{t('staff.invite')}</SubmitButton>
      </div>
      <LiveStatus message={done} />
    </form>
  );
}

/** Owners: whether everyone must use two-step verification for this controller. */
function RequireTotp({ controllerId }: { controllerId: string }) {
  const t = useT();
  const { state, refresh, reloadControllers } = useSessionContext();
  const current =
    state.status === 'ready'
      ? (state.session.memberships.find((m) => m.controllerId === controllerId)?.requireTotp ?? false)
      : false;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const change = async (requireTotp: boolean) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      await api.patch(controllerPath(controllerId), { requireTotp });
      await refresh();
      reloadControllers();
      setDone(requireTotp ? t('staff.totpRequiredOn') : t('staff.totpRequiredOff'));
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, { detail: String(e) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="require-totp">
      <h2 id="require-totp">{t('staff.settingsHeading')}</h2>
      <ProblemAlert error={error} />
      <CheckboxField
        label={t('staff.requireTotp')}
        hint={t('staff.requireTotpHint')}
        checked={current}
        onChange={(v) => void change(v)}
      />
      <LiveStatus message={done} />
    </section>
  );
}
