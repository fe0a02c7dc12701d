import { z } from 'zod';
import { FIELD_CATALOGUE, FIELD_KEYS, type FieldKey } from './field-catalogue.ts';
import { localizedSchema } from './localized.ts';

/** EU and EEA member states: a processor or recipient elsewhere is a transfer (GDPR chapter V). */
export const EEA_COUNTRIES = new Set([
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
  'IS',
  'LI',
  'NO',
  'AX',
]);

export const LEGAL_BASES = [
  'contract',
  'consent',
  'legitimate_interest',
  'legal_obligation',
  'vital_interest',
  'public_task',
] as const;

export const TRANSFER_SAFEGUARDS = [
  'adequacy_decision',
  'standard_contractual_clauses',
  'binding_corporate_rules',
  'derogation',
] as const;

export const RETENTION_TRIGGERS = [
  'last_activity',
  'relationship_end',
  'consent_valid',
  'contract_valid',
  'financial_year_end',
  'calendar_year_end',
] as const;

export const COOKIE_CATEGORIES = ['necessary', 'preferences', 'analytics', 'marketing'] as const;

const key = z.string().regex(/^[a-z][a-z0-9_]{1,62}$/, 'must be lower-case letters, digits and underscores');
const country = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code such as FI');
const fideslangUse = z
  .string()
  .regex(/^[a-z_]+(\.[a-z_]+)*$/, 'must be a fideslang data use key such as essential.service');
const fieldKey = z.enum(FIELD_KEYS);

const contactSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    email: z.email().max(254).optional(),
    phone: z.string().trim().min(3).max(40).optional(),
    address: z.string().trim().min(1).max(500).optional(),
  })
  .strict();

const periodSchema = z
  .object({
    years: z.number().int().min(0).max(100).optional(),
    months: z.number().int().min(0).max(1200).optional(),
  })
  .strict()
  .refine((p) => p.years !== undefined || p.months !== undefined, {
    message: 'give years or months (0 means at once)',
  });

