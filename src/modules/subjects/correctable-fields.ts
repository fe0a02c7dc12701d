/**
 * Which fields a person corrects and how. No imports but types: the web console reads it too.
 */
import type { FieldKey } from '../registers/field-catalogue.ts';

/** Fields the person corrects at once in the portal (GDPR 16), validated as the shop API validates them. */
export const CORRECTABLE_FIELDS = [
  'firstName',
  'lastName',
  'phone',
  'address.street',
  'address.postalCode',
  'address.city',
  'address.country',
  'birthDate',
  'interests',
  'feedback',
  'website',
  'organisation.name',
  'organisation.eInvoiceAddress',
  'organisation.eInvoiceOperator',
  'organisation.reference',
  'organisation.marking',
] as const satisfies readonly FieldKey[];

/**
 * Fields the merchant verifies before changing them, so a correction becomes a request to the
 * requests desk: the email address is how the person is found and signs in, and identity codes
 * are checked against a document or the trade register.
 */
export const VERIFIED_FIELDS = [
  'email',
  'personalIdentityCode',
  'organisation.businessId',
] as const satisfies readonly FieldKey[];
