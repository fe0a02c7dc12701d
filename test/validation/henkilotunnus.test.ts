import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { FinnishSSN } from 'finnish-ssn';
import { maskHenkilotunnus, parseHenkilotunnus } from '../../src/validation/henkilotunnus.js';

// Independent of the implementation on purpose: the table is spelled out as in LEGAL.md §1.
const CHECK_TABLE = [
  ...'0123456789',
  'A',
  'B',
  'C',
  'D',
  'E',
  'F',
  'H',
  'J',
  'K',
  'L',
  'M',
  'N',
  'P',
  'R',
  'S',
  'T',
  'U',
  'V',
  'W',
  'X',
  'Y',
];
const SIGNS: ReadonlyArray<[string, number]> = [
  ['+', 1800],
  ['-', 1900],
  ['Y', 1900],
  ['X', 1900],
  ['W', 1900],
  ['V', 1900],
  ['U', 1900],
  ['A', 2000],
  ['B', 2000],
  ['C', 2000],
  ['D', 2000],
  ['E', 2000],
  ['F', 2000],
];

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function daysIn(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

function makeHetu(day: number, month: number, year: number, sign: string, individual: number): string {
  const body = `${pad(day, 2)}${pad(month, 2)}${pad(year % 100, 2)}`;
  const zzz = pad(individual, 3);
  return `${body}${sign}${zzz}${CHECK_TABLE[Number(body + zzz) % 31] ?? '?'}`;
}

const hetuParts = fc
  .record({
    signIndex: fc.integer({ min: 0, max: SIGNS.length - 1 }),
    yy: fc.integer({ min: 0, max: 99 }),
    month: fc.integer({ min: 1, max: 12 }),
    individual: fc.integer({ min: 2, max: 899 }),
  })
  .chain((r) => {
    const [sign, century] = SIGNS[r.signIndex] ?? ['-', 1900];
    const year = century + r.yy;
    return fc.integer({ min: 1, max: daysIn(year, r.month) }).map((day) => ({ ...r, sign, year, day }));
  });

describe('parseHenkilotunnus: LEGAL.md worked examples', () => {
  it('131052-308T is valid (DVV example, 13 Oct 1952)', () => {
    expect(parseHenkilotunnus('131052-308T')).toEqual({
      ok: true,
      normalized: '131052-308T',
      birthDate: '1952-10-13',
      temporary: false,
    });
  });

  it('010594Y9021 (2023 sign, temporary range) is valid only when temporary codes are allowed', () => {
    expect(parseHenkilotunnus('010594Y9021')).toEqual({ ok: false, reason: 'temporary' });
    expect(parseHenkilotunnus('010594Y9021', { allowTemporary: true })).toEqual({
      ok: true,
      normalized: '010594Y9021',
      birthDate: '1994-05-01',
      temporary: true,
    });
  });

  it('131052-308U fails the check character', () => {
    expect(parseHenkilotunnus('131052-308U')).toEqual({ ok: false, reason: 'checksum' });
  });

  it('310252-308Y has a matching check character but 31 Feb is no date', () => {
    expect(parseHenkilotunnus('310252-308Y')).toEqual({ ok: false, reason: 'date' });
    expect(parseHenkilotunnus('310252-308Y', { allowTemporary: true })).toEqual({
      ok: false,
      reason: 'date',
    });
  });

  it('010190-999K (published example) is wrong: the check character would be W', () => {
    expect(parseHenkilotunnus('010190-999K', { allowTemporary: true })).toEqual({
      ok: false,
      reason: 'checksum',
    });
    expect(parseHenkilotunnus('010190-999W', { allowTemporary: true }).ok).toBe(true);
  });

  it('FTN test users 070770-905D and 010280-952L are valid with allowTemporary', () => {
    for (const [code, birthDate] of [
      ['070770-905D', '1970-07-07'],
      ['010280-952L', '1980-02-01'],
    ] as const) {
      expect(parseHenkilotunnus(code)).toEqual({ ok: false, reason: 'temporary' });
      expect(parseHenkilotunnus(code, { allowTemporary: true })).toEqual({
        ok: true,
        normalized: code,
        birthDate,
        temporary: true,
      });
    }
  });

  it('FTN test users 010100A001N and 280453-111A are invalid', () => {
    expect(parseHenkilotunnus('010100A001N', { allowTemporary: true }).ok).toBe(false);
    expect(parseHenkilotunnus('280453-111A', { allowTemporary: true })).toEqual({
      ok: false,
      reason: 'checksum',
    });
  });

  it('100190-999P and 100190Y999P are distinct normalized codes (sign matters since 2023)', () => {
    const a = parseHenkilotunnus('100190-999P', { allowTemporary: true });
    const b = parseHenkilotunnus('100190Y999P', { allowTemporary: true });
    expect(a.ok && b.ok && a.normalized !== b.normalized).toBe(true);
  });
});

describe('parseHenkilotunnus: format rules', () => {
  it('trims and upper-cases input', () => {
    expect(parseHenkilotunnus('  010594y9021 ', { allowTemporary: true })).toMatchObject({
      ok: true,
      normalized: '010594Y9021',
    });
  });

  it('rejects individual numbers 000 and 001 as format errors, even with a correct check character', () => {
    expect(parseHenkilotunnus(makeHetu(1, 1, 2000, 'A', 0))).toEqual({
      ok: false,
      reason: 'format',
    });
    expect(parseHenkilotunnus(makeHetu(1, 1, 2000, 'A', 1))).toEqual({
      ok: false,
      reason: 'format',
    });
    expect(parseHenkilotunnus(makeHetu(1, 1, 2000, 'A', 2)).ok).toBe(true);
  });

  it('treats 899 as normal and 900 as temporary', () => {
    expect(parseHenkilotunnus(makeHetu(1, 1, 1990, '-', 899))).toMatchObject({
      ok: true,
      temporary: false,
    });
    expect(parseHenkilotunnus(makeHetu(1, 1, 1990, '-', 900))).toEqual({
      ok: false,
      reason: 'temporary',
    });
  });

  it('rejects unknown century signs, excluded check characters and wrong lengths', () => {
    for (const bad of [
      '131052G308T',
      '131052Z308T',
      '131052-308G',
      '131052-308I',
      '131052-308O',
      '131052-308Q',
      '131052-308Z',
      '131052-308',
      '131052-308TT',
      '1310522-308T',
      '',
    ]) {
      expect(parseHenkilotunnus(bad)).toEqual({ ok: false, reason: 'format' });
    }
  });

  it('checks leap years per century: 29 Feb 2000 and 1996 exist, 1900 and 1800 do not', () => {
    expect(parseHenkilotunnus(makeHetu(29, 2, 2000, 'A', 123))).toMatchObject({
      ok: true,
      birthDate: '2000-02-29',
    });
    expect(parseHenkilotunnus(makeHetu(29, 2, 1996, 'Y', 123))).toMatchObject({
      ok: true,
      birthDate: '1996-02-29',
    });
    expect(parseHenkilotunnus(makeHetu(29, 2, 1900, '-', 123))).toEqual({
      ok: false,
      reason: 'date',
    });
    expect(parseHenkilotunnus(makeHetu(29, 2, 1800, '+', 123))).toEqual({
      ok: false,
      reason: 'date',
    });
    expect(parseHenkilotunnus(makeHetu(31, 4, 1990, '-', 123))).toEqual({
      ok: false,
      reason: 'date',
    });
    expect(parseHenkilotunnus(makeHetu(0, 4, 1990, '-', 123))).toEqual({
      ok: false,
      reason: 'date',
    });
    expect(parseHenkilotunnus(makeHetu(1, 13, 1990, '-', 123))).toEqual({
      ok: false,
      reason: 'date',
    });
  });

  it('does not expose sex (parity may become sex-neutral, HE 132/2022)', () => {
    const r = parseHenkilotunnus('131052-308T');
    expect(Object.keys(r).sort()).toEqual(['birthDate', 'normalized', 'ok', 'temporary']);
  });
});

describe('parseHenkilotunnus vs finnish-ssn (the sheet wins)', () => {
  it('finnish-ssn accepts individual number 001, which is never issued; we reject it', () => {
    const code = makeHetu(1, 1, 2000, 'A', 1); // 010100A001F
    expect(FinnishSSN.validate(code)).toBe(true);
    expect(parseHenkilotunnus(code)).toEqual({ ok: false, reason: 'format' });
  });

  it('finnish-ssn does not separate the temporary range; we require allowTemporary', () => {
    expect(FinnishSSN.validate('010594Y9021')).toBe(true);
    expect(parseHenkilotunnus('010594Y9021').ok).toBe(false);
  });

  it('finnish-ssn limits "+" to 1850-1899; the sheet says "+" is the whole 1800s', () => {
    const code = makeHetu(1, 1, 1845, '+', 123);
    expect(FinnishSSN.validate(code)).toBe(false);
    expect(parseHenkilotunnus(code)).toMatchObject({ ok: true, birthDate: '1845-01-01' });
  });
});

describe('parseHenkilotunnus: properties', () => {
  it('a generated code with any century sign parses to its birth date', () => {
    fc.assert(
      fc.property(hetuParts, ({ day, month, year, sign, individual }) => {
        const code = makeHetu(day, month, year, sign, individual);
        const r = parseHenkilotunnus(code);
        expect(r).toEqual({
          ok: true,
          normalized: code,
          birthDate: `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`,
          temporary: false,
        });
      }),
      { numRuns: 2000 },
    );
  });

  it('every sign is exercised and each maps to its century', () => {
    for (const [sign, century] of SIGNS) {
      const r = parseHenkilotunnus(makeHetu(15, 6, century + 42, sign, 500));
      expect(r).toMatchObject({ ok: true, birthDate: `${century + 42}-06-15` });
    }
  });

  it('changing the check character makes a generated code fail', () => {
    fc.assert(
      fc.property(hetuParts, fc.integer({ min: 1, max: 30 }), ({ day, month, year, sign, individual }, shift) => {
        const code = makeHetu(day, month, year, sign, individual);
        const idx = CHECK_TABLE.indexOf(code.charAt(10));
        const wrong = code.slice(0, 10) + (CHECK_TABLE[(idx + shift) % 31] ?? '');
        expect(parseHenkilotunnus(wrong)).toEqual({ ok: false, reason: 'checksum' });
      }),
      { numRuns: 2000 },
    );
  });
});

describe('maskHenkilotunnus', () => {
  it('keeps the date and sign only', () => {
    expect(maskHenkilotunnus('131052-308T')).toBe('131052-****');
    expect(maskHenkilotunnus('010594Y9021')).toBe('010594Y****');
  });
});
