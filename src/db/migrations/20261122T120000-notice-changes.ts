import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the database before its types exist
export async function up(db: Kysely<any>): Promise<void> {
  // A new description version that adds or drops a purpose, changes a purpose's legal basis, or
  // gives data to a new recipient changes the processing of the customers whose data it touches:
  // each of them is to be told (GDPR 13(3), 14(4)). One row per customer and version, queued when
  // the version is published and delivered later by the notifications.
  await sql`
    CREATE TABLE notice_change_notifications (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      controller_id uuid NOT NULL,
      register_id uuid NOT NULL,
      subject_id uuid NOT NULL REFERENCES subjects (id),
      from_version integer NOT NULL,
      to_version integer NOT NULL CHECK (to_version > from_version),
      changes jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      delivered_at timestamptz,
      FOREIGN KEY (register_id, controller_id) REFERENCES registers (id, controller_id),
      UNIQUE (register_id, to_version, subject_id)
    )`.execute(db);
  // The unique key also serves the console's counts per version (register_id, to_version).
  // Delivery takes the oldest undelivered rows first.
  await sql`
    CREATE INDEX notice_change_notifications_pending_idx ON notice_change_notifications (created_at)
    WHERE delivered_at IS NULL`.execute(db);

  await sql`GRANT SELECT, INSERT, UPDATE ON notice_change_notifications TO omadata_app`.execute(db);
  await sql`ALTER TABLE notice_change_notifications ENABLE ROW LEVEL SECURITY`.execute(db);
  await sql`
    CREATE POLICY tenant ON notice_change_notifications TO omadata_app
    USING (controller_id = NULLIF(current_setting('omadata.controller_id', true), '')::uuid)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
