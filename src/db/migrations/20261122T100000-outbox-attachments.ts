import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the database before its types exist
export async function up(db: Kysely<any>): Promise<void> {
  // Files mailed with a message (a request's letter as PDF, an access export), kept with the
  // message so that a retry sends them too: [{ filename, contentType, content (base64) }].
  await sql`ALTER TABLE outbox ADD COLUMN attachments jsonb`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
