import { getCountrySpecifications } from 'ibantools';
import { businessIdCheckDigit } from './business-id.js';
import { normalizeIban } from './iban.js';

export interface EInvoiceOperator {
  readonly id: string;
  readonly name: string;
}

// Snapshot of LEGAL.md §3; IDs change, so refresh this from TIEKE's Verkkolaskuosoitteisto.
// OpusCapita is listed as E204503; OCA's list has 003710948874 instead, which passes anyway as an OVT-form ID.
export const knownOperators: readonly EInvoiceOperator[] = Object.freeze(
  [
    { id: '003723327487', name: 'Apix Messaging Oy' },
    { id: 'BAWCFI22', name: 'Basware Oyj' },
    { id: '003721291126', name: 'Maventa' },
    { id: '003723609900', name: 'Pagero' },
    { id: '003726044706', name: 'Netbox Finland' },
    { id: '003701011385', name: 'Tieto(EVRY)' },
    { id: '003703575029', name: 'CGI' },
    { id: 'E204503', name: 'OpusCapita' },
    { id: 'NDEAFIHH', name: 'Nordea' },
    { id: 'OKOYFIHH', name: 'OP' },
    { id: 'DABAFIHH', name: 'Danske Bank' },
    { id: 'HANDFIHH', name: 'Handelsbanken' },
    { id: 'HELSFIHH', name: 'Aktia' },
    { id: 'ITELFIHH', name: 'Säästöpankit' },
    { id: 'POPFFI22', name: 'POP Pankki' },
    { id: 'SBANFIHH', name: 'S-Pankki' },
    { id: 'AABAFI22', name: 'Ålandsbanken' },
  ].map((op) => Object.freeze(op)),
);

const KNOWN_OPERATOR_IDS: ReadonlySet<string> = new Set(knownOperators.map((op) => op.id));

const OVT_PATTERN = /^0037(\d{7})(\d)[A-Z0-9]{0,5}$/;
const BIC_PATTERN = /^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/;
// LEGAL.md gives no format for operator-issued addresses. We accept 5-35 of A-Z/0-9 with at least one
// digit: long enough to rule out typos like "none", short enough for Finvoice address fields, and the
// digit requirement rejects plain words typed into the address field.
const OPERATOR_CODE_PATTERN = /^(?=[A-Z]*\d)[A-Z0-9]{5,35}$/;

function isOvtCode(code: string): boolean {
  const m = OVT_PATTERN.exec(code);
  if (!m) return false;
  const check = businessIdCheckDigit(m[1] ?? '');
  return check !== null && check === Number(m[2]);
}

// Without this, an IBAN or OVT code with a typo would slip through as an "operator-issued code".
function looksLikeIban(compact: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(compact)) return false;
  const spec = getCountrySpecifications()[compact.slice(0, 2)];
  return spec !== undefined && spec.IBANRegistry && spec.chars === compact.length;
}

/** Canonical (upper-case, IBANs in electronic format) address, or null when it is no valid address. */
export function normalizeEInvoiceAddress(value: string): string | null {
  const v = value.trim().toUpperCase();
  if (v.startsWith('0037')) return isOvtCode(v) ? v : null;
  const iban = normalizeIban(v);
  if (iban !== null) return iban;
  if (looksLikeIban(v.replace(/\s+/g, ''))) return null;
  return OPERATOR_CODE_PATTERN.test(v) ? v : null;
}

export function validateEInvoiceAddress(value: string): boolean {
  return normalizeEInvoiceAddress(value) !== null;
}

export function validateOperatorId(value: string): boolean {
  const v = value.trim().toUpperCase();
  return KNOWN_OPERATOR_IDS.has(v) || isOvtCode(v) || BIC_PATTERN.test(v);
}
