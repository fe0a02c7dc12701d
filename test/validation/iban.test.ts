import { describe, it, expect } from 'vitest';
import { normalizeIban } from '../../src/validation/iban.js';

describe('normalizeIban', () => {
  it('returns the electronic, upper-case form of a valid IBAN', () => {
    expect(normalizeIban('FI21 1234 5600 0007 85')).toBe('FI2112345600000785');
    expect(normalizeIban(' fi2112345600000785 ')).toBe('FI2112345600000785');
    expect(normalizeIban('NL91 ABNA 0417 1643 00')).toBe('NL91ABNA0417164300');
  });

  it('returns null for a bad checksum, a wrong length or garbage', () => {
    expect(normalizeIban('FI2112345600000786')).toBeNull();
    expect(normalizeIban('FI211234560000078')).toBeNull();
    expect(normalizeIban('not an iban')).toBeNull();
    expect(normalizeIban('')).toBeNull();
  });
});
