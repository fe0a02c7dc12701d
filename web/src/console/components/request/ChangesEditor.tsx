import { useT } from '../../../i18n/index.tsx';
import { useFieldCatalogue } from '../../useLabels.ts';
import { SelectField, TextField } from '../fields.tsx';
import { CORRECTABLE_FIELDS } from '../../../../../src/modules/subjects/correctable-fields.ts';

export interface ChangeRow {
  field: string;
  value: string;
}

/** The rows as the API takes them: an empty value removes the data, interests are a list. */
export function changesOf(rows: readonly ChangeRow[]): Record<string, string | string[] | null> {
  const out: Record<string, string | string[] | null> = {};
  for (const row of rows) {
    if (!row.field) continue;
    const value = row.value.trim();
    out[row.field] =
      row.field === 'interests'
        ? value
          ? value
              .split(',')
              .map((v) => v.trim())
              .filter(Boolean)
          : null
        : value || null;
  }
  return out;
}

/** Row index → message: a field chosen twice. */
export function duplicateRows(rows: readonly ChangeRow[], message: string): Record<number, string> {
  const seen = new Set<string>();
  const out: Record<number, string> = {};
  rows.forEach((row, i) => {
    if (!row.field) return;
    if (seen.has(row.field)) out[i] = message;
    seen.add(row.field);
  });
  return out;
}

interface ChangesEditorProps {
  rows: ChangeRow[];
  onChange: (rows: ChangeRow[]) => void;
  /** Problems from the server by field key (its `fields.{key}`), and of rows found before sending. */
  fieldProblems: Record<string, string>;
  rowProblems: Record<number, string>;
}

/** A small editor of field → new value rows, for answering a rectification. */
export function ChangesEditor({ rows, onChange, fieldProblems, rowProblems }: ChangesEditorProps) {
  const t = useT();
  const { label } = useFieldCatalogue();
  const set = (i: number, change: Partial<ChangeRow>) =>
    onChange(rows.map((row, j) => (j === i ? { ...row, ...change } : row)));
  const options = [{ value: '', label: '—' }, ...CORRECTABLE_FIELDS.map((f) => ({ value: f, label: label(f) }))];

  return (
    <fieldset className="group request-changes">
      <legend>{t('request.changes.legend')}</legend>
      <p className="field__hint">{t('request.changes.hint')}</p>
      {rows.map((row, i) => {
        const n = String(i + 1);
        const problem = rowProblems[i] ?? (row.field ? fieldProblems[row.field] : undefined);
        return (
          <div key={i} className="row-form request-changes__row">
            <SelectField
              label={t('request.changes.field', { n })}
              value={row.field}
              onChange={(field) => set(i, { field })}
              options={options}
              optional
              error={rowProblems[i]}
            />
            <TextField
              label={t('request.changes.value', { n })}
              value={row.value}
              onChange={(value) => set(i, { value })}
              optional
              error={rowProblems[i] ? undefined : problem}
              autoComplete="off"
              maxLength={5000}
            />
            {rows.length > 1 ? (
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() => onChange(rows.filter((_, j) => j !== i))}
              >
                {t('request.changes.remove', { n })}
              </button>
            ) : null}
          </div>
        );
      })}
      <div className="form__actions">
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => onChange([...rows, { field: '', value: '' }])}
        >
          {t('request.changes.add')}
        </button>
      </div>
    </fieldset>
  );
}
