import type {
  COOKIE_CATEGORIES,
  LEGAL_BASES,
  RETENTION_TRIGGERS,
  TRANSFER_SAFEGUARDS,
} from '../registers/description.schema.ts';

export type LegalBasis = (typeof LEGAL_BASES)[number];
export type TransferSafeguard = (typeof TRANSFER_SAFEGUARDS)[number];
export type RetentionTrigger = (typeof RETENTION_TRIGGERS)[number];
export type CookieCategory = (typeof COOKIE_CATEGORIES)[number];

/**
 * The fixed words of a privacy notice in one language: section headings, legal bases, the rights
 * and how to use them here, and what the software enforces. The register description supplies
 * everything else. words/fi.ts, words/sv.ts and words/en.ts each give one NoticeWords.
 */
export interface NoticeWords {
  title: (register: string) => string;
  version: (n: number) => string;
  published: string;
  permanentLink: string;
  currentLink: string;
  formats: string;
  markdown: string;
  pdf: string;
  language: string;
  contents: string;
  changesLink: string;
  page: (n: number, of: number) => string;
  /** A date (YYYY-MM-DD) as written in this language. */
  date: (isoDate: string) => string;

  heading: Record<SectionId, string>;
  empty: Partial<Record<SectionId, string>>;

  businessId: string;
  name: string;
  email: string;
  phone: string;
  address: string;
  website: string;
  noDpo: string;

  legalBasis: Record<LegalBasis, string>;
  purposeBasis: (purpose: string, basis: string) => string;

  dataIntro: string;
  required: string;
  optional: string;
  usedFor: (purposes: string) => string;
  externalIntro: string;

  recipientCountry: (country: string) => string;
  disclosedData: (fields: string) => string;
  forPurposes: (purposes: string) => string;
  processorsIntro: string;
  safeguard: Record<TransferSafeguard, string>;
  transferTo: (recipient: string, country: string) => string;
  processorTransfer: (processor: string, country: string) => string;

  period: (years: number, months: number) => string;
  trigger: Record<RetentionTrigger, string>;
  /** A rule of zero: kept until the trigger, no longer. */
  until: Record<RetentionTrigger, string>;
  retentionItem: (fields: string, when: string) => string;
  law: (law: string) => string;
  legalHoldNote: string;
  /** What the nightly sweep really does for a rule: deletes after a period counted from activity or year end. */
  enforcedRetention: (period: { years: number; months: number }, from: 'activity' | 'year_end') => string;
  /** Added to enforcedRetention when a field of the rule is also under another rule. */
  keptLonger: string;
  sweepSchedule: (schedule: string, lastRun: string | null) => string;
  schedule: (hour: number, minute: number) => string;

  manual: string;
  electronic: string;

  cookieCategory: Record<CookieCategory, string>;
  cookieItem: (name: string, provider: string, category: string, duration: string) => string;
  duration: (iso: string) => string;
  cookieChoices: string;

  automatedYes: string;
  automatedNo: string;

  rights: {
    intro: string;
    access: string;
    accessHow: string;
    rectification: string;
    rectificationHow: string;
    erasure: string;
    erasureHow: string;
    restriction: string;
    restrictionHow: string;
    objection: string;
    objectionHow: string;
    portability: string;
    portabilityHow: string;
    withdraw: string;
    withdrawHow: string;
    automated: string;
    portal: string;
    form: string;
    contact: (name: string) => string;
  };

  complaint: string;
  ombudsman: { name: string; street: string; post: string; switchboard: string; registry: string };

  enforcement: {
    intro: string;
    minimisation: string;
    portal: string;
    unsubscribe: string;
    requests: string;
    retention: (schedule: string) => string;
    enforcedPrefix: string;
  };

  versions: string;
  versionsCaption: string;
  versionColumn: string;
  dateColumn: string;
  changesColumn: string;
  firstVersion: string;
  changesCount: (n: number, sections: string) => string;
  noChanges: string;
  changesHeading: (from: number) => string;
  added: string;
  removed: string;
  changed: string;
  before: string;
  after: string;
  notFound: string;
  notFoundBody: string;
}

export const SECTION_IDS = [
  'controller',
  'contact',
  'dpo',
  'register',
  'subjects',
  'purposes',
  'legitimateInterests',
  'data',
  'externalData',
  'sources',
  'recipients',
  'processors',
  'transfers',
  'retention',
  'security',
  'cookies',
  'profiling',
  'rights',
  'complaint',
  'enforcement',
] as const;

export type SectionId = (typeof SECTION_IDS)[number];

/** Periods and counts: "1 vuosi", "2 vuotta". */
export const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Splits an ISO 8601 duration such as P2Y, P13M, P90D or PT30M; null if it is not one. */
export function durationParts(iso: string): Array<[number, 'Y' | 'M' | 'W' | 'D' | 'h' | 'm']> | null {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(iso.trim());
  if (!m || iso.trim() === 'P' || iso.trim().endsWith('T')) return null;
  const units = ['Y', 'M', 'W', 'D', 'h', 'm'] as const;
  const parts: Array<[number, (typeof units)[number]]> = [];
  units.forEach((u, i) => {
    if (m[i + 1] !== undefined) parts.push([Number(m[i + 1]), u]);
  });
  return parts.length ? parts : null;
}
