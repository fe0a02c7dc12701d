import type { HoldKind } from '../../db/schema.ts';
import type { RegisterDescription } from '../registers/description.schema.ts';
import { pick } from '../registers/localized.ts';

/**
 * What an erasure or a sweep does to one customer, field by field: delete, or keep with the
 * reason and the date it goes. Pure, so that the same plan serves the dry run, the real run and
 * the erasure report.
 *
 * - A rule that names a law (or is counted from the end of a financial or calendar year: the
 *   Accounting Act, LEGAL.md §5) keeps its fields against an erasure request too (GDPR 17(3)(b)),
 *   for as long as it says, and only while there is accounting material (orders) to keep.
 * - A legal hold keeps the fields its kind needs until the hold's date.
 * - The register's other rules keep data only from a sweep, never from the person's request.
 * - Orders are kept one by one until their own accounting date or their own hold.
 */

export type Cause = 'request' | 'retention';

export interface SubjectFacts {
  /** Catalogue fields the customer has values for (e.g. firstName, address.city). */
  fields: string[];
  lastActivityAt: Date;
  orders: Array<{ id: string; placedAt: Date }>;
  /** Holds in force (not released). */
  holds: Array<{ kind: HoldKind; until: string; orderId: string | null; reason: string }>;
  /** Whether the consent ledger has events for the customer. */
  hasConsentEvents: boolean;
  /** When the consent behind a `consent_valid` rule ended, if known; without it such a rule keeps nothing. */
  consentEndedAt?: Date | null;
}

export interface KeptField {
  field: string;
  reason: string;
  /** The date (YYYY-MM-DD) after which it goes. */
  until: string;
}

export interface Plan {
  deleted: string[];
  kept: KeptField[];
  /** What stays without the person's identity (orders kept for accounting, the consent ledger's proof). */
  anonymised: string[];
  orders: Array<{ id: string; keep: false } | { id: string; keep: true; reason: string; until: string }>;
}

/** Fields each kind of hold keeps: what collecting, defending or settling needs. */
export const HOLD_FIELDS: Record<HoldKind, readonly string[] | 'all'> = {
  open_invoice: [
    'firstName',
    'lastName',
    'email',
    'phone',
    'address.street',
    'address.postalCode',
    'address.city',
    'address.country',
    'personalIdentityCode',
    'organisation.name',
    'organisation.businessId',
    'organisation.eInvoiceAddress',
    'organisation.eInvoiceOperator',
    'organisation.reference',
    'organisation.marking',
    'orders',
  ],
  debt_collection: [
    'firstName',
    'lastName',
    'email',
    'phone',
    'address.street',
    'address.postalCode',
    'address.city',
    'address.country',
    'personalIdentityCode',
    'organisation.name',
    'organisation.businessId',
    'orders',
  ],
  legal_claim: 'all',
  disputed: 'all',
  business_contact: ['firstName', 'lastName', 'email', 'phone', 'organisation.name'],
};

/** Fields of an order that are not accounting material: they go with the person. */
export const ORDER_PERSONAL_FIELDS = ['ip', 'sourcePage', 'termsAcceptance', 'marketingPermissions'] as const;

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

export function addPeriod(from: Date, period: { years?: number; months?: number }): Date {
  const d = new Date(from.getTime());
  d.setUTCMonth(d.getUTCMonth() + (period.years ?? 0) * 12 + (period.months ?? 0));
  return d;
}

/** The end of the (calendar) financial year, and of the calendar year, that contain a date. */
function yearEnd(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), 11, 31, 23, 59, 59));
}

type Rule = RegisterDescription['retention'][number];

export function isLegalObligation(rule: Rule): boolean {
  return !!rule.law || rule.trigger === 'financial_year_end' || rule.trigger === 'calendar_year_end';
}

function ruleReason(rule: Rule): string {
  const law = rule.law ?? (isLegalObligation(rule) ? 'Kirjanpitolaki 1336/1997 2:10 §' : null);
  return law ? `${rule.key}: ${law}` : `${rule.key}: ${pick(rule.reason, 'en')}`;
}

/** When a rule's time runs out for a customer, or null when it has nothing to count from. */
export function ruleEnd(
  rule: Rule,
  facts: Pick<SubjectFacts, 'lastActivityAt' | 'orders' | 'consentEndedAt'>,
): Date | null {
  const latestOrder = facts.orders.reduce<Date | null>((m, o) => (!m || o.placedAt > m ? o.placedAt : m), null);
  switch (rule.trigger) {
    case 'financial_year_end':
    case 'calendar_year_end':
      return latestOrder ? addPeriod(yearEnd(latestOrder), rule.period) : null;
    case 'consent_valid':
      // Kept while the consent stands and for the period after it ends, not from last activity.
      return facts.consentEndedAt ? addPeriod(facts.consentEndedAt, rule.period) : null;
    case 'last_activity':
    case 'relationship_end':
    case 'contract_valid':
      // A customer relationship in a shop ends with its last activity (purchase, login, message).
      return addPeriod(facts.lastActivityAt, rule.period);
  }
}

