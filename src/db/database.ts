import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient, type Transaction } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DB } from './schema.ts';
import { PGlitePool } from './pglite-pool.ts';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.ts';

export type Tx = Transaction<DB> | Kysely<DB>;

/** One connection held for a unit of bulk work: a Kysely bound to it, and COPY on it. */
export interface Connection {
  db: Kysely<DB>;
  /** Streams rows into a table with COPY (text format); values are already strings or null. */
  copyInto(table: string, columns: string[], rows: (string | null)[][]): Promise<void>;
}

/** A statement with $1… placeholders, prepared once per connection under its name. */
export interface PreparedRead {
  name: string;
  text: string;
  values: unknown[];
}

/** What rawQuery() answers: the rows of every statement in the text, in order. */
export interface RawResult {
  rows: Record<string, unknown>[];
}

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Kysely<DB>;
  withConnection<T>(fn: (connection: Connection) => Promise<T>): Promise<T>;
  /**
   * One read for a controller in one round trip more, for hot paths (the contact check): it runs
   * as omadata_app with the controller set, so row-level security binds it like every tenant
   * transaction, and its plan is made once per connection.
   */
  tenantRead<R>(controllerId: string, statement: PreparedRead): Promise<R[]>;
  /**
   * SQL that a library brings with it (the job queue's), on a connection of its own and never
   * inside one of the application's transactions: on PGlite it waits for the connection like a
   * Kysely transaction does. Text without values may hold several statements, even a whole
   * BEGIN … COMMIT; one that fails is rolled back before the connection is handed on.
   */
  rawQuery(text: string, values?: readonly unknown[]): Promise<RawResult>;
  close(): Promise<void>;
}

export type DatabaseOptions =
  | { kind: 'postgres'; url: string; poolSize?: number }
  | { kind: 'pglite'; dataDir?: string; memory?: boolean; lockOwner?: string };

const DATE_OID = 1082;
const INT8_OID = 20;

// Dates stay 'YYYY-MM-DD' strings (a birth date has no time zone); counts come back as numbers.
pg.types.setTypeParser(DATE_OID, (v: string) => v);
pg.types.setTypeParser(INT8_OID, (v: string) => Number(v));

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.kind === 'postgres') return openPostgres(options.url, options.poolSize ?? 20);
  return openPGlite(options);
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on next use.
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  // Connections kept for tenant reads only: each read sets the role and the controller first.
  const tenantPool = new pg.Pool({ connectionString: url, max: Math.max(2, Math.ceil(poolSize / 2)) });
  tenantPool.on('error', () => {});
  const tenantOf = new WeakMap<pg.PoolClient, string>();
  return {
    kind: 'postgres',
    db,
    async tenantRead<R>(controllerId: string, statement: PreparedRead) {
      const client = await tenantPool.connect();
      try {
        // The connection remembers whom it last read for; it switches only when that changes.
        if (tenantOf.get(client) !== controllerId) {
          tenantOf.delete(client);
          await client.query({
            name: 'omadata_enter_tenant',
            text: "SELECT set_config('role', 'omadata_app', false), set_config('omadata.controller_id', $1, false)",
            values: [controllerId],
          });
          tenantOf.set(client, controllerId);
        }
        const result = await client.query(statement);
        client.release();
        return result.rows as R[];
      } catch (error) {
        // A connection in an unknown state is closed, never reused for another controller.
        client.release(true);
        throw error;
      }
    },
    async rawQuery(text, values = []) {
      const client = await pool.connect();
      try {
        // Several statements in one text answer one result each.
        type Result = pg.QueryResult<Record<string, unknown>>;
        const result = (await client.query(text, [...values])) as Result | Result[];
        client.release();
        return { rows: (Array.isArray(result) ? result : [result]).flatMap((r) => r.rows) };
      } catch (error) {
        // A failed BEGIN … COMMIT can leave the connection in an aborted transaction: close it.
        client.release(true);
        throw error;
      }
    },
    async withConnection(fn) {
      const client = await pool.connect();
      try {
        return await fn({
          db: singleClientKysely(client),
          async copyInto(table, columns, rows) {
            const stream = client.query(copyFrom(copyStatement(table, columns, 'STDIN')));
            await pipeline(Readable.from([copyText(rows)]), stream);
          },
        });
      } finally {
        client.release();
      }
    },
    async close() {
      await tenantPool.end();
      await db.destroy();
    },
  };
}

async function openPGlite(options: { dataDir?: string; memory?: boolean; lockOwner?: string }): Promise<Database> {
  let lock: DataDirLock | undefined;
  let dataDir: string | undefined;
  if (!options.memory) {
    dataDir = resolve(options.dataDir ?? './data');
    mkdirSync(dataDir, { recursive: true });
    lock = acquireDataDirLock(dataDir, options.lockOwner ?? 'omadata');
  }
  try {
    const pglite = await PGlite.create({
      ...(dataDir ? { dataDir: resolve(dataDir, 'pg') } : {}),
      extensions: { pgcrypto, pg_trgm },
      parsers: { [DATE_OID]: (v: string) => v },
    });
    const pool = new PGlitePool(pglite);
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return {
      kind: 'pglite',
      db,
      async tenantRead<R>(controllerId: string, statement: PreparedRead) {
        const client = await pool.connect();
        try {
          await client.query('BEGIN', []);
          await client.query(
            "SELECT set_config('role', 'omadata_app', true), set_config('omadata.controller_id', $1, true)",
            [controllerId],
          );
          const result = await client.query<R>(statement.text, statement.values);
          await client.query('COMMIT', []);
          return [...result.rows];
        } catch (error) {
          await client.query('ROLLBACK', []).catch(() => {});
          throw error;
        } finally {
          client.release();
        }
      },
      async rawQuery(text, values = []) {
        const client = await pool.connect();
        try {
          if (values.length > 0) return { rows: (await pglite.query<Record<string, unknown>>(text, [...values])).rows };
          // exec() runs several statements; the rows of a RETURNING before a COMMIT are kept.
          return { rows: (await pglite.exec(text)).flatMap((r) => r.rows as Record<string, unknown>[]) };
        } catch (error) {
          // The one connection must not stay in an aborted transaction.
          if (pglite.isInTransaction()) await pglite.query('ROLLBACK').catch(() => {});
          throw error;
        } finally {
          client.release();
        }
      },
      async withConnection(fn) {
        const client = await pool.connect();
        try {
          return await fn({
            db: singleClientKysely(client),
            async copyInto(table, columns, rows) {
              await pglite.query(copyStatement(table, columns, "'/dev/blob'"), [], {
                blob: new Blob([copyText(rows)]),
              });
            },
          });
        } finally {
          client.release();
        }
      },
      async close() {
        await db.destroy();
        await pglite.close();
        lock?.release();
      },
    };
  } catch (e) {
    lock?.release();
    throw e;
  }
}

/** A Kysely whose every query runs on the one client already held by the caller. */
function singleClientKysely(client: Pick<PostgresPoolClient, 'query'>): Kysely<DB> {
  const pool: PostgresPool = {
    options: {},
    async connect() {
      return { query: client.query.bind(client), release() {} };
    },
    async end() {},
  };
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}

function copyStatement(table: string, columns: string[], source: string): string {
  return `COPY ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) FROM ${source}`;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** COPY text format: tab-separated, \N for null, backslash escapes. */
export function copyText(rows: (string | null)[][]): string {
  let out = '';
  for (const row of rows) {
    out +=
      row
        .map((v) =>
          v === null
            ? '\\N'
            : v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r'),
        )
        .join('\t') + '\n';
  }
  return out;
}
