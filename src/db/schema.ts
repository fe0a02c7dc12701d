import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T> = ColumnType<T, string, string>;

export interface ControllersTable {
  id: Generated<string>;
  name: string;
  business_id: string;
  require_totp: Generated<boolean>;
  contact: Json<Record<string, unknown>> | null;
  created_at: CreatedAt;
}

export interface RegistersTable {
  id: Generated<string>;
  controller_id: string;
  name: string;
  current_version: number;
  created_at: CreatedAt;
}

export interface RegisterDescriptionsTable {
  register_id: string;
  controller_id: string;
  version: number;
  document: Json<unknown>;
  created_at: CreatedAt;
}

export interface ApiKeysTable {
  id: Generated<string>;
  controller_id: string;
  name: string;
  prefix: string;
  key_hash: string;
  created_at: CreatedAt;
  revoked_at: Date | null;
  last_used_at: Timestamp | null;
}

export interface SubjectsTable {
  id: Generated<string>;
  controller_id: string;
  register_id: string;
  kind: 'person' | 'organisation';
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  email_key: string | null;
  phone: string | null;
  street: string | null;
  postal_code: string | null;
  city: string | null;
  country: string | null;
  birth_date: string | null;
  interests: string[] | null;
  feedback: string | null;
  ip: string | null;
  source_page: string | null;
  website: string | null;
  org_name: string | null;
  org_business_id: string | null;
  org_einvoice_address: string | null;
  org_einvoice_operator: string | null;
  org_reference: string | null;
  org_marking: string | null;
  hetu_encrypted: string | null;
  hetu_lookup: string | null;
  hetu_masked: string | null;
  source: string;
  external_id: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  last_activity_at: Timestamp;
  restricted_at: Timestamp | null;
  erased_at: Timestamp | null;
}

export type ConsentKind =
  'consent_given' | 'consent_withdrawn' | 'prohibition_set' | 'prohibition_lifted' | 'objection';
export type ContactChannel = 'email' | 'sms' | 'phone' | 'post';
export type ConsentSource = 'order' | 'portal' | 'console_letter' | 'unsubscribe' | 'import' | 'gpc';

export interface ConsentEventsTable {
  id: Generated<string>;
  seq: Generated<string>;
  controller_id: string;
  register_id: string;
  subject_id: string;
  kind: ConsentKind;
  channel: ContactChannel | null;
  purpose: string;
  source: ConsentSource;
  notice_version: number | null;
  occurred_at: Timestamp;
  recorded_at: CreatedAt;
  ip: string | null;
  recorded_by: string | null;
  evidence: Json<Record<string, unknown>>;
}

export type HoldKind = 'open_invoice' | 'debt_collection' | 'legal_claim' | 'disputed' | 'business_contact';

export interface HoldsTable {
  id: Generated<string>;
  controller_id: string;
  register_id: string;
  subject_id: string;
  order_id: string | null;
  kind: HoldKind;
  reason: string;
  until: string;
  set_by_type: ActorType;
  set_by_id: string | null;
  created_at: CreatedAt;
  released_at: Timestamp | null;
  released_by_type: ActorType | null;
  released_by_id: string | null;
}

export interface RetainedFieldsTable {
  controller_id: string;
  register_id: string;
  subject_id: string;
  field: string;
  value_encrypted: string;
  reason: string;
  delete_after: string;
  created_at: CreatedAt;
}

export interface ErasuresTable {
  subject_id: string;
  controller_id: string;
  register_id: string;
  cause: 'request' | 'retention';
  requested_by_type: ActorType;
  requested_by_id: string | null;
  report: Json<unknown>;
  done_at: CreatedAt;
}

export interface RecipientNotificationsTable {
  id: Generated<string>;
  controller_id: string;
  register_id: string;
  subject_id: string;
  recipient: string;
  event: 'erased' | 'rectified' | 'restricted';
  fields: string[];
  created_at: CreatedAt;
  delivered_at: Timestamp | null;
}

/** A customer to be told that a new description version changes the processing of their data. */
export interface NoticeChangeNotificationsTable {
  id: Generated<string>;
  controller_id: string;
  register_id: string;
  subject_id: string;
  from_version: number;
  to_version: number;
  changes: Json<unknown[]>;
  created_at: CreatedAt;
  delivered_at: Timestamp | null;
}

export interface RetentionSweepsTable {
  id: Generated<string>;
  controller_id: string;
  register_id: string;
  dry_run: boolean;
  as_of: Timestamp;
  started_at: CreatedAt;
  finished_at: Timestamp | null;
  report: Json<unknown>;
}

