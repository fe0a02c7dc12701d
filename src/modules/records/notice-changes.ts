import { sql } from 'kysely';
import type { Tx } from '../../db/database.ts';
import { appendEvents } from '../audit/audit.service.ts';
import { registerDescriptionSchema, type RegisterDescription } from '../registers/description.schema.ts';
import type { FieldKey } from '../registers/field-catalogue.ts';

/**
 * What a new description version changes in how a customer's data is processed: the changes a
 * person must be told of before they take effect (GDPR 13(3), 14(4)). Each names the fields it
 * touches; a customer holding none of them is not affected.
 */
export type NoticeChange =
  | { kind: 'purpose_added'; purpose: string; legalBasis: string; fields: FieldKey[] }
  | { kind: 'purpose_removed'; purpose: string; fields: FieldKey[] }
  | { kind: 'legal_basis_changed'; purpose: string; from: string; to: string; fields: FieldKey[] }
  | { kind: 'purpose_fields_added'; purpose: string; fields: FieldKey[] }
  | { kind: 'recipient_added'; recipient: string; country: string; fields: FieldKey[] }
  | { kind: 'recipient_removed'; recipient: string; fields: FieldKey[] }
  | { kind: 'recipient_fields_added'; recipient: string; fields: FieldKey[] }
  | { kind: 'recipient_country_changed'; recipient: string; from: string; to: string; fields: FieldKey[] };

const fieldsOfPurpose = (d: RegisterDescription, purpose: string): FieldKey[] =>
  d.fields.filter((f) => f.purposes.includes(purpose)).map((f) => f.key);

/** A recipient that names no fields is given what its purposes use. */
function recipientFields(d: RegisterDescription, r: RegisterDescription['recipients'][number]): FieldKey[] {
  if (r.fields.length > 0) return r.fields;
  return [...new Set(r.purposes.flatMap((p) => fieldsOfPurpose(d, p)))];
}

/** The changes between two versions that alter someone's processing; none for wording, retention or contact changes. */
export function noticeChanges(previous: RegisterDescription, next: RegisterDescription): NoticeChange[] {
  const changes: NoticeChange[] = [];
  const before = new Map(previous.purposes.map((p) => [p.key, p]));
  const after = new Map(next.purposes.map((p) => [p.key, p]));
  for (const p of next.purposes) {
    const old = before.get(p.key);
    if (!old) {
      changes.push({
        kind: 'purpose_added',
        purpose: p.key,
        legalBasis: p.legalBasis,
        fields: fieldsOfPurpose(next, p.key),
      });
      continue;
    }
    if (old.legalBasis !== p.legalBasis) {
      changes.push({
        kind: 'legal_basis_changed',
        purpose: p.key,
        from: old.legalBasis,
        to: p.legalBasis,
        fields: fieldsOfPurpose(next, p.key),
      });
    }
    const had = new Set(fieldsOfPurpose(previous, p.key));
    const added = fieldsOfPurpose(next, p.key).filter((f) => !had.has(f));
    if (added.length > 0) changes.push({ kind: 'purpose_fields_added', purpose: p.key, fields: added });
  }
  for (const p of previous.purposes) {
    if (!after.has(p.key))
      changes.push({ kind: 'purpose_removed', purpose: p.key, fields: fieldsOfPurpose(previous, p.key) });
  }

  const oldRecipients = new Map(previous.recipients.map((r) => [r.name, r]));
  const newNames = new Set(next.recipients.map((r) => r.name));
  for (const r of next.recipients) {
    const fields = recipientFields(next, r);
    const old = oldRecipients.get(r.name);
    if (!old) {
      changes.push({ kind: 'recipient_added', recipient: r.name, country: r.country, fields });
      continue;
    }
    const had = new Set(recipientFields(previous, old));
    const added = fields.filter((f) => !had.has(f));
    if (added.length > 0) changes.push({ kind: 'recipient_fields_added', recipient: r.name, fields: added });
    if (old.country !== r.country) {
      changes.push({ kind: 'recipient_country_changed', recipient: r.name, from: old.country, to: r.country, fields });
    }
  }
  for (const r of previous.recipients) {
    if (!newNames.has(r.name))
      changes.push({ kind: 'recipient_removed', recipient: r.name, fields: recipientFields(previous, r) });
  }
  return changes;
}

