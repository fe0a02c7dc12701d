import { z } from 'zod';

const text = (max: number) => z.string().max(max);

/** The customer as shops send it, in orders and imports. Shape only: identifiers are checked in customer-input.ts. */
export const customerInputSchema = z
  .object({
    firstName: text(200).nullish(),
    lastName: text(200).nullish(),
    email: text(254).nullish(),
    phone: text(40).nullish(),
    address: z
      .object({
        street: text(500).nullish(),
        postalCode: text(20).nullish(),
        city: text(200).nullish(),
        country: text(2).nullish(),
      })
      .strict()
      .nullish(),
    birthDate: text(10).nullish(),
    personalIdentityCode: text(11).nullish(),
    interests: z.array(text(100)).max(50).nullish(),
    feedback: text(5000).nullish(),
    website: text(500).nullish(),
    organisation: z
      .object({
        name: text(300).nullish(),
        businessId: text(12).nullish(),
        eInvoiceAddress: text(40).nullish(),
        eInvoiceOperator: text(40).nullish(),
        reference: text(200).nullish(),
        marking: text(200).nullish(),
      })
      .strict()
      .nullish(),
  })
  .strict();

export type CustomerInput = z.infer<typeof customerInputSchema>;

/** A subject as it leaves the server: personal identity code masked, nothing internal. */
export const subjectResponseSchema = z.object({
  id: z.uuid(),
  registerId: z.uuid(),
  kind: z.enum(['person', 'organisation']),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.object({
    street: z.string().nullable(),
    postalCode: z.string().nullable(),
    city: z.string().nullable(),
    country: z.string().nullable(),
  }),
  birthDate: z.string().nullable(),
  personalIdentityCode: z.string().nullable().describe('Masked: the last four characters are never shown'),
  interests: z.array(z.string()).nullable(),
  feedback: z.string().nullable(),
  ip: z.string().nullable(),
  sourcePage: z.string().nullable(),
  website: z.string().nullable(),
  organisation: z
    .object({
      name: z.string().nullable(),
      businessId: z.string().nullable(),
      eInvoiceAddress: z.string().nullable(),
      eInvoiceOperator: z.string().nullable(),
      reference: z.string().nullable(),
      marking: z.string().nullable(),
    })
    .nullable(),
  source: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastActivityAt: z.string(),
});

export type SubjectResponse = z.infer<typeof subjectResponseSchema>;
