import { useEffect, useMemo, useState } from 'react';
import { api, ApiError, isAbort } from './api.ts';
import { parseDoc, type Parsed } from './description.ts';
import type { ValidationAnswer } from './types.ts';

export type Validation =
  | { state: 'syntax'; parsed: Extract<Parsed, { ok: false }> }
  | { state: 'checking' }
  | { state: 'valid' }
  | { state: 'invalid'; errors: ValidationAnswer['errors'] }
  | { state: 'failed'; error: ApiError };

const DELAY_MS = 600;

/** Checks the editor's text as it changes: JSON syntax at once, the description on the server after a pause. */
export function useDescriptionValidation(text: string): { parsed: Parsed; validation: Validation } {
  const parsed = useMemo(() => parseDoc(text), [text]);
  const [result, setResult] = useState<{ text: string; validation: Validation } | null>(null);

  useEffect(() => {
    if (!parsed.ok) return;
    const abort = new AbortController();
    const timer = setTimeout(() => {
      api
        .post<ValidationAnswer>('/api/v1/descriptions/validate', { description: parsed.doc }, abort.signal)
        .then((answer) =>
          setResult({
            text,
            validation: answer.valid ? { state: 'valid' } : { state: 'invalid', errors: answer.errors ?? [] },
          }),
        )
        .catch((error: unknown) => {
          if (isAbort(error)) return;
          // A 422 with the problems is an answer too, should the server send it that way.
          if (error instanceof ApiError && error.status === 422 && error.errors.length) {
            setResult({ text, validation: { state: 'invalid', errors: error.errors } });
          } else {
            setResult({
              text,
              validation: {
                state: 'failed',
                error: error instanceof ApiError ? error : new ApiError(0, { detail: String(error) }),
              },
            });
          }
        });
    }, DELAY_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [parsed, text]);

  if (!parsed.ok) return { parsed, validation: { state: 'syntax', parsed } };
  if (!result || result.text !== text) return { parsed, validation: { state: 'checking' } };
  return { parsed, validation: result.validation };
}
