import { useLang, useT } from '../../i18n/index.tsx';
import {
  fieldsOf,
  purposesOf,
  textAt,
  withFieldDeclared,
  withFieldPurpose,
  withFieldRequired,
  withText,
  type Doc,
} from '../description.ts';
import { pickLocalized } from '../format.ts';
import type { CatalogueField } from '../types.ts';
import { TextField } from './fields.tsx';

interface DescriptionFormProps {
  doc: Doc;
  /** False while the JSON has a syntax error: the form shows the last good state, read-only. */
  editable: boolean;
  catalogue: CatalogueField[] | null;
  onChange: (doc: Doc) => void;
}

/** The main parts of a description as a form: names, contact person, declared fields and their purposes. */
export function DescriptionForm({ doc, editable, catalogue, onChange }: DescriptionFormProps) {
  const t = useT();
  const text = (path: string[], label: string, optional: boolean, type = 'text', autoComplete = 'off') => (
    <TextField
      label={label}
      optional={optional}
      type={type}
      autoComplete={autoComplete}
      value={textAt(doc, path)}
      onChange={(v) => onChange(withText(doc, path, v, optional))}
    />
  );

  return (
    <fieldset className="description-form" disabled={!editable}>
      <legend className="visually-hidden">{t('description.formLegend')}</legend>
      <fieldset className="group">
        <legend>{t('description.name')}</legend>
        {text(['name', 'fi'], t('description.name.fi'), false)}
        {text(['name', 'sv'], t('description.name.sv'), true)}
        {text(['name', 'en'], t('description.name.en'), true)}
      </fieldset>
      <fieldset className="group">
        <legend>{t('description.contact')}</legend>
        {text(['contactPerson', 'name'], t('description.contact.name'), false)}
        {text(['contactPerson', 'email'], t('description.contact.email'), true, 'email')}
        {text(['contactPerson', 'phone'], t('description.contact.phone'), true, 'tel')}
        {text(['contactPerson', 'address'], t('description.contact.address'), true)}
      </fieldset>
      <FieldsTable doc={doc} catalogue={catalogue} onChange={onChange} />
    </fieldset>
  );
}

function FieldsTable({ doc, catalogue, onChange }: Omit<DescriptionFormProps, 'editable'>) {
  const t = useT();
  const { lang } = useLang();
  const purposes = purposesOf(doc).filter((p) => p.key);
  const declared = new Map(fieldsOf(doc).map((f) => [f.key, f]));
  const purposeName = (p: { key: string; name: Record<string, string> }) =>
    pickLocalized(p.name.fi ? { fi: p.name.fi, sv: p.name.sv, en: p.name.en } : null, lang) || p.key;

  if (!catalogue) return <p role="status">{t('description.catalogueLoading')}</p>;
  return (
    <div className="group">
      <p className="field__hint" id="fields-table-hint">
        {t('description.fieldsHint')}
      </p>
      <div className="table-wrap" role="region" aria-labelledby="fields-table-caption" tabIndex={0}>
        <table className="checklist" aria-describedby="fields-table-hint">
          <caption id="fields-table-caption">{t('description.fields')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('description.field')}</th>
              <th scope="col">{t('description.declared')}</th>
              {purposes.map((p) => (
                <th scope="col" key={p.key}>
                  {purposeName(p)}
                </th>
              ))}
              <th scope="col">{t('description.required')}</th>
            </tr>
          </thead>
          <tbody>
            {catalogue.map((field) => {
              const label = pickLocalized(field.label, lang);
              const entry = declared.get(field.key);
              return (
                <tr key={field.key} className={entry ? 'is-declared' : undefined}>
                  <th scope="row">
                    {label} <code className="muted">{field.key}</code>
                  </th>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={t('description.declareField', { field: label })}
                      checked={!!entry}
                      onChange={(e) => onChange(withFieldDeclared(doc, field.key, e.target.checked))}
                    />
                  </td>
                  {purposes.map((p) => (
                    <td key={p.key}>
                      {entry ? (
                        <input
                          type="checkbox"
                          aria-label={t('description.fieldPurpose', { field: label, purpose: purposeName(p) })}
                          checked={entry.purposes.includes(p.key)}
                          onChange={(e) => onChange(withFieldPurpose(doc, field.key, p.key, e.target.checked))}
                        />
                      ) : null}
                    </td>
                  ))}
                  <td>
                    {entry ? (
                      <input
                        type="checkbox"
                        aria-label={t('description.fieldRequired', { field: label })}
                        checked={entry.required}
                        onChange={(e) => onChange(withFieldRequired(doc, field.key, e.target.checked))}
                      />
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
