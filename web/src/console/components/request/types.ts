import { REQUEST_TYPES, type RequestType } from '../../../../../src/db/schema.ts';

export { REQUEST_TYPES, type RequestType };

export const VERIFICATION_METHODS = ['document', 'e_id', 'email_round_trip', 'portal'] as const;
export type VerificationMethod = (typeof VERIFICATION_METHODS)[number];

/** Channels staff log a request from; the portal and the public form log their own. */
export const STAFF_CHANNELS = ['letter', 'email', 'phone'] as const;
export const LANGUAGES = ['fi', 'sv', 'en'] as const;

export interface RequestPart {
  type: RequestType;
  status: string;
  extendedDueDate: string | null;
  extensionReason: string | null;
  outcome: string | null;
  refusalReasons: string | null;
  result: Record<string, unknown> | null;
  closedAt: string | null;
}

export interface RequestDocument {
  id: string;
  kind: string;
  letterKind: string | null;
  language: string | null;
  fileName: string;
  contentType: string;
  bytes: number;
  createdAt: string;
  sentAt: string | null;
}

export interface RequestHistoryEntry {
  at: string;
  actorType: string;
  actorEmail: string | null;
  from: string | null;
  to: string;
  note: string | null;
}

/** GET /api/v1/controllers/{c}/requests/{id} */
export interface RequestDetail {
  id: string;
  registerId: string;
  registerName: string;
  subjectId: string | null;
  types: RequestType[];
  status: string;
  channel: string;
  receivedAt: string;
  dueDate: string;
  extendedDueDate: string | null;
  identity: { status: string; method: string | null; verifiedAt: string | null; note: string | null };
  language: string;
  name: string | null;
  email: string | null;
  message: string | null;
  details: Record<string, unknown>;
  repeatedAccess: boolean;
  assignedTo: { id: string; email: string } | null;
  parts: RequestPart[];
  allowed: { verify: boolean; startVerification: boolean; answer: boolean; extend: boolean };
  history: RequestHistoryEntry[];
  documents: RequestDocument[];
}

export const CLOSED_PART_STATUSES: readonly string[] = ['done', 'partly_done', 'refused'];

/** The short reference the desk's letters and mails use: the start of the id, in capitals. */
export const requestReference = (id: string) => id.slice(0, 8).toUpperCase();