export interface OrderItem {
  sku: string | null;
  name: string;
  quantity: number;
  unitPrice: string;
}

export interface OrdersTable {
  id: Generated<string>;
  controller_id: string;
  register_id: string;
  subject_id: string;
  order_ref: string;
  placed_at: Timestamp;
  items: Json<OrderItem[]>;
  total_amount: string;
  currency: string;
  payment_method: string;
  invoice_state: string | null;
  source_page: string | null;
  ip: string | null;
  terms_accepted: boolean | null;
  marketing_opt_in: Json<{ email?: boolean; sms?: boolean }> | null;
  created_at: CreatedAt;
}

export interface IdempotencyKeysTable {
  controller_id: string;
  register_id: string;
  key: string;
  request_hash: string;
  status_code: number;
  response: Json<unknown>;
  created_at: CreatedAt;
}

export interface ImportRunsTable {
  id: Generated<string>;
  controller_id: string;
  register_id: string;
  file_name: string;
  format: string;
  started_at: CreatedAt;
  finished_at: Timestamp | null;
  total_rows: Generated<number>;
  inserted_rows: Generated<number>;
  updated_rows: Generated<number>;
  rejected_rows: Generated<number>;
}

export interface OutboxTable {
  id: Generated<string>;
  controller_id: string | null;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  kind: string;
  created_at: CreatedAt;
  sent_at: Timestamp | null;
  attempts: Generated<number>;
  last_error: string | null;
  locked_until: Timestamp | null;
  seq: Generated<string>;
  attachments: Json<OutboxAttachment[]> | null;
}

/** A file mailed with a message, its content in base64. */
export interface OutboxAttachment {
  filename: string;
  contentType: string;
  content: string;
}

export type Role = 'owner' | 'admin' | 'staff' | 'viewer';

export interface StaffAccountsTable {
  id: Generated<string>;
  email: string;
  email_key: string;
  name: string | null;
  password_hash: string;
  totp_secret_encrypted: string | null;
  totp_pending_secret_encrypted: string | null;
  totp_enabled_at: Date | null;
  totp_last_step: number | null;
  is_operator: Generated<boolean>;
  language: Generated<'fi' | 'sv' | 'en'>;
  created_at: CreatedAt;
  disabled_at: Date | null;
}

export interface MembershipsTable {
  controller_id: string;
  staff_id: string;
  role: Role;
  created_at: CreatedAt;
}

export interface StaffSessionsTable {
  token_hash: string;
  staff_id: string;
  csrf_token: string;
  second_factor_at: Date | null;
  created_at: CreatedAt;
  expires_at: Date;
  last_seen_at: Timestamp;
}

export interface StaffInvitesTable {
  id: Generated<string>;
  token_hash: string;
  controller_id: string;
  email: string;
  role: Role;
  invited_by: string | null;
  created_at: CreatedAt;
  expires_at: Date;
  used_at: Date | null;
}

export interface SetupTokensTable {
  token_hash: string;
  created_at: CreatedAt;
  expires_at: Date;
  used_at: Date | null;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  window_started_at: Timestamp;
  locked_until: Date | null;
}

export type ActorType = 'staff' | 'api_key' | 'system' | 'subject' | 'operator';

