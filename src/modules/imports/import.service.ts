import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { parse } from 'csv-parse';
import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { SecretBox } from '../../crypto/secret-box.ts';
import { DomainError } from '../../errors.ts';
import type { FieldKey } from '../registers/field-catalogue.ts';
import { registerService, type LoadedRegister } from '../registers/register.service.ts';
import { CUSTOMER_COLUMNS, normalizeCustomer, type CustomerColumns } from '../subjects/customer-input.ts';
import type { CustomerInput } from '../subjects/customer.schemas.ts';
import { detectFormat, type CsvFormat } from './csv-formats.ts';
import { presentFields } from '../subjects/subject-fields.ts';
import { enterTenant } from '../../db/tenant.ts';
import { appendEvents, type Actor } from '../audit/audit.service.ts';

export interface ImportOptions {
  database: Database;
  secretBox: SecretBox;
  registerId: string;
  fileName: string;
  input: Readable;
  /** Rejected rows go here as CSV: line, reason, then the row as it was. */
  rejects?: Writable;
  batchSize?: number;
  /** Who runs the import, for the processing events (the command line by default). */
  actor?: Actor;
  onProgress?: (progress: { rows: number; bytes: number }) => void;
}

export interface ImportReport {
  importId: string;
  format: CsvFormat['name'];
  rows: number;
  inserted: number;
  updated: number;
  rejected: number;
  /** Columns Omadata does not read. */
  ignoredColumns: string[];
  /** Fields in the file that the register description does not declare: never stored. */
  undeclaredFields: string[];
}

type StagedRow = CustomerColumns & {
  external_id: string | null;
  marketing_email: boolean | null;
  marketing_sms: boolean | null;
};

// An import never carries a henkilötunnus, so its masked form is not staged.
const STAGED_COLUMNS = [...CUSTOMER_COLUMNS.filter((c) => c !== 'hetu_masked'), 'external_id'] as const;

/** Undeclared fields are left out of the row (and reported once), not a reason to refuse it. */
function keepDeclared(c: CustomerInput, declared: ReadonlySet<FieldKey>, dropped: Set<string>): CustomerInput {
  const keep = <T>(key: FieldKey, value: T | null | undefined): T | null => {
    if (
      value === null ||
      value === undefined ||
      (typeof value === 'string' && value.trim() === '') ||
      (Array.isArray(value) && value.length === 0)
    )
      return null;
    if (declared.has(key)) return value;
    dropped.add(key);
    return null;
  };
  return {
    firstName: keep('firstName', c.firstName),
    lastName: keep('lastName', c.lastName),
    email: keep('email', c.email),
    phone: keep('phone', c.phone),
    address: {
      street: keep('address.street', c.address?.street),
      postalCode: keep('address.postalCode', c.address?.postalCode),
      city: keep('address.city', c.address?.city),
      country: keep('address.country', c.address?.country),
    },
    birthDate: keep('birthDate', c.birthDate),
    interests: keep('interests', c.interests),
    feedback: keep('feedback', c.feedback),
    website: keep('website', c.website),
    organisation: {
      name: keep('organisation.name', c.organisation?.name),
      businessId: keep('organisation.businessId', c.organisation?.businessId),
      eInvoiceAddress: keep('organisation.eInvoiceAddress', c.organisation?.eInvoiceAddress),
      eInvoiceOperator: keep('organisation.eInvoiceOperator', c.organisation?.eInvoiceOperator),
      reference: keep('organisation.reference', c.organisation?.reference),
      marking: keep('organisation.marking', c.organisation?.marking),
    },
  };
}

