import { z } from 'zod';
import { CHANNELS, REASONS } from '../consents/consent-rules.ts';

const localized = z.object({ fi: z.string(), sv: z.string().optional(), en: z.string().optional() });

export const loginBodySchema = z
  .object({
    email: z.email({ error: 'is not a valid email address' }).max(254),
    lang: z.enum(['fi', 'sv', 'en']),
  })
  .strict();

export const sessionBodySchema = z.object({ token: z.string().min(1).max(200) }).strict();

export const sessionSchema = z.object({ csrfToken: z.string(), email: z.string() });

export const meSchema = z.object({ email: z.string(), csrfToken: z.string(), expiresAt: z.string() });

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
          }),
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
