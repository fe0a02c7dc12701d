import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the database before its types exist
export async function up(db: Kysely<any>): Promise<void> {
  // The daily mail about requests due within seven days goes once per controller and Finnish
  // day, however many times the job runs. A run claims the day before it mails; sent_at is set
  // once the mail is in the outbox. A claim left without sent_at by a run that died is taken over
  // after ten minutes (see src/modules/requests/deadline-alerts.ts).
  await sql`
    CREATE TABLE request_alerts (
      controller_id uuid NOT NULL REFERENCES controllers (id),
      day date NOT NULL,
      claimed_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz,
      requests integer NOT NULL DEFAULT 0,
      outbox_ids uuid[] NOT NULL DEFAULT '{}',
      PRIMARY KEY (controller_id, day)
    )`.execute(db);
  await sql`GRANT SELECT, INSERT, UPDATE, DELETE ON request_alerts TO omadata_app`.execute(db);
  await sql`ALTER TABLE request_alerts ENABLE ROW LEVEL SECURITY`.execute(db);
  await sql
    .raw(
      `CREATE POLICY tenant ON request_alerts TO omadata_app USING (controller_id = NULLIF(current_setting('omadata.controller_id', true), '')::uuid)`,
    )
    .execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
