const WEIGHTS = [7, 3, 1] as const;

function compact(value: string): string {
  return value.replace(/\s+/g, '');
}

function finnishCheckDigit(base: string): number {
  let sum = 0;
  for (let i = 0; i < base.length; i++) {
    sum += Number(base.charAt(base.length - 1 - i)) * (WEIGHTS[i % 3] ?? 0);
  }
  return (10 - (sum % 10)) % 10;
}

function mod97(numeric: string): number {
  let r = 0;
  for (const ch of numeric) r = (r * 10 + Number(ch)) % 97;
  return r;
}

export function isValidFinnishReference(value: string): boolean {
  const v = compact(value);
  // Leading zeros are not part of the reference structure (LEGAL.md §3), and banks drop them.
  if (!/^[1-9]\d{3,19}$/.test(v)) return false;
  return finnishCheckDigit(v.slice(0, -1)) === Number(v.charAt(v.length - 1));
}

/** Electronic RF form (no spaces). Throws RangeError for an invalid Finnish reference. */
export function finnishReferenceToRf(value: string): string {
  if (!isValidFinnishReference(value)) throw new RangeError(`Invalid Finnish reference: ${value}`);
  const ref = compact(value);
  // "RF" = 27 15, check digits "00" while computing.
  const check = 98 - mod97(`${ref}271500`);
  return `RF${String(check).padStart(2, '0')}${ref}`;
}

export function isValidRfReference(value: string): boolean {
  const v = compact(value).toUpperCase();
  if (!/^RF\d{2}[A-Z0-9]{1,21}$/.test(v)) return false;
  const rearranged = v.slice(4) + v.slice(0, 4);
  const numeric = rearranged.replace(/[A-Z]/g, (ch) => String(ch.charCodeAt(0) - 55));
  return mod97(numeric) === 1;
}
