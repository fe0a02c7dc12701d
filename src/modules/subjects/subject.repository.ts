import type { Tx } from '../../db/database.ts';
import type { Subject } from '../../db/schema.ts';

export function subjectRepository(db: Tx) {
  return {
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
