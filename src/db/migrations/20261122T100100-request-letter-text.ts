import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the database before its types exist
export async function up(db: Kysely<any>): Promise<void> {
  // A letter is mailed after the transaction that wrote it: the subject and the text of the
  // email are kept with its PDF, so that what is mailed is what was written, whenever it goes.
  await sql`ALTER TABLE request_documents ADD COLUMN letter_subject text, ADD COLUMN letter_text text`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
