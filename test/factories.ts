import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { Database } from '../src/db/database.ts';
import type { FieldKey } from '../src/modules/registers/field-catalogue.ts';
import { controllerService } from '../src/modules/controllers/controller.service.ts';
import { registerService } from '../src/modules/registers/register.service.ts';
import { apiKeyService } from '../src/modules/apikeys/api-key.service.ts';
import { createSecretBox } from '../src/crypto/secret-box.ts';
import { loadConfig } from '../src/config.ts';
import { createMailer } from '../src/modules/mail/mailer.ts';
import type { AppDeps } from '../src/app.ts';
import { description } from './fixtures/descriptions.ts';

export const TEST_KEY = 'a'.repeat(64);

export function testDeps(database: Database): AppDeps {
  const config = loadConfig({ NODE_ENV: 'test', ENCRYPTION_KEY: TEST_KEY, DATA_DIR: '/nonexistent' });
  return { config, database, secretBox: createSecretBox(TEST_KEY), mailer: createMailer({ db: database.db }) };
}

let businessSeq = 0;
/** A valid Y-tunnus, different on each call. */
export function newBusinessId(): string {
  for (;;) {
    const body = String(1_000_000 + ((Date.now() + businessSeq++ * 7919) % 8_999_999)).padStart(7, '0');
    const weights = [7, 9, 10, 5, 8, 4, 2];
    const r = [...body].reduce((s, d, i) => s + Number(d) * weights[i]!, 0) % 11;
    if (r === 1) continue;
    return `${body}-${r === 0 ? 0 : 11 - r}`;
  }
}

export async function newController(database: Database, name = 'Testikauppa Oy') {
  return controllerService(database.db).create({ name, businessId: newBusinessId() });
}

export async function newRegister(database: Database, controllerId: string, fields?: readonly FieldKey[]) {
  return database.db.transaction().execute((tx) => registerService(tx).create(controllerId, description(fields)));
}

export async function newApiKey(database: Database, controllerId: string) {
  return (await apiKeyService(database.db).create(controllerId)).key;
}

/** A controller with a register declaring every field, and an API key. */
export async function newShop(database: Database, fields?: readonly FieldKey[]) {
  const controller = await newController(database);
  const register = await newRegister(database, controller.id, fields);
  const key = await newApiKey(database, controller.id);
  return { controller, register, key, auth: { authorization: `Bearer ${key}` } };
}

export function validOrder(overrides: Record<string, unknown> = {}) {
  return {
    orderId: `ORD-${randomUUID().slice(0, 8)}`,
    placedAt: '2026-11-20T10:15:00+02:00',
    customer: {
      firstName: 'Maija',
      lastName: 'Meikäläinen',
      email: `maija.${randomUUID().slice(0, 6)}@example.fi`,
      phone: '040 123 4567',
      address: { street: 'Esimerkkitie 1 A 2', postalCode: '00100', city: 'Helsinki', country: 'FI' },
    },
    items: [{ sku: 'TEA-01', name: 'Vihreä tee', quantity: 2, unitPrice: '4.90' }],
    total: { amount: '9.80', currency: 'EUR' },
    payment: { method: 'card' },
    sourcePage: 'https://kauppa.example.fi/kassa',
    ip: '192.0.2.10',
    termsAccepted: true,
    marketingOptIn: { email: true, sms: false },
    ...overrides,
  };
}

/** Posts an order through the shop API as the shop, expects it stored, and answers its customer. */
export async function postOrderAs(
  app: FastifyInstance,
  shop: { register: { id: string }; auth: Record<string, string> },
  order: Record<string, unknown>,
): Promise<{ subjectId: string }> {
  const res = await app.inject({
    method: 'POST',
    url: `/api/v1/registers/${shop.register.id}/orders`,
    headers: { ...shop.auth, 'idempotency-key': `k-${randomUUID()}`, 'content-type': 'application/json' },
    payload: JSON.stringify(order),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ subjectId: string }>();
}
