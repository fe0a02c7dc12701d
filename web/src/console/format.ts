import { useMemo } from 'react';
import { useLang, type Lang } from '../i18n/index.tsx';
import type { Localized } from './types.ts';

const LOCALES: Record<Lang, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

export interface Formatters {
  locale: string;
  dateTime(iso: string | null | undefined): string;
  date(iso: string | null | undefined): string;
  /** A calendar day ('2027-01-31', a hold's or a kept value's last day) read in UTC, so that it never shifts. */
  day(yyyyMmDd: string): string;
  /** '2026-03' → 'maalisk. 2026' */
  month(yyyyMm: string): string;
  number(n: number): string;
  money(amount: string | number, currency: string): string;
}

function safe(make: () => string, fallback: string): string {
  try {
    return make();
  } catch {
    return fallback;
  }
}

export function useFormat(): Formatters {
  const { lang } = useLang();
  return useMemo(() => {
    const locale = LOCALES[lang];
    const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    const dayFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    const monthFormat = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' });
    const numberFormat = new Intl.NumberFormat(locale);
    const parse = (iso: string) => {
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? null : d;
    };
    return {
      locale,
      dateTime: (iso) => {
        const d = iso ? parse(iso) : null;
        return d ? dateTimeFormat.format(d) : (iso ?? '');
      },
      date: (iso) => {
        const d = iso ? parse(iso) : null;
        return d ? dateFormat.format(d) : (iso ?? '');
      },
      day: (value) => {
        const ms = /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : NaN;
        return Number.isNaN(ms) ? value : dayFormat.format(ms);
      },
      month: (m) => {
        const match = /^(\d{4})-(\d{2})/.exec(m);
        return match ? monthFormat.format(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1)) : m;
      },
      number: (n) => numberFormat.format(n),
      money: (amount, currency) =>
        safe(
          () => new Intl.NumberFormat(locale, { style: 'currency', currency }).format(Number(amount)),
          `${amount} ${currency}`,
        ),
    };
  }, [lang]);
}

/** Text in the UI language, falling back as the server does: Swedish to English, then Finnish. */
export function pickLocalized(text: Localized | undefined | null, lang: Lang): string {
  if (!text) return '';
  return text[lang] ?? (lang === 'sv' ? (text.en ?? text.fi) : text.fi);
}
