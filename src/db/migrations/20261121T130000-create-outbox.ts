import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Every outgoing message is written here before it is sent, so a crash between the caller's
  // work and the SMTP conversation never loses it. Without SMTP configured this table is the
  // development mailbox. controller_id has no foreign key: platform mail (a staff invitation
  // before the merchant exists, a login link) belongs to no controller.
  await sql`
    CREATE TABLE outbox (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      controller_id uuid,
      to_address text NOT NULL,
      subject text NOT NULL,
      text_body text NOT NULL,
      html_body text,
      kind text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz,
      attempts integer NOT NULL DEFAULT 0,
      last_error text,
      -- A sender claims a message until this time, so that an immediate send and a retry run
      -- (or two retry runs) never deliver it twice; a claim left by a crashed process expires.
      locked_until timestamptz
    )`.execute(db);
  // The retry run looks only for unsent messages, oldest first. Sent mail piles up and unsent
  // mail stays a handful, so a partial index over the unsent rows stays tiny and the retry
  // query never scans the history.
  await sql`CREATE INDEX outbox_unsent_idx ON outbox (created_at) WHERE sent_at IS NULL`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