/** SQL that is true when customer `s` holds the field: a column, or rows of their own (orders, the ledger). */
const HOLDS: Record<FieldKey, string> = {
  firstName: 's.first_name IS NOT NULL',
  lastName: 's.last_name IS NOT NULL',
  email: 's.email IS NOT NULL',
  phone: 's.phone IS NOT NULL',
  'address.street': 's.street IS NOT NULL',
  'address.postalCode': 's.postal_code IS NOT NULL',
  'address.city': 's.city IS NOT NULL',
  'address.country': 's.country IS NOT NULL',
  birthDate: 's.birth_date IS NOT NULL',
  personalIdentityCode: 's.hetu_encrypted IS NOT NULL',
  interests: 'cardinality(s.interests) > 0',
  feedback: 's.feedback IS NOT NULL',
  ip: 's.ip IS NOT NULL OR EXISTS (SELECT 1 FROM orders o WHERE o.subject_id = s.id AND o.ip IS NOT NULL)',
  sourcePage:
    's.source_page IS NOT NULL OR EXISTS (SELECT 1 FROM orders o WHERE o.subject_id = s.id AND o.source_page IS NOT NULL)',
  website: 's.website IS NOT NULL',
  'organisation.name': 's.org_name IS NOT NULL',
  'organisation.businessId': 's.org_business_id IS NOT NULL',
  'organisation.eInvoiceAddress': 's.org_einvoice_address IS NOT NULL',
  'organisation.eInvoiceOperator': 's.org_einvoice_operator IS NOT NULL',
  'organisation.reference': 's.org_reference IS NOT NULL',
  'organisation.marking': 's.org_marking IS NOT NULL',
  orders: 'EXISTS (SELECT 1 FROM orders o WHERE o.subject_id = s.id)',
  termsAcceptance: 'EXISTS (SELECT 1 FROM orders o WHERE o.subject_id = s.id AND o.terms_accepted IS NOT NULL)',
  marketingPermissions: 'EXISTS (SELECT 1 FROM consent_events ce WHERE ce.subject_id = s.id)',
};

export interface PublishedVersion {
  controllerId: string;
  registerId: string;
  fromVersion: number;
  toVersion: number;
  next: RegisterDescription;
}

/**
 * Queues a notice for every customer of the register (not erased) whose processing the new
 * version changes, with the changes that concern them, in one INSERT … SELECT: a register may
 * have a million customers. Runs in the publishing transaction, so a version is never published
 * without its notices queued. Answers the number of customers queued.
 */
export async function queueNoticeChanges(tx: Tx, v: PublishedVersion): Promise<number> {
  const stored = await tx
    .selectFrom('register_descriptions')
    .select('document')
    .where('register_id', '=', v.registerId)
    .where('version', '=', v.fromVersion)
    .executeTakeFirst();
  if (!stored) return 0;
  const changes = noticeChanges(registerDescriptionSchema.parse(stored.document), v.next);
  if (changes.length === 0) return 0;

  const affected = [...new Set(changes.flatMap((c) => c.fields))];
  let queued = 0;
  if (affected.length > 0) {
    // The customer's held fields among those affected, then the changes naming any of them.
    const held = sql.raw(
      `ARRAY_REMOVE(ARRAY[${affected.map((f) => `CASE WHEN ${HOLDS[f]} THEN '${f}' END`).join(', ')}]::text[], NULL)`,
    );
    const result = await sql<{ queued: number }>`
      WITH ins AS (
        INSERT INTO notice_change_notifications (controller_id, register_id, subject_id, from_version, to_version, changes)
        SELECT s.controller_id, s.register_id, s.id, ${v.fromVersion}, ${v.toVersion}, mine.changes
        FROM subjects s
        CROSS JOIN LATERAL (SELECT ${held} AS fields) h
        CROSS JOIN LATERAL (
          SELECT jsonb_agg(c.change ORDER BY c.n) AS changes
          FROM jsonb_array_elements(${JSON.stringify(changes)}::jsonb) WITH ORDINALITY AS c(change, n)
          WHERE (c.change -> 'fields') ?| h.fields
        ) mine
        WHERE s.register_id = ${v.registerId}
          AND s.controller_id = ${v.controllerId}
          AND s.erased_at IS NULL
          AND cardinality(h.fields) > 0
        ON CONFLICT (register_id, to_version, subject_id) DO NOTHING
        RETURNING 1
      )
      SELECT count(*)::int AS queued FROM ins`.execute(tx);
    queued = Number(result.rows[0]?.queued ?? 0);
  }
  await appendEvents(tx, v.controllerId, { type: 'system', id: null }, [
    {
      registerId: v.registerId,
      action: 'notice.changes_queued',
      purpose: 'privacy_notice',
      fields: [`version:${v.toVersion}`, `subjects:${queued}`, ...changes.map((c) => `change:${c.kind}`)],
    },
  ]);
  return queued;
}

/** Customers queued for each version after the first (zero when a version changed nothing that concerns anyone), for the console. */
export async function noticeChangeCounts(tx: Tx, controllerId: string, registerId: string) {
  const { rows } = await sql<{ version: number; queued: number; delivered: number }>`
    SELECT rd.version,
           count(n.id)::int AS queued,
           count(n.delivered_at)::int AS delivered
    FROM register_descriptions rd
    LEFT JOIN notice_change_notifications n
      ON n.register_id = rd.register_id AND n.to_version = rd.version AND n.controller_id = rd.controller_id
    WHERE rd.register_id = ${registerId} AND rd.controller_id = ${controllerId} AND rd.version > 1
    GROUP BY rd.version
    ORDER BY rd.version DESC`.execute(tx);
  return rows.map((r) => ({ version: r.version, queued: Number(r.queued), delivered: Number(r.delivered) }));
}
