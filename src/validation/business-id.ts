const WEIGHTS = [7, 9, 10, 5, 8, 4, 2] as const;

/** Check digit for a 7-digit body, or null when no valid ID can have this body (r = 1). */
export function businessIdCheckDigit(body: string): number | null {
  if (!/^\d{7}$/.test(body)) return null;
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(body.charAt(i)), 0);
  const r = sum % 11;
  if (r === 0) return 0;
  // r = 1 is never issued; some libraries map it to 0 or 1 and so wrongly accept 1572866-0 / 1572866-1.
  if (r === 1) return null;
  return 11 - r;
}

export function isValidBusinessId(value: string): boolean {
  const v = value.trim();
  if (!/^\d{7}-\d$/.test(v)) return false;
  const expected = businessIdCheckDigit(v.slice(0, 7));
  return expected !== null && expected === Number(v.charAt(8));
}

export function normalizeBusinessId(value: string): string | null {
  const v = value.trim();
  if (!/^\d{6,7}-\d$/.test(v)) return null;
  const padded = v.padStart(9, '0');
  return isValidBusinessId(padded) ? padded : null;
}

/** Throws RangeError for an invalid ID, because a VAT number must never be built from one. */
export function businessIdToVat(id: string): string {
  const normalized = normalizeBusinessId(id);
  if (normalized === null) throw new RangeError(`Invalid business ID: ${id}`);
  return `FI${normalized.replace('-', '')}`;
}
