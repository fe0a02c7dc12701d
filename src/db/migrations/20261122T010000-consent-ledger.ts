import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the database before its types exist
export async function up(db: Kysely<any>): Promise<void> {
  // Restriction (GDPR 18) and erasure (GDPR 17) mark a customer; both end every contact at once.
  await sql`ALTER TABLE subjects ADD COLUMN restricted_at timestamptz, ADD COLUMN erased_at timestamptz`.execute(db);

  // The consent ledger: what the person said, when, through what, and what they had been shown.
  // Rows are only ever added; the current permission is worked out from them.
  await sql`
    CREATE TABLE consent_events (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      seq bigint GENERATED ALWAYS AS IDENTITY,
      controller_id uuid NOT NULL,
      register_id uuid NOT NULL,
      subject_id uuid NOT NULL REFERENCES subjects (id),
      kind text NOT NULL CHECK (kind IN ('consent_given', 'consent_withdrawn', 'prohibition_set', 'prohibition_lifted', 'objection')),
      -- NULL: every channel.
      channel text CHECK (channel IN ('email', 'sms', 'phone', 'post')),
      purpose text NOT NULL,
      source text NOT NULL CHECK (source IN ('order', 'portal', 'console_letter', 'unsubscribe', 'import', 'gpc')),
      notice_version integer,
      occurred_at timestamptz NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      ip inet,
      recorded_by uuid,
      evidence jsonb NOT NULL DEFAULT '{}',
      FOREIGN KEY (register_id, controller_id) REFERENCES registers (id, controller_id)
    )`.execute(db);
  await sql`CREATE INDEX consent_events_subject_idx ON consent_events (subject_id, occurred_at DESC, seq DESC)`.execute(
    db,
  );
  await sql`
    CREATE FUNCTION consent_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'the consent ledger is append-only: record a new event instead' USING ERRCODE = 'insufficient_privilege';
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER consent_events_append_only BEFORE UPDATE OR DELETE ON consent_events
    FOR EACH ROW EXECUTE FUNCTION consent_events_append_only()`.execute(db);
  await sql`GRANT SELECT, INSERT ON consent_events TO omadata_app`.execute(db);
  await sql`ALTER TABLE consent_events ENABLE ROW LEVEL SECURITY`.execute(db);
  await sql
    .raw(
      `CREATE POLICY tenant ON consent_events TO omadata_app USING (controller_id = NULLIF(current_setting('omadata.controller_id', true), '')::uuid)`,
    )
    .execute(db);

  // Messages written in the same instant still list in the order they were written.
  await sql`ALTER TABLE outbox ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
