import { sql } from 'kysely';
import type { Tx } from '../../db/database.ts';
import type { NewSubject, Subject } from '../../db/schema.ts';

/** Columns an incoming record may fill; a null keeps what the register already holds. */
const MERGEABLE = [
  'first_name',
  'last_name',
  'email',
  'phone',
  'street',
  'postal_code',
  'city',
  'country',
  'birth_date',
  'interests',
  'feedback',
  'ip',
  'source_page',
  'website',
  'org_name',
  'org_business_id',
  'org_einvoice_address',
  'org_einvoice_operator',
  'org_reference',
  'org_marking',
  'hetu_encrypted',
  'hetu_lookup',
  'hetu_masked',
] as const;

/** SQL types of the columns that are not text, for INSERT … SELECT of parameters. */
const COLUMN_TYPES: Partial<Record<keyof NewSubject, string>> = {
  controller_id: 'uuid',
  register_id: 'uuid',
  birth_date: 'date',
  interests: 'text[]',
  ip: 'inet',
  last_activity_at: 'timestamptz',
};

function mergeSet() {
  const set: Record<string, unknown> = {
    kind: sql`CASE WHEN excluded.kind = 'organisation' THEN 'organisation' ELSE subjects.kind END`,
    updated_at: sql`now()`,
    last_activity_at: sql`GREATEST(subjects.last_activity_at, excluded.last_activity_at)`,
  };
  for (const column of MERGEABLE) set[column] = sql`COALESCE(excluded.${sql.ref(column)}, subjects.${sql.ref(column)})`;
  return set;
}

export function subjectRepository(db: Tx) {
  return {
    /**
     * The same upsert, written only if the CTE named `guard` has a row: lets a caller make the
     * write conditional on what it validated against (the register's description version).
     */
    upsertByEmailGuardedQuery(values: NewSubject) {
      const columns = Object.keys(values).filter((k) => values[k as keyof NewSubject] !== undefined) as (keyof NewSubject & string)[];
      return db
        .insertInto('subjects')
        .columns(columns)
        .expression((eb) =>
          eb.selectFrom('guard' as never).select(
            columns.map((c) => {
              const v = values[c];
              const param = Array.isArray(v) ? sql`${sql.val(v)}` : sql`${v instanceof Date ? v.toISOString() : v}`;
              return sql`${param}::${sql.raw(COLUMN_TYPES[c] ?? 'text')}`.as(c);
            }) as never,
          ),
        )
        .onConflict((oc) => oc.columns(['register_id', 'email_key']).doUpdateSet(mergeSet()))
        .returning(['id', sql<boolean>`(xmax = 0)`.as('inserted')]);
    },

    /** Finds the customer by email in the register or creates it; newer non-empty values win. */
    upsertByEmailQuery(values: NewSubject) {
      return db
        .insertInto('subjects')
        .values(values)
        .onConflict((oc) => oc.columns(['register_id', 'email_key']).doUpdateSet(mergeSet()))
        .returning(['id', sql<boolean>`(xmax = 0)`.as('inserted')]);
    },

    findById(controllerId: string, registerId: string, subjectId: string): Promise<Subject | undefined> {
      return db
        .selectFrom('subjects')
        .selectAll()
        .where('id', '=', subjectId)
        .where('register_id', '=', registerId)
        .where('controller_id', '=', controllerId)
        .executeTakeFirst();
    },

    findByEmail(controllerId: string, registerId: string, email: string): Promise<Subject | undefined> {
      return db
        .selectFrom('subjects')
        .selectAll()
        .where('register_id', '=', registerId)
        .where('email_key', '=', email.trim().toLowerCase())
        .where('controller_id', '=', controllerId)
        .executeTakeFirst();
    },
  };
}
