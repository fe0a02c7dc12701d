import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the database before its types exist
export async function up(db: Kysely<any>): Promise<void> {
  // Legal holds: a reason the law or a dispute gives to keep a customer's data past a request or a sweep.
  await sql`
    CREATE TABLE holds (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      controller_id uuid NOT NULL,
      register_id uuid NOT NULL,
      subject_id uuid NOT NULL REFERENCES subjects (id),
      order_id uuid REFERENCES orders (id),
      kind text NOT NULL CHECK (kind IN ('open_invoice', 'debt_collection', 'legal_claim', 'disputed', 'business_contact')),
      reason text NOT NULL CHECK (length(reason) > 0),
      until date NOT NULL,
      set_by_type text NOT NULL,
      set_by_id text,
      created_at timestamptz NOT NULL DEFAULT now(),
      released_at timestamptz,
      released_by_type text,
      released_by_id text,
      FOREIGN KEY (register_id, controller_id) REFERENCES registers (id, controller_id)
    )`.execute(db);
  await sql`CREATE INDEX holds_subject_idx ON holds (subject_id) WHERE released_at IS NULL`.execute(db);

  // What an erasure had to keep: each value on its own, encrypted (pseudonymised: without the
  // key nobody can read or link it), with its reason and its own deletion date.
  await sql`
    CREATE TABLE retained_fields (
      controller_id uuid NOT NULL,
      register_id uuid NOT NULL,
      subject_id uuid NOT NULL REFERENCES subjects (id),
      field text NOT NULL,
      value_encrypted text NOT NULL,
      reason text NOT NULL,
      delete_after date NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (subject_id, field),
      FOREIGN KEY (register_id, controller_id) REFERENCES registers (id, controller_id)
    )`.execute(db);
  await sql`CREATE INDEX retained_fields_due_idx ON retained_fields (register_id, delete_after)`.execute(db);

  // One erasure per customer: asking again answers the same report.
  await sql`
    CREATE TABLE erasures (
      subject_id uuid PRIMARY KEY REFERENCES subjects (id),
      controller_id uuid NOT NULL,
      register_id uuid NOT NULL,
      cause text NOT NULL CHECK (cause IN ('request', 'retention')),
      requested_by_type text NOT NULL,
      requested_by_id text,
      report jsonb NOT NULL,
      done_at timestamptz NOT NULL DEFAULT now(),
      FOREIGN KEY (register_id, controller_id) REFERENCES registers (id, controller_id)
    )`.execute(db);

  // Article 19: recipients to tell of an erasure, rectification or restriction; delivered by the notifications work.
  await sql`
    CREATE TABLE recipient_notifications (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      controller_id uuid NOT NULL,
      register_id uuid NOT NULL,
      subject_id uuid NOT NULL REFERENCES subjects (id),
      recipient text NOT NULL,
      event text NOT NULL CHECK (event IN ('erased', 'rectified', 'restricted')),
      fields text[] NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      delivered_at timestamptz,
      FOREIGN KEY (register_id, controller_id) REFERENCES registers (id, controller_id)
    )`.execute(db);
  await sql`CREATE INDEX recipient_notifications_pending_idx ON recipient_notifications (created_at) WHERE delivered_at IS NULL`.execute(
    db,
  );

  // Sweep reports: a dry run's list and a real run's result, per register.
  await sql`
    CREATE TABLE retention_sweeps (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      controller_id uuid NOT NULL,
      register_id uuid NOT NULL,
      dry_run boolean NOT NULL,
      as_of timestamptz NOT NULL,
      started_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz,
      report jsonb NOT NULL DEFAULT '{}',
      FOREIGN KEY (register_id, controller_id) REFERENCES registers (id, controller_id)
    )`.execute(db);
  await sql`CREATE INDEX retention_sweeps_register_idx ON retention_sweeps (register_id, started_at DESC)`.execute(db);

  // The sweep finds customers by when their retention runs out.
  await sql`CREATE INDEX subjects_register_activity_idx ON subjects (register_id, last_activity_at) WHERE erased_at IS NULL`.execute(
    db,
  );
  await sql`CREATE INDEX orders_register_placed_idx ON orders (register_id, placed_at)`.execute(db);

  // An erasure may scrub the proof in the consent ledger of what identifies the person (IP
  // address, order number) and nothing else; every other change is still refused.
  await sql`
    CREATE OR REPLACE FUNCTION consent_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' AND NEW.ip IS NULL AND NEW.evidence = '{}'::jsonb
         AND (NEW.id, NEW.seq, NEW.controller_id, NEW.register_id, NEW.subject_id, NEW.kind, NEW.channel, NEW.purpose,
              NEW.source, NEW.notice_version, NEW.occurred_at, NEW.recorded_at, NEW.recorded_by)
             IS NOT DISTINCT FROM
             (OLD.id, OLD.seq, OLD.controller_id, OLD.register_id, OLD.subject_id, OLD.kind, OLD.channel, OLD.purpose,
              OLD.source, OLD.notice_version, OLD.occurred_at, OLD.recorded_at, OLD.recorded_by) THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION 'the consent ledger is append-only: record a new event instead' USING ERRCODE = 'insufficient_privilege';
    END $$`.execute(db);
  await sql`GRANT UPDATE (ip, evidence) ON consent_events TO omadata_app`.execute(db);

  for (const table of ['holds', 'retained_fields', 'erasures', 'recipient_notifications', 'retention_sweeps']) {
    await sql`GRANT SELECT, INSERT, UPDATE, DELETE ON ${sql.table(table)} TO omadata_app`.execute(db);
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
