import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the database before its types exist
export async function up(db: Kysely<any>): Promise<void> {
  // The contact check reads a customer's whole ledger before every message: with every column it
  // reads in the index, that is an index-only scan (the ledger is append-only, so autovacuum keeps
  // the visibility map current) instead of a heap page per event.
  await sql`DROP INDEX consent_events_subject_idx`.execute(db);
  await sql`
    CREATE INDEX consent_events_subject_idx ON consent_events (subject_id, occurred_at DESC, seq DESC)
    INCLUDE (controller_id, id, kind, channel, purpose, source, notice_version)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
