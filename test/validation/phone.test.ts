import { describe, it, expect } from 'vitest';
import { normalizePhone } from '../../src/validation/phone.js';

describe('normalizePhone', () => {
  it('returns E.164 for Finnish mobile numbers in national and international form', () => {
    expect(normalizePhone('+358 41 234 5678')).toBe('+358412345678');
    expect(normalizePhone('041 234 5678')).toBe('+358412345678');
    expect(normalizePhone('050-123 4567')).toBe('+358501234567');
  });

  it('accepts Åland numbers (region AX on +358)', () => {
    expect(normalizePhone('018 12345')).toBe('+3581812345');
    expect(normalizePhone('+358 18 12345', 'AX')).toBe('+3581812345');
  });

  it('accepts other countries in international form and honours defaultCountry', () => {
    expect(normalizePhone('+46 70 123 45 67')).toBe('+46701234567');
    expect(normalizePhone('070 123 45 67', 'se')).toBe('+46701234567');
  });

  it('rejects numbers that are only the right length (max metadata checks digits)', () => {
    expect(normalizePhone('+358 0 1234567')).toBeNull();
    expect(normalizePhone('+358 11 123 4567')).toBeNull();
  });

  it('rejects garbage, too short and too long numbers', () => {
    expect(normalizePhone('')).toBeNull();
    expect(normalizePhone('abc')).toBeNull();
    expect(normalizePhone('12')).toBeNull();
    expect(normalizePhone('+358 41 234 567890')).toBeNull();
  });

  it('tolerates an unknown default country for international input', () => {
    expect(normalizePhone('+358 41 234 5678', 'XX')).toBe('+358412345678');
    expect(normalizePhone('041 234 5678', 'XX')).toBeNull();
  });
});
