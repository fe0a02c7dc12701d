import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS pgcrypto`.execute(db);
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);

  await sql`
    CREATE TABLE controllers (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      business_id text NOT NULL,
      contact jsonb,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  // Every table below carries controller_id, the tenant key: it is what row-level security
  // filters on and what a distributed engine would shard by.
  await sql`
    CREATE TABLE registers (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      controller_id uuid NOT NULL REFERENCES controllers (id),
      name text NOT NULL,
      current_version integer NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      -- Target of the (register, controller) foreign keys below: a row can only name a register
      -- together with the controller that really has it.
      UNIQUE (id, controller_id)
    )`.execute(db);
  await sql`CREATE INDEX registers_controller_idx ON registers (controller_id)`.execute(db);

  // Versions are never rewritten: a notice or a consent refers to the version the person saw.
  await sql`
    CREATE TABLE register_descriptions (
      register_id uuid NOT NULL,
      controller_id uuid NOT NULL,
      version integer NOT NULL,
      document jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (register_id, version),
      FOREIGN KEY (register_id, controller_id) REFERENCES registers (id, controller_id)
    )`.execute(db);

  // Only a hash of the key is kept; the prefix finds the row without scanning.
  await sql`
    CREATE TABLE api_keys (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      controller_id uuid NOT NULL REFERENCES controllers (id),
      name text NOT NULL,
      prefix text NOT NULL UNIQUE,
      key_hash text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz,
      last_used_at timestamptz
    )`.execute(db);

  await sql`
    CREATE TABLE subjects (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      controller_id uuid NOT NULL,
      register_id uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('person', 'organisation')),
      first_name text,
      last_name text,
      email text,
      email_key text,
      phone text,
      street text,
      postal_code text,
      city text,
      country text,
      birth_date date,
      interests text[],
      feedback text,
      ip inet,
      source_page text,
      website text,
      org_name text,
      org_business_id text,
      org_einvoice_address text,
      org_einvoice_operator text,
      org_reference text,
      org_marking text,
      hetu_encrypted text,
      hetu_lookup text,
      hetu_masked text,
      source text NOT NULL,
      external_id text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      last_activity_at timestamptz NOT NULL DEFAULT now(),
      FOREIGN KEY (register_id, controller_id) REFERENCES registers (id, controller_id)
    )`.execute(db);
  // Find-or-create by email on every order and the shops' look-up by email: one customer per
  // address in a register.
  await sql`CREATE UNIQUE INDEX subjects_register_email_key ON subjects (register_id, email_key)`.execute(db);
  // Look-up by henkilötunnus goes through its keyed hash, never the plaintext.
  await sql`CREATE INDEX subjects_register_hetu_idx ON subjects (register_id, hetu_lookup) WHERE hetu_lookup IS NOT NULL`.execute(
    db,
  );
  // Re-importing a platform export matches a customer without an email on the platform's own
  // customer id (customers with an email match on the email).
  await sql`CREATE UNIQUE INDEX subjects_register_external_key ON subjects (register_id, external_id) WHERE email_key IS NULL`.execute(
    db,
  );

  await sql`
    CREATE TABLE orders (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      controller_id uuid NOT NULL,
      register_id uuid NOT NULL,
      subject_id uuid NOT NULL REFERENCES subjects (id),
      order_ref text NOT NULL,
      placed_at timestamptz NOT NULL,
      items jsonb NOT NULL,
      total_amount numeric(14, 2) NOT NULL,
      currency char(3) NOT NULL,
      payment_method text NOT NULL,
      invoice_state text,
      source_page text,
      ip inet,
      terms_accepted boolean,
      marketing_opt_in jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      FOREIGN KEY (register_id, controller_id) REFERENCES registers (id, controller_id)
    )`.execute(db);
  // A shop's order number is unique within the register.
  await sql`CREATE UNIQUE INDEX orders_register_ref_key ON orders (register_id, order_ref)`.execute(db);
  // A person's order history.
  await sql`CREATE INDEX orders_subject_idx ON orders (subject_id, placed_at)`.execute(db);

  await sql`
    CREATE TABLE idempotency_keys (
      controller_id uuid NOT NULL,
      register_id uuid NOT NULL,
      key text NOT NULL,
      request_hash text NOT NULL,
      status_code integer NOT NULL,
      response jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (register_id, key),
      FOREIGN KEY (register_id, controller_id) REFERENCES registers (id, controller_id)
    )`.execute(db);

  await sql`
    CREATE TABLE import_runs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      controller_id uuid NOT NULL,
      register_id uuid NOT NULL,
      file_name text NOT NULL,
      format text NOT NULL,
      started_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz,
      total_rows integer NOT NULL DEFAULT 0,
      inserted_rows integer NOT NULL DEFAULT 0,
      updated_rows integer NOT NULL DEFAULT 0,
      rejected_rows integer NOT NULL DEFAULT 0,
      FOREIGN KEY (register_id, controller_id) REFERENCES registers (id, controller_id)
    )`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
