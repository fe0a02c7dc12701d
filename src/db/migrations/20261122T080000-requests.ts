import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the database before its types exist
export async function up(db: Kysely<any>): Promise<void> {
  // Data-subject requests a merchant answers by hand, with the legal deadline (GDPR 12(3)): what
  // the portal cannot do at once because the law lets the merchant verify or refuse it, and
  // written requests by letter, email or form.
  await sql`
    CREATE TABLE requests (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      controller_id uuid NOT NULL,
      register_id uuid NOT NULL,
      subject_id uuid REFERENCES subjects (id),
      types text[] NOT NULL CHECK (
        cardinality(types) > 0
        AND types <@ ARRAY['access', 'rectification', 'erasure', 'restriction', 'portability', 'objection', 'consent_withdrawal']::text[]),
      status text NOT NULL DEFAULT 'received' CHECK (
        status IN ('received', 'verifying', 'in_progress', 'extended', 'done', 'partly_done', 'refused')),
      channel text NOT NULL CHECK (channel IN ('portal', 'form', 'letter', 'email', 'phone')),
      received_at timestamptz NOT NULL,
      due_date date NOT NULL,
      extended_due_date date,
      identity_status text NOT NULL DEFAULT 'unverified' CHECK (identity_status IN ('unverified', 'verified')),
      identity_method text CHECK (identity_method IN ('portal', 'email_round_trip', 'e_id', 'document')),
      language text NOT NULL DEFAULT 'fi' CHECK (language IN ('fi', 'sv', 'en')),
      email text,
      name text,
      message text,
      details jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      FOREIGN KEY (register_id, controller_id) REFERENCES registers (id, controller_id)
    )`.execute(db);
  // The desk lists open requests by due date; the portal lists a person's requests.
  await sql`
    CREATE INDEX requests_open_idx ON requests (controller_id, due_date)
    WHERE status NOT IN ('done', 'partly_done', 'refused')`.execute(db);
  await sql`CREATE INDEX requests_subject_idx ON requests (subject_id, received_at DESC) WHERE subject_id IS NOT NULL`.execute(
    db,
  );

  // Every change of a request's state, by whom and why; never edited.
  await sql`
    CREATE TABLE request_events (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      controller_id uuid NOT NULL,
      request_id uuid NOT NULL REFERENCES requests (id),
      at timestamptz NOT NULL DEFAULT now(),
      actor_type text NOT NULL CHECK (actor_type IN ('staff', 'api_key', 'system', 'subject', 'operator')),
      actor_id text,
      from_status text,
      to_status text NOT NULL,
      note text
    )`.execute(db);
  await sql`CREATE INDEX request_events_request_idx ON request_events (request_id, at)`.execute(db);

  await sql`GRANT SELECT, INSERT, UPDATE ON requests TO omadata_app`.execute(db);
  await sql`GRANT SELECT, INSERT ON request_events TO omadata_app`.execute(db);
  for (const table of ['requests', 'request_events']) {
    await sql`ALTER TABLE ${sql.table(table)} ENABLE ROW LEVEL SECURITY`.execute(db);
    await sql
      .raw(
        `CREATE POLICY tenant ON ${table} TO omadata_app USING (controller_id = NULLIF(current_setting('omadata.controller_id', true), '')::uuid)`,
      )
      .execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
