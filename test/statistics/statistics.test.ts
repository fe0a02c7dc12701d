import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import type { Database } from '../../src/db/database.ts';
import { suppress, type Cell } from '../../src/modules/statistics/suppression.ts';
import { staffService } from '../../src/modules/staff/staff.service.ts';
import { createTestDatabase } from '../db.ts';
import { newShop, testDeps, validOrder } from '../factories.ts';
import { StaffClient } from '../staff/helpers.ts';

let database: Database;
let app: FastifyInstance;
const PASSWORD = 'correct horse battery staple';

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testDeps(database));
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

type Shop = Awaited<ReturnType<typeof newShop>>;

async function postOrder(shop: Shop, postalCode: string, amount: string) {
  const order = validOrder({
    customer: {
      ...validOrder().customer,
      address: { street: 'Testitie 1', postalCode, city: 'Helsinki', country: 'FI' },
    },
    items: [{ sku: 'X', name: 'Tuote', quantity: 1, unitPrice: amount }],
    total: { amount, currency: 'EUR' },
  });
  const res = await app.inject({
    method: 'POST',
    url: `/api/v1/registers/${shop.register.id}/orders`,
    headers: { ...shop.auth, 'idempotency-key': `k-${Math.random()}`, 'content-type': 'application/json' },
    payload: JSON.stringify(order),
  });
  expect(res.statusCode, res.body).toBe(201);
  return { subjectId: res.json<{ subjectId: string }>().subjectId, order };
}

