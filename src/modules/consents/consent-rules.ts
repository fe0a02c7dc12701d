import type { ConsentKind, ConsentSource, ContactChannel } from '../../db/schema.ts';
import type { RegisterDescription } from '../registers/description.schema.ts';

/**
 * Who may be contacted, decided from the consent ledger by the Finnish rules (LEGAL.md §6):
 * prior consent for electronic marketing to consumers (917/2014 200 § (1)), the existing-customer
 * exception for the merchant's own similar products (200 § (2)–(3)), opt-out for organisations
 * (202 §), post and phone allowed unless prohibited; an objection to direct marketing is absolute
 * (GDPR 21(3)); restricted and erased customers are never contacted.
 */

export const CHANNELS = ['email', 'sms', 'phone', 'post'] as const satisfies readonly ContactChannel[];

/** The purposes every register has, from the traditional prohibition rights (LEGAL.md §6). */
export const STANDARD_PURPOSES = [
  'direct_marketing',
  'distance_selling',
  'market_research',
  'opinion_research',
  'directories',
] as const;
export type StandardPurpose = (typeof STANDARD_PURPOSES)[number];

/** What a Global Privacy Control signal objects to; it covers the purposes that hand data on. */
export const SALE_AND_SHARING = 'sale_and_sharing';

export const CONSENT_KINDS = [
  'consent_given',
  'consent_withdrawn',
  'prohibition_set',
  'prohibition_lifted',
  'objection',
] as const satisfies readonly ConsentKind[];

export const CONSENT_SOURCES = [
  'order',
  'portal',
  'console_letter',
  'unsubscribe',
  'import',
  'gpc',
] as const satisfies readonly ConsentSource[];

export type Reason =
  | 'consent'
  | 'existing_customer'
  | 'organisation_opt_out'
  | 'not_prohibited'
  | 'legal_basis'
  | 'withdrawal'
  | 'prohibition'
  | 'objection'
  | 'gpc'
  | 'restriction'
  | 'erased'
  | 'no_relationship'
  | 'no_consent';

export const REASONS: readonly Reason[] = [
  'consent',
  'existing_customer',
  'organisation_opt_out',
  'not_prohibited',
  'legal_basis',
  'withdrawal',
  'prohibition',
  'objection',
  'gpc',
  'restriction',
  'erased',
  'no_relationship',
  'no_consent',
];

/** How a purpose is treated when nothing in the ledger decides. */
export type PurposeClass =
  /** Direct marketing of the merchant's own products: the existing-customer exception can apply. */
  | 'marketing'
  /** Research and directories: consent for electronic contact to consumers, no exception. */
  | 'other_marketing'
  /** A register purpose on consent: nothing without it. */
  | 'consent'
  /** A register purpose on contract, legal obligation or a non-marketing legitimate interest. */
  | 'basis';

export interface PurposeInfo {
  key: string;
  class: PurposeClass;
  /** Whether a Global Privacy Control objection (to sale and sharing) covers it. */
  sharing: boolean;
  /** The GDPR article of the purpose's legal basis, for a purpose of the register description. */
  basisRule?: string;
}

const STANDARD: Record<StandardPurpose, PurposeInfo> = {
  direct_marketing: { key: 'direct_marketing', class: 'marketing', sharing: false },
  distance_selling: { key: 'distance_selling', class: 'marketing', sharing: false },
  market_research: { key: 'market_research', class: 'other_marketing', sharing: false },
  opinion_research: { key: 'opinion_research', class: 'other_marketing', sharing: false },
  directories: { key: 'directories', class: 'other_marketing', sharing: true },
};

const BASIS_RULES: Record<string, string> = {
  contract: 'GDPR 6(1)(b)',
  legal_obligation: 'GDPR 6(1)(c)',
  vital_interest: 'GDPR 6(1)(d)',
  public_task: 'GDPR 6(1)(e)',
  legitimate_interest: 'GDPR 6(1)(f)',
  consent: 'GDPR 6(1)(a)',
};

/** The purpose as the contact check understands it, or null if neither standard nor declared. */
export function purposeInfo(description: RegisterDescription, key: string): PurposeInfo | null {
  if ((STANDARD_PURPOSES as readonly string[]).includes(key)) return STANDARD[key as StandardPurpose];
  const declared = description.purposes.find((p) => p.key === key);
  if (!declared) return null;
  const use = declared.dataUse;
  const sharing = /third_party|sharing|share|sale/.test(use);
  const basisRule = BASIS_RULES[declared.legalBasis];
  if (declared.legalBasis === 'consent') return { key, class: 'consent', sharing, basisRule };
  if (use.startsWith('marketing')) return { key, class: 'marketing', sharing, basisRule };
  return { key, class: 'basis', sharing, basisRule };
}

/** Every purpose a register answers for: the standard ones, then those its description declares. */
export function purposeKeys(description: RegisterDescription): string[] {
  const own = description.purposes
    .map((p) => p.key)
    .filter((k) => !(STANDARD_PURPOSES as readonly string[]).includes(k));
  return [...STANDARD_PURPOSES, ...own];
}

