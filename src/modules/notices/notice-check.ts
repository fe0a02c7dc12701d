import type { FieldProblem } from '../../errors.ts';
import { EEA_COUNTRIES, type RegisterDescription } from '../registers/description.schema.ts';

/** The codes of the problems below: what the privacy notice would lack that GDPR Art. 13 or 14 requires. */
export const NOTICE_PROBLEM_CODES = {
  contact: 'notice_contact_missing',
  dpoContact: 'notice_dpo_contact_missing',
  withdrawal: 'notice_withdrawal_missing',
  transferCopy: 'notice_transfer_copy_missing',
  transfer: 'notice_transfer_missing',
} as const;

type Gap = keyof typeof NOTICE_PROBLEM_CODES;

/**
 * What a privacy notice rendered from this description would lack that GDPR Articles 13 and 14
 * require, among the things the description format leaves optional. The schema already refuses
 * the rest (a legitimate interest without the interest, a processor abroad without a safeguard, a
 * field without retention). Each problem names the path of what is missing.
 */
export function noticeProblems(d: RegisterDescription): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const missing = (gap: Gap, field: string, message: string) =>
    problems.push({ field, code: NOTICE_PROBLEM_CODES[gap], message });
  const reachable = (c: { email?: string | undefined; phone?: string | undefined; address?: string | undefined }) =>
    !!(c.email || c.phone || c.address);

  // Art. 13(1)(a): the controller's contact details; the contact person is who the notice names.
  if (!reachable(d.contactPerson))
    missing(
      'contact',
      'contactPerson',
      'the notice must say how to reach the contact person (GDPR 13(1)(a)): give an email address, a phone number or a postal address',
    );
  // Art. 13(1)(b): a designated data protection officer's contact details.
  if (d.dataProtectionOfficer && !reachable(d.dataProtectionOfficer))
    missing(
      'dpoContact',
      'dataProtectionOfficer',
      "the notice must give the data protection officer's contact details (GDPR 13(1)(b)): give an email address, a phone number or a postal address",
    );

  // Art. 13(2)(c) and 7(3): a purpose on consent needs a way to withdraw the consent. Omadata gives
  // one for consent kept with the customer's data (Oma, the request form) and for marketing
  // messages (the unsubscribe link); consent collected by cookies is withdrawn in the site's
  // cookie settings, which exist only if the description lists such cookies.
  const fieldPurposes = new Set(d.fields.flatMap((f) => f.purposes));
  const cookieConsent = d.cookies.some((c) => c.category !== 'necessary');
  d.purposes.forEach((p, i) => {
    if (p.legalBasis !== 'consent') return;
    if (fieldPurposes.has(p.key) || p.dataUse.startsWith('marketing.communications')) return;
    if (cookieConsent && d.externalData.some((x) => x.purposes.includes(p.key))) return;
    missing(
      'withdrawal',
      `purposes.${i}`,
      `the purpose ${p.key} rests on consent but nothing says how the consent is withdrawn (GDPR 7(3), 13(2)(c)): declare the fields it uses, or the cookies that collect its data`,
    );
  });

  // Art. 13(1)(f): a transfer outside the EU/EEA names its safeguard and, unless it rests on an
  // adequacy decision, how to get a copy of it (or, for a derogation, which one applies).
  d.transfers.forEach((x, i) => {
    if (x.safeguard !== 'adequacy_decision' && !x.description)
      missing(
        'transferCopy',
        `transfers.${i}.description`,
        `the transfer to ${x.recipient} (${x.country}) on ${x.safeguard} must say how to get a copy of the safeguard or which derogation applies (GDPR 13(1)(f))`,
      );
  });
  d.processors.forEach((p, i) => {
    if (EEA_COUNTRIES.has(p.country)) return;
    if (!d.transfers.some((x) => x.recipient === p.name && x.country === p.country))
      missing(
        'transfer',
        `processors.${i}`,
        `${p.name} processes the data in ${p.country}, outside the EU/EEA: list the transfer in transfers with its safeguard and how to get a copy of it (GDPR 13(1)(f))`,
      );
  });
  return problems;
}
