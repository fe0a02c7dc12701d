import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { TEMPLATE, withDatabase } from './global-setup.ts';

export const dbKind: 'postgres' | 'pglite' = process.env.DATABASE_URL ? 'postgres' : 'pglite';

/** A fresh, migrated database for one test file: a copy of the template on PostgreSQL, in-memory PGlite otherwise. */
export async function createTestDatabase(): Promise<Database & { url?: string }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database = await openDatabase({ kind: 'pglite', memory: true });
    await migrateToLatest(database.db);
    return database;
  }
  const name = `omadata_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`);
  } finally {
    await admin.end();
  }
  const dbUrl = withDatabase(url, name);
  const database = await openDatabase({ kind: 'postgres', url: dbUrl, poolSize: 10 });
  return {
    ...database,
    url: dbUrl,
    async close() {
      await database.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
