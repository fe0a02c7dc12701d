import { useCallback, useEffect, useState, type RefObject } from 'react';
import { useT } from '../../../i18n/index.tsx';
import { api, ApiError } from '../../api.ts';
import { fieldErrors } from '../../problems.ts';

/**
 * One action on a request: posts, keeps the problem (and its messages per field) when refused,
 * and ignores extra clicks while it runs. `run` resolves true when the action went through.
 */
export function useAction<Field extends string>(fields: readonly Field[]) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [problems, setProblems] = useState<Partial<Record<Field, string>>>({});

  const run = useCallback(
    async (path: string, body: unknown): Promise<boolean> => {
      if (busy) return false;
      setBusy(true);
      setError(null);
      setProblems({});
      try {
        await api.post(path, body);
        return true;
      } catch (e) {
        const apiError = e instanceof ApiError ? e : new ApiError(0, { detail: String(e) });
        const byField: Partial<Record<Field, string>> = {};
        for (const [field, message] of Object.entries(fieldErrors(t, apiError))) {
          const own = fields.find((f) => field === f || field.startsWith(`${f}.`));
          if (own) byField[own] ??= message;
        }
        setError(apiError);
        setProblems(byField);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [busy, fields, t],
  );

  /** Problems found before sending, shown at their fields as the server's would be. */
  const refuse = useCallback((found: Partial<Record<Field, string>>) => {
    setError(null);
    setProblems(found);
  }, []);

  const shownFields = (error?.errors ?? [])
    .map((p) => p.field)
    .filter((f) => fields.some((own) => f === own || f.startsWith(`${own}.`)));

  return { busy, error, problems, shownFields, run, refuse };
}

/**
 * After a refusal (problems found, or the server's answer), the first field marked invalid inside
 * `container` gets the focus. `problems` must keep its identity between renders (state).
 */
export function useFocusInvalid(container: RefObject<HTMLElement | null>, problems: object | null) {
  useEffect(() => {
    if (!problems || Object.keys(problems).length === 0) return;
    container.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [container, problems]);
}
