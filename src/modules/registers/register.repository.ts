import type { Tx } from '../../db/database.ts';

export function registerRepository(db: Tx) {
  return {
    findForController(controllerId: string, registerId: string) {
      return db
        .selectFrom('registers')
        .selectAll()
        .where('id', '=', registerId)
        .where('controller_id', '=', controllerId)
        .executeTakeFirst();
    },
    /** The row, locked until the transaction ends: publishing versions one at a time. */
    lockForController(controllerId: string, registerId: string) {
      return db
        .selectFrom('registers')
        .selectAll()
        .where('id', '=', registerId)
        .where('controller_id', '=', controllerId)
        .forUpdate()
        .executeTakeFirst();
    },
    findById(registerId: string) {
      return db.selectFrom('registers').selectAll().where('id', '=', registerId).executeTakeFirst();
    },
    listForController(controllerId: string) {
      return db
        .selectFrom('registers')
        .selectAll()
        .where('controller_id', '=', controllerId)
        .orderBy('created_at')
        .execute();
    },
    insertRegister(controllerId: string, name: string) {
      return db
        .insertInto('registers')
        .values({ controller_id: controllerId, name, current_version: 1 })
        .returningAll()
        .executeTakeFirstOrThrow();
    },
    insertVersion(controllerId: string, registerId: string, version: number, document: unknown) {
      return db
        .insertInto('register_descriptions')
        .values({ controller_id: controllerId, register_id: registerId, version, document: JSON.stringify(document) })
        .returningAll()
        .executeTakeFirstOrThrow();
    },
    setCurrentVersion(registerId: string, version: number, name: string) {
      return db.updateTable('registers').set({ current_version: version, name }).where('id', '=', registerId).execute();
    },
    getVersion(registerId: string, version: number) {
      return db
        .selectFrom('register_descriptions')
        .selectAll()
        .where('register_id', '=', registerId)
        .where('version', '=', version)
        .executeTakeFirst();
    },
    listVersions(registerId: string) {
      return db
        .selectFrom('register_descriptions')
        .select(['version', 'created_at'])
        .where('register_id', '=', registerId)
        .orderBy('version')
        .execute();
    },
  };
}
