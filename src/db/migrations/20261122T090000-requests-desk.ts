import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the database before its types exist
export async function up(db: Kysely<any>): Promise<void> {
  // The desk's side of a request: who handles it, how the identity was verified, the email
  // round-trip of a request sent by the public form, and the access requests beyond one a year.
  await sql`
    ALTER TABLE requests
      ADD COLUMN assigned_to uuid REFERENCES staff_accounts (id),
      ADD COLUMN verified_at timestamptz,
      ADD COLUMN verified_by text,
      ADD COLUMN verification_note text,
      ADD COLUMN confirm_token_hash text,
      ADD COLUMN confirm_expires_at timestamptz,
      ADD COLUMN repeated_access boolean NOT NULL DEFAULT false,
      ADD COLUMN closed_at timestamptz`.execute(db);
  await sql`CREATE UNIQUE INDEX requests_confirm_token_idx ON requests (confirm_token_hash) WHERE confirm_token_hash IS NOT NULL`.execute(
    db,
  );

  // Each type a request names is answered on its own: an access done, an erasure extended or
  // partly refused. The request's state follows from its parts.
  await sql`
    CREATE TABLE request_parts (
      request_id uuid NOT NULL REFERENCES requests (id),
      controller_id uuid NOT NULL,
      type text NOT NULL CHECK (
        type IN ('access', 'rectification', 'erasure', 'restriction', 'portability', 'objection', 'consent_withdrawal')),
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'extended', 'done', 'partly_done', 'refused')),
      extended_due_date date,
      extension_reason text,
      outcome text,
      refusal_reasons text,
      result jsonb,
      closed_at timestamptz,
      PRIMARY KEY (request_id, type),
      CHECK (status <> 'extended' OR (extended_due_date IS NOT NULL AND extension_reason IS NOT NULL)),
      CHECK (status NOT IN ('refused', 'partly_done') OR refusal_reasons IS NOT NULL)
    )`.execute(db);
  await sql`
    INSERT INTO request_parts (request_id, controller_id, type)
    SELECT r.id, r.controller_id, t FROM requests r CROSS JOIN LATERAL unnest(r.types) AS t`.execute(db);

  // Documents kept with a request: a letter or email as received, an export handed out, a letter sent.
  await sql`
    CREATE TABLE request_documents (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      controller_id uuid NOT NULL,
      request_id uuid NOT NULL REFERENCES requests (id),
      kind text NOT NULL CHECK (kind IN ('received', 'export', 'letter')),
      letter_kind text CHECK (letter_kind IN ('acknowledgement', 'extension', 'outcome', 'refusal')),
      language text CHECK (language IN ('fi', 'sv', 'en')),
      file_name text NOT NULL,
      content_type text NOT NULL,
      content bytea NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by text,
      sent_at timestamptz,
      outbox_id uuid,
      CHECK ((kind = 'letter') = (letter_kind IS NOT NULL))
    )`.execute(db);
  await sql`CREATE INDEX request_documents_request_idx ON request_documents (request_id, created_at)`.execute(db);

  await sql`GRANT SELECT, INSERT, UPDATE ON request_parts TO omadata_app`.execute(db);
  await sql`GRANT SELECT, INSERT, UPDATE ON request_documents TO omadata_app`.execute(db);
  for (const table of ['request_parts', 'request_documents']) {
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
