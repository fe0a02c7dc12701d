import { z } from 'zod';
import type { FieldProblem } from '../../errors.ts';
import type { Subject } from '../../db/schema.ts';
import type { FieldKey } from '../registers/field-catalogue.ts';
import {
  containsPaymentCardNumber,
  isValidBusinessId,
  maskHenkilotunnus,
  normalizeBusinessId,
  normalizePhone,
  normalizePostalCode,
  parseHenkilotunnus,
  validateEInvoiceAddress,
  validateOperatorId,
} from '../../validation/index.ts';
import type { CustomerInput } from './customer.schemas.ts';

export interface CustomerRules {
  declared: ReadonlySet<FieldKey>;
  /** The henkilötunnus is only for credit purchases (seed 000; Tietosuojalaki 29 §). */
  creditPurchase: boolean;
  /** Temporary (900–999) identity codes, e.g. strong-identification test users. */
  allowTemporaryIdentityCodes: boolean;
  /** Path prefix for problems, e.g. "customer" in an order body. */
  prefix: string;
}

/** The subject columns a customer record from a shop or an import fills. */
export const CUSTOMER_COLUMNS = [
  'kind',
  'first_name',
  'last_name',
  'email',
  'email_key',
  'phone',
  'street',
  'postal_code',
  'city',
  'country',
  'birth_date',
  'interests',
  'feedback',
  'website',
  'org_name',
  'org_business_id',
  'org_einvoice_address',
  'org_einvoice_operator',
  'org_reference',
  'org_marking',
  'hetu_masked',
] as const satisfies readonly (keyof Subject)[];

export type CustomerColumns = Pick<Subject, (typeof CUSTOMER_COLUMNS)[number]>;

export interface NormalizedCustomer {
  columns: CustomerColumns;
  /** Normalized henkilötunnus, to be sealed by the caller; never stored or logged as such. */
  personalIdentityCode: string | null;
}

const emailSchema = z.email();
const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
const knownRegions = new Map<string, boolean>();
function isRegion(code: string): boolean {
  let known = knownRegions.get(code);
  if (known === undefined) {
    known = /^[A-Z]{2}$/.test(code) && regionNames.of(code) !== code;
    if (knownRegions.size < 1000) knownRegions.set(code, known);
  }
  return known;
}

function blank(v: string | null | undefined): string | null {
  if (v === undefined || v === null) return null;
  const t = v.trim();
  return t === '' ? null : t;
}

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * Turns a customer as sent by a shop or an import row into column values, refusing every field
 * the register does not declare and every identifier that fails its check. Returns all problems.
 */
