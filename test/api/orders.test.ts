import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import type { Database } from '../../src/db/database.ts';
import { createTestDatabase } from '../db.ts';
import { newShop, testDeps, validOrder } from '../factories.ts';

let database: Database;
let app: FastifyInstance;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testDeps(database));
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function counts() {
  const [s, o, k] = await Promise.all([
    database.db
      .selectFrom('subjects')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    database.db
      .selectFrom('orders')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    database.db
      .selectFrom('idempotency_keys')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { subjects: Number(s.n), orders: Number(o.n), keys: Number(k.n) };
}

function post(registerId: string, headers: Record<string, string>, body: unknown, key = `k-${Math.random()}`) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/registers/${registerId}/orders`,
    headers: { ...headers, 'idempotency-key': key, 'content-type': 'application/json' },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('POST /api/v1/registers/{registerId}/orders', () => {
  it('stores the customer and the order and answers with their ids', async () => {
    const shop = await newShop(database);
    const order = validOrder();
    const res = await post(shop.register.id, shop.auth, order);
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.orderId).toBe(order.orderId);
    const subject = await app.inject({
      method: 'GET',
      url: `/api/v1/registers/${shop.register.id}/subjects/${body.subjectId}`,
      headers: shop.auth,
    });
    expect(subject.statusCode).toBe(200);
    expect(subject.json()).toMatchObject({
      email: order.customer.email,
      phone: '+358401234567',
      address: { postalCode: '00100', city: 'Helsinki', country: 'FI' },
      sourcePage: order.sourcePage,
      ip: order.ip,
      kind: 'person',
    });
    const stored = await database.db
      .selectFrom('orders')
      .selectAll()
      .where('order_ref', '=', order.orderId)
      .executeTakeFirstOrThrow();
    expect(stored.total_amount).toBe('9.80');
    expect(stored.items).toEqual([{ sku: 'TEA-01', name: 'Vihreä tee', quantity: 2, unitPrice: '4.90' }]);
  });

  it('stores an order once when the same Idempotency-Key is sent twice, and refuses the key with another body', async () => {
    const shop = await newShop(database);
    const order = validOrder();
    const first = await post(shop.register.id, shop.auth, order, 'same-key');
    const before = await counts();
    const second = await post(shop.register.id, shop.auth, order, 'same-key');
    expect(second.statusCode).toBe(201);
    expect(second.json()).toEqual(first.json());
    expect(await counts()).toEqual(before);
    const other = await post(
      shop.register.id,
      shop.auth,
      { ...order, total: { amount: '1.00', currency: 'EUR' } },
      'same-key',
    );
    expect(other.statusCode).toBe(409);
    expect(other.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(other.json().code).toBe('idempotency_conflict');
    expect(await counts()).toEqual(before);
  });

  it('answers concurrent retries of one key with one stored order', async () => {
    const shop = await newShop(database);
    const order = validOrder();
    const before = await counts();
    const results = await Promise.all(
      Array.from({ length: 6 }, () => post(shop.register.id, shop.auth, order, 'race-key')),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(6).fill(201));
    expect(new Set(results.map((r) => r.json().subjectId)).size).toBe(1);
    const after = await counts();
    expect(after.orders - before.orders).toBe(1);
    expect(after.keys - before.keys).toBe(1);
  });

  it('gives each of many concurrent orders its own answer, one conflict failing no other', async () => {
    const shop = await newShop(database);
    const existing = validOrder();
    await post(shop.register.id, shop.auth, existing, 'existing');
    const before = await counts();
    const shared = validOrder().customer;
    const orders = Array.from({ length: 40 }, (_, i) =>
      i < 10 ? validOrder({ customer: { ...shared, firstName: `Nimi${i}` } }) : validOrder(),
    );
    orders[20] = { ...orders[20]!, orderId: existing.orderId };
    const results = await Promise.all(orders.map((o, i) => post(shop.register.id, shop.auth, o, `batch-${i}`)));
    expect(results.map((r) => r.statusCode)).toEqual(orders.map((_, i) => (i === 20 ? 409 : 201)));
    expect(new Set(results.slice(0, 10).map((r) => r.json().subjectId)).size).toBe(1);
    const after = await counts();
    expect(after.orders - before.orders).toBe(39);
    expect(after.subjects - before.subjects).toBe(1 + 29);
  });

  it('finds the existing customer by email (case-insensitively) for a second order', async () => {
    const shop = await newShop(database);
    const a = validOrder();
    const b = validOrder({
      customer: { ...a.customer, email: a.customer.email.toUpperCase(), phone: '+358 50 765 4321' },
    });
    const ra = await post(shop.register.id, shop.auth, a);
    const rb = await post(shop.register.id, shop.auth, b);
    expect(rb.json().subjectId).toBe(ra.json().subjectId);
    const found = await app.inject({
      method: 'GET',
      url: `/api/v1/registers/${shop.register.id}/subjects?email=${encodeURIComponent(a.customer.email)}`,
      headers: shop.auth,
    });
    expect(found.json().items).toHaveLength(1);
    expect(found.json().items[0].phone).toBe('+358507654321');
  });

  it('validates against the description current at the moment of writing', async () => {
    const { registerService } = await import('../../src/modules/registers/register.service.ts');
    const { description } = await import('../fixtures/descriptions.ts');
    const shop = await newShop(database, ['firstName', 'lastName', 'email', 'phone', 'orders']);
    const order = () =>
      validOrder({
        customer: { firstName: 'A', lastName: 'B', email: 'a.b@example.fi', phone: '0401234567' },
        sourcePage: null,
        ip: null,
        termsAccepted: null,
        marketingOptIn: null,
      });
    expect((await post(shop.register.id, shop.auth, order())).statusCode).toBe(201);
    // Another process publishes a version without phone; this process has the old one in memory.
    await database.db
      .transaction()
      .execute((tx) =>
        registerService(tx).publishVersion(
          shop.controller.id,
          shop.register.id,
          description(['firstName', 'lastName', 'email', 'orders']),
        ),
      );
    const res = await post(shop.register.id, shop.auth, order());
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'customer.phone', code: 'undeclared' })]);
  });

  it('refuses an order whose orderId exists under another key', async () => {
    const shop = await newShop(database);
    const order = validOrder();
    await post(shop.register.id, shop.auth, order, 'one');
    const res = await post(shop.register.id, shop.auth, order, 'two');
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('order_exists');
  });

  it('refuses a field the register does not declare, naming it, and stores nothing', async () => {
    const shop = await newShop(database, ['firstName', 'lastName', 'email', 'orders']);
    const before = await counts();
    const res = await post(shop.register.id, shop.auth, validOrder());
    expect(res.statusCode).toBe(422);
    const problem = res.json();
    expect(problem.code).toBe('undeclared_field');
    const fields = problem.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(
      [
        'customer.address.city',
        'customer.address.country',
        'customer.address.postalCode',
        'customer.address.street',
        'customer.phone',
        'ip',
        'marketingOptIn',
        'sourcePage',
        'termsAccepted',
      ].sort(),
    );
    expect(await counts()).toEqual(before);
  });

  it('accepts a henkilötunnus only with an invoice, encrypts it and answers it masked', async () => {
    const shop = await newShop(database);
    const withCard = validOrder({ customer: { ...validOrder().customer, personalIdentityCode: '131052-308T' } });
    const refused = await post(shop.register.id, shop.auth, withCard);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors).toEqual([
      expect.objectContaining({ field: 'customer.personalIdentityCode', code: 'not_allowed' }),
    ]);

    const withInvoice = validOrder({
      payment: { method: 'invoice' },
      customer: { ...validOrder().customer, personalIdentityCode: '131052-308T' },
    });
    const ok = await post(shop.register.id, shop.auth, withInvoice);
    expect(ok.statusCode).toBe(201);
    const row = await database.db
      .selectFrom('subjects')
      .selectAll()
      .where('id', '=', ok.json().subjectId)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain('308T');
    expect(row.hetu_encrypted).toMatch(/^v1\./);
    const subject = await app.inject({
      method: 'GET',
      url: `/api/v1/registers/${shop.register.id}/subjects/${ok.json().subjectId}`,
      headers: shop.auth,
    });
    expect(subject.json().personalIdentityCode).toBe('131052-****');
    expect(subject.body).not.toContain('308T');
  });

  it('names every invalid identifier at once', async () => {
    const shop = await newShop(database);
    const order = validOrder({
      payment: { method: 'invoice' },
      customer: {
        firstName: 'Kalle',
        email: 'not-an-email',
        phone: '123',
        address: { postalCode: '1234', country: 'FI' },
        personalIdentityCode: '131052-308U',
        organisation: { name: 'Firma Oy', businessId: '2077474-1', eInvoiceAddress: '003712345678' },
      },
    });
    const res = await post(shop.register.id, shop.auth, order);
    expect(res.statusCode).toBe(422);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    for (const f of [
      'customer.email',
      'customer.phone',
      'customer.address.postalCode',
      'customer.personalIdentityCode',
      'customer.organisation.businessId',
      'customer.organisation.eInvoiceAddress',
      'customer.organisation.eInvoiceOperator',
    ]) {
      expect(fields).toContain(f);
    }
  });

  it('refuses a payment card number in free text', async () => {
    const shop = await newShop(database);
    const order = validOrder({
      items: [{ sku: null, name: 'Lahjakortti 4111 1111 1111 1111', quantity: 1, unitPrice: '10.00' }],
    });
    const res = await post(shop.register.id, shop.auth, order);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      expect.objectContaining({ field: 'items.0.name', code: 'payment_card_number' }),
    ]);
  });

  it('stores an organisation customer with its e-invoicing details', async () => {
    const shop = await newShop(database);
    const order = validOrder({
      payment: { method: 'invoice' },
      customer: {
        ...validOrder().customer,
        organisation: {
          name: 'Esimerkki Oy',
          businessId: '2077474-0',
          eInvoiceAddress: '003720774740',
          eInvoiceOperator: 'BAWCFI22',
          reference: 'PO-123',
          marking: 'Matti',
        },
      },
    });
    const res = await post(shop.register.id, shop.auth, order);
    expect(res.statusCode).toBe(201);
    const subject = await app.inject({
      method: 'GET',
      url: `/api/v1/registers/${shop.register.id}/subjects/${res.json().subjectId}`,
      headers: shop.auth,
    });
    expect(subject.json()).toMatchObject({
      kind: 'organisation',
      organisation: { businessId: '2077474-0', eInvoiceOperator: 'BAWCFI22' },
    });
  });

  it('answers malformed JSON, unknown fields and wrong types with problem+json naming the fields', async () => {
    const shop = await newShop(database);
    const before = await counts();
    const malformed = await post(shop.register.id, shop.auth, '{"orderId": ');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['content-type']).toMatch(/application\/problem\+json/);
    const unknown = await post(shop.register.id, shop.auth, { ...validOrder(), coupon: 'X' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors).toEqual([expect.objectContaining({ field: 'coupon', code: 'unknown_field' })]);
    const types = await post(shop.register.id, shop.auth, {
      ...validOrder(),
      items: [{ name: 'x', quantity: 'two', unitPrice: 3 }],
    });
    expect(types.statusCode).toBe(422);
    const fields = types.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['items.0.quantity', 'items.0.unitPrice']));
    const big = await post(shop.register.id, shop.auth, { ...validOrder(), sourcePage: 'x'.repeat(2_000_000) });
    expect(big.statusCode).toBe(413);
    const noKey = await app.inject({
      method: 'POST',
      url: `/api/v1/registers/${shop.register.id}/orders`,
      headers: { ...shop.auth, 'content-type': 'application/json' },
      payload: JSON.stringify(validOrder()),
    });
    expect(noKey.statusCode).toBe(422);
    expect(noKey.json().errors[0].field).toBe('idempotency-key');
    expect(await counts()).toEqual(before);
  });
});

describe('API keys and tenants', () => {
  it('needs a valid key, and a key reaches only its own controller', async () => {
    const a = await newShop(database);
    const b = await newShop(database);
    const order = validOrder();
    const created = await post(a.register.id, a.auth, order);
    const subjectId = created.json().subjectId;
    expect((await post(a.register.id, {}, validOrder())).statusCode).toBe(401);
    expect((await post(a.register.id, { authorization: 'Bearer omk_nope' }, validOrder())).statusCode).toBe(401);
    const cross = await post(a.register.id, b.auth, validOrder());
    expect(cross.statusCode).toBe(404);
    const read = await app.inject({
      method: 'GET',
      url: `/api/v1/registers/${a.register.id}/subjects/${subjectId}`,
      headers: b.auth,
    });
    expect(read.statusCode).toBe(404);
    const viaOwnRegister = await app.inject({
      method: 'GET',
      url: `/api/v1/registers/${b.register.id}/subjects/${subjectId}`,
      headers: b.auth,
    });
    expect(viaOwnRegister.statusCode).toBe(404);
    const byEmail = await app.inject({
      method: 'GET',
      url: `/api/v1/registers/${a.register.id}/subjects?email=${encodeURIComponent(order.customer.email)}`,
      headers: b.auth,
    });
    expect(byEmail.statusCode).toBe(404);
  });

  it('stops accepting a revoked key', async () => {
    const { apiKeyService } = await import('../../src/modules/apikeys/api-key.service.ts');
    const shop = await newShop(database);
    const keys = await apiKeyService(database.db).list(shop.controller.id);
    expect((await post(shop.register.id, shop.auth, validOrder())).statusCode).toBe(201);
    await apiKeyService(database.db).revoke(shop.controller.id, keys[0]!.id);
    expect((await post(shop.register.id, shop.auth, validOrder())).statusCode).toBe(401);
  });
});
