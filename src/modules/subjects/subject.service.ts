import { notFound } from '../../errors.ts';
import type { Tx } from '../../db/database.ts';
import type { Subject } from '../../db/schema.ts';
import { appendEvents, type Actor } from '../audit/audit.service.ts';
import { subjectRepository } from './subject.repository.ts';
import { toSubjectResponse } from './subject.mapper.ts';
import { presentFields } from './subject-fields.ts';

/** Reads of customers; each read that finds someone is recorded in the same transaction. */
export function subjectService(db: Tx) {
  const repo = subjectRepository(db);
  const record = (controllerId: string, actor: Actor, purpose: string, s: Subject) =>
    appendEvents(db, controllerId, actor, [
      { registerId: s.register_id, subjectId: s.id, action: 'customer.read', purpose, fields: presentFields(s) },
    ]);
  return {
    async get(controllerId: string, registerId: string, subjectId: string, actor: Actor, purpose: string) {
      const row = await repo.findById(controllerId, registerId, subjectId);
      if (!row) throw notFound('Subject');
      await record(controllerId, actor, purpose, row);
      return toSubjectResponse(row);
    },
    async findByEmail(controllerId: string, registerId: string, email: string, actor: Actor, purpose: string) {
      const row = await repo.findByEmail(controllerId, registerId, email);
      if (!row) return [];
      await record(controllerId, actor, purpose, row);
      return [toSubjectResponse(row)];
    },
  };
}
