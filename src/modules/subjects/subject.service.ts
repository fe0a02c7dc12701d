import { notFound } from '../../errors.ts';
import type { Tx } from '../../db/database.ts';
import { subjectRepository } from './subject.repository.ts';
import { toSubjectResponse } from './subject.mapper.ts';

export function subjectService(db: Tx) {
  const repo = subjectRepository(db);
  return {
    async get(controllerId: string, registerId: string, subjectId: string) {
      const row = await repo.findById(controllerId, registerId, subjectId);
      if (!row) throw notFound('Subject');
      return toSubjectResponse(row);
    },
    async findByEmail(controllerId: string, registerId: string, email: string) {
      const row = await repo.findByEmail(controllerId, registerId, email);
      return row ? [toSubjectResponse(row)] : [];
    },
  };
}
