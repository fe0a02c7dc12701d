// The default (min) metadata only checks length, so e.g. +358 0 1234567 would pass; max checks the digits.
import { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/max';

export function normalizePhone(value: string, defaultCountry = 'FI'): string | null {
  const country = defaultCountry.trim().toUpperCase();
  const phone = isSupportedCountry(country)
    ? parsePhoneNumberFromString(value, country)
    : parsePhoneNumberFromString(value);
  if (phone === undefined || !phone.isValid()) return null;
  return phone.number;
}
