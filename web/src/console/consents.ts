/**
 * The consent ledger as the console shows it: GET …/customers/{subjectId}/permissions
 * (src/modules/consents/consent.console-routes.ts) and the words for its codes.
 */
import { useCallback } from 'react';
import { useLang, useT, type MessageKey } from '../i18n/index.tsx';
import { pickLocalized } from './format.ts';
import type { Localized } from './types.ts';

export const CHANNELS = ['email', 'sms', 'phone', 'post'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CONSENT_KINDS = [
  'consent_given',
  'consent_withdrawn',
  'prohibition_set',
  'prohibition_lifted',
  'objection',
] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];

/** The purposes every register answers for (src/modules/consents/consent-rules.ts). */
export const STANDARD_PURPOSES = [
  'direct_marketing',
  'distance_selling',
  'market_research',
  'opinion_research',
  'directories',
] as const;

/** The longest note a letter may carry (the server's limit). */
export const NOTE_MAX = 1000;

export interface PermissionPurpose {
  key: string;
  standard: boolean;
  name: Localized | null;
}

export interface PermissionCell {
  channel: string;
  purpose: string;
  allowed: boolean;
  reason: string;
  rule: string;
  eventId: string | null;
}

export interface ConsentEvent {
  id: string;
  kind: string;
  /** null: every channel */
  channel: string | null;
  purpose: string;
  source: string;
  noticeVersion: number | null;
  occurredAt: string;
  recordedAt: string;
  ip: string | null;
  /** The staff member's email, for letters recorded in the console. */
  recordedBy: string | null;
  evidence: Record<string, unknown>;
}

export interface PermissionsView {
  purposes: PermissionPurpose[];
  channels: string[];
  state: PermissionCell[];
  events: ConsentEvent[];
}

/** Today in Finland as YYYY-MM-DD, the latest date a letter can have (the server's rule). */
export function todayInFinland(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki' }).format(now);
}

const CHANNEL_KEYS: Record<string, MessageKey> = {
  email: 'channel.email',
  sms: 'channel.sms',
  phone: 'channel.phone',
  post: 'channel.post',
  all: 'channel.all',
};

const STANDARD_PURPOSE_KEYS: Record<string, MessageKey> = {
  direct_marketing: 'marketingPurpose.directMarketing',
  distance_selling: 'marketingPurpose.distanceSelling',
  market_research: 'marketingPurpose.marketResearch',
  opinion_research: 'marketingPurpose.opinionResearch',
  directories: 'marketingPurpose.directories',
  sale_and_sharing: 'marketingPurpose.saleAndSharing',
};

/** The standard marketing purposes' message keys, for other label tables (useLabels.ts). */
export const MARKETING_PURPOSE_KEYS: Readonly<Record<string, MessageKey>> = STANDARD_PURPOSE_KEYS;

const KIND_KEYS: Record<string, MessageKey> = {
  consent_given: 'consentKind.consentGiven',
  consent_withdrawn: 'consentKind.consentWithdrawn',
  prohibition_set: 'consentKind.prohibitionSet',
  prohibition_lifted: 'consentKind.prohibitionLifted',
  objection: 'consentKind.objection',
};

const SOURCE_KEYS: Record<string, MessageKey> = {
  order: 'consentSource.order',
  portal: 'consentSource.portal',
  console_letter: 'consentSource.consoleLetter',
  unsubscribe: 'consentSource.unsubscribe',
  import: 'consentSource.import',
  gpc: 'consentSource.gpc',
};

const REASON_KEYS: Record<string, MessageKey> = {
  consent: 'consentReason.consent',
  existing_customer: 'consentReason.existingCustomer',
  organisation_opt_out: 'consentReason.organisationOptOut',
  not_prohibited: 'consentReason.notProhibited',
  legal_basis: 'consentReason.legalBasis',
  withdrawal: 'consentReason.withdrawal',
  prohibition: 'consentReason.prohibition',
  objection: 'consentReason.objection',
  gpc: 'consentReason.gpc',
  restriction: 'consentReason.restriction',
  erased: 'consentReason.erased',
  no_relationship: 'consentReason.noRelationship',
  no_consent: 'consentReason.noConsent',
};

const METHOD_KEYS: Record<string, MessageKey> = {
  link: 'consents.method.link',
  one_click_post: 'consents.method.oneClickPost',
  all_marketing_form: 'consents.method.allMarketingForm',
};

/**
 * Words for the ledger's codes in the UI language; a code the console does not know (a newer
 * server) is shown as it is.
 */
export function useConsentLabels() {
  const t = useT();
  const { lang } = useLang();
  const from = useCallback(
    (table: Record<string, MessageKey>) => (code: string) => (table[code] ? t(table[code]) : code),
    [t],
  );
  /** A purpose's name: the standard ones from the catalogue, the register's own from its description. */
  const purpose = useCallback(
    (key: string, name?: Localized | null) => {
      if (STANDARD_PURPOSE_KEYS[key]) return t(STANDARD_PURPOSE_KEYS[key]);
      return (name ? pickLocalized(name, lang) : '') || key;
    },
    [t, lang],
  );
  return {
    channel: from(CHANNEL_KEYS),
    kind: from(KIND_KEYS),
    source: from(SOURCE_KEYS),
    reason: from(REASON_KEYS),
    method: from(METHOD_KEYS),
    purpose,
  };
}
