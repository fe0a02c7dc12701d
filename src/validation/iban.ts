import { electronicFormatIBAN, isValidIBAN } from 'ibantools';

export function normalizeIban(value: string): string | null {
  const electronic = electronicFormatIBAN(value.trim());
  if (electronic === null || electronic === '') return null;
  const upper = electronic.toUpperCase();
  return isValidIBAN(upper) ? upper : null;
}
