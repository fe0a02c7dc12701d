import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  finnishReferenceToRf,
  isValidFinnishReference,
  isValidRfReference,
} from '../../src/validation/creditor-reference.js';

describe('Finnish creditor reference (viitenumero)', () => {
  it('accepts the LEGAL.md examples 1234561 and 2348236, with or without spaces', () => {
    expect(isValidFinnishReference('1234561')).toBe(true);
    expect(isValidFinnishReference('2348236')).toBe(true);
    expect(isValidFinnishReference('12 34561')).toBe(true);
    expect(isValidFinnishReference(' 23482 36 ')).toBe(true);
  });

  it('rejects wrong check digits, bad lengths, letters and leading zeros', () => {
    expect(isValidFinnishReference('1234562')).toBe(false);
    expect(isValidFinnishReference('123')).toBe(false);
    expect(isValidFinnishReference('1232')).toBe(true);
    expect(isValidFinnishReference('1'.repeat(21))).toBe(false);
    expect(isValidFinnishReference('12345A1')).toBe(false);
    expect(isValidFinnishReference('01234561')).toBe(false);
    expect(isValidFinnishReference('')).toBe(false);
  });
});

describe('RF creditor reference (ISO 11649)', () => {
  it('converts Finnish references as in LEGAL.md', () => {
    expect(finnishReferenceToRf('2348236')).toBe('RF332348236');
    expect(finnishReferenceToRf('1234561')).toBe('RF341234561');
    expect(finnishReferenceToRf('12345 61')).toBe('RF341234561');
  });

  it('refuses to convert an invalid Finnish reference', () => {
    expect(() => finnishReferenceToRf('1234562')).toThrow(RangeError);
  });

  it('validates the LEGAL.md examples', () => {
    expect(isValidRfReference('RF332348236')).toBe(true);
    expect(isValidRfReference('RF341234561')).toBe(true);
    expect(isValidRfReference('RF18539007547034')).toBe(true);
    expect(isValidRfReference('RF18 5390 0754 7034')).toBe(true);
    expect(isValidRfReference('rf18 5390 0754 7034')).toBe(true);
    expect(isValidRfReference('RF17539007547034')).toBe(false);
  });

  it('rejects wrong shapes', () => {
    expect(isValidRfReference('RF18')).toBe(false);
    expect(isValidRfReference('RX18539007547034')).toBe(false);
    expect(isValidRfReference(`RF18${'1'.repeat(22)}`)).toBe(false);
    expect(isValidRfReference('1234561')).toBe(false);
  });

  it('every valid Finnish reference converts to a valid RF reference of at most 25 chars', () => {
    const weights = [7, 3, 1];
    const finnishRef = fc.stringMatching(/^[1-9]\d{2,18}$/).map((base) => {
      let sum = 0;
      for (let i = 0; i < base.length; i++) sum += Number(base.charAt(base.length - 1 - i)) * (weights[i % 3] ?? 0);
      return base + String((10 - (sum % 10)) % 10);
    });
    fc.assert(
      fc.property(finnishRef, (ref) => {
        expect(isValidFinnishReference(ref)).toBe(true);
        const rf = finnishReferenceToRf(ref);
        expect(rf.length).toBeLessThanOrEqual(25);
        expect(isValidRfReference(rf)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
