/**
 * Register descriptions in the editor: the JSON text is the truth, and the form reads and writes
 * a few of its parts (see src/modules/registers/description.schema.ts for the whole format).
 */

export type Doc = Record<string, unknown>;

const tri = (fi: string, sv: string, en: string) => ({ fi, sv, en });

/** A minimal description that passes validation: three fields, one purpose, one retention rule. */
export const DESCRIPTION_TEMPLATE: Doc = {
  formatVersion: 1,
  name: tri('Uusi asiakasrekisteri', 'Nytt kundregister', 'New customer register'),
  contactPerson: { name: 'Etunimi Sukunimi', email: 'tietosuoja@example.fi' },
  subjectCategories: [tri('Asiakkaat', 'Kunder', 'Customers')],
  purposes: [
    {
      key: 'customer_relationship',
      name: tri('Asiakassuhteen hoitaminen', 'Skötsel av kundrelationen', 'Managing the customer relationship'),
      legalBasis: 'contract',
      dataUse: 'essential.service',
    },
  ],
  fields: [
    { key: 'firstName', purposes: ['customer_relationship'], required: true },
    { key: 'lastName', purposes: ['customer_relationship'], required: true },
    { key: 'email', purposes: ['customer_relationship'], required: true },
  ],
  sources: [tri('Asiakkaalta itseltään', 'Från kunden själv', 'From the customer')],
  retention: [
    {
      key: 'customer_data',
      fields: ['firstName', 'lastName', 'email'],
      period: { years: 2 },
      trigger: 'last_activity',
      reason: tri(
        'Tiedot poistetaan kahden vuoden kuluttua viimeisestä asioinnista.',
        'Uppgifterna raderas två år efter det senaste ärendet.',
        'The data is deleted two years after the last activity.',
      ),
    },
  ],
  security: {
    manual: tri('Paperisia aineistoja ei ole.', 'Det finns inget pappersmaterial.', 'There are no paper records.'),
    electronic: tri(
      'Tietoihin pääsevät vain nimetyt henkilöt omilla tunnuksillaan.',
      'Endast utsedda personer kommer åt uppgifterna med egna användarnamn.',
      'Only named people reach the data, with their own credentials.',
    ),
  },
  profiling: {
    automatedDecisions: false,
    description: tri(
      'Tietoja ei käytetä profilointiin.',
      'Uppgifterna används inte för profilering.',
      'The data is not used for profiling.',
    ),
  },
};

export const stringify = (doc: unknown) => JSON.stringify(doc, null, 2);

export type Parsed =
  { ok: true; doc: Doc } | { ok: false; line: number | null; column: number | null; notObject?: boolean };

/** Parses the editor's text; on a syntax error, where it is (if the browser says). */
export function parseDoc(text: string): Parsed {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return { ok: false, line: null, column: null, notObject: true };
    return { ok: true, doc: value as Doc };
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    const lineCol = /line (\d+) column (\d+)/.exec(message);
    if (lineCol) return { ok: false, line: Number(lineCol[1]), column: Number(lineCol[2]) };
    const position = /position (\d+)/.exec(message);
    if (position) {
      const before = text.slice(0, Number(position[1]));
      const lines = before.split('\n');
      return { ok: false, line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
    }
    return { ok: false, line: null, column: null };
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A string at a path of object keys, '' if absent. */
export function textAt(doc: Doc, path: readonly string[]): string {
  let node: unknown = doc;
  for (const key of path) node = isRecord(node) ? node[key] : undefined;
  return typeof node === 'string' ? node : '';
}

/**
 * A copy of `doc` with the string at `path` set; an empty value removes the key when `optional`
 * (sv and en names, the contact's email…), so an emptied field does not become an invalid "".
 */
export function withText(doc: Doc, path: readonly string[], value: string, optional: boolean): Doc {
  const [head, ...rest] = path;
  if (head === undefined) return doc;
  const copy: Doc = { ...doc };
  if (rest.length === 0) {
    if (optional && value === '') delete copy[head];
    else copy[head] = value;
    return copy;
  }
  copy[head] = withText(isRecord(copy[head]) ? copy[head] : {}, rest, value, optional);
  return copy;
}

export interface PurposeInfo {
  key: string;
  name: Record<string, string>;
}

export function purposesOf(doc: Doc): PurposeInfo[] {
  const list = Array.isArray(doc.purposes) ? doc.purposes : [];
  return list.filter(isRecord).map((p) => ({
    key: typeof p.key === 'string' ? p.key : '',
    name: isRecord(p.name)
      ? (Object.fromEntries(Object.entries(p.name).filter(([, v]) => typeof v === 'string')) as Record<string, string>)
      : {},
  }));
}

export interface DeclaredField {
  key: string;
  purposes: string[];
  required: boolean;
}

export function fieldsOf(doc: Doc): DeclaredField[] {
  const list = Array.isArray(doc.fields) ? doc.fields : [];
  return list.filter(isRecord).map((f) => ({
    key: typeof f.key === 'string' ? f.key : '',
    purposes: Array.isArray(f.purposes) ? f.purposes.filter((p): p is string => typeof p === 'string') : [],
    required: f.required === true,
  }));
}

function mapFields(doc: Doc, fn: (fields: unknown[]) => unknown[]): Doc {
  return { ...doc, fields: fn(Array.isArray(doc.fields) ? doc.fields : []) };
}

const keyOf = (f: unknown) => (isRecord(f) ? f.key : undefined);

/** Declares or drops a catalogue field; a new one serves the first purpose. */
export function withFieldDeclared(doc: Doc, key: string, declared: boolean): Doc {
  if (!declared) return mapFields(doc, (fields) => fields.filter((f) => keyOf(f) !== key));
  if (fieldsOf(doc).some((f) => f.key === key)) return doc;
  const first = purposesOf(doc)[0]?.key;
  return mapFields(doc, (fields) => [...fields, { key, purposes: first ? [first] : [], required: false }]);
}

export function withFieldPurpose(doc: Doc, key: string, purpose: string, on: boolean): Doc {
  return mapFields(doc, (fields) =>
    fields.map((f) => {
      if (!isRecord(f) || f.key !== key) return f;
      const current: unknown[] = Array.isArray(f.purposes) ? f.purposes : [];
      const purposes = on ? [...current.filter((p) => p !== purpose), purpose] : current.filter((p) => p !== purpose);
      return { ...f, purposes };
    }),
  );
}

export function withFieldRequired(doc: Doc, key: string, required: boolean): Doc {
  return mapFields(doc, (fields) => fields.map((f) => (isRecord(f) && f.key === key ? { ...f, required } : f)));
}
