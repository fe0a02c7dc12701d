/**
 * The portal's API client (src/modules/portal): JSON over fetch with the portal's own session
 * cookie, its CSRF token on every state-changing request, and problem+json answers as `ApiError`
 * (the console's class, so that the same problem wording applies).
 */
import { ApiError, isAbort } from '../console/api.ts';
import type { PortalSession } from './types.ts';

export { ApiError, isAbort };

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const CSRF_STORAGE_KEY = 'omadata.portal.csrf';

function readStoredToken(): string | null {
  try {
    return window.sessionStorage.getItem(CSRF_STORAGE_KEY);
  } catch {
    return null;
  }
}

// GET …/me answers only the email, so the token from the sign-in answer is kept for this tab
// (sessionStorage), to survive a reload of the overview.
let csrfToken: string | null = readStoredToken();

/** Remember the session's CSRF token (from the sign-in answer, or GET …/me if it gives one). */
export function setPortalCsrfToken(token: string | null) {
  csrfToken = token;
  try {
    if (token) window.sessionStorage.setItem(CSRF_STORAGE_KEY, token);
    else window.sessionStorage.removeItem(CSRF_STORAGE_KEY);
  } catch {
    // storage disabled: the token lasts until the page is reloaded
  }
}

async function portalRequest<T>(method: Method, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiError(0, { detail: error instanceof Error ? error.message : String(error) });
  }
  let json: Record<string, unknown> | null = null;
  if (res.status !== 204 && /json/.test(res.headers.get('content-type') ?? '')) {
    try {
      json = (await res.json()) as Record<string, unknown>;
    } catch {
      json = null;
    }
  }
  if (!res.ok) {
    const retryAfter = Number(res.headers.get('retry-after'));
    throw new ApiError(res.status, json ?? {}, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null);
  }
  return (json ?? undefined) as T;
}

const base = '/api/v1/portal';

/** …/registers/{registerId}/subjects/{subjectId}, each id encoded. */
export function subjectPath(registerId: string, subjectId: string): string {
  return `${base}/registers/${encodeURIComponent(registerId)}/subjects/${encodeURIComponent(subjectId)}`;
}

export const portalApi = {
  requestLink: (email: string, lang: string) =>
    portalRequest<{ sent: boolean }>('POST', `${base}/login`, { email, lang }),
  signIn: async (token: string) => {
    const session = await portalRequest<PortalSession>('POST', `${base}/session`, { token });
    setPortalCsrfToken(session.csrfToken);
    return session;
  },
  me: (signal?: AbortSignal) =>
    portalRequest<{ email: string | null; csrfToken?: string }>('GET', `${base}/me`, undefined, signal),
  signOut: async () => {
    try {
      await portalRequest<void>('DELETE', `${base}/session`);
    } finally {
      setPortalCsrfToken(null);
    }
  },
  overview: (signal?: AbortSignal) => portalRequest<unknown>('GET', `${base}/overview`, undefined, signal),
  get: <T>(path: string) => portalRequest<T>('GET', path),
  post: <T>(path: string, body: unknown = {}) => portalRequest<T>('POST', path, body),
  put: <T>(path: string, body: unknown) => portalRequest<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => portalRequest<T>('PATCH', path, body),
};
