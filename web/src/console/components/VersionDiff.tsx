import { useRef, useState, type FormEvent, type RefObject } from 'react';
import { useT } from '../../i18n/index.tsx';
import { api, ApiError, controllerPath } from '../api.ts';
import { stringify } from '../description.ts';
import { diffLines, foldUnchanged, type DiffLine } from '../diff.ts';
import { useFormat } from '../format.ts';
import type { StoredDescription } from '../types.ts';
import { SelectField, SubmitButton } from './fields.tsx';
import { ProblemAlert } from './ProblemAlert.tsx';

interface VersionDiffProps {
  controllerId: string;
  registerId: string;
  versions: number[];
}

interface Result {
  from: number;
  to: number;
  lines: DiffLine[];
}

/** Compare two versions: the pretty-printed JSON line by line, added and removed lines named in words. */
export function VersionDiff({ controllerId, registerId, versions }: VersionDiffProps) {
  const t = useT();
  const sorted = [...versions].sort((a, b) => a - b);
  const latest = sorted.at(-1) ?? 1;
  const [from, setFrom] = useState(String(sorted.at(-2) ?? latest));
  const [to, setTo] = useState(String(latest));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const cache = useRef(new Map<number, string>());
  const resultHeading = useRef<HTMLHeadingElement>(null);

  const load = async (version: number) => {
    const cached = cache.current.get(version);
    if (cached !== undefined) return cached;
    const stored = await api.get<StoredDescription>(
      controllerPath(controllerId, `/registers/${encodeURIComponent(registerId)}/descriptions/${version}`),
    );
    const text = stringify(stored.document);
    cache.current.set(version, text);
    return text;
  };

  const compare = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const [a, b] = [Number(from), Number(to)];
      const [before, after] = await Promise.all([load(a), load(b)]);
      setResult({ from: a, to: b, lines: diffLines(before, after) });
      setTimeout(() => resultHeading.current?.focus());
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, { detail: String(e) }));
    } finally {
      setBusy(false);
    }
  };

  const options = sorted.map((v) => ({ value: String(v), label: t('register.versionN', { version: String(v) }) }));
  return (
    <section className="panel" aria-labelledby="diff-heading">
      <h2 id="diff-heading">{t('diff.heading')}</h2>
      <form className="form form--inline" noValidate onSubmit={(e) => void compare(e)}>
        <SelectField label={t('diff.from')} value={from} onChange={setFrom} options={options} />
        <SelectField label={t('diff.to')} value={to} onChange={setTo} options={options} />
        <div className="form__actions">
          <SubmitButton busy={busy}>{t('diff.show')}</SubmitButton>
        </div>
      </form>
      <ProblemAlert error={error} />
      {result ? <DiffTable result={result} headingRef={resultHeading} /> : null}
    </section>
  );
}

function DiffTable({ result, headingRef }: { result: Result; headingRef: RefObject<HTMLHeadingElement | null> }) {
  const t = useT();
  const f = useFormat();
  const added = result.lines.filter((l) => l.kind === 'added').length;
  const removed = result.lines.filter((l) => l.kind === 'removed').length;
  const from = String(result.from);
  const to = String(result.to);
  return (
    <div className="diff">
      <h3 ref={headingRef} tabIndex={-1}>
        {t('diff.resultHeading', { from, to })}
      </h3>
      <p>
        {added + removed === 0
          ? t('diff.same')
          : t('diff.summary', { added: f.number(added), removed: f.number(removed) })}
      </p>
      {added + removed > 0 ? (
        <div className="table-wrap" role="region" aria-labelledby="diff-caption" tabIndex={0}>
          <table className="diff__table">
            <caption id="diff-caption">{t('diff.caption', { from, to })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('diff.change')}</th>
                <th scope="col" className="num">
                  {t('diff.lineIn', { version: from })}
                </th>
                <th scope="col" className="num">
                  {t('diff.lineIn', { version: to })}
                </th>
                <th scope="col">{t('diff.content')}</th>
              </tr>
            </thead>
            <tbody>
              {foldUnchanged(result.lines).flatMap((hunk, h) =>
                hunk.kind === 'skipped'
                  ? [
                      <tr key={`skip-${h}`} className="diff__skipped">
                        <td colSpan={4}>{t('diff.skipped', { count: f.number(hunk.count) })}</td>
                      </tr>,
                    ]
                  : hunk.lines.map((line, i) => (
                      <tr key={`${h}-${i}`} className={`diff__${line.kind}`}>
                        <td>
                          {line.kind === 'added' ? (
                            t('diff.added')
                          ) : line.kind === 'removed' ? (
                            t('diff.removed')
                          ) : (
                            <span className="visually-hidden">{t('diff.unchanged')}</span>
                          )}
                        </td>
                        <td className="num">{line.kind !== 'added' ? line.oldLine : ''}</td>
                        <td className="num">{line.kind !== 'removed' ? line.newLine : ''}</td>
                        <td>
                          <code className="diff__code">
                            <span aria-hidden="true">
                              {line.kind === 'added' ? '+ ' : line.kind === 'removed' ? '− ' : '  '}
                            </span>
                            {line.text}
                          </code>
                        </td>
                      </tr>
                    )),
              )}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
