import { useT, type MessageKey } from '../../i18n/index.tsx';
import { Link, navigate } from '../../router.tsx';
import { may, type Action } from '../permissions.ts';
import { paths, sectionOf, type ConsoleRoute, type ControllerSection } from '../routes.ts';
import { useControllerOptions, useRole, useSession, useSessionContext } from '../session.tsx';
import { ControllerSwitcher } from './ControllerSwitcher.tsx';

const SECTIONS: { section: ControllerSection; label: MessageKey; needs: Action }[] = [
  { section: 'registers', label: 'nav.registers', needs: 'register.read' },
  { section: 'customers', label: 'nav.customers', needs: 'customer.read' },
  { section: 'apiKeys', label: 'nav.apiKeys', needs: 'apikey.read' },
  { section: 'staff', label: 'nav.staff', needs: 'staff.read' },
  { section: 'audit', label: 'nav.audit', needs: 'audit.read' },
];

function NavLink({ to, current, children }: { to: string; current: boolean; children: string }) {
  return (
    <li>
      <Link to={to} aria-current={current ? 'page' : undefined} className="console-nav__link">
        {children}
      </Link>
    </li>
  );
}

/** The bar under the site header on logged-in pages: who, which controller, where to, log out. */
export function ConsoleHeader({ route }: { route: ConsoleRoute }) {
  const t = useT();
  const session = useSession();
  const { logout, controllerId: remembered } = useSessionContext();
  const options = useControllerOptions();
  const routeController = 'controllerId' in route ? route.controllerId : null;
  const controllerId = routeController ?? remembered ?? options[0]?.id ?? null;
  const role = useRole(controllerId ?? '');
  const current = sectionOf(route);
  const operator = session.staff.isOperator;
  const membership = session.memberships.find((m) => m.controllerId === controllerId);
  // The server refuses this controller's data to a session that has not passed TOTP.
  const needsSecondFactor = !!membership?.requireTotp && session.secondFactor === false;

  const logOut = async () => {
    await logout().catch(() => undefined);
    navigate(paths.home);
  };

  return (
    <div className="console-bar">
      <div className="console-bar__inner">
        <div className="console-bar__top">
          <p className="console-bar__who">
            {t('nav.signedInAs')} <strong>{session.staff.email}</strong>
          </p>
          <ControllerSwitcher
            current={controllerId}
            section={current && current in SECTIONS_BY_NAME ? (current as ControllerSection) : 'registers'}
          />
          <button type="button" className="button button--secondary button--small" onClick={() => void logOut()}>
            {t('nav.logOut')}
          </button>
        </div>
        <nav aria-label={t('nav.label')} className="console-nav">
          <ul>
            {controllerId
              ? SECTIONS.filter((s) => may(role, s.needs)).map((s) => (
                  <NavLink key={s.section} to={paths.section(controllerId, s.section)} current={current === s.section}>
                    {t(s.label)}
                  </NavLink>
                ))
              : null}
            {controllerId && may(role, 'requests.read') ? (
              <NavLink to={paths.requests(controllerId)} current={current === 'requests'}>
                {t('nav.requests')}
              </NavLink>
            ) : null}
            <NavLink to={paths.security} current={current === 'security'}>
              {t('nav.security')}
            </NavLink>
            {operator ? (
              <>
                <NavLink to={paths.controllers} current={current === 'controllers'}>
                  {t('nav.controllers')}
                </NavLink>
                <NavLink to={paths.outbox} current={current === 'outbox'}>
                  {t('nav.outbox')}
                </NavLink>
              </>
            ) : null}
          </ul>
        </nav>
        {needsSecondFactor ? (
          <p className="alert alert--info console-bar__notice">
            {session.staff.totpEnabled ? t('nav.totpLogInAgain') : t('nav.totpRequired')}{' '}
            {!session.staff.totpEnabled && current !== 'security' ? (
              <Link to={paths.security}>{t('nav.totpSetUp')}</Link>
            ) : null}
          </p>
        ) : null}
      </div>
    </div>
  );
}

const SECTIONS_BY_NAME: Record<ControllerSection, true> = {
  registers: true,
  customers: true,
  apiKeys: true,
  staff: true,
  audit: true,
};
