import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the database before its types exist
export async function up(db: Kysely<any>): Promise<void> {
  // One-time login links of the consumer portal. Only the SHA-256 of the token is kept, so a copy
  // of the table opens nothing; the address is kept lower-cased, as subjects.email_key.
  await sql`
    CREATE TABLE portal_login_tokens (
      token_hash text PRIMARY KEY,
      email_key text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      used_at timestamptz
    )`.execute(db);
  // Housekeeping deletes by age.
  await sql`CREATE INDEX portal_login_tokens_expires_idx ON portal_login_tokens (expires_at)`.execute(db);

  // A person's portal session: the verified email, not an account; what it sees is found by
  // subjects.email_key on every request.
  await sql`
    CREATE TABLE portal_sessions (
      token_hash text PRIMARY KEY,
      email_key text NOT NULL,
      csrf_token text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX portal_sessions_expires_idx ON portal_sessions (expires_at)`.execute(db);

  // The portal finds the controllers holding an address across all registers: the existing
  // (register_id, email_key) index cannot answer that without a register.
  await sql`CREATE INDEX subjects_email_key_idx ON subjects (email_key) WHERE erased_at IS NULL`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the database before its types exist
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS subjects_email_key_idx`.execute(db);
  await sql`DROP TABLE IF EXISTS portal_sessions`.execute(db);
  await sql`DROP TABLE IF EXISTS portal_login_tokens`.execute(db);
}
