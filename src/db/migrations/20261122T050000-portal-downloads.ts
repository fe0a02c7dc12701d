import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the database before its types exist
export async function up(db: Kysely<any>): Promise<void> {
  // The portal's "download everything": one row per person while their zip is being made, so that
  // a second download asked meanwhile (another tab, another API process) is refused instead of
  // reading everything twice. The key is a keyed hash of the verified identity, not the address.
  // A row is claimed with INSERT … ON CONFLICT and deleted when the zip has been sent; one older
  // than ten minutes is a crashed process's and may be taken over.
  //
  // Not granted to omadata_app and without row-level security: a person spans controllers, so the
  // claim is made as the owner outside any tenant, like portal_sessions.
  await sql`
    CREATE TABLE portal_downloads (
      identity_key text PRIMARY KEY,
      claim_id uuid NOT NULL,
      claimed_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the database before its types exist
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS portal_downloads`.execute(db);
}
