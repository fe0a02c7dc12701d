import { notFound } from '../../errors.ts';
import type { Tx } from '../../db/database.ts';
import type { Subject } from '../../db/schema.ts';
import { appendEvents, type Actor } from '../audit/audit.service.ts';
import { subjectRepository } from './subject.repository.ts';
import { toSubjectResponse } from './subject.mapper.ts';

/** The fields of a record that hold something: what a read of it discloses. */
export function presentFields(s: Subject): string[] {
  const map: [keyof Subject, string][] = [
    ['first_name', 'firstName'],
    ['last_name', 'lastName'],
    ['email', 'email'],
    ['phone', 'phone'],
    ['street', 'address.street'],
    ['postal_code', 'address.postalCode'],
    ['city', 'address.city'],
    ['country', 'address.country'],
    ['birth_date', 'birthDate'],
    ['hetu_masked', 'personalIdentityCode'],
    ['interests', 'interests'],
    ['feedback', 'feedback'],
    ['ip', 'ip'],
    ['source_page', 'sourcePage'],
    ['website', 'website'],
    ['org_name', 'organisation.name'],
    ['org_business_id', 'organisation.businessId'],
    ['org_einvoice_address', 'organisation.eInvoiceAddress'],
    ['org_einvoice_operator', 'organisation.eInvoiceOperator'],
    ['org_reference', 'organisation.reference'],
    ['org_marking', 'organisation.marking'],
  ];
  return map.filter(([column]) => s[column] !== null && s[column] !== undefined).map(([, field]) => field);
}

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
