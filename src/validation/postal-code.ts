type Normalizer = (code: string) => string | null;

const fiveDigits: Normalizer = (c) => (/^\d{5}$/.test(c) ? c : null);
const fourDigits: Normalizer = (c) => (/^\d{4}$/.test(c) ? c : null);

const RULES: Readonly<Record<string, Normalizer>> = {
  FI: (c) => /^(?:FI-)?(\d{5})$/.exec(c)?.[1] ?? null,
  AX: (c) => /^(?:AX-)?(22\d{3})$/.exec(c)?.[1] ?? null,
  SE: (c) => {
    const m = /^(\d{3}) ?(\d{2})$/.exec(c);
    return m ? `${m[1] ?? ''} ${m[2] ?? ''}` : null;
  },
  EE: fiveDigits,
  DE: fiveDigits,
  NO: fourDigits,
  DK: fourDigits,
};

// We hold no rules for other countries, so only reject what cannot be a postal code anywhere.
const generic: Normalizer = (c) => {
  const v = c.replace(/\s+/g, ' ');
  return /^[A-Z0-9 -]{2,10}$/.test(v) && /[A-Z0-9]/.test(v) ? v : null;
};

export function normalizePostalCode(code: string, country: string): string | null {
  const cc = country.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(cc)) return null;
  const rule = RULES[cc] ?? generic;
  return rule(code.trim().toUpperCase());
}

export function isValidPostalCode(code: string, country: string): boolean {
  return normalizePostalCode(code, country) !== null;
}