describe('statistics of a register', () => {
  it('hides every group of fewer than five customers, counts only customers not erased, and names no one', async () => {
    const shop = await newShop(database);
    const posted = [
      // Four customers in the postal area 001: hidden.
      ...['00100', '00120', '00130', '00140'].map((code) => ['001', code, '12.00'] as const),
      // Six in 002, one of whom is erased: five are shown, with their orders' sum.
      ...(
        [
          ['00200', '10.00'],
          ['00210', '20.00'],
          ['00220', '30.00'],
          ['00230', '40.00'],
          ['00240', '50.00'],
          ['00250', '99.00'],
        ] as const
      ).map(([code, amount]) => ['002', code, amount] as const),
      // One in 003: hidden, and with the four of 001 it makes the hidden ones too many to single out.
      ['003', '00300', '7.00'] as const,
    ];
    const people = [];
    for (const [area, code, amount] of posted) people.push({ area, ...(await postOrder(shop, code, amount)) });
    const erased = people.find((p) => p.order.total.amount === '99.00')!;
    const erasure = await app.inject({
      method: 'POST',
      url: `/api/v1/registers/${shop.register.id}/subjects/${erased.subjectId}/erasure`,
      headers: shop.auth,
    });
    expect(erasure.statusCode, erasure.body).toBe(200);

    const accounts = staffService(database.db, testDeps(database).secretBox);
    const email = `viewer-${Math.random().toString(36).slice(2)}@example.fi`;
    const account = await accounts.createAccount({ email, password: PASSWORD });
    await accounts.addMember(shop.controller.id, account.id, 'viewer');
    const client = new StaffClient(app, '10.3.0.1');
    expect((await client.login(email, PASSWORD)).statusCode).toBe(200);

    const res = await client.request(
      'GET',
      `/api/v1/controllers/${shop.controller.id}/registers/${shop.register.id}/statistics`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki' }).format(new Date()).slice(0, 7);
    expect(body.k).toBe(5);
    expect(body.customers.byArea).toEqual([
      { area: '001', suppressed: true },
      { area: '002', customers: 5 },
      { area: '003', suppressed: true },
    ]);
    // Ten customers not erased, all first seen this month.
    expect(body.customers.byMonth).toEqual([{ month, customers: 10 }]);
    expect(body.customers.byMonthAndArea).toEqual([
      { month, area: '001', suppressed: true },
      { month, area: '002', customers: 5 },
      { month, area: '003', suppressed: true },
    ]);
    // Orders count by their own date (the fixture's 20 November 2026); the erased customer's order
    // stays for the books, without an area, and alone it is hidden.
    expect(body.orders.byArea).toEqual([
      { area: '001', currency: 'EUR', suppressed: true },
      { area: '002', currency: 'EUR', orders: 5, total: '150.00' },
      { area: '003', currency: 'EUR', suppressed: true },
      { area: null, currency: 'EUR', suppressed: true },
    ]);
    expect(body.orders.byMonth).toEqual([{ month: '2026-11', currency: 'EUR', orders: 11, total: '304.00' }]);
    expect(body.orders.byMonthAndArea).toContainEqual({
      month: '2026-11',
      area: '002',
      currency: 'EUR',
      orders: 5,
      total: '150.00',
    });

    // Nothing that names or singles out a person.
    const text = JSON.stringify(body);
    for (const p of people) {
      expect(text).not.toContain(p.subjectId);
      expect(text).not.toContain(p.order.customer.email);
      expect(text).not.toContain(p.order.orderId);
    }
    expect(text).not.toContain('@');
    expect(text).not.toContain('Meikäläinen');
    expect(text).not.toMatch(/"\d{5}"/);

    const events = await database.db
      .selectFrom('processing_events')
      .select(['action', 'purpose', 'subject_id', 'actor_id'])
      .where('register_id', '=', shop.register.id)
      .where('action', '=', 'statistics.viewed')
      .execute();
    expect(events).toEqual([
      { action: 'statistics.viewed', purpose: 'statistics', subject_id: null, actor_id: account.id },
    ]);
  });

  it('a register with nothing in it answers empty tables', async () => {
    const shop = await newShop(database);
    const accounts = staffService(database.db, testDeps(database).secretBox);
    const email = `staff-${Math.random().toString(36).slice(2)}@example.fi`;
    const account = await accounts.createAccount({ email, password: PASSWORD });
    await accounts.addMember(shop.controller.id, account.id, 'staff');
    const client = new StaffClient(app, '10.3.0.2');
    expect((await client.login(email, PASSWORD)).statusCode).toBe(200);
    const res = await client.request(
      'GET',
      `/api/v1/controllers/${shop.controller.id}/registers/${shop.register.id}/statistics`,
    );
    expect(res.json()).toEqual({
      k: 5,
      customers: { byMonth: [], byArea: [], byMonthAndArea: [] },
      orders: { byMonth: [], byArea: [], byMonthAndArea: [] },
    });
  });
});

describe('suppression', () => {
  const cell = (customers: number, ids: string[] = []): Cell & { name: string } => ({
    name: `${customers}`,
    customers,
    small: customers < 5 ? ids : null,
  });

  it('hides one more group when the hidden ones alone could be worked out from the total', () => {
    const a = cell(4, ['a', 'b', 'c', 'd']);
    const b = cell(5);
    const c = cell(9);
    const hidden = suppress([a, b, c], [[a, b, c]], 5);
    // The total (18) is known from another table: 18 − 5 − 9 would give a's 4 away.
    expect([...hidden]).toEqual([a, b]);
  });

  it('counts the same customer once across hidden groups', () => {
    // Orders by month: the same two people bought in both months; together still two people.
    const may = cell(2, ['p', 'q']);
    const june = cell(2, ['p', 'q']);
    const july = cell(3, ['p', 'q', 'r']);
    const august = cell(6);
    const hidden = suppress([may, june, july, august], [[may, june, july, august]], 5);
    expect(hidden.has(august)).toBe(true);
  });

  it('leaves a line alone when its hidden groups stand for at least k people together', () => {
    const a = cell(3, ['a', 'b', 'c']);
    const b = cell(2, ['d', 'e']);
    const c = cell(8);
    const hidden = suppress([a, b, c], [[a, b, c]], 5);
    expect(hidden.has(c)).toBe(false);
  });
});
