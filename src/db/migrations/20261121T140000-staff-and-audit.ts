import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE controllers ADD COLUMN require_totp boolean NOT NULL DEFAULT false`.execute(db);

  await sql`
    CREATE TABLE staff_accounts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email text NOT NULL,
      email_key text NOT NULL UNIQUE,
      name text,
      password_hash text NOT NULL,
      totp_secret_encrypted text,
      -- A new secret waits here until its first code is confirmed; the old one keeps working.
      totp_pending_secret_encrypted text,
      totp_enabled_at timestamptz,
      -- The last time step a code was accepted for: a code works once (RFC 6238 5.2).
      totp_last_step bigint,
      is_operator boolean NOT NULL DEFAULT false,
      language text NOT NULL DEFAULT 'fi' CHECK (language IN ('fi', 'sv', 'en')),
      created_at timestamptz NOT NULL DEFAULT now(),
      disabled_at timestamptz
    )`.execute(db);

  await sql`
    CREATE TABLE memberships (
      controller_id uuid NOT NULL REFERENCES controllers (id),
      staff_id uuid NOT NULL REFERENCES staff_accounts (id),
      role text NOT NULL CHECK (role IN ('owner', 'admin', 'staff', 'viewer')),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (controller_id, staff_id)
    )`.execute(db);
  // A person's controllers, at login.
  await sql`CREATE INDEX memberships_staff_idx ON memberships (staff_id)`.execute(db);

  // The cookie holds a random token; only its hash is stored.
  await sql`
    CREATE TABLE staff_sessions (
      token_hash text PRIMARY KEY,
      staff_id uuid NOT NULL REFERENCES staff_accounts (id),
      csrf_token text NOT NULL,
      second_factor_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  await sql`
    CREATE TABLE staff_invites (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      token_hash text NOT NULL UNIQUE,
      controller_id uuid NOT NULL REFERENCES controllers (id),
      email text NOT NULL,
      role text NOT NULL CHECK (role IN ('owner', 'admin', 'staff', 'viewer')),
      invited_by uuid REFERENCES staff_accounts (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      used_at timestamptz
    )`.execute(db);

  await sql`
    CREATE TABLE setup_tokens (
      token_hash text PRIMARY KEY,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      used_at timestamptz
    )`.execute(db);

  // Failed logins per account and per address; a lock ends by itself at locked_until.
  await sql`
    CREATE TABLE login_throttle (
      key text PRIMARY KEY,
      failures integer NOT NULL DEFAULT 0,
      window_started_at timestamptz NOT NULL DEFAULT now(),
      locked_until timestamptz
    )`.execute(db);

  // The audit trail: one hash chain per controller, appended under a lock on its head row.
  await sql`
    CREATE TABLE processing_events (
      controller_id uuid NOT NULL REFERENCES controllers (id),
      seq bigint NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      register_id uuid,
      subject_id uuid,
      actor_type text NOT NULL CHECK (actor_type IN ('staff', 'api_key', 'system', 'subject', 'operator')),
      actor_id text,
      action text NOT NULL,
      purpose text NOT NULL,
      fields text[] NOT NULL DEFAULT '{}',
      at timestamptz NOT NULL,
      prev_hash text NOT NULL,
      hash text NOT NULL,
      PRIMARY KEY (controller_id, seq)
    )`.execute(db);
  // A person's events (customer page, portal).
  await sql`CREATE INDEX processing_events_subject_idx ON processing_events (subject_id, at) WHERE subject_id IS NOT NULL`.execute(
    db,
  );
  // The audit page filters by time within a controller.
  await sql`CREATE INDEX processing_events_at_idx ON processing_events (controller_id, at)`.execute(db);
  await sql`
    CREATE TABLE audit_heads (
      controller_id uuid PRIMARY KEY REFERENCES controllers (id),
      seq bigint NOT NULL,
      hash text NOT NULL
    )`.execute(db);

  // The console's customer list pages through a register in id order, and searches by name prefix.
  await sql`CREATE INDEX subjects_register_id_idx ON subjects (register_id, id)`.execute(db);
  await sql`CREATE INDEX subjects_last_name_idx ON subjects (register_id, lower(last_name) text_pattern_ops, id)`.execute(
    db,
  );
  await sql`CREATE INDEX subjects_first_name_idx ON subjects (register_id, lower(first_name) text_pattern_ops, id)`.execute(
    db,
  );
  // Search by phone number.
  await sql`CREATE INDEX subjects_phone_idx ON subjects (register_id, phone) WHERE phone IS NOT NULL`.execute(db);

  // Row-level security: work done for one controller runs as omadata_app with
  // omadata.controller_id set, and sees only that controller's rows, whatever its queries say.
  // The tables' owner (migrations, platform operators, system jobs) is not subject to it.
  await sql`
    DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'omadata_app') THEN
        CREATE ROLE omadata_app NOLOGIN NOBYPASSRLS;
      END IF;
    END $$`.execute(db);
  await sql`GRANT omadata_app TO CURRENT_USER`.execute(db).catch(() => {
    // Already a member, or a superuser that needs no grant.
  });
  await sql`GRANT USAGE ON SCHEMA public TO omadata_app`.execute(db);
  const tenantTables = [
    'registers',
    'register_descriptions',
    'api_keys',
    'subjects',
    'orders',
    'idempotency_keys',
    'import_runs',
    'memberships',
    'staff_invites',
  ];
  for (const table of tenantTables) {
    await sql`GRANT SELECT, INSERT, UPDATE, DELETE ON ${sql.table(table)} TO omadata_app`.execute(db);
    await sql`ALTER TABLE ${sql.table(table)} ENABLE ROW LEVEL SECURITY`.execute(db);
    await sql
      .raw(
        `CREATE POLICY tenant ON ${table} TO omadata_app USING (controller_id = NULLIF(current_setting('omadata.controller_id', true), '')::uuid)`,
      )
      .execute(db);
  }
  // The trail is append-only for the application.
  await sql`GRANT SELECT, INSERT ON processing_events TO omadata_app`.execute(db);
  await sql`GRANT SELECT, INSERT, UPDATE ON audit_heads TO omadata_app`.execute(db);
  for (const table of ['processing_events', 'audit_heads']) {
    await sql`ALTER TABLE ${sql.table(table)} ENABLE ROW LEVEL SECURITY`.execute(db);
    await sql
      .raw(
        `CREATE POLICY tenant ON ${table} TO omadata_app USING (controller_id = NULLIF(current_setting('omadata.controller_id', true), '')::uuid)`,
      )
      .execute(db);
  }
  await sql`GRANT SELECT ON controllers, staff_accounts TO omadata_app`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