/** The date the customer's data falls due in a sweep: the latest end among the rules that do not survive erasure. */
export function sweepDueAt(description: RegisterDescription, lastActivityAt: Date): Date {
  let due = lastActivityAt;
  for (const rule of description.retention) {
    if (isLegalObligation(rule)) continue;
    const end = addPeriod(lastActivityAt, rule.period);
    if (end > due) due = end;
  }
  return due;
}

export function planErasure(description: RegisterDescription, facts: SubjectFacts, cause: Cause, now: Date): Plan {
  const candidates = new Map<string, KeptField[]>();
  const offer = (field: string, reason: string, until: Date) => {
    if (until <= now) return;
    const list = candidates.get(field) ?? [];
    list.push({ field, reason, until: isoDate(until) });
    candidates.set(field, list);
  };

  const present = new Set(facts.fields);
  if (facts.orders.length > 0) present.add('orders');

  for (const rule of description.retention) {
    const legal = isLegalObligation(rule);
    if (!legal && cause === 'request') continue;
    // Accounting rules keep customer fields only with accounting material to go with.
    if (legal && facts.orders.length === 0) continue;
    const end = ruleEnd(rule, facts);
    if (!end) continue;
    for (const field of rule.fields) if (present.has(field)) offer(field, ruleReason(rule), end);
  }
  for (const hold of facts.holds) {
    const fields = HOLD_FIELDS[hold.kind];
    const until = new Date(`${hold.until}T23:59:59Z`);
    for (const field of fields === 'all' ? present : fields) {
      if (present.has(field)) offer(field, `hold ${hold.kind}: ${hold.reason}`, until);
    }
  }

  const kept: KeptField[] = [];
  const deleted: string[] = [];
  for (const field of [...present].sort()) {
    const options = candidates.get(field);
    if (!options) {
      deleted.push(field);
      continue;
    }
    // The reason that keeps it longest decides its date.
    kept.push(options.reduce((a, b) => (b.until > a.until ? b : a)));
  }
  for (const f of ORDER_PERSONAL_FIELDS)
    if (facts.orders.length > 0 && !deleted.includes(f) && !kept.some((k) => k.field === f)) deleted.push(f);

  const ordersKept = kept.some((k) => k.field === 'orders');
  const orders: Plan['orders'] = facts.orders.map((o) => {
    const hold = facts.holds.find((h) => h.orderId === o.id && new Date(`${h.until}T23:59:59Z`) > now);
    const own: KeptField[] = [];
    if (hold) own.push({ field: 'orders', reason: `hold ${hold.kind}: ${hold.reason}`, until: hold.until });
    for (const rule of description.retention) {
      if (!rule.fields.includes('orders')) continue;
      if (!isLegalObligation(rule) && cause === 'request') continue;
      const end = ruleEnd(rule, {
        lastActivityAt: facts.lastActivityAt,
        orders: [o],
        consentEndedAt: facts.consentEndedAt,
      });
      if (end && end > now) own.push({ field: 'orders', reason: ruleReason(rule), until: isoDate(end) });
    }
    // An order-less hold (on the customer) keeps every order it covers.
    for (const h of facts.holds) {
      const fields = HOLD_FIELDS[h.kind];
      if (
        h.orderId === null &&
        (fields === 'all' || fields.includes('orders')) &&
        new Date(`${h.until}T23:59:59Z`) > now
      )
        own.push({ field: 'orders', reason: `hold ${h.kind}: ${h.reason}`, until: h.until });
    }
    if (own.length === 0 || !ordersKept) return { id: o.id, keep: false };
    const longest = own.reduce((a, b) => (b.until > a.until ? b : a));
    return { id: o.id, keep: true, reason: longest.reason, until: longest.until };
  });

  const anonymised: string[] = [];
  if (orders.some((o) => o.keep)) anonymised.push('orders');
  if (facts.hasConsentEvents) anonymised.push('marketingPermissions');
  return {
    deleted: deleted.filter((f) => !anonymised.includes(f)).sort(),
    kept: kept.sort((a, b) => a.field.localeCompare(b.field)),
    anonymised,
    orders,
  };
}
