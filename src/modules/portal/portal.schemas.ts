import { z } from 'zod';
import { CHANNELS, REASONS } from '../consents/consent-rules.ts';
import { REQUEST_TYPES } from '../../db/schema.ts';

const localized = z.object({ fi: z.string(), sv: z.string().optional(), en: z.string().optional() });

export const loginBodySchema = z
  .object({
    email: z.email({ error: 'is not a valid email address' }).max(254),
    lang: z.enum(['fi', 'sv', 'en']),
  })
  .strict();

export const sessionBodySchema = z.object({ token: z.string().min(1).max(200) }).strict();

const loginMethod = z.enum(['email_link', 'oidc']);

export const sessionSchema = z.object({ csrfToken: z.string(), email: z.string(), method: loginMethod });

/** `email` is null for a session opened by strong identification that gave no verified email. */
export const meSchema = z.object({
  email: z.string().nullable(),
  method: loginMethod,
  csrfToken: z.string(),
  expiresAt: z.string(),
});

export const permissionsSchema = z.object({
  purposes: z.array(z.object({ key: z.string(), standard: z.boolean(), name: localized.nullable() })),
  channels: z.array(z.enum(CHANNELS)),
  state: z.array(
    z.object({
      channel: z.enum(CHANNELS),
      purpose: z.string(),
      allowed: z.boolean(),
      reason: z.enum(REASONS as [string, ...string[]]),
      rule: z.string(),
    }),
  ),
  events: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      channel: z.enum(CHANNELS).nullable(),
      purpose: z.string(),
      source: z.string(),
      noticeVersion: z.number().int().nullable(),
      occurredAt: z.string(),
    }),
  ),
});

export const requestSchema = z.object({
  id: z.string(),
  types: z.array(z.enum(REQUEST_TYPES)),
  status: z.string(),
  channel: z.string(),
  receivedAt: z.string(),
  dueDate: z.string(),
  extendedDueDate: z.string().nullable(),
  message: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  history: z.array(z.object({ at: z.string(), status: z.string(), note: z.string().nullable() })),
});

const correctionValue = z.union([z.string().max(5000), z.array(z.string().max(100)).max(50), z.null()]);

export const correctionBodySchema = z.object({ fields: z.record(z.string().max(64), correctionValue) }).strict();

export const correctionSchema = z.object({
  corrected: z.array(z.string()),
  request: z.object({ id: z.string(), dueDate: z.string(), fields: z.array(z.string()) }).nullable(),
  fields: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
});

/** Types a person may ask for in words; the rest the portal does at once. */
export const PORTAL_REQUEST_TYPES = [
  'access',
  'rectification',
  'erasure',
  'restriction',
  'portability',
  'objection',
] as const;

export const requestBodySchema = z
  .object({
    types: z.array(z.enum(PORTAL_REQUEST_TYPES)).min(1).max(6),
    message: z.string().trim().min(1, { error: 'write what you ask for' }).max(5000),
  })
  .strict();

export const overviewSchema = z.object({
  email: z.string().nullable(),
  merchants: z.array(
    z.object({
      controller: z.object({
        id: z.string(),
        name: z.string(),
        businessId: z.string(),
        contact: z.record(z.string(), z.unknown()).nullable(),
      }),
      registers: z.array(
        z.object({
          registerId: z.string(),
          name: localized,
          purposes: z.array(z.object({ key: z.string(), name: localized, legalBasis: z.string() })),
          noticeUrl: z.string(),
          subject: z.object({
            id: z.string(),
            fields: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
            restricted: z.boolean(),
            correctable: z.array(
              z.object({ field: z.string(), how: z.enum(['direct', 'request']), required: z.boolean() }),
            ),
          }),
          requests: z.array(requestSchema),
          disclosures: z.array(
            z.object({
              name: z.string(),
              category: localized,
              country: z.string(),
              purposes: z.array(z.string()),
              fields: z.array(z.string()),
              notifications: z.array(
                z.object({
                  event: z.string(),
                  fields: z.array(z.string()),
                  queuedAt: z.string(),
                  deliveredAt: z.string().nullable(),
                }),
              ),
            }),
          ),
          orders: z.array(
            z.object({
              orderId: z.string(),
              placedAt: z.string(),
              items: z.array(
                z.object({
                  sku: z.string().nullable(),
                  name: z.string(),
                  quantity: z.number(),
                  unitPrice: z.string(),
                }),
              ),
              total: z.object({ amount: z.string(), currency: z.string() }),
              paymentMethod: z.string(),
            }),
          ),
          permissions: permissionsSchema,
          events: z.array(
            z.object({
              at: z.string(),
              actorType: z.string(),
              action: z.string(),
              purpose: z.string(),
              fields: z.array(z.string()),
            }),
          ),
        }),
      ),
    }),
  ),
});

export const subjectParams = z.object({ registerId: z.string(), subjectId: z.string() });

export const permissionBodySchema = z
  .object({ channel: z.enum(CHANNELS), purpose: z.string().trim().min(1).max(63), given: z.boolean() })
  .strict();

export const restrictionBodySchema = z
  .object({ restricted: z.boolean(), reason: z.string().trim().min(3).max(500).optional() })
  .strict();