export interface LedgerEvent {
  id: string;
  seq: string | number;
  kind: ConsentKind;
  channel: ContactChannel | null;
  purpose: string;
  source: ConsentSource;
  noticeVersion: number | null;
  occurredAt: Date;
}

export interface SubjectStanding {
  kind: 'person' | 'organisation';
  restrictedAt: Date | null;
  erasedAt: Date | null;
  /** Whether the contact details came with a purchase (an order on record). */
  hasOrders: boolean;
}

export interface Decision {
  allowed: boolean;
  reason: Reason;
  /** The rule that decided, as a citation, and the ledger event it rests on, if any. */
  rule: string;
  event: LedgerEvent | null;
}

const REFUSALS = new Set<ConsentKind>(['consent_withdrawn', 'prohibition_set', 'objection']);

/**
 * Whether an event speaks to the asked purpose. A refusal of direct marketing covers every
 * marketing purpose (GDPR 21(3)); a GPC objection to sale and sharing covers the purposes that
 * hand data on. A consent covers only the purpose it was given for.
 */
export function eventCovers(event: Pick<LedgerEvent, 'kind' | 'purpose'>, purpose: PurposeInfo): boolean {
  if (event.purpose === purpose.key) return true;
  if (event.kind === 'consent_given') return false;
  if (event.purpose === 'direct_marketing') return purpose.class === 'marketing';
  if (event.purpose === SALE_AND_SHARING) return purpose.sharing;
  return false;
}

/** Newest first: when it happened, then the order it was recorded in. */
export function compareNewestFirst(a: LedgerEvent, b: LedgerEvent): number {
  const t = b.occurredAt.getTime() - a.occurredAt.getTime();
  if (t !== 0) return t;
  return Number(b.seq) - Number(a.seq);
}

const refuse = (reason: Reason, rule: string, event: LedgerEvent | null = null): Decision => ({
  allowed: false,
  reason,
  rule,
  event,
});
const allow = (reason: Reason, rule: string, event: LedgerEvent | null = null): Decision => ({
  allowed: true,
  reason,
  rule,
  event,
});

export interface DecideInput {
  subject: SubjectStanding | null;
  /** The subject's ledger, in any order. */
  events: readonly LedgerEvent[];
  channel: ContactChannel;
  purpose: PurposeInfo;
  /** The register allows the existing-customer exception (917/2014 200 § (2)–(3)). */
  existingCustomerMarketing: boolean;
}

export function decide({ subject, events, channel, purpose, existingCustomerMarketing }: DecideInput): Decision {
  if (!subject) return refuse('no_relationship', 'no customer relationship in this register');
  if (subject.erasedAt) return refuse('erased', 'GDPR 17');
  if (subject.restrictedAt) return refuse('restriction', 'GDPR 18(2)');

  const relevant = events
    .filter((e) => (e.channel === null || e.channel === channel) && eventCovers(e, purpose))
    .sort(compareNewestFirst);
  let lifted = false;
  // A consent that arrived in an import is a copy of an old answer: it counts only if the person
  // has said nothing against it in the ledger. A new opt-in by the person always counts.
  let imported: LedgerEvent | null = null;
  for (const e of relevant) {
    if (e.kind === 'prohibition_lifted') {
      lifted = true;
      continue;
    }
    if (e.kind === 'consent_withdrawn') return refuse('withdrawal', 'GDPR 7(3)', e);
    if (REFUSALS.has(e.kind)) {
      if (lifted) continue;
      if (e.source === 'gpc') return refuse('gpc', 'GDPR 21(5)', e);
      return e.kind === 'objection' ? refuse('objection', 'GDPR 21(3)', e) : refuse('prohibition', 'GDPR 21(2)', e);
    }
    if (e.source === 'import') {
      imported ??= e;
      continue;
    }
    return allow('consent', consentRule(channel), e);
  }
  if (imported) return allow('consent', consentRule(channel), imported);

  switch (purpose.class) {
    case 'consent':
      return refuse('no_consent', purpose.basisRule ?? 'GDPR 6(1)(a)');
    case 'basis':
      return allow('legal_basis', purpose.basisRule ?? 'GDPR 6(1)');
    case 'marketing':
    case 'other_marketing':
      if (channel === 'post' || channel === 'phone') return allow('not_prohibited', 'GDPR 21(2); 917/2014 200 §');
      if (subject.kind === 'organisation') return allow('organisation_opt_out', '917/2014 202 §');
      if (purpose.class === 'marketing' && existingCustomerMarketing && subject.hasOrders)
        return allow('existing_customer', '917/2014 200 § (2)–(3)');
      return refuse('no_consent', '917/2014 200 § (1)');
  }
}

function consentRule(channel: ContactChannel): string {
  return channel === 'email' || channel === 'sms' ? 'GDPR 6(1)(a); 917/2014 200 § (1)' : 'GDPR 6(1)(a)';
}
