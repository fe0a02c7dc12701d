import { describe, it, expect } from 'vitest';
import { isValidPostalCode, normalizePostalCode } from '../../src/validation/postal-code.js';

describe('postal codes', () => {
  it('FI: five digits, optional FI- prefix stripped', () => {
    expect(normalizePostalCode('00100', 'FI')).toBe('00100');
    expect(normalizePostalCode('FI-00530', 'fi')).toBe('00530');
    expect(normalizePostalCode(' fi-99999 ', 'FI')).toBe('99999');
    expect(normalizePostalCode('22100', 'FI')).toBe('22100');
    expect(isValidPostalCode('0010', 'FI')).toBe(false);
    expect(isValidPostalCode('001000', 'FI')).toBe(false);
    expect(isValidPostalCode('AX-22100', 'FI')).toBe(false);
    expect(isValidPostalCode('00 100', 'FI')).toBe(false);
  });

  it('AX: 22NNN, optional AX- prefix stripped', () => {
    expect(normalizePostalCode('22100', 'AX')).toBe('22100');
    expect(normalizePostalCode('AX-22100', 'ax')).toBe('22100');
    expect(isValidPostalCode('00100', 'AX')).toBe(false);
    expect(isValidPostalCode('FI-22100', 'AX')).toBe(false);
  });

  it('SE: NNN NN with optional space, normalized with space', () => {
    expect(normalizePostalCode('11455', 'SE')).toBe('114 55');
    expect(normalizePostalCode('114 55', 'se')).toBe('114 55');
    expect(isValidPostalCode('114  55', 'SE')).toBe(false);
    expect(isValidPostalCode('1145', 'SE')).toBe(false);
  });

  it('EE and DE: five digits; NO and DK: four digits', () => {
    expect(isValidPostalCode('10111', 'EE')).toBe(true);
    expect(isValidPostalCode('10115', 'DE')).toBe(true);
    expect(isValidPostalCode('1011', 'DE')).toBe(false);
    expect(isValidPostalCode('0150', 'NO')).toBe(true);
    expect(isValidPostalCode('1050', 'DK')).toBe(true);
    expect(isValidPostalCode('10500', 'DK')).toBe(false);
  });

  it('other countries: 2-10 letters, digits, spaces and hyphens', () => {
    expect(normalizePostalCode('sw1a 1aa', 'GB')).toBe('SW1A 1AA');
    expect(normalizePostalCode('1000-001', 'PT')).toBe('1000-001');
    expect(isValidPostalCode('12', 'US')).toBe(true);
    expect(isValidPostalCode('1', 'US')).toBe(false);
    expect(isValidPostalCode('12345678901', 'US')).toBe(false);
    expect(isValidPostalCode('100#01', 'US')).toBe(false);
    expect(isValidPostalCode('--', 'US')).toBe(false);
  });

  it('rejects a country that is not an alpha-2 code', () => {
    expect(isValidPostalCode('00100', 'FIN')).toBe(false);
    expect(isValidPostalCode('00100', '')).toBe(false);
  });
});
