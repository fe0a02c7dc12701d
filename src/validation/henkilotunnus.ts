export type HenkilotunnusResult =
  | { ok: true; normalized: string; birthDate: string; temporary: boolean }
  | { ok: false; reason: 'format' | 'date' | 'checksum' | 'temporary' };

export interface HenkilotunnusOptions {
  allowTemporary?: boolean;
}

const CHECK_CHARS = '0123456789ABCDEFHJKLMNPRSTUVWXY';

// VNA 690/2022: the extra 1900s and 2000s signs are in force since 1 Jan 2023.
const CENTURY_BY_SIGN: Readonly<Record<string, number>> = {
  '+': 1800,
  '-': 1900,
  Y: 1900,
  X: 1900,
  W: 1900,
  V: 1900,
  U: 1900,
  A: 2000,
  B: 2000,
  C: 2000,
  D: 2000,
  E: 2000,
  F: 2000,
};

const HETU_PATTERN = /^\d{6}[-+A-FU-Y]\d{3}[0-9A-FHJ-NPR-Y]$/;

function checkChar(dateDigits: string, individualNumber: string): string {
  return CHECK_CHARS.charAt(Number(dateDigits + individualNumber) % 31);
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last day of this one, leap years included.
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

export function parseHenkilotunnus(value: string, opts: HenkilotunnusOptions = {}): HenkilotunnusResult {
  const normalized = value.trim().toUpperCase();
  if (!HETU_PATTERN.test(normalized)) return { ok: false, reason: 'format' };
  const dd = normalized.slice(0, 2);
  const mm = normalized.slice(2, 4);
  const yy = normalized.slice(4, 6);
  const sign = normalized.charAt(6);
  const zzz = normalized.slice(7, 10);
  const check = normalized.charAt(10);

  const individual = Number(zzz);
  // 000 and 001 are never issued, so they are malformed rather than merely temporary.
  if (individual < 2) return { ok: false, reason: 'format' };

  const century = CENTURY_BY_SIGN[sign];
  if (century === undefined) return { ok: false, reason: 'format' };
  const year = century + Number(yy);
  if (!isRealDate(year, Number(mm), Number(dd))) return { ok: false, reason: 'date' };

  if (checkChar(dd + mm + yy, zzz) !== check) return { ok: false, reason: 'checksum' };

  const temporary = individual >= 900;
  if (temporary && opts.allowTemporary !== true) return { ok: false, reason: 'temporary' };

  return {
    ok: true,
    normalized,
    birthDate: `${String(year).padStart(4, '0')}-${mm}-${dd}`,
    temporary,
  };
}

export function maskHenkilotunnus(normalized: string): string {
  return `${normalized.slice(0, 7)}****`;
}