export const registerDescriptionSchema = z
  .object({
    $schema: z.string().optional(),
    formatVersion: z.literal(1),
    name: localizedSchema,
    description: localizedSchema.optional(),
    contactPerson: contactSchema,
    dataProtectionOfficer: contactSchema.optional(),
    subjectCategories: z.array(localizedSchema).min(1),
    purposes: z
      .array(
        z
          .object({
            key,
            name: localizedSchema,
            legalBasis: z.enum(LEGAL_BASES),
            legitimateInterest: localizedSchema.optional(),
            dataUse: fideslangUse,
          })
          .strict(),
      )
      .min(1),
    fields: z
      .array(
        z
          .object({
            key: fieldKey,
            purposes: z.array(key).min(1),
            required: z.boolean().default(false),
          })
          .strict(),
      )
      .min(1),
    /** Data the controller processes outside Omadata (analytics tools, social media): described in the notice, never accepted here. */
    externalData: z
      .array(z.object({ name: localizedSchema, category: z.string().min(1), purposes: z.array(key).min(1) }).strict())
      .default([]),
    sources: z.array(localizedSchema).min(1),
    recipients: z
      .array(
        z
          .object({
            name: z.string().trim().min(1).max(200),
            category: localizedSchema,
            country: country.default('FI'),
            fields: z.array(fieldKey).default([]),
            purposes: z.array(key).min(1),
          })
          .strict(),
      )
      .default([]),
    processors: z
      .array(
        z
          .object({
            name: z.string().trim().min(1).max(200),
            service: localizedSchema,
            country,
            transferSafeguard: z.enum(TRANSFER_SAFEGUARDS).optional(),
          })
          .strict(),
      )
      .default([]),
    transfers: z
      .array(
        z
          .object({
            country,
            recipient: z.string().trim().min(1).max(200),
            safeguard: z.enum(TRANSFER_SAFEGUARDS),
            description: localizedSchema.optional(),
          })
          .strict(),
      )
      .default([]),
    retention: z
      .array(
        z
          .object({
            key,
            fields: z.array(fieldKey).min(1),
            period: periodSchema,
            trigger: z.enum(RETENTION_TRIGGERS),
            reason: localizedSchema,
            /**
             * The statute that obliges keeping the data, e.g. "Kirjanpitolaki 1336/1997 2:10 §": such a
             * rule survives an erasure request (GDPR 17(3)(b)). A rule counted from the end of a
             * financial or calendar year is taken to be the Accounting Act's when it names none.
             */
            law: z.string().trim().min(3).max(300).optional(),
          })
          .strict(),
      )
      .min(1),
    security: z.object({ manual: localizedSchema, electronic: localizedSchema }).strict(),
    cookies: z
      .array(
        z
          .object({
            name: z.string().trim().min(1).max(200),
            category: z.enum(COOKIE_CATEGORIES),
            provider: z.string().trim().min(1).max(200),
            purpose: localizedSchema,
            duration: z.string().trim().min(1).max(100),
          })
          .strict(),
      )
      .default([]),
    profiling: z.object({ automatedDecisions: z.boolean(), description: localizedSchema }).strict(),
    /** Whether the soft opt-in of 917/2014 200 § (existing customers, own similar products) applies. */
    existingCustomerMarketing: z.boolean().default(false),
  })
  .strict()
  .superRefine((d, ctx) => {
    const purposeKeys = new Set<string>();
    d.purposes.forEach((p, i) => {
      if (purposeKeys.has(p.key))
        ctx.addIssue({ code: 'custom', path: ['purposes', i, 'key'], message: `duplicate purpose key ${p.key}` });
      purposeKeys.add(p.key);
      if (p.legalBasis === 'legitimate_interest' && !p.legitimateInterest) {
        ctx.addIssue({
          code: 'custom',
          path: ['purposes', i, 'legitimateInterest'],
          message: 'a purpose on legitimate interest must name the interest (GDPR 13(1)(d))',
        });
      }
    });
    const checkPurposes = (list: string[], path: (string | number)[]) =>
      list.forEach((p, j) => {
        if (!purposeKeys.has(p)) ctx.addIssue({ code: 'custom', path: [...path, j], message: `unknown purpose ${p}` });
      });

    const declared = new Set<FieldKey>();
    d.fields.forEach((f, i) => {
      if (declared.has(f.key))
        ctx.addIssue({ code: 'custom', path: ['fields', i, 'key'], message: `field ${f.key} declared twice` });
      declared.add(f.key);
      checkPurposes(f.purposes, ['fields', i, 'purposes']);
    });
    if (declared.has('personalIdentityCode') && !declared.has('orders')) {
      ctx.addIssue({
        code: 'custom',
        path: ['fields'],
        message: 'personalIdentityCode is only for credit purchases, so orders must be declared too',
      });
    }
    d.externalData.forEach((x, i) => checkPurposes(x.purposes, ['externalData', i, 'purposes']));
    d.recipients.forEach((r, i) => {
      checkPurposes(r.purposes, ['recipients', i, 'purposes']);
      r.fields.forEach((f, j) => {
        if (!declared.has(f))
          ctx.addIssue({ code: 'custom', path: ['recipients', i, 'fields', j], message: `field ${f} is not declared` });
      });
      if (!EEA_COUNTRIES.has(r.country) && !d.transfers.some((t) => t.country === r.country)) {
        ctx.addIssue({
          code: 'custom',
          path: ['recipients', i, 'country'],
          message: `a recipient in ${r.country} is a transfer outside the EU/EEA: list it in transfers with its safeguard`,
        });
      }
    });
    d.processors.forEach((p, i) => {
      if (!EEA_COUNTRIES.has(p.country) && !p.transferSafeguard) {
        ctx.addIssue({
          code: 'custom',
          path: ['processors', i, 'transferSafeguard'],
          message: `a processor in ${p.country} is outside the EU/EEA: name the transfer safeguard`,
        });
      }
    });
    d.transfers.forEach((t, i) => {
      if (EEA_COUNTRIES.has(t.country))
        ctx.addIssue({
          code: 'custom',
          path: ['transfers', i, 'country'],
          message: `${t.country} is inside the EU/EEA, not a transfer`,
        });
    });
    // Every declared field must go some day: "until the customer deletes it" is no retention period.
    const retained = new Set<FieldKey>();
    const retentionKeys = new Set<string>();
    d.retention.forEach((r, i) => {
      if (retentionKeys.has(r.key))
        ctx.addIssue({ code: 'custom', path: ['retention', i, 'key'], message: `duplicate retention rule ${r.key}` });
      retentionKeys.add(r.key);
      const months = (r.period.years ?? 0) * 12 + (r.period.months ?? 0);
      if (months > 120 && !r.law && r.trigger !== 'financial_year_end' && r.trigger !== 'calendar_year_end')
        ctx.addIssue({
          code: 'custom',
          path: ['retention', i, 'period'],
          message: 'more than ten years needs a legal obligation: name the law, or shorten the period',
        });
      r.fields.forEach((f, j) => {
        if (!declared.has(f))
          ctx.addIssue({ code: 'custom', path: ['retention', i, 'fields', j], message: `field ${f} is not declared` });
        retained.add(f);
      });
    });
    for (const f of declared) {
      if (!retained.has(f)) {
        ctx.addIssue({ code: 'custom', path: ['retention'], message: `field ${f} has no retention rule` });
      }
    }
    if (d.cookies.some((c) => c.category !== 'necessary') && !d.purposes.some((p) => p.legalBasis === 'consent')) {
      ctx.addIssue({
        code: 'custom',
        path: ['cookies'],
        message: 'non-essential cookies need consent (917/2014 205 §): declare a purpose on consent',
      });
    }
  });

export type RegisterDescriptionInput = z.input<typeof registerDescriptionSchema>;
export type RegisterDescription = z.output<typeof registerDescriptionSchema>;

export function declaredFields(d: RegisterDescription): Set<FieldKey> {
  return new Set(d.fields.map((f) => f.key));
}

export { FIELD_CATALOGUE };
