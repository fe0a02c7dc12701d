import { useCallback } from 'react';
import { useLang, useT, type MessageKey } from '../i18n/index.tsx';
import { MARKETING_PURPOSE_KEYS } from './consents.ts';
import { pickLocalized } from './format.ts';
import { holdKindKey } from './retention.ts';
import type { CatalogueField, Role } from './types.ts';
import { useResource } from './useResource.ts';

const ROLE_KEYS: Record<Role, MessageKey> = {
  owner: 'role.owner',
  admin: 'role.admin',
  staff: 'role.staff',
  viewer: 'role.viewer',
};

export function useRoleName(): (role: string) => string {
  const t = useT();
  return useCallback((role) => (role in ROLE_KEYS ? t(ROLE_KEYS[role as Role]) : role), [t]);
}

export const ACTOR_TYPES = ['staff', 'api_key', 'system', 'subject', 'operator'] as const;

const ACTOR_KEYS: Record<(typeof ACTOR_TYPES)[number], MessageKey> = {
  staff: 'actor.staff',
  api_key: 'actor.apiKey',
  system: 'actor.system',
  subject: 'actor.subject',
  operator: 'actor.operator',
};

export function useActorTypeName(): (actorType: string) => string {
  const t = useT();
  return useCallback((a) => (a in ACTOR_KEYS ? t(ACTOR_KEYS[a as keyof typeof ACTOR_KEYS]) : a), [t]);
}

/** The field catalogue, and a function from a field key to its label in the UI language. */
export function useFieldCatalogue() {
  const { lang } = useLang();
  const catalogue = useResource<{ items: CatalogueField[] }>('/api/v1/field-catalogue');
  const items = catalogue.data?.items ?? null;
  const label = useCallback(
    (key: string) => {
      const field = items?.find((f) => f.key === key);
      return field ? pickLocalized(field.label, lang) : key;
    },
    [items, lang],
  );
  /** Sorts field keys as the catalogue lists them (names first, then address…), unknown keys last. */
  const inCatalogueOrder = useCallback(
    (keys: readonly string[]) => {
      const rank = (key: string) => {
        const i = items?.findIndex((f) => f.key === key) ?? -1;
        return i === -1 ? Number.MAX_SAFE_INTEGER : i;
      };
      return [...keys].sort((a, b) => rank(a) - rank(b));
    },
    [items],
  );
  return { catalogue, items, label, inCatalogueOrder };
}

/** Actions the server records (src/modules/**: appendEvents); others are shown as their code. */
const ACTION_KEYS: Record<string, MessageKey> = {
  'controller.created': 'action.controllerCreated',
  'register.created': 'action.registerCreated',
  'description.published': 'action.descriptionPublished',
  'api_key.created': 'action.apiKeyCreated',
  'api_key.revoked': 'action.apiKeyRevoked',
  'order.received': 'action.orderReceived',
  'customers.searched': 'action.customersSearched',
  'customer.viewed': 'action.customerViewed',
  'customer.read': 'action.customerRead',
  'identity_code.revealed': 'action.identityCodeRevealed',
  'customer.imported': 'action.customerImported',
  'customer.updated_by_import': 'action.customerUpdatedByImport',
  'customer.permissions_viewed': 'action.permissionsViewed',
  'consent.recorded': 'action.consentRecorded',
  'consent.withdrawn': 'action.consentWithdrawn',
  'consent.objected': 'action.consentObjected',
  'contact.checked': 'action.contactChecked',
  'marketing_list.exported': 'action.marketingListExported',
  'hold.set': 'action.holdSet',
  'hold.released': 'action.holdReleased',
  'subject.restricted': 'action.subjectRestricted',
  'subject.restriction_lifted': 'action.restrictionLifted',
  'subject.erased': 'action.subjectErased',
  'subject.erased_by_retention': 'action.subjectErasedByRetention',
  'retention.deleted': 'action.retentionDeleted',
  'customer.retention_viewed': 'action.retentionViewed',
  'holds.listed': 'action.holdsListed',
  'retention.previewed': 'action.retentionPreviewed',
  'retention.sweeps_viewed': 'action.sweepsViewed',
  'statistics.viewed': 'action.statisticsViewed',
  // The person's own look in the portal (/oma), and a refused sign-in link.
  'portal.viewed': 'action.portalViewed',
  'portal.login_refused': 'action.portalLoginRefused',
  'portal.correction_refused': 'action.portalCorrectionRefused',
  'portal.download_refused': 'action.portalDownloadRefused',
  'portal.downloaded': 'action.portalDownloaded',
  'portal.request_refused': 'action.portalRequestRefused',
  'request.answered': 'action.requestAnswered',
  'request.assigned': 'action.requestAssigned',
  'request.document_opened': 'action.requestDocumentOpened',
  'request.extended': 'action.requestExtended',
  'request.identity_verified': 'action.requestIdentityVerified',
  'request.letter': 'action.requestLetter',
  'request.noted': 'action.requestNoted',
  'request.received': 'action.requestReceived',
  'request.refused': 'action.requestRefused',
  'request.verifying': 'action.requestVerifying',
  'request.viewed': 'action.requestViewed',
  'requests.listed': 'action.requestsListed',
  'subject.corrected': 'action.subjectCorrected',
  'subject.exported': 'action.subjectExported',
};

export function useActionName(): (action: string) => string {
  const t = useT();
  return useCallback((a) => (ACTION_KEYS[a] ? t(ACTION_KEYS[a]) : a), [t]);
}

/** The platform's own purposes; a register's purposes and free-text reasons are shown as they are. */
const PURPOSE_KEYS: Record<string, MessageKey> = {
  customer_service: 'purpose.customerService',
  order_handling: 'purpose.orderHandling',
  register_administration: 'purpose.registerAdministration',
  integration_administration: 'purpose.integrationAdministration',
  platform_administration: 'purpose.platformAdministration',
  register_import: 'purpose.registerImport',
  consent_management: 'purpose.consentManagement',
  retention: 'purpose.retention',
  erasure_request: 'purpose.erasureRequest',
  statistics: 'purpose.statistics',
  restriction: 'purpose.restriction',
  data_subject_access: 'purpose.dataSubjectAccess',
  security: 'purpose.security',
  data_subject_rectification: 'purpose.dataSubjectRectification',
  data_subject_request: 'purpose.dataSubjectRequest',
  portal_security: 'purpose.portalSecurity',
  // A marketing list is recorded with the marketing purpose it was made for.
  ...MARKETING_PURPOSE_KEYS,
};

export function usePurposeName(): (purpose: string) => string {
  const t = useT();
  return useCallback(
    (p) => {
      if (PURPOSE_KEYS[p]) return t(PURPOSE_KEYS[p]);
      // A hold is recorded with its kind (hold_open_invoice), a restriction with its reason.
      const kind = /^hold_(\w+)$/.exec(p)?.[1];
      const kindKey = kind ? holdKindKey(kind) : undefined;
      if (kindKey) return t('purpose.hold', { kind: t(kindKey) });
      const because = /^restriction: ([\s\S]+)$/.exec(p)?.[1];
      if (because) return t('purpose.restrictionBecause', { reason: because });
      return p;
    },
    [t],
  );
}
