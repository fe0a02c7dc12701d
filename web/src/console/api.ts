/**
 * The console's API client (docs/console-api.md): JSON over fetch with the session cookie, the
 * CSRF token on every state-changing request, and problem+json answers turned into `ApiError`.
 */

export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

/** A failed request: the problem document's parts, or `status: 0` when the network failed. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly errors: FieldProblem[];
  /** The whole problem document, for extensions such as `retryAfterSeconds`. */
  readonly body: Readonly<Record<string, unknown>>;
  /** Seconds from a Retry-After header, if any. */
  readonly retryAfter: number | null;

  constructor(status: number, body: Record<string, unknown>, retryAfter: number | null = null) {
    const detail =
      typeof body.detail === 'string' ? body.detail : typeof body.title === 'string' ? body.title : `HTTP ${status}`;
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.code = typeof body.code === 'string' ? body.code : status === 0 ? 'network' : `http_${status}`;
    this.detail = detail;
    this.errors = Array.isArray(body.errors) ? body.errors.filter(isFieldProblem) : [];
    this.body = body;
    this.retryAfter = retryAfter;
  }
}

function isFieldProblem(value: unknown): value is FieldProblem {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.field === 'string' && typeof v.message === 'string' && (typeof v.code === 'string' || v.code === undefined)
  );
}

export const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

/** Called when a request is answered 401 (the session ended), so the console can ask to log in again. */
export function setUnauthorizedListener(listener: (() => void) | null) {
  onUnauthorized = listener;
}

/** Remember the session's CSRF token (from GET /api/v1/session or a login answer). */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

async function currentCsrfToken(): Promise<string | null> {
  if (csrfToken) return csrfToken;
  try {
    const res = await fetch('/api/v1/session', { credentials: 'same-origin', headers: { accept: 'application/json' } });
    if (!res.ok) return null; // not logged in: login, setup and invitations need no token
    const body = (await res.json()) as { csrfToken?: unknown };
    csrfToken = typeof body.csrfToken === 'string' ? body.csrfToken : null;
  } catch {
    return null;
  }
  return csrfToken;
}

async function send(
  method: Method,
  path: string,
  body: unknown,
  signal: AbortSignal | undefined,
  token: string | null,
): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers['x-csrf-token'] = token;
  try {
    return await fetch(path, {
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
}

async function readJson(res: Response): Promise<Record<string, unknown> | null> {
  const type = res.headers.get('content-type') ?? '';
  if (res.status === 204 || !/json/.test(type)) return null;
  try {
    return (await res.json()) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** One request; resolves with the parsed JSON answer (undefined for 204), rejects with ApiError. */
export async function request<T>(method: Method, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const mutating = method !== 'GET';
  const hadToken = csrfToken !== null;
  let token = mutating ? await currentCsrfToken() : null;
  let res = await send(method, path, body, signal, token);
  // A cached token may be stale (the session changed in another tab): fetch it again once.
  if (mutating && hadToken && res.status === 403) {
    const problem = await readJson(res.clone());
    if (typeof problem?.detail === 'string' && /csrf/i.test(problem.detail)) {
      csrfToken = null;
      token = await currentCsrfToken();
      res = await send(method, path, body, signal, token);
    }
  }
  const json = await readJson(res);
  if (res.status === 401 && path !== '/api/v1/session') onUnauthorized?.();
  if (!res.ok) {
    const retryAfter = Number(res.headers.get('retry-after'));
    throw new ApiError(res.status, json ?? {}, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null);
  }
  return (json ?? undefined) as T;
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => request<T>('GET', path, undefined, signal),
  post: <T>(path: string, body?: unknown, signal?: AbortSignal) => request<T>('POST', path, body ?? {}, signal),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};

/** `/api/v1/controllers/{id}…`, with each id encoded. */
export function controllerPath(controllerId: string, rest = ''): string {
  return `/api/v1/controllers/${encodeURIComponent(controllerId)}${rest}`;
}

/** Appends the non-empty parameters as a query string. */
export function withQuery(path: string, params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}
