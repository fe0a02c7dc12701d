import { z } from 'zod';
import { customerInputSchema } from '../subjects/customer.schemas.ts';

const decimal = z.string().regex(/^-?\d{1,12}(\.\d{1,2})?$/, 'must be a decimal string such as "19.90"');

export const PAYMENT_METHODS = ['invoice', 'card', 'bank_transfer', 'mobile', 'cash', 'gift_card', 'other'] as const;

export const orderInputSchema = z
  .object({
    orderId: z.string().trim().min(1).max(100),
    placedAt: z.iso.datetime({ offset: true }),
    customer: customerInputSchema,
    items: z
      .array(
        z
          .object({
            sku: z.string().max(100).nullish(),
            name: z.string().trim().min(1).max(500),
            quantity: z.number().int().min(1).max(1_000_000),
            unitPrice: decimal,
          })
          .strict(),
      )
      .min(1)
      .max(1000),
    total: z
      .object({
        amount: decimal,
        currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR'),
      })
      .strict(),
    payment: z.object({ method: z.enum(PAYMENT_METHODS) }).strict(),
    sourcePage: z.string().max(2000).nullish(),
    ip: z.union([z.ipv4(), z.ipv6()]).nullish(),
    termsAccepted: z.boolean().nullish(),
    marketingOptIn: z.object({ email: z.boolean().nullish(), sms: z.boolean().nullish() }).strict().nullish(),
  })
  .strict();

export type OrderInput = z.infer<typeof orderInputSchema>;

export const orderCreatedSchema = z.object({
  orderId: z.string(),
  subjectId: z.uuid(),
});

export type OrderCreated = z.infer<typeof orderCreatedSchema>;
