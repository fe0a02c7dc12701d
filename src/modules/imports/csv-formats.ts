import type { CustomerInput } from '../subjects/customer.schemas.ts';

/** One CSV row as a customer, with the platform's own id when the export has one. */
export interface MappedRow {
  customer: CustomerInput;
  externalId: string | null;
  /** What the export says of marketing permission per channel; absent when it says nothing. */
  marketing?: { email?: boolean | null; sms?: boolean | null };
}

/** yes/no, true/false, 1/0 as exports write them; anything else is no answer. */
export function yesNo(value: string | null): boolean | null {
  if (value === null) return null;
  const x = value.trim().toLowerCase();
  if (['yes', 'true', '1', 'kyllä', 'ja', 'y'].includes(x)) return true;
  if (['no', 'false', '0', 'ei', 'nej', 'n'].includes(x)) return false;
  return null;
}

export interface CsvFormat {
  name: 'omadata' | 'shopify' | 'woocommerce';
  /** Header columns this format reads; the rest are reported as ignored. */
  mapped: string[];
  map(record: Record<string, string>): MappedRow;
}

const v = (record: Record<string, string>, column: string): string | null => {
  const value = record[column];
  return value === undefined || value.trim() === '' ? null : value.trim();
};

const joinLines = (...parts: (string | null)[]) => parts.filter(Boolean).join(', ') || null;

const splitList = (value: string | null) =>
  value
    ? value
        .split(/[;,]/)
        .map((s) => s.trim())
        .filter(Boolean)
    : null;

export const OMADATA_COLUMNS = [
  'externalId',
  'firstName',
  'lastName',
  'email',
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
  'organisation.businessId',
  'organisation.eInvoiceAddress',
  'organisation.eInvoiceOperator',
  'organisation.reference',
  'organisation.marking',
  'marketing.email',
  'marketing.sms',
] as const;

const omadata: CsvFormat = {
  name: 'omadata',
  mapped: [...OMADATA_COLUMNS],
  map: (r) => ({
    externalId: v(r, 'externalId'),
    customer: {
      firstName: v(r, 'firstName'),
      lastName: v(r, 'lastName'),
      email: v(r, 'email'),
      phone: v(r, 'phone'),
      address: {
        street: v(r, 'address.street'),
        postalCode: v(r, 'address.postalCode'),
        city: v(r, 'address.city'),
        country: v(r, 'address.country'),
      },
      birthDate: v(r, 'birthDate'),
      interests: splitList(v(r, 'interests')),
      feedback: v(r, 'feedback'),
      website: v(r, 'website'),
      organisation: {
        name: v(r, 'organisation.name'),
        businessId: v(r, 'organisation.businessId'),
        eInvoiceAddress: v(r, 'organisation.eInvoiceAddress'),
        eInvoiceOperator: v(r, 'organisation.eInvoiceOperator'),
        reference: v(r, 'organisation.reference'),
        marking: v(r, 'organisation.marking'),
      },
    },
    marketing: { email: yesNo(v(r, 'marketing.email')), sms: yesNo(v(r, 'marketing.sms')) },
  }),
};

/**
 * Shopify's customer export (Customers → Export). Newer exports prefix the address columns with
 * "Default Address"; older ones do not. Both are read.
 */
const shopify: CsvFormat = {
  name: 'shopify',
  mapped: [
    'Customer ID',
    'First Name',
    'Last Name',
    'Email',
    'Phone',
    'Default Address Company',
    'Default Address Address1',
    'Default Address Address2',
    'Default Address City',
    'Default Address Country Code',
    'Default Address Zip',
    'Default Address Phone',
    'Company',
    'Address1',
    'Address2',
    'City',
    'Country Code',
    'Zip',
    'Accepts Email Marketing',
    'Accepts Marketing',
    'Accepts SMS Marketing',
  ],
  map: (r) => {
    const prefixed = 'Default Address Address1' in r;
    const a = (name: string) => v(r, prefixed ? `Default Address ${name}` : name);
    return {
      externalId: v(r, 'Customer ID'),
      customer: {
        firstName: v(r, 'First Name'),
        lastName: v(r, 'Last Name'),
        email: v(r, 'Email'),
        phone: v(r, 'Phone') ?? a('Phone'),
        address: {
          street: joinLines(a('Address1'), a('Address2')),
          postalCode: a('Zip')?.replace(/^'/, '') ?? null,
          city: a('City'),
          country: a('Country Code'),
        },
        organisation: { name: a('Company') },
      },
      marketing: {
        email: yesNo(v(r, 'Accepts Email Marketing') ?? v(r, 'Accepts Marketing')),
        sms: yesNo(v(r, 'Accepts SMS Marketing')),
      },
    };
  },
};

/**
 * WooCommerce: the Analytics → Customers download (Name, Email, Country / Region, City, Postal
 * code) and the billing_* columns of WooCommerce's customer export extensions.
 */
const woocommerce: CsvFormat = {
  name: 'woocommerce',
  mapped: [
    'Name',
    'Email',
    'Country / Region',
    'City',
    'Postal code',
    'customer_id',
    'first_name',
    'last_name',
    'email',
    'billing_first_name',
    'billing_last_name',
    'billing_company',
    'billing_email',
    'billing_phone',
    'billing_address_1',
    'billing_address_2',
    'billing_postcode',
    'billing_city',
    'billing_country',
  ],
  map: (r) => {
    if ('Name' in r) {
      const name = v(r, 'Name');
      const space = name ? name.lastIndexOf(' ') : -1;
      return {
        externalId: null,
        customer: {
          firstName: name && space > 0 ? name.slice(0, space) : name,
          lastName: name && space > 0 ? name.slice(space + 1) : null,
          email: v(r, 'Email'),
          address: { postalCode: v(r, 'Postal code'), city: v(r, 'City'), country: v(r, 'Country / Region') },
        },
      };
    }
    return {
      externalId: v(r, 'customer_id'),
      customer: {
        firstName: v(r, 'first_name') ?? v(r, 'billing_first_name'),
        lastName: v(r, 'last_name') ?? v(r, 'billing_last_name'),
        email: v(r, 'email') ?? v(r, 'billing_email'),
        phone: v(r, 'billing_phone'),
        address: {
          street: joinLines(v(r, 'billing_address_1'), v(r, 'billing_address_2')),
          postalCode: v(r, 'billing_postcode'),
          city: v(r, 'billing_city'),
          country: v(r, 'billing_country'),
        },
        organisation: { name: v(r, 'billing_company') },
      },
    };
  },
};

/** Recognises the export by its header. */
export function detectFormat(header: string[]): CsvFormat | null {
  const has = (c: string) => header.includes(c);
  if (has('email') && header.some((h) => (OMADATA_COLUMNS as readonly string[]).includes(h) && h.includes('.')))
    return omadata;
  if (has('email') && (has('firstName') || has('lastName') || has('externalId'))) return omadata;
  if (has('Email') && (has('Customer ID') || has('Accepts Email Marketing') || has('Accepts Marketing')))
    return shopify;
  if (has('Email') && has('Name') && (has('Country / Region') || has('Total spend') || has('Username')))
    return woocommerce;
  if (has('billing_email') || (has('customer_id') && has('email'))) return woocommerce;
  return null;
}
