/** Shapes of the console API's answers (docs/console-api.md). */

export type Role = 'owner' | 'admin' | 'staff' | 'viewer';
export const ROLES: readonly Role[] = ['owner', 'admin', 'staff', 'viewer'];

export interface Membership {
  controllerId: string;
  controllerName: string;
  role: Role;
  requireTotp: boolean;
}

export interface Session {
  staff: {
    id: string;
    email: string;
    name: string | null;
    isOperator: boolean;
    totpEnabled: boolean;
    language: string;
  };
  memberships: Membership[];
  csrfToken: string;
  secondFactor?: boolean;
}

export interface Controller {
  id: string;
  name: string;
  businessId: string;
  role: Role | null;
  requireTotp: boolean;
}

export interface StaffMember {
  staffId: string;
  email: string;
  name: string | null;
  role: Role;
  totpEnabled: boolean;
}

export interface Invite {
  id: string;
  email: string;
  role: Role;
  expiresAt: string;
}

export interface OutboxMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
  createdAt: string;
  sentAt: string | null;
}

export interface RegisterSummary {
  id: string;
  name: string;
  currentVersion: number;
  createdAt: string;
  customers?: number;
}

export interface DescriptionVersion {
  version: number;
  createdAt: string;
}

export interface StoredDescription extends DescriptionVersion {
  document: unknown;
}

export interface ValidationAnswer {
  valid: boolean;
  errors: { field: string; code?: string; message: string }[];
}

export interface Localized {
  fi: string;
  sv?: string;
  en?: string;
}

export interface CatalogueField {
  key: string;
  category: string;
  appliesTo: string;
  label: Localized;
}

export interface CustomerSummary {
  id: string;
  kind: 'person' | 'organisation';
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  city: string | null;
  lastActivityAt: string;
}

export interface Page<T> {
  items: T[];
  next: string | null;
}

export interface ProcessingEvent {
  seq: number | string;
  at: string;
  actorType: string;
  actorId: string | null;
  action: string;
  purpose: string;
  registerId?: string | null;
  subjectId?: string | null;
  fields: string[];
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface Stats {
  customersByMonth: { month: string; count: number }[];
  ordersByMonth: { month: string; count: number }[];
  eventsByAction: { action: string; count: number }[];
}

export interface TotpEnrolment {
  secret: string;
  otpauthUrl: string;
  qrSvg: string;
}
