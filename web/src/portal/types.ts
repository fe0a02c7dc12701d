/** Shapes of the portal API's answers (src/modules/portal): what a person sees of their own data. */
import type { PermissionsView } from '../console/consents.ts';
import type { ErasureReport } from '../console/retention.ts';
import type { Localized } from '../console/types.ts';

export interface PortalSession {
  csrfToken: string;
  email: string;
}

export interface Contact {
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  address?: string | null;
  [key: string]: unknown;
}

export interface PortalOrder {
  orderId: string;
  placedAt: string;
  items: { sku: string; name: string; quantity: number; unitPrice: string | number }[];
  total: { amount: string | number; currency: string };
  paymentMethod: string | null;
}

export interface PortalEvent {
  at: string;
  actorType: string;
  action: string;
  purpose: string;
  fields: string[] | null;
}

/** The portal's permissions are the console's ledger without the staff-only parts of each event. */
export type PortalPermissions = Omit<PermissionsView, 'events'> & {
  events: Array<{
    id: string;
    kind: string;
    channel: string | null;
    purpose: string;
    source: string;
    noticeVersion: number | null;
    occurredAt: string;
  }>;
};

export interface PortalRegister {
  registerId: string;
  name: Localized;
  purposes: { key: string; name: Localized; legalBasis: string }[];
  noticeUrl: string | null;
  subject: {
    id: string;
    fields: Record<string, unknown>;
    restricted: boolean;
    correctable: CorrectableField[];
  };
  orders: PortalOrder[];
  requests: PortalRequest[];
  disclosures: Disclosure[];
  permissions: PortalPermissions;
  events: PortalEvent[];
}

export interface CorrectableField {
  field: string;
  /** `direct`: written at once; `request`: the merchant verifies it first. */
  how: 'direct' | 'request';
  required: boolean;
}

export interface PortalRequest {
  id: string;
  types: string[];
  status: string;
  receivedAt: string;
  dueDate: string;
  extendedDueDate: string | null;
  message: string | null;
  details: Record<string, unknown>;
  history: { at: string; status: string; note: string | null }[];
}

export interface Disclosure {
  name: string;
  category: Localized;
  country: string;
  purposes: string[];
  fields: string[];
  notifications: { event: string; fields: string[]; queuedAt: string; deliveredAt: string | null }[];
}

export interface Merchant {
  controller: { id: string; name: string; businessId: string; contact: Contact | null };
  registers: PortalRegister[];
}

export interface Overview {
  email: string;
  merchants: Merchant[];
}

export type PortalErasureReport = Partial<ErasureReport> &
  Pick<ErasureReport, 'deleted' | 'kept' | 'anonymised'> & {
    orders?: ErasureReport['orders'];
  };