export function normalizeCustomer(
  input: CustomerInput,
  rules: CustomerRules,
): { value: NormalizedCustomer | null; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const at = (path: string) => (rules.prefix ? `${rules.prefix}.${path}` : path);
  const problem = (path: string, code: string, message: string) => problems.push({ field: at(path), code, message });

  const take = (path: string, key: FieldKey, raw: string | null | undefined): string | null => {
    const value = blank(raw);
    if (value === null) return null;
    if (!rules.declared.has(key)) {
      problem(path, 'undeclared', `the register description does not declare ${key}`);
      return null;
    }
    if (CONTROL.test(value)) {
      problem(path, 'control_characters', 'contains control characters');
      return null;
    }
    return value;
  };
  const freeText = (path: string, key: FieldKey, raw: string | null | undefined): string | null => {
    const value = take(path, key, raw);
    if (value !== null && containsPaymentCardNumber(value)) {
      problem(path, 'payment_card_number', 'looks like a payment card number; card numbers are never stored');
      return null;
    }
    return value;
  };

  const org = input.organisation ?? null;
  const address = input.address ?? null;

  const firstName = freeText('firstName', 'firstName', input.firstName);
  const lastName = freeText('lastName', 'lastName', input.lastName);

  let email = take('email', 'email', input.email);
  if (email !== null) {
    if (!emailSchema.safeParse(email).success) {
      problem('email', 'invalid_email', 'is not a valid email address');
      email = null;
    }
  }

  let country = take('address.country', 'address.country', address?.country);
  if (country !== null) {
    country = country.toUpperCase();
    if (!isRegion(country)) {
      problem('address.country', 'invalid_country', 'must be an ISO 3166-1 alpha-2 country code such as FI');
      country = null;
    }
  }

  let phone = take('phone', 'phone', input.phone);
  if (phone !== null) {
    const e164 = normalizePhone(phone, country ?? 'FI');
    if (!e164) problem('phone', 'invalid_phone', 'is not a valid phone number');
    phone = e164;
  }

  const street = freeText('address.street', 'address.street', address?.street);
  const city = freeText('address.city', 'address.city', address?.city);
  let postalCode = take('address.postalCode', 'address.postalCode', address?.postalCode);
  if (postalCode !== null) {
    const normalized = normalizePostalCode(postalCode, country ?? 'FI');
    if (!normalized)
      problem('address.postalCode', 'invalid_postal_code', `is not a valid postal code for ${country ?? 'FI'}`);
    postalCode = normalized;
  }

  let birthDate = take('birthDate', 'birthDate', input.birthDate);
  if (birthDate !== null) {
    if (!isPlausibleBirthDate(birthDate)) {
      problem('birthDate', 'invalid_date', 'must be a past date as YYYY-MM-DD');
      birthDate = null;
    }
  }

  let hetu: string | null = null;
  let hetuMasked: string | null = null;
  const rawHetu = take('personalIdentityCode', 'personalIdentityCode', input.personalIdentityCode);
  if (rawHetu !== null) {
    if (!rules.creditPurchase) {
      problem(
        'personalIdentityCode',
        'not_allowed',
        'is accepted only with a credit purchase (payment method invoice)',
      );
    } else {
      const parsed = parseHenkilotunnus(rawHetu, { allowTemporary: rules.allowTemporaryIdentityCodes });
      if (!parsed.ok) {
        problem('personalIdentityCode', `invalid_${parsed.reason}`, describeHetuProblem(parsed.reason));
      } else if (birthDate !== null && parsed.birthDate !== birthDate) {
        problem('personalIdentityCode', 'birth_date_mismatch', 'does not match birthDate');
      } else {
        hetu = parsed.normalized;
        hetuMasked = maskHenkilotunnus(parsed.normalized);
      }
    }
  }

  let interests: string[] | null = null;
  if (input.interests && input.interests.length > 0) {
    if (!rules.declared.has('interests')) {
      problem('interests', 'undeclared', 'the register description does not declare interests');
    } else {
      interests = [];
      input.interests.forEach((raw, i) => {
        const v = freeText(`interests.${i}`, 'interests', raw);
        if (v !== null) interests!.push(v);
      });
    }
  }

  const feedback = freeText('feedback', 'feedback', input.feedback);
  let website = take('website', 'website', input.website);
  if (website !== null && !isHttpUrl(website)) {
    problem('website', 'invalid_url', 'must be an http or https address');
    website = null;
  }

  const orgName = freeText('organisation.name', 'organisation.name', org?.name);
  let businessId = take('organisation.businessId', 'organisation.businessId', org?.businessId);
  if (businessId !== null) {
    const normalized = normalizeBusinessId(businessId);
    if (!normalized || !isValidBusinessId(normalized)) {
      problem('organisation.businessId', 'invalid_business_id', 'is not a valid Y-tunnus (check digit)');
      businessId = null;
    } else businessId = normalized;
  }
  let eInvoiceAddress = take('organisation.eInvoiceAddress', 'organisation.eInvoiceAddress', org?.eInvoiceAddress);
  if (eInvoiceAddress !== null) {
    eInvoiceAddress = eInvoiceAddress.replace(/\s+/g, '').toUpperCase();
    if (!validateEInvoiceAddress(eInvoiceAddress)) {
      problem(
        'organisation.eInvoiceAddress',
        'invalid_einvoice_address',
        'is not an OVT code, IBAN or operator e-invoice address',
      );
      eInvoiceAddress = null;
    }
  }
  let eInvoiceOperator = take('organisation.eInvoiceOperator', 'organisation.eInvoiceOperator', org?.eInvoiceOperator);
  if (eInvoiceOperator !== null) {
    eInvoiceOperator = eInvoiceOperator.replace(/\s+/g, '').toUpperCase();
    if (!validateOperatorId(eInvoiceOperator)) {
      problem('organisation.eInvoiceOperator', 'invalid_operator_id', 'is not a known e-invoice operator ID or BIC');
      eInvoiceOperator = null;
    }
  }
  if (blank(org?.eInvoiceAddress) !== null && blank(org?.eInvoiceOperator) === null) {
    problem(
      'organisation.eInvoiceOperator',
      'required',
      'an e-invoice address needs its operator ID (välittäjätunnus)',
    );
  }
  const reference = freeText('organisation.reference', 'organisation.reference', org?.reference);
  const marking = freeText('organisation.marking', 'organisation.marking', org?.marking);
  const isOrganisation = [orgName, businessId, eInvoiceAddress, eInvoiceOperator, reference, marking].some(
    (v) => v !== null,
  );

  if (problems.length > 0) return { value: null, problems };
  return {
    value: {
      personalIdentityCode: hetu,
      columns: {
        kind: isOrganisation ? 'organisation' : 'person',
        first_name: firstName,
        last_name: lastName,
        email,
        email_key: email === null ? null : email.toLowerCase(),
        phone,
        street,
        postal_code: postalCode,
        city,
        country,
        birth_date: birthDate,
        interests,
        feedback,
        website,
        org_name: orgName,
        org_business_id: businessId,
        org_einvoice_address: eInvoiceAddress,
        org_einvoice_operator: eInvoiceOperator,
        org_reference: reference,
        org_marking: marking,
        hetu_masked: hetuMasked,
      },
    },
    problems,
  };
}

function describeHetuProblem(reason: string): string {
  switch (reason) {
    case 'checksum':
      return 'is not a valid henkilötunnus (check character)';
    case 'date':
      return 'is not a valid henkilötunnus (no such date)';
    case 'temporary':
      return 'is a temporary identity code (900–999), not accepted here';
    default:
      return 'is not a valid henkilötunnus (format DDMMYYCZZZQ)';
  }
}

function isPlausibleBirthDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) return false;
  return d.getUTCFullYear() >= 1850 && d.getTime() <= Date.now();
}

function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}