function pgArray(values: string[] | null): string | null {
  if (values === null) return null;
  return `{${values.map((x) => `"${x.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

const MARKETING_COLUMNS = ['marketing_email', 'marketing_sms'] as const;
const bool = (b: boolean | null) => (b === null ? null : b ? 't' : 'f');

const MERGE_SET = STAGED_COLUMNS.filter((c) => c !== 'email_key' && c !== 'kind')
  // A restricted customer's data is only stored (GDPR 18): an import does not change it.
  .map(
    (c) =>
      `${c} = CASE WHEN subjects.restricted_at IS NULL THEN COALESCE(excluded.${c}, subjects.${c}) ELSE subjects.${c} END`,
  )
  .join(', ');

/**
 * Streams a CSV into the register in batches, each its own transaction: rows that pass are stored
 * even when others fail, a crash loses at most the batch in flight, and running the same file
 * again matches every row to the customer it created (by email, else the platform's customer id).
 */
export async function importCustomers(options: ImportOptions): Promise<ImportReport> {
  const { database, registerId } = options;
  const batchSize = options.batchSize ?? 5000;
  const register: LoadedRegister = await registerService(database.db).loadAny(registerId);

  const parser = options.input.pipe(
    parse({ columns: true, bom: true, skip_empty_lines: true, relax_column_count: true, trim: false, info: true }),
  );

  let format: CsvFormat | null = null;
  let header: string[] = [];
  const report: Omit<ImportReport, 'importId'> = {
    format: 'omadata',
    rows: 0,
    inserted: 0,
    updated: 0,
    rejected: 0,
    ignoredColumns: [],
    undeclaredFields: [],
  };
  const dropped = new Set<string>();
  let batch = new Map<string, StagedRow>();
  let inFlight: Promise<void> = Promise.resolve();
  let bytes = 0;

  const run = await database.db
    .insertInto('import_runs')
    .values({
      controller_id: register.controllerId,
      register_id: register.id,
      file_name: options.fileName,
      format: 'unknown',
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const reject = async (line: number, reason: string, record: Record<string, string>) => {
    report.rejected++;
    if (!options.rejects) return;
    const cells = [String(line), reason, ...header.map((h) => record[h] ?? '')];
    const ok = options.rejects.write(`${cells.map(csvCell).join(',')}\n`);
    if (!ok) await once(options.rejects, 'drain');
  };

  // One batch is written while the next is parsed and validated; at most one is in flight.
  const flush = async (rows: StagedRow[]) => {
    await inFlight;
    if (rows.length === 0) return;
    const writing = writeBatch(
      database,
      register,
      rows,
      options.actor ?? { type: 'system', id: 'import' },
      run.id,
    ).then((counts) => {
      report.inserted += counts.inserted;
      report.updated += counts.updated;
    });
    writing.catch(() => {});
    inFlight = writing;
  };

  for await (const { record, info } of parser as AsyncIterable<{
    record: Record<string, string>;
    info: { lines: number; bytes: number };
  }>) {
    if (!format) {
      header = Object.keys(record);
      format = detectFormat(header);
      if (!format) {
        throw new DomainError(
          'validation_failed',
          'The file is not a recognised customer export (Omadata, Shopify or WooCommerce): check its header row',
          [{ field: 'header', code: 'unknown_format', message: `columns: ${header.slice(0, 8).join(', ')}` }],
        );
      }
      report.format = format.name;
      report.ignoredColumns = header.filter((h) => !format!.mapped.includes(h));
      if (options.rejects) options.rejects.write(`${['line', 'reason', ...header].map(csvCell).join(',')}\n`);
    }
    report.rows++;
    bytes = info.bytes;
    const line = info.lines;
    if (Object.values(record).some((cell) => cell.includes('\u0000'))) {
      await reject(line, 'contains a NUL character', record);
      continue;
    }
    const mapped = format.map(record);
    const customer = keepDeclared(mapped.customer, register.declared, dropped);
    const { value, problems } = normalizeCustomer(customer, {
      declared: register.declared,
      creditPurchase: false,
      allowTemporaryIdentityCodes: false,
      prefix: '',
    });
    if (!value) {
      await reject(line, problems.map((p) => `${p.field}: ${p.message}`).join('; '), record);
      continue;
    }
    const key = value.columns.email_key
      ? `e:${value.columns.email_key}`
      : mapped.externalId
        ? `x:${mapped.externalId}`
        : null;
    if (!key) {
      await reject(line, 'needs an email address or the platform customer id to be matched', record);
      continue;
    }
    // The same customer twice in one batch merges as it would across batches: later values win.
    const marketing = mapped.marketing ?? {};
    const saysMarketing = marketing.email != null || marketing.sms != null;
    if (saysMarketing && !register.declared.has('marketingPermissions')) dropped.add('marketingPermissions');
    const keepMarketing = saysMarketing && register.declared.has('marketingPermissions');
    const row: StagedRow = {
      ...value.columns,
      external_id: mapped.externalId,
      marketing_email: keepMarketing ? (marketing.email ?? null) : null,
      marketing_sms: keepMarketing ? (marketing.sms ?? null) : null,
    };
    const earlier = batch.get(key);
    batch.set(key, earlier ? mergeRows(earlier, row) : row);
    if (batch.size >= batchSize) {
      const rows = [...batch.values()];
      batch = new Map();
      await flush(rows);
      options.onProgress?.({ rows: report.rows, bytes });
    }
  }
  await flush([...batch.values()]);
  await inFlight;
  options.onProgress?.({ rows: report.rows, bytes });
  report.undeclaredFields = [...dropped].sort();

  await database.db
    .updateTable('import_runs')
    .set({
      format: report.format,
      finished_at: new Date(),
      total_rows: report.rows,
      inserted_rows: report.inserted,
      updated_rows: report.updated,
      rejected_rows: report.rejected,
    })
    .where('id', '=', run.id)
    .execute();
  return { importId: run.id, ...report };
}

async function writeBatch(
  database: Database,
  register: LoadedRegister,
  rows: StagedRow[],
  actor: Actor,
  importId: string,
) {
  return database.withConnection(async (conn) =>
    conn.db.transaction().execute(async (tx) => {
      await sql`CREATE TEMP TABLE import_staging (
        kind text, first_name text, last_name text, email text, email_key text, phone text, street text,
        postal_code text, city text, country text, birth_date date, interests text[], feedback text, website text,
        org_name text, org_business_id text, org_einvoice_address text, org_einvoice_operator text,
        org_reference text, org_marking text, external_id text, marketing_email boolean, marketing_sms boolean
      ) ON COMMIT DROP`.execute(tx);
      await conn.copyInto(
        'import_staging',
        [...STAGED_COLUMNS, ...MARKETING_COLUMNS],
        [
          ...rows.map((r) => [
            ...STAGED_COLUMNS.map((c) => (c === 'interests' ? pgArray(r.interests) : r[c])),
            bool(r.marketing_email),
            bool(r.marketing_sms),
          ]),
        ],
      );
      // The staging table is filled as its owner (PGlite's COPY from a blob needs that); the merge
      // into the register runs under row-level security as the controller.
      await sql`GRANT SELECT ON import_staging TO omadata_app`.execute(tx);
      await enterTenant(tx, register.controllerId);
      const columns = sql.raw(STAGED_COLUMNS.join(', '));
      const ids = sql`${register.controllerId}::uuid, ${register.id}::uuid, 'import'`;
      const byEmail = await sql<{
        id: string;
        inserted: boolean;
        email_key: string | null;
        external_id: string | null;
      }>`
        INSERT INTO subjects (controller_id, register_id, source, ${columns})
        SELECT ${ids}, ${columns} FROM import_staging WHERE email_key IS NOT NULL
        ON CONFLICT (register_id, email_key) DO UPDATE SET
          kind = CASE WHEN excluded.kind = 'organisation' THEN 'organisation' ELSE subjects.kind END,
          ${sql.raw(MERGE_SET)}, updated_at = now()
        RETURNING id, (xmax = 0) AS inserted, email_key, external_id`.execute(tx);
      const byExternalId = await sql<{
        id: string;
        inserted: boolean;
        email_key: string | null;
        external_id: string | null;
      }>`
        INSERT INTO subjects (controller_id, register_id, source, ${columns})
        SELECT ${ids}, ${columns} FROM import_staging WHERE email_key IS NULL
        ON CONFLICT (register_id, external_id) WHERE email_key IS NULL DO UPDATE SET
          kind = CASE WHEN excluded.kind = 'organisation' THEN 'organisation' ELSE subjects.kind END,
          ${sql.raw(MERGE_SET)}, updated_at = now()
        RETURNING id, (xmax = 0) AS inserted, email_key, external_id`.execute(tx);
      const all = [...byEmail.rows, ...byExternalId.rows];
      // What the export says of marketing goes into the consent ledger. A "yes" from a file is a
      // copy of an old answer, so the rules never let it undo a withdrawal or prohibition; a "no"
      // ends a consent. Nothing is written when the ledger already says the same.
      if (rows.some((r) => r.marketing_email !== null || r.marketing_sms !== null)) {
        for (const match of [
          sql`st.email_key IS NOT NULL AND s.email_key = st.email_key`,
          sql`st.email_key IS NULL AND s.email_key IS NULL AND s.external_id = st.external_id`,
        ]) {
          await sql`
            INSERT INTO consent_events (controller_id, register_id, subject_id, kind, channel, purpose, source,
                                        notice_version, occurred_at, evidence)
            SELECT s.controller_id, s.register_id, s.id, m.kind, m.channel, 'direct_marketing', 'import',
                   ${register.version}::int, now(), jsonb_build_object('importId', ${importId}::text)
            FROM import_staging st
            JOIN subjects s ON s.register_id = ${register.id}::uuid AND ${match}
            CROSS JOIN LATERAL (VALUES
              ('email', CASE WHEN st.marketing_email THEN 'consent_given' WHEN NOT st.marketing_email THEN 'consent_withdrawn' END),
              ('sms', CASE WHEN st.marketing_sms THEN 'consent_given' WHEN NOT st.marketing_sms THEN 'consent_withdrawn' END)
            ) AS m(channel, kind)
            LEFT JOIN LATERAL (
              SELECT e.kind FROM consent_events e
              WHERE e.subject_id = s.id AND (e.channel = m.channel OR e.channel IS NULL) AND e.purpose = 'direct_marketing'
              ORDER BY e.occurred_at DESC, e.seq DESC LIMIT 1
            ) last ON TRUE
            WHERE m.kind IS NOT NULL
              AND (m.kind = 'consent_given' AND last.kind IS DISTINCT FROM 'consent_given'
                   OR m.kind = 'consent_withdrawn' AND last.kind = 'consent_given')`.execute(tx);
        }
      }
      const fieldsByKey = new Map(
        rows.map((r) => [r.email_key ? `e:${r.email_key}` : `x:${r.external_id}`, presentFields(r)]),
      );
      await appendEvents(
        tx,
        register.controllerId,
        actor,
        all.map((r) => ({
          registerId: register.id,
          subjectId: r.id,
          action: r.inserted ? 'customer.imported' : 'customer.updated_by_import',
          purpose: 'register_import',
          fields: fieldsByKey.get(r.email_key ? `e:${r.email_key}` : `x:${r.external_id}`) ?? [],
        })),
      );
      const inserted = all.filter((r) => r.inserted).length;
      return { inserted, updated: all.length - inserted };
    }),
  );
}

function mergeRows(earlier: StagedRow, later: StagedRow): StagedRow {
  const merged = { ...earlier } as Record<string, unknown>;
  for (const [k, v] of Object.entries(later)) if (v !== null) merged[k] = v;
  if (earlier.kind === 'organisation') merged.kind = 'organisation';
  return merged as unknown as StagedRow;
}

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
