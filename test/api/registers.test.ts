import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import type { Database } from '../../src/db/database.ts';
import { createTestDatabase } from '../db.ts';
import { newShop, testDeps } from '../factories.ts';
import { description } from '../fixtures/descriptions.ts';

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

describe('register descriptions over the shop API', () => {
  it('publishes a new version, keeps the old one, names every problem of a bad one, and records the change', async () => {
    const shop = await newShop(database);
    const other = await newShop(database);
    const url = `/api/v1/registers/${shop.register.id}/description`;
    const next = description(['firstName', 'lastName', 'email', 'orders']);
    const published = await app.inject({ method: 'POST', url, headers: shop.auth, payload: next });
    expect(published.statusCode, published.body).toBe(201);
    expect(published.json()).toEqual({ registerId: shop.register.id, version: 2 });

    const current = await app.inject({ method: 'GET', url, headers: shop.auth });
    expect(current.json().version).toBe(2);
    expect(current.json().document.fields.map((f: { key: string }) => f.key)).toEqual([
      'firstName',
      'lastName',
      'email',
      'orders',
    ]);
    const first = await app.inject({ method: 'GET', url: `${url}?version=1`, headers: shop.auth });
    expect(first.json().document.fields.length).toBeGreaterThan(4);

    const bad = await app.inject({
      method: 'POST',
      url,
      headers: shop.auth,
      payload: { ...next, purposes: [], retention: [] },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().code).toBe('invalid_description');
    const fields = bad.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['purposes', 'retention']));
    expect((await app.inject({ method: 'GET', url, headers: shop.auth })).json().version).toBe(2);

    expect((await app.inject({ method: 'POST', url, headers: other.auth, payload: next })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url, headers: other.auth })).statusCode).toBe(404);

    const events = await database.db
      .selectFrom('processing_events')
      .selectAll()
      .where('controller_id', '=', shop.controller.id)
      .execute();
    expect(events.map((e) => e.action)).toEqual(['description.published']);
  });

  it('lists the field catalogue with fideslang categories', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/field-catalogue' });
    const email = res.json().items.find((f: { key: string }) => f.key === 'email');
    expect(email).toMatchObject({ category: 'user.contact.email', label: { fi: 'Sähköpostiosoite' } });
  });
});
