import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, isAbort } from './api.ts';

export type Resource<T> =
  | { status: 'loading'; data: T | null; error: null }
  | { status: 'ready'; data: T; error: null }
  | { status: 'error'; data: T | null; error: ApiError };

type Loaded<T> = Resource<T> & { path: string | null };

/**
 * GETs `path` (null: nothing yet) and again whenever it changes or `reload()` is called. While
 * the same path reloads, the previous data stays, so tables do not flash empty.
 */
export function useResource<T>(path: string | null): Resource<T> & { reload: () => void } {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading', data: null, error: null, path: null });
  const [version, setVersion] = useState(0);

  useEffect(() => {
    if (path === null) return;
    const abort = new AbortController();
    setState((s) => ({ status: 'loading', data: s.path === path ? s.data : null, error: null, path }));
    api
      .get<T>(path, abort.signal)
      .then((data) => setState({ status: 'ready', data, error: null, path }))
      .catch((error: unknown) => {
        if (isAbort(error)) return;
        const apiError = error instanceof ApiError ? error : new ApiError(0, { detail: String(error) });
        setState((s) => ({ status: 'error', data: s.path === path ? s.data : null, error: apiError, path }));
      });
    return () => abort.abort();
  }, [path, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const stale = state.path !== path;
  if (stale) return { status: 'loading', data: null, error: null, reload };
  return { ...state, reload };
}
