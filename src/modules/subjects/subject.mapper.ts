import type { Subject } from '../../db/schema.ts';
import type { SubjectResponse } from './customer.schemas.ts';

export function toSubjectResponse(s: Subject): SubjectResponse {
  const isOrg = s.kind === 'organisation';
  return {
    id: s.id,
    registerId: s.register_id,
    kind: s.kind,
    firstName: s.first_name,
    lastName: s.last_name,
    email: s.email,
    phone: s.phone,
    address: { street: s.street, postalCode: s.postal_code, city: s.city, country: s.country },
    birthDate: s.birth_date,
    personalIdentityCode: s.hetu_masked,
    interests: s.interests,
    feedback: s.feedback,
    ip: s.ip,
    sourcePage: s.source_page,
    website: s.website,
    organisation: isOrg
      ? {
          name: s.org_name,
          businessId: s.org_business_id,
          eInvoiceAddress: s.org_einvoice_address,
          eInvoiceOperator: s.org_einvoice_operator,
          reference: s.org_reference,
          marking: s.org_marking,
        }
      : null,
    source: s.source,
    createdAt: s.created_at.toISOString(),
    updatedAt: new Date(s.updated_at).toISOString(),
    lastActivityAt: new Date(s.last_activity_at).toISOString(),
  };
}
