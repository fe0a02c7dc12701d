import { describe, it, expect } from 'vitest';
import {
  knownOperators,
  normalizeEInvoiceAddress,
  validateEInvoiceAddress,
  validateOperatorId,
} from '../../src/validation/einvoice.js';

describe('validateEInvoiceAddress: OVT codes', () => {
  it('accepts the LEGAL.md examples 003715728600 and 003702459747234', () => {
    expect(validateEInvoiceAddress('003715728600')).toBe(true);
    expect(validateEInvoiceAddress('003702459747234')).toBe(true);
  });

  it('accepts suffixes of up to 5 alphanumerics (12-17 chars)', () => {
    expect(validateEInvoiceAddress('00371572860012345')).toBe(true);
    expect(validateEInvoiceAddress('003715728600ab1')).toBe(true);
    expect(normalizeEInvoiceAddress(' 003715728600ab1 ')).toBe('003715728600AB1');
  });

  it('rejects OVT codes with a bad Y-tunnus, a too long suffix or too few digits', () => {
    expect(validateEInvoiceAddress('003715728601')).toBe(false);
    expect(validateEInvoiceAddress('003715728660')).toBe(false); // 1572866-0: r = 1
    expect(validateEInvoiceAddress('003715728600123456')).toBe(false);
    expect(validateEInvoiceAddress('00371572860')).toBe(false);
  });
});

describe('validateEInvoiceAddress: IBAN', () => {
  it('accepts a valid IBAN with or without spaces', () => {
    expect(validateEInvoiceAddress('FI21 1234 5600 0007 85')).toBe(true);
    expect(validateEInvoiceAddress('FI2112345600000785')).toBe(true);
    expect(normalizeEInvoiceAddress('fi21 1234 5600 0007 85')).toBe('FI2112345600000785');
  });

  it('rejects an IBAN with a wrong checksum instead of taking it for an operator code', () => {
    expect(validateEInvoiceAddress('FI21 1234 5600 0007 86')).toBe(false);
    expect(validateEInvoiceAddress('FI2112345600000786')).toBe(false);
  });
});

describe('validateEInvoiceAddress: operator-issued codes', () => {
  it('accepts 5-35 chars of A-Z 0-9 with at least one digit', () => {
    expect(validateEInvoiceAddress('TE003701234567')).toBe(true);
    expect(validateEInvoiceAddress('ABCD1')).toBe(true);
    expect(validateEInvoiceAddress(`A${'1'.repeat(34)}`)).toBe(true);
  });

  it('rejects spaces, punctuation, digit-less words and bad lengths', () => {
    expect(validateEInvoiceAddress('ABC 12345')).toBe(false);
    expect(validateEInvoiceAddress('ABC-12345')).toBe(false);
    expect(validateEInvoiceAddress('NONE')).toBe(false);
    expect(validateEInvoiceAddress('ABCDEFGH')).toBe(false);
    expect(validateEInvoiceAddress('AB12')).toBe(false);
    expect(validateEInvoiceAddress(`A${'1'.repeat(35)}`)).toBe(false);
    expect(validateEInvoiceAddress('')).toBe(false);
  });
});

describe('knownOperators', () => {
  const table: Record<string, string> = {
    'Apix Messaging Oy': '003723327487',
    'Basware Oyj': 'BAWCFI22',
    Maventa: '003721291126',
    Pagero: '003723609900',
    'Netbox Finland': '003726044706',
    'Tieto(EVRY)': '003701011385',
    CGI: '003703575029',
    OpusCapita: 'E204503',
  };
  const bics = [
    'NDEAFIHH',
    'OKOYFIHH',
    'DABAFIHH',
    'HANDFIHH',
    'HELSFIHH',
    'ITELFIHH',
    'POPFFI22',
    'SBANFIHH',
    'AABAFI22',
  ];

  it('holds every ID from the LEGAL.md table, bank BICs included', () => {
    const ids = knownOperators.map((op) => op.id);
    for (const [name, id] of Object.entries(table)) {
      expect(knownOperators).toContainEqual({ id, name });
    }
    for (const bic of bics) expect(ids).toContain(bic);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('Apix is its own operator, not Basware', () => {
    expect(knownOperators.find((op) => op.id === '003723327487')?.name).toBe('Apix Messaging Oy');
  });

  it('is frozen', () => {
    expect(Object.isFrozen(knownOperators)).toBe(true);
  });
});

describe('validateOperatorId', () => {
  it('accepts every known operator ID, case-insensitive and trimmed', () => {
    for (const { id } of knownOperators) {
      expect(validateOperatorId(id)).toBe(true);
      expect(validateOperatorId(` ${id.toLowerCase()} `)).toBe(true);
    }
  });

  it('accepts the DPA intermediator E204503 and OpusCapita alternative 003710948874 (OVT form)', () => {
    expect(validateOperatorId('E204503')).toBe(true);
    expect(validateOperatorId('003710948874')).toBe(true);
  });

  it('accepts any OVT-form code and BIC-shaped codes', () => {
    expect(validateOperatorId('003715728600')).toBe(true);
    expect(validateOperatorId('003702459747234')).toBe(true);
    expect(validateOperatorId('ESSESESS')).toBe(true);
    expect(validateOperatorId('DEUTDEFF500')).toBe(true);
  });

  it('rejects OVT codes with a bad Y-tunnus and non-BIC shapes', () => {
    expect(validateOperatorId('003715728601')).toBe(false);
    expect(validateOperatorId('E204504')).toBe(false);
    expect(validateOperatorId('NDEAFIH')).toBe(false);
    expect(validateOperatorId('NDEAFIHH1')).toBe(false);
    expect(validateOperatorId('1DEAFIHH')).toBe(false);
    expect(validateOperatorId('')).toBe(false);
  });
});
