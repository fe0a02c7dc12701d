import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { containsPaymentCardNumber, luhnValid } from '../../src/validation/payment-card.js';

// Own Luhn for generating test data, independent of the implementation.
function luhnCheckDigit(partial: string): string {
  let sum = 0;
  for (let i = 0; i < partial.length; i++) {
    let d = Number(partial.charAt(partial.length - 1 - i));
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

const pan16 = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 15, maxLength: 15 }).map((ds) => {
  const partial = ds.join('');
  return partial + luhnCheckDigit(partial);
});
const letters = fc.string({
  unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzÅÄÖ .,'.split('')),
  maxLength: 30,
});

describe('luhnValid', () => {
  it('checks the Luhn sum', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('79927398713')).toBe(true);
  });

  it('rejects non-digit input', () => {
    expect(luhnValid('')).toBe(false);
    expect(luhnValid('4111 1111 1111 1111')).toBe(false);
  });
});

describe('containsPaymentCardNumber', () => {
  it('finds card numbers with spaces, dashes or glued to letters', () => {
    expect(containsPaymentCardNumber('4111111111111111')).toBe(true);
    expect(containsPaymentCardNumber('card: 4111 1111 1111 1111, exp 12/29')).toBe(true);
    expect(containsPaymentCardNumber('x4111-1111-1111-1111y')).toBe(true);
    expect(containsPaymentCardNumber('378282246310005')).toBe(true); // 15-digit Amex test number
  });

  it('finds a valid 16-digit window inside a 20+ digit run', () => {
    expect(containsPaymentCardNumber('ref 9994111111111111111888 end')).toBe(true);
  });

  it('ignores short runs, Luhn failures and broken separators', () => {
    expect(containsPaymentCardNumber('')).toBe(false);
    expect(containsPaymentCardNumber('tilaus 123456789012 maksettu')).toBe(false);
    expect(containsPaymentCardNumber('4111111111111113')).toBe(false);
    expect(containsPaymentCardNumber('4111  1111  1111  1111')).toBe(false);
    expect(containsPaymentCardNumber('4111 / 1111 / 1111 / 1111')).toBe(false);
  });

  it('flags a Luhn-failing 16-digit run when a shorter window inside it passes (by design: over-detect)', () => {
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(containsPaymentCardNumber('4111111111111112')).toBe(true);
  });

  it('detects a random Luhn-valid 16-digit number embedded in random text', () => {
    fc.assert(
      fc.property(pan16, letters, letters, (pan, before, after) => {
        expect(containsPaymentCardNumber(`${before}${pan}${after}`)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('detects it with a space every 4 digits too', () => {
    fc.assert(
      fc.property(pan16, letters, letters, (pan, before, after) => {
        const spaced = pan.replace(/(\d{4})(?=\d)/g, '$1 ');
        expect(containsPaymentCardNumber(`${before}${spaced}${after}`)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('finds nothing in digit-free text', () => {
    fc.assert(fc.property(letters, (text) => !containsPaymentCardNumber(text)));
  });
});
