import type { MessageKey, Translate } from '../i18n/index.tsx';
import type { ApiError, FieldProblem } from './api.ts';

/** Field-level codes (docs/errors.md) the console can say in the reader's language. */
const FIELD_CODES: Record<string, MessageKey> = {
  required: 'problem.field.required',
  invalid_email: 'problem.field.invalidEmail',
  invalid_business_id: 'problem.field.invalidBusinessId',
  too_small: 'problem.field.tooShort',
  too_big: 'problem.field.tooLong',
  mismatch: 'problem.field.mismatch',
  invalid_code: 'problem.field.invalidCode',
  in_the_future: 'problem.field.inTheFuture',
  unknown_purpose: 'problem.field.unknownPurpose',
  in_the_past: 'problem.field.inThePast',
  too_far: 'problem.field.tooFar',
  not_found: 'problem.field.notFound',
  invalid_phone: 'problem.field.invalidPhone',
  invalid_postal_code: 'problem.field.invalidPostalCode',
  invalid_country: 'problem.field.invalidCountry',
  invalid_date: 'problem.field.invalidDate',
  invalid_url: 'problem.field.invalidUrl',
  invalid_hetu: 'problem.field.invalidHetu',
  invalid_checksum: 'problem.field.invalidHetu',
  invalid_format: 'problem.field.invalidHetu',
  invalid_temporary: 'problem.field.invalidHetu',
  needs_request: 'problem.field.needsRequest',
  not_correctable: 'problem.field.notCorrectable',
  undeclared: 'problem.field.undeclared',
  payment_card_number: 'problem.field.cardNumber',
  invalid_einvoice_address: 'problem.field.invalidEInvoice',
  invalid_operator_id: 'problem.field.invalidEInvoice',
  // What a privacy notice would lack (src/modules/notices/notice-check.ts).
  notice_contact_missing: 'notice.problem.contact',
  notice_dpo_contact_missing: 'notice.problem.dpoContact',
  notice_withdrawal_missing: 'notice.problem.withdrawal',
  notice_transfer_copy_missing: 'notice.problem.transferCopy',
  notice_transfer_missing: 'notice.problem.transfer',
};

/** The message for one field problem: ours when we know the code, else the server's own. */
export function fieldMessage(t: Translate, problem: Pick<FieldProblem, 'code' | 'message'>): string {
  const key = FIELD_CODES[problem.code];
  return key ? t(key) : problem.message;
}

/** Field path → message, the first problem of each field. */
export function fieldErrors(t: Translate, error: ApiError | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of error?.errors ?? []) out[p.field] ??= fieldMessage(t, p);
  return out;
}

/** A sentence for the whole failed request, by status. */
export function problemHeadline(t: Translate, error: ApiError): string {
  if (error.status === 0) return t('problem.network');
  if (error.status === 401) return t('problem.unauthorized');
  if (error.status === 403) return t('problem.forbidden');
  if (error.status === 404) return t('problem.notFound');
  if (error.status === 409) return t('problem.conflict');
  if (error.status === 413) return t('problem.tooLarge');
  if (error.status === 422 || error.status === 400) return t('problem.invalid');
  if (error.status === 429) return t('problem.rateLimited');
  if (error.status >= 500) return t('problem.server');
  return t('problem.other', { status: String(error.status) });
}
