import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the database before its types exist
export async function up(db: Kysely<any>): Promise<void> {
  // A person's processing history, newest first, is read under row-level security, which adds
  // controller_id = <tenant> to subject_id = <customer>. With (subject_id, at) alone the planner
  // combined that index with (controller_id, at) in a bitmap, then fetched and sorted the
  // customer's whole trail to keep the newest 200: 9 ms for 3,000 events, and every portal look
  // adds one. With controller_id in the index both conditions are index conditions and the scan
  // reads the newest rows in order and stops. subject_id still leads, so this index answers every
  // query the old one did, which goes.
  await sql`
    CREATE INDEX processing_events_subject_tenant_idx ON processing_events (subject_id, controller_id, at, seq)
    WHERE subject_id IS NOT NULL`.execute(db);
  await sql`DROP INDEX processing_events_subject_idx`.execute(db);

  // The portal shows, per customer, what each recipient has been told (GDPR 19); without this the
  // read was a sequential scan of every notification of the merchant, once per register shown.
  await sql`CREATE INDEX recipient_notifications_subject_idx ON recipient_notifications (subject_id, created_at)`.execute(
    db,
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the database before its types exist
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS recipient_notifications_subject_idx`.execute(db);
  await sql`
    CREATE INDEX IF NOT EXISTS processing_events_subject_idx ON processing_events (subject_id, at)
    WHERE subject_id IS NOT NULL`.execute(db);
  await sql`DROP INDEX IF EXISTS processing_events_subject_tenant_idx`.execute(db);
}
