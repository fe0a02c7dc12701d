import type { FieldProblem } from '../../errors.ts';
import type { Subject, SubjectUpdate } from '../../db/schema.ts';
import type { FieldKey } from '../registers/field-catalogue.ts';
import { normalizeCustomer, type CustomerColumns } from '../subjects/customer-input.ts';
import type { CustomerInput } from '../subjects/customer.schemas.ts';
import { COLUMN_OF_FIELD } from '../subjects/subject-fields.ts';
import { CORRECTABLE_FIELDS, VERIFIED_FIELDS } from '../subjects/correctable-fields.ts';

export { CORRECTABLE_FIELDS, VERIFIED_FIELDS };

export type CorrectionValue = string | string[] | null;

/** The stored customer as a shop would send it (the identity code is never decrypted for this). */
function asInput(s: Subject): CustomerInput {
  return {
    firstName: s.first_name,
    lastName: s.last_name,
    email: s.email,
    phone: s.phone,
    address: { street: s.street, postalCode: s.postal_code, city: s.city, country: s.country },
    birthDate: s.birth_date,
    interests: s.interests,
    feedback: s.feedback,
    website: s.website,
    organisation: {
      name: s.org_name,
      businessId: s.org_business_id,
      eInvoiceAddress: s.org_einvoice_address,
      eInvoiceOperator: s.org_einvoice_operator,
      reference: s.org_reference,
      marking: s.org_marking,
    },
  };
}

function setPath(input: CustomerInput, field: string, value: CorrectionValue): void {
  const [head, tail] = field.split('.') as [string, string | undefined];
  const target = input as Record<string, unknown>;
  if (tail === undefined) target[head] = value;
  else target[head] = { ...(target[head] as object | null), [tail]: value };
}

export interface CorrectionPlan {
  /** The columns to write, only those of the corrected fields. */
  update: SubjectUpdate;
  /** The fields that change value. */
  changed: string[];
}

/**
 * Checks a correction against the register: each field must be correctable and declared, a
 * required field cannot be emptied, and the value must pass the shop API's validation (a postal
 * code for the customer's country, a phone number in that country's plan). Problems name the
 * field as `fields.<key>`; problems in fields the person did not touch are not theirs to fix.
 */
export function planCorrection(
  subject: Subject,
  changes: Record<string, CorrectionValue>,
  register: { declared: ReadonlySet<FieldKey>; required: ReadonlySet<string> },
): { plan: CorrectionPlan | null; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const at = (field: string) => `fields.${field}`;
  const correctable = new Set<string>(CORRECTABLE_FIELDS);
  const input = asInput(subject);
  const touched: string[] = [];
  for (const [field, value] of Object.entries(changes)) {
    if ((VERIFIED_FIELDS as readonly string[]).includes(field)) {
      problems.push({ field: at(field), code: 'needs_request', message: 'is changed by the merchant on request' });
      continue;
    }
    if (!correctable.has(field)) {
      problems.push({ field: at(field), code: 'not_correctable', message: 'is not a field the customer can correct' });
      continue;
    }
    if (!register.declared.has(field as FieldKey)) {
      problems.push({ field: at(field), code: 'undeclared', message: 'the register does not keep this field' });
      continue;
    }
    const empty =
      value === null ||
      (typeof value === 'string' && value.trim() === '') ||
      (Array.isArray(value) && value.length === 0);
    if (empty && register.required.has(field)) {
      problems.push({
        field: at(field),
        code: 'required',
        message: 'is required by the register and cannot be emptied',
      });
      continue;
    }
    if (field === 'interests' ? !(value === null || Array.isArray(value)) : Array.isArray(value)) {
      problems.push({
        field: at(field),
        code: 'invalid_type',
        message: field === 'interests' ? 'must be a list of texts' : 'must be a text',
      });
      continue;
    }
    setPath(input, field, value);
    touched.push(field);
  }
  const rules = {
    declared: register.declared,
    creditPurchase: false,
    allowTemporaryIdentityCodes: false,
    prefix: 'fields',
  };
  const fieldOf = (p: FieldProblem) => p.field.replace(/^fields\./, '').replace(/\.\d+$/, '');
  // A problem is the person's when it is in a field they corrected, or in one read in its light
  // (the phone number and postal code depend on the country).
  const isMine = (p: FieldProblem) =>
    touched.includes(fieldOf(p)) ||
    (touched.includes('address.country') && ['phone', 'address.postalCode'].includes(fieldOf(p)));
  let { value, problems: found } = normalizeCustomer(input, rules);
  const mine = [...problems, ...found.filter(isMine)];
  if (mine.length > 0) return { plan: null, problems: mine };
  if (!value) {
    // A stored value from an older import fails today's checks: it is left as it is.
    for (const p of found) setPath(input, fieldOf(p), null);
    ({ value, problems: found } = normalizeCustomer(input, rules));
    if (!value) return { plan: null, problems: found };
  }

  const update: SubjectUpdate = {};
  const changed: string[] = [];
  for (const field of touched) {
    const column = COLUMN_OF_FIELD.get(field) as keyof CustomerColumns | undefined;
    if (!column) continue;
    const next = value.columns[column];
    const before = subject[column];
    if (JSON.stringify(next ?? null) === JSON.stringify(before ?? null)) continue;
    (update as Record<string, unknown>)[column] = next;
    changed.push(field);
  }
  return { plan: { update, changed }, problems: [] };
}
