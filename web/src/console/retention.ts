/**
 * Retention as the console shows it: holds, restriction, erasure reports and sweeps
 * (src/modules/retention/retention.console-routes.ts), and the words for their codes.
 */
import { useCallback } from 'react';
import { useT, type MessageKey } from '../i18n/index.tsx';

export const HOLD_KINDS = ['open_invoice', 'debt_collection', 'legal_claim', 'disputed', 'business_contact'] as const;
export type HoldKind = (typeof HOLD_KINDS)[number];

/** The server's limits for a hold (src/modules/retention/retention.routes.ts, subject-control.service.ts). */
export const HOLD_REASON_MIN = 3;
export const HOLD_REASON_MAX = 500;
export const HOLD_MAX_YEARS = 25;
export const RESTRICTION_REASON_MIN = 3;

export interface Hold {
  id: string;
  kind: string;
  reason: string;
  /** YYYY-MM-DD: the last day the hold keeps the data */
  until: string;
  /** The order's number, when the hold is on one order */
  orderId: string | null;
  setBy: { type: string; id: string | null; email: string | null };
  createdAt: string;
  releasedAt: string | null;
  subjectId?: string;
}

export interface KeptField {
  field: string;
  reason: string;
  until: string;
}

export interface ErasureReport {
  subjectId: string;
  deleted: string[];
  kept: KeptField[];
  anonymised: string[];
  orders: { deleted: number; kept: Array<{ orderId: string; reason: string; until: string }> };
  erasedAt: string;
  cause: string;
  alreadyErased: boolean;
}

export interface CustomerRetention {
  items: Hold[];
  restrictedAt: string | null;
  erasedAt: string | null;
  erasure: ErasureReport | null;
}

export interface SweepReport {
  registerId: string;
  asOf: string;
  dryRun: boolean;
  erased: {
    count: number;
    items: Array<{ subjectId: string; deleted: string[]; kept: string[]; ordersDeleted: number }>;
  };
  held: { count: number; items: Array<{ subjectId: string; kinds: string[]; until: string }> };
  orders: { count: number; items: string[] };
  retained: { count: number; items: Array<{ subjectId: string; field: string }> };
  fields: Array<{ field: string; count: number }>;
}

export interface Sweep {
  id: string;
  dryRun: boolean;
  asOf: string;
  startedAt: string;
  finishedAt: string | null;
  counts: { erased: number; held: number; orders: number; retained: number; fields: number };
  report: SweepReport;
}

const KIND_KEYS: Record<HoldKind, MessageKey> = {
  open_invoice: 'holdKind.openInvoice',
  debt_collection: 'holdKind.debtCollection',
  legal_claim: 'holdKind.legalClaim',
  disputed: 'holdKind.disputed',
  business_contact: 'holdKind.businessContact',
};

export const holdKindKey = (kind: string): MessageKey | undefined => KIND_KEYS[kind as HoldKind];

/** Today in Finland as YYYY-MM-DD: a hold may not end before it (the server's rule). */
export function todayInFinland(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki' }).format(now);
}

/** The latest date a hold may have, as the server counts it. */
export function latestHoldDate(today = todayInFinland()): string {
  return `${Number(today.slice(0, 4)) + HOLD_MAX_YEARS}${today.slice(4)}`;
}

/** An id short enough to read, long enough to tell customers apart on one page. */
export const shortId = (id: string) => id.slice(0, 8);

/**
 * Words for holds and erasure reasons in the UI language. A reason the server wrote for a hold
 * ("hold open_invoice: Lasku 1001") is told with the kind's name; a retention rule's reason (its
 * key and the law) is shown as it is.
 */
export function useRetentionLabels() {
  const t = useT();
  const kind = useCallback((k: string) => (KIND_KEYS[k as HoldKind] ? t(KIND_KEYS[k as HoldKind]) : k), [t]);
  const reason = useCallback(
    (text: string) => {
      const hold = /^hold (\w+): ([\s\S]*)$/.exec(text);
      return hold ? t('erasure.reasonHold', { kind: kind(hold[1]!), reason: hold[2]! }) : text;
    },
    [t, kind],
  );
  const setBy = useCallback(
    (by: Hold['setBy']) => {
      if (by.email) return by.email;
      switch (by.type) {
        case 'api_key':
          return t('actor.apiKey');
        case 'system':
          return t('actor.system');
        case 'subject':
          return t('actor.subject');
        case 'operator':
          return t('actor.operator');
        default:
          return t('actor.staff');
      }
    },
    [t],
  );
  return { kind, reason, setBy };
}
