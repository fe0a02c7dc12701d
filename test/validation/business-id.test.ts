import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { businessIdToVat, isValidBusinessId, normalizeBusinessId } from '../../src/validation/business-id.js';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2];

function remainder(body: string): number {
  return [...body].reduce((s, d, i) => s + Number(d) * (WEIGHTS[i] ?? 0), 0) % 11;
}

describe('isValidBusinessId: LEGAL.md worked examples', () => {
  it('accepts 2077474-0 and 0112038-9', () => {
    expect(isValidBusinessId('2077474-0')).toBe(true);
    expect(isValidBusinessId('0112038-9')).toBe(true);
  });

  it('rejects 2077474-1', () => {
    expect(isValidBusinessId('2077474-1')).toBe(false);
  });

  it('rejects 1572866-0 .. 1572866-9 (r = 1 is never issued)', () => {
    for (let c = 0; c <= 9; c++) expect(isValidBusinessId(`1572866-${c}`)).toBe(false);
  });

  it('rejects 1572866-0 and 1572866-1, which jsvat / finnish-business-ids accept by mapping r = 1 to 0 or 1', () => {
    expect(remainder('1572866')).toBe(1);
    expect(isValidBusinessId('1572866-0')).toBe(false);
    expect(isValidBusinessId('1572866-1')).toBe(false);
    expect(normalizeBusinessId('1572866-0')).toBeNull();
    expect(normalizeBusinessId('1572866-1')).toBeNull();
  });

  it('rejects malformed input', () => {
    for (const bad of ['20774740', '2077474 0', '207747-40', '2077474-', 'FI20774740', '2077474-00', '']) {
      expect(isValidBusinessId(bad)).toBe(false);
    }
  });
});

describe('normalizeBusinessId', () => {
  it('left-pads old 6-digit IDs', () => {
    expect(normalizeBusinessId('112038-9')).toBe('0112038-9');
    expect(normalizeBusinessId(' 2077474-0 ')).toBe('2077474-0');
  });

  it('returns null for invalid IDs', () => {
    expect(normalizeBusinessId('112038-8')).toBeNull();
    expect(normalizeBusinessId('12345-6')).toBeNull();
    expect(normalizeBusinessId('abc')).toBeNull();
  });
});

describe('businessIdToVat', () => {
  it('builds FI + 8 digits', () => {
    expect(businessIdToVat('2077474-0')).toBe('FI20774740');
    expect(businessIdToVat('112038-9')).toBe('FI01120389');
  });

  it('throws for an invalid ID', () => {
    expect(() => businessIdToVat('1572866-0')).toThrow(RangeError);
  });
});

describe('isValidBusinessId: properties', () => {
  it('for a random 7-digit body, the computed ID is valid iff r != 1, and no other check digit is valid', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999_999 }), (n) => {
        const body = String(n).padStart(7, '0');
        const r = remainder(body);
        const expected = r === 0 ? 0 : 11 - r;
        for (let c = 0; c <= 9; c++) {
          expect(isValidBusinessId(`${body}-${c}`)).toBe(r !== 1 && c === expected);
        }
        if (r !== 1) expect(isValidBusinessId(`${body}-${expected}`)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('bodies with r = 1 exist in the sample space and are all rejected', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 0, max: 9_999_999 })
          .map((n) => String(n).padStart(7, '0'))
          .filter((b) => remainder(b) === 1),
        (body) => {
          for (let c = 0; c <= 9; c++) expect(isValidBusinessId(`${body}-${c}`)).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});
