import { z } from 'zod';
import { CHANNELS, REASONS } from '../consents/consent-rules.ts';

/** Where the schema of data.json is published; the document's `$schema` names it with the server's address. */
export const EXPORT_SCHEMA_PATH = '/schemas/portal-export-v1.json';

const localized = z.object({ fi: z.string(), sv: z.string().optional(), en: z.string().optional() });
const instant = z.iso.datetime({ offset: true }).describe('An instant, ISO 8601 with a time zone');

const consentEvent = z.object({
  id: z.string(),
  kind: z.string().describe('consent_given, consent_withdrawn or objection'),
  channel: z.enum(CHANNELS).nullable().describe('null: every channel'),
  purpose: z.string(),
  source: z.string().describe('Where the choice was made: portal, checkout, unsubscribe link, letter, gpc, …'),
  noticeVersion: z.number().int().nullable().describe('The version of the privacy notice shown when it was made'),
  occurredAt: instant,
  recordedAt: instant,
  ip: z.string().nullable(),
});

const register = z.object({
  registerId: z.string(),
  name: localized,
  descriptionVersion: z.number().int(),
  noticeUrl: z.string().describe('The privacy notice of the register'),
  purposes: z.array(z.object({ key: z.string(), name: localized, legalBasis: z.string() })),
  recipients: z
    .array(
      z.object({
        name: z.string(),
        category: localized,
        country: z.string(),
        fields: z.array(z.string()),
        purposes: z.array(z.string()),
      }),
    )
    .describe('Who the register description says the data is given to'),
  subject: z.object({
    id: z.string(),
    kind: z.enum(['person', 'organisation']),
    source: z.string().describe('How the data came to the register'),
    createdAt: instant,
    lastActivityAt: instant,
    fields: z
      .record(z.string(), z.union([z.string(), z.array(z.string())]))
      .describe('The fields that hold a value; the personal identity code only masked'),
  }),
  restriction: z.object({ restricted: z.boolean(), since: instant.nullable() }),
  orders: z.array(
    z.object({
      orderId: z.string(),
      placedAt: instant,
      items: z.array(
        z.object({ sku: z.string().nullable(), name: z.string(), quantity: z.number(), unitPrice: z.string() }),
      ),
      total: z.object({ amount: z.string(), currency: z.string() }),
      paymentMethod: z.string(),
      invoiceState: z.string().nullable(),
      sourcePage: z.string().nullable(),
      ip: z.string().nullable(),
      termsAccepted: z.boolean().nullable(),
    }),
  ),
  permissions: z.object({
    state: z.array(
      z.object({
        channel: z.enum(CHANNELS),
        purpose: z.string(),
        allowed: z.boolean(),
        reason: z.enum(REASONS as [string, ...string[]]),
        rule: z.string(),
      }),
    ),
    history: z.array(consentEvent).describe('The whole consent ledger, newest first, with its proof'),
  }),
  processingEvents: z
    .array(
      z.object({
        at: instant,
        actorType: z.string(),
        action: z.string(),
        purpose: z.string(),
        fields: z.array(z.string()),
      }),
    )
    .describe('Every processing event of the audit trail about this customer, newest first'),
});

export const portalExportSchema = z
  .object({
    $schema: z.string(),
    formatVersion: z.literal(1),
    generatedAt: instant,
    person: z.object({ email: z.string().nullable() }),
    scope: z.object({
      controllerId: z.string().nullable().describe('null: every merchant holding the person'),
    }),
    merchants: z.array(
      z.object({
        controller: z.object({
          id: z.string(),
          name: z.string(),
          businessId: z.string(),
          contact: z.record(z.string(), z.unknown()).nullable(),
        }),
        registers: z.array(register),
      }),
    ),
  })
  .describe('Everything Omadata merchants keep about one person (GDPR articles 15 and 20)');

export type PortalExport = z.infer<typeof portalExportSchema>;
export type ExportRegister = PortalExport['merchants'][number]['registers'][number];

/** The published JSON Schema of data.json, with its own address as $id. */
export function portalExportJsonSchema(publicUrl: string): Record<string, unknown> {
  return {
    ...z.toJSONSchema(portalExportSchema, { target: 'draft-2020-12' }),
    $id: `${publicUrl}${EXPORT_SCHEMA_PATH}`,
    title: 'Omadata portal export, version 1',
  };
}