export interface ProcessingEventsTable {
  controller_id: string;
  seq: number;
  id: Generated<string>;
  register_id: string | null;
  subject_id: string | null;
  actor_type: ActorType;
  actor_id: string | null;
  action: string;
  purpose: string;
  fields: string[];
  at: Date;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadsTable {
  controller_id: string;
  seq: number;
  hash: string;
}

export interface PortalLoginTokensTable {
  token_hash: string;
  email_key: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export type PortalLoginMethod = 'email_link' | 'oidc';

export interface PortalSessionsTable {
  token_hash: string;
  /** Null when strong identification gave no verified email. */
  email_key: string | null;
  /** E.164, verified by the identity provider. */
  phone: string | null;
  /** The henkilötunnus's keyed look-up hash, as subjects.hetu_lookup. */
  hetu_lookup: string | null;
  method: ColumnType<PortalLoginMethod, PortalLoginMethod | undefined, PortalLoginMethod>;
  csrf_token: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
}

/** A person's download being made: at most one at a time per identity (keyed hash). */
export interface PortalDownloadsTable {
  identity_key: string;
  claim_id: string;
  claimed_at: Timestamp;
}

export interface DB {
  staff_accounts: StaffAccountsTable;
  memberships: MembershipsTable;
  staff_sessions: StaffSessionsTable;
  staff_invites: StaffInvitesTable;
  setup_tokens: SetupTokensTable;
  login_throttle: LoginThrottleTable;
  processing_events: ProcessingEventsTable;
  audit_heads: AuditHeadsTable;
  controllers: ControllersTable;
  registers: RegistersTable;
  register_descriptions: RegisterDescriptionsTable;
  api_keys: ApiKeysTable;
  subjects: SubjectsTable;
  orders: OrdersTable;
  idempotency_keys: IdempotencyKeysTable;
  import_runs: ImportRunsTable;
  outbox: OutboxTable;
  consent_events: ConsentEventsTable;
  holds: HoldsTable;
  retained_fields: RetainedFieldsTable;
  erasures: ErasuresTable;
  recipient_notifications: RecipientNotificationsTable;
  retention_sweeps: RetentionSweepsTable;
  notice_change_notifications: NoticeChangeNotificationsTable;
  portal_login_tokens: PortalLoginTokensTable;
  portal_sessions: PortalSessionsTable;
  portal_downloads: PortalDownloadsTable;
  requests: RequestsTable;
  request_events: RequestEventsTable;
  request_parts: RequestPartsTable;
  request_documents: RequestDocumentsTable;
}

export const REQUEST_TYPES = [
  'access',
  'rectification',
  'erasure',
  'restriction',
  'portability',
  'objection',
  'consent_withdrawal',
] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];
export const REQUEST_STATUSES = [
  'received',
  'verifying',
  'in_progress',
  'extended',
  'done',
  'partly_done',
  'refused',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export type RequestChannel = 'portal' | 'form' | 'letter' | 'email' | 'phone';

export interface RequestsTable {
  id: Generated<string>;
  controller_id: string;
  register_id: string;
  subject_id: string | null;
  types: RequestType[];
  status: Generated<RequestStatus>;
  channel: RequestChannel;
  received_at: Timestamp;
  due_date: string;
  extended_due_date: string | null;
  identity_status: Generated<'unverified' | 'verified'>;
  identity_method: 'portal' | 'email_round_trip' | 'e_id' | 'document' | null;
  language: Generated<'fi' | 'sv' | 'en'>;
  email: string | null;
  name: string | null;
  message: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: CreatedAt;
  updated_at: Timestamp;
  assigned_to: string | null;
  verified_at: Timestamp | null;
  verified_by: string | null;
  verification_note: string | null;
  confirm_token_hash: string | null;
  confirm_expires_at: Timestamp | null;
  repeated_access: Generated<boolean>;
  closed_at: Timestamp | null;
}

export const REQUEST_PART_STATUSES = ['open', 'extended', 'done', 'partly_done', 'refused'] as const;
export type RequestPartStatus = (typeof REQUEST_PART_STATUSES)[number];

export interface RequestPartsTable {
  request_id: string;
  controller_id: string;
  type: RequestType;
  status: Generated<RequestPartStatus>;
  extended_due_date: string | null;
  extension_reason: string | null;
  outcome: string | null;
  refusal_reasons: string | null;
  result: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  closed_at: Timestamp | null;
}

export type LetterKind = 'acknowledgement' | 'extension' | 'outcome' | 'refusal';

export interface RequestDocumentsTable {
  id: Generated<string>;
  controller_id: string;
  request_id: string;
  kind: 'received' | 'export' | 'letter';
  letter_kind: LetterKind | null;
  language: 'fi' | 'sv' | 'en' | null;
  file_name: string;
  content_type: string;
  content: Buffer;
  created_at: CreatedAt;
  created_by: string | null;
  sent_at: Timestamp | null;
  outbox_id: string | null;
  /** A letter's email: its subject and text, mailed with the PDF. */
  letter_subject: string | null;
  letter_text: string | null;
}

export interface RequestEventsTable {
  id: Generated<string>;
  controller_id: string;
  request_id: string;
  at: CreatedAt;
  actor_type: ActorType;
  actor_id: string | null;
  from_status: RequestStatus | null;
  to_status: RequestStatus;
  note: string | null;
}

export type Subject = Selectable<SubjectsTable>;
export type NewSubject = Insertable<SubjectsTable>;
export type SubjectUpdate = Updateable<SubjectsTable>;
export type Order = Selectable<OrdersTable>;
export type Register = Selectable<RegistersTable>;
export type Controller = Selectable<ControllersTable>;
