import { useEffect, type ReactNode } from 'react';
import { Layout } from '../ui/Layout.tsx';
import { NotFoundPage } from '../pages/NotFoundPage.tsx';
import { ConsoleHeader } from './components/ConsoleHeader.tsx';
import { ProblemAlert } from './components/ProblemAlert.tsx';
import { LoadingPage } from '../ui/LoadingPage.tsx';
import { isPublicRoute, matchConsoleRoute, type ConsoleRoute } from './routes.ts';
import { SessionProvider, useSessionContext } from './session.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { LoginForm } from './pages/LoginForm.tsx';
import { SetupPage } from './pages/SetupPage.tsx';
import { InvitePage } from './pages/InvitePage.tsx';
import { ControllersPage } from './pages/ControllersPage.tsx';
import { SecurityPage } from './pages/SecurityPage.tsx';
import { OutboxPage } from './pages/OutboxPage.tsx';
import { RegistersPage } from './pages/RegistersPage.tsx';
import { RegisterPage } from './pages/RegisterPage.tsx';
import { RetentionPage } from './pages/RetentionPage.tsx';
import { CustomersPage } from './pages/CustomersPage.tsx';
import { CustomerPage } from './pages/CustomerPage.tsx';
import { ApiKeysPage } from './pages/ApiKeysPage.tsx';
import { StaffPage } from './pages/StaffPage.tsx';
import { AuditPage } from './pages/AuditPage.tsx';
import { RequestsPage } from './pages/RequestsPage.tsx';
import { RequestPage } from './pages/RequestPage.tsx';
import { NewRequestPage } from './pages/NewRequestPage.tsx';
import { PageHeading } from './components/PageHeading.tsx';
import { useT } from '../i18n/index.tsx';
import './console.css';

/** /console/*: the staff console, with its own session and navigation. */
export function ConsoleApp({ path }: { path: string }) {
  return (
    <SessionProvider>
      <ConsoleShell path={path} />
    </SessionProvider>
  );
}

function ConsoleShell({ path }: { path: string }) {
  const route = matchConsoleRoute(path);
  const { state, setControllerId } = useSessionContext();
  const routeController = 'controllerId' in route ? route.controllerId : null;

  useEffect(() => {
    if (routeController) setControllerId(routeController);
  }, [routeController, setControllerId]);

  const loggedInPage = !isPublicRoute(route) && state.status === 'ready';
  return (
    <Layout path={path} wide nav={loggedInPage ? <ConsoleHeader route={route} /> : null}>
      {isPublicRoute(route) ? <PublicPage route={route} /> : <RequireSession>{page(route)}</RequireSession>}
    </Layout>
  );
}

function PublicPage({ route }: { route: ConsoleRoute }) {
  switch (route.name) {
    case 'setup':
      return <SetupPage />;
    case 'invite':
      return <InvitePage />;
    case 'home':
      return <HomePage />;
    default:
      return <NotFoundPage />;
  }
}

/** The page when logged in; otherwise the login form in its place, which then shows the page. */
function RequireSession({ children }: { children: ReactNode }) {
  const t = useT();
  const { state, refresh } = useSessionContext();
  switch (state.status) {
    case 'loading':
      return <LoadingPage />;
    case 'ready':
      return <>{children}</>;
    case 'error':
      return (
        <>
          <PageHeading title={t('console.title')} />
          <ProblemAlert error={state.error} />
          <button type="button" className="button" onClick={() => void refresh()}>
            {t('common.retry')}
          </button>
        </>
      );
    case 'anonymous':
      return (
        <>
          <PageHeading title={t('login.title')} />
          <p className="lead">{t('login.needed')}</p>
          <LoginForm
            onLoggedIn={() => {
              document.getElementById('main-content')?.focus();
            }}
          />
        </>
      );
  }
}

function page(route: ConsoleRoute): ReactNode {
  switch (route.name) {
    case 'controllers':
      return <ControllersPage />;
    case 'security':
      return <SecurityPage />;
    case 'outbox':
      return <OutboxPage />;
    case 'registers':
      return <RegistersPage key={route.controllerId} controllerId={route.controllerId} />;
    case 'register':
      return (
        <RegisterPage
          key={`${route.controllerId}/${route.registerId}`}
          controllerId={route.controllerId}
          registerId={route.registerId}
        />
      );
    case 'retention':
      return (
        <RetentionPage
          key={`${route.controllerId}/${route.registerId}`}
          controllerId={route.controllerId}
          registerId={route.registerId}
        />
      );
    case 'customers':
      return <CustomersPage key={route.controllerId} controllerId={route.controllerId} />;
    case 'customer':
      return (
        <CustomerPage
          key={route.subjectId}
          controllerId={route.controllerId}
          registerId={route.registerId}
          subjectId={route.subjectId}
        />
      );
    case 'apiKeys':
      return <ApiKeysPage key={route.controllerId} controllerId={route.controllerId} />;
    case 'staff':
      return <StaffPage key={route.controllerId} controllerId={route.controllerId} />;
    case 'audit':
      return <AuditPage key={route.controllerId} controllerId={route.controllerId} />;
    case 'requests':
      return <RequestsPage key={route.controllerId} controllerId={route.controllerId} />;
    case 'request':
      return (
        <RequestPage
          key={`${route.controllerId}/${route.requestId}`}
          controllerId={route.controllerId}
          requestId={route.requestId}
        />
      );
    case 'requestNew':
      return <NewRequestPage key={route.controllerId} controllerId={route.controllerId} />;
    default:
      return <NotFoundPage />;
  }
}
