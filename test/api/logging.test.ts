import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import type { Database } from '../../src/db/database.ts';
import { createTestDatabase } from '../db.ts';
import { newShop, testDeps, validOrder } from '../factories.ts';

let database: Database;
let app: FastifyInstance;
let log = '';

beforeAll(async () => {
  database = await createTestDatabase();
  const logStream = new Writable({
    write(chunk, _enc, cb) {
      log += String(chunk);
      cb();
    },
  });
  app = await buildApp(
    { ...testDeps(database), config: { ...testDeps(database).config, logLevel: 'trace' } },
    { logger: true, logStream },
  );
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('logs', () => {
  it('carry no personal data: no email, name, identity code, key or query string', async () => {
    const shop = await newShop(database);
    const order = validOrder({
      payment: { method: 'invoice' },
      customer: { ...validOrder().customer, personalIdentityCode: '131052-308T' },
    });
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/registers/${shop.register.id}/orders`,
      headers: { ...shop.auth, 'idempotency-key': 'log-1', 'content-type': 'application/json' },
      payload: JSON.stringify(order),
    });
    expect(res.statusCode).toBe(201);
    const bad = await app.inject({
      method: 'POST',
      url: `/api/v1/registers/${shop.register.id}/orders`,
      headers: { ...shop.auth, 'idempotency-key': 'log-2', 'content-type': 'application/json' },
      payload: JSON.stringify({ ...order, customer: { ...order.customer, personalIdentityCode: '131052-308U' } }),
    });
    expect(bad.statusCode).toBe(422);
    await app.inject({
      method: 'GET',
      url: `/api/v1/registers/${shop.register.id}/subjects?email=${encodeURIComponent(order.customer.email)}`,
      headers: shop.auth,
    });
    expect(log).toContain('request completed');
    for (const secret of [
      order.customer.email,
      'Meikäläinen',
      '131052',
      '308T',
      '308U',
      shop.key,
      '040 123 4567',
      '+358401234567',
    ]) {
      expect(log).not.toContain(secret);
    }
  });
});
