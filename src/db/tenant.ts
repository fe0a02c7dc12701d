import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from './schema.ts';

/**
 * Runs fn in a transaction as the database role omadata_app with the acting controller set, so
 * that row-level security shows only that controller's rows: a query that forgets its
 * controller filter still cannot see, change or confirm another controller's data.
 */
export function inTenant<T>(db: Kysely<DB>, controllerId: string, fn: (tx: Transaction<DB>) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (tx) => {
    await enterTenant(tx, controllerId);
    return fn(tx);
  });
}

export async function enterTenant(tx: Transaction<DB>, controllerId: string): Promise<void> {
  await sql`SELECT set_config('role', 'omadata_app', true), set_config('omadata.controller_id', ${controllerId}, true)`.execute(
    tx,
  );
}
