import type { Subject } from '../../db/schema.ts';

/** Each stored column with the catalogue field it holds. */
export const FIELD_OF_COLUMN: [keyof Subject, string][] = [
  ['first_name', 'firstName'],
  ['last_name', 'lastName'],
  ['email', 'email'],
  ['phone', 'phone'],
  ['street', 'address.street'],
  ['postal_code', 'address.postalCode'],
  ['city', 'address.city'],
  ['country', 'address.country'],
  ['birth_date', 'birthDate'],
  ['hetu_masked', 'personalIdentityCode'],
  ['interests', 'interests'],
  ['feedback', 'feedback'],
  ['ip', 'ip'],
  ['source_page', 'sourcePage'],
  ['website', 'website'],
  ['org_name', 'organisation.name'],
  ['org_business_id', 'organisation.businessId'],
  ['org_einvoice_address', 'organisation.eInvoiceAddress'],
  ['org_einvoice_operator', 'organisation.eInvoiceOperator'],
  ['org_reference', 'organisation.reference'],
  ['org_marking', 'organisation.marking'],
];

/** The stored column of each catalogue field kept on the customer row. */
export const COLUMN_OF_FIELD = new Map(FIELD_OF_COLUMN.map(([c, f]) => [f, c]));

/** The fields of a record (or of a row about to be written) that hold something: what it discloses. */
export function presentFields(row: Partial<Record<keyof Subject, unknown>>): string[] {
  return FIELD_OF_COLUMN.filter(([column]) => row[column] !== null && row[column] !== undefined).map(
    ([, field]) => field,
  );
}
