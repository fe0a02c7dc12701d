import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, setCsrfToken, setUnauthorizedListener } from './api.ts';
import type { Controller, Role, Session } from './types.ts';

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous' }
  | { status: 'error'; error: ApiError }
  | { status: 'ready'; session: Session };

interface SessionContextValue {
  state: SessionState;
  /** Asks GET /api/v1/session again (after login, setup, TOTP enrolment…). */
  refresh: () => Promise<SessionState>;
  logout: () => Promise<void>;
  /** The controllers the person may see, for the switcher (null until loaded). */
  controllers: Controller[] | null;
  reloadControllers: () => void;
  /** The controller last worked on, so the navigation can point into it from any page. */
  controllerId: string | null;
  setControllerId: (id: string) => void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

async function loadSession(): Promise<SessionState> {
  try {
    const session = await api.get<Session>('/api/v1/session');
    setCsrfToken(session.csrfToken);
    return { status: 'ready', session };
  } catch (error) {
    setCsrfToken(null);
    if (error instanceof ApiError && error.status === 401) return { status: 'anonymous' };
    return { status: 'error', error: error instanceof ApiError ? error : new ApiError(0, { detail: String(error) }) };
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [controllers, setControllers] = useState<Controller[] | null>(null);
  const [controllersVersion, setControllersVersion] = useState(0);
  const [controllerId, setControllerId] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    const next = await loadSession();
    setState(next);
    return next;
  }, []);

  // A 401 on a logged-in page means the session ended: the page turns into the login form.
  useEffect(() => {
    setUnauthorizedListener(() => {
      setCsrfToken(null);
      setState((s) => (s.status === 'ready' ? { status: 'anonymous' } : s));
    });
    return () => setUnauthorizedListener(null);
  }, []);

  useEffect(() => {
    let live = true;
    void loadSession().then((next) => {
      if (live) setState(next);
    });
    return () => {
      live = false;
    };
  }, []);

  const sessionId = state.status === 'ready' ? state.session.staff.id : null;
  useEffect(() => {
    if (!sessionId) {
      setControllers(null);
      return;
    }
    const abort = new AbortController();
    api
      .get<{ items: Controller[] }>('/api/v1/controllers', abort.signal)
      .then((body) => setControllers(body.items))
      .catch(() => {
        // The switcher falls back to the session's memberships.
      });
    return () => abort.abort();
  }, [sessionId, controllersVersion]);

  const logout = useCallback(async () => {
    try {
      await api.delete('/api/v1/session');
    } finally {
      setCsrfToken(null);
      setControllerId(null);
      setState({ status: 'anonymous' });
    }
  }, []);

  const reloadControllers = useCallback(() => setControllersVersion((v) => v + 1), []);

  const value = useMemo<SessionContextValue>(
    () => ({ state, refresh, logout, controllers, reloadControllers, controllerId, setControllerId }),
    [state, refresh, logout, controllers, reloadControllers, controllerId],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSessionContext(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession() needs a <SessionProvider> above it');
  return value;
}

/** The logged-in person; only for pages rendered behind <RequireSession>. */
export function useSession(): Session {
  const { state } = useSessionContext();
  if (state.status !== 'ready') throw new Error('useSession() outside a logged-in page');
  return state.session;
}

/** The person's role in a controller, from the session or the controllers list; null if none. */
export function useRole(controllerId: string): Role | null {
  const { state, controllers } = useSessionContext();
  if (state.status !== 'ready') return null;
  const membership = state.session.memberships.find((m) => m.controllerId === controllerId);
  return membership?.role ?? controllers?.find((c) => c.id === controllerId)?.role ?? null;
}

/** The controllers to offer in the switcher: the full list once loaded, else the memberships. */
export function useControllerOptions(): { id: string; name: string }[] {
  const { state, controllers } = useSessionContext();
  if (controllers) return controllers.map((c) => ({ id: c.id, name: c.name }));
  if (state.status !== 'ready') return [];
  return state.session.memberships.map((m) => ({ id: m.controllerId, name: m.controllerName }));
}
