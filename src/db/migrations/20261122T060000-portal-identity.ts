import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the database before its types exist
export async function up(db: Kysely<any>): Promise<void> {
  // A session opened by strong identification (OpenID Connect) may have no verified email: it is
  // a verified phone number and/or the look-up hash of the henkilötunnus instead. A session always
  // has at least one key, or it would match nobody.
  await sql`ALTER TABLE portal_sessions ALTER COLUMN email_key DROP NOT NULL`.execute(db);
  await sql`
    ALTER TABLE portal_sessions
      ADD COLUMN phone text,
      ADD COLUMN hetu_lookup text,
      ADD COLUMN method text NOT NULL DEFAULT 'email_link'
        CONSTRAINT portal_sessions_method_check CHECK (method IN ('email_link', 'oidc')),
      ADD CONSTRAINT portal_sessions_identity_check
        CHECK (email_key IS NOT NULL OR phone IS NOT NULL OR hetu_lookup IS NOT NULL)`.execute(db);

  // The portal finds the controllers holding a person across all registers by each verified key;
  // the existing indexes lead with register_id and cannot answer that without a register.
  await sql`
    CREATE INDEX subjects_phone_any_idx ON subjects (phone)
      WHERE erased_at IS NULL AND phone IS NOT NULL`.execute(db);
  await sql`
    CREATE INDEX subjects_hetu_lookup_idx ON subjects (hetu_lookup)
      WHERE erased_at IS NULL AND hetu_lookup IS NOT NULL`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the database before its types exist
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS subjects_hetu_lookup_idx`.execute(db);
  await sql`DROP INDEX IF EXISTS subjects_phone_any_idx`.execute(db);
  // Sessions without an email cannot be kept once the column is required again.
  await sql`DELETE FROM portal_sessions WHERE email_key IS NULL`.execute(db);
  await sql`
    ALTER TABLE portal_sessions
      DROP CONSTRAINT IF EXISTS portal_sessions_identity_check,
      DROP COLUMN IF EXISTS method,
      DROP COLUMN IF EXISTS hetu_lookup,
      DROP COLUMN IF EXISTS phone`.execute(db);
  await sql`ALTER TABLE portal_sessions ALTER COLUMN email_key SET NOT NULL`.execute(db);
}
