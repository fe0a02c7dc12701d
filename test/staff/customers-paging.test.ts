import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import type { Database } from '../../src/db/database.ts';
import { importCustomers } from '../../src/modules/imports/import.service.ts';
import { staffService } from '../../src/modules/staff/staff.service.ts';
import { createTestDatabase } from '../db.ts';
import { newController, newRegister, testDeps } from '../factories.ts';
import { StaffClient } from './helpers.ts';

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

describe('customer list', () => {
  it('pages through a register with keyset paging, each customer once, and finds by name prefix', async () => {
    const controller = await newController(database);
    const register = await newRegister(database, controller.id);
    const n = 130;
    const csv = [
      'firstName,lastName,email',
      ...Array.from({ length: n }, (_, i) => `Etu${i},${i % 2 ? 'Virtanen' : 'Korhonen'},asiakas${i}@example.fi`),
    ].join('\n');
    await importCustomers({
      database,
      secretBox: testDeps(database).secretBox,
      registerId: register.id,
      fileName: 'x.csv',
      input: Readable.from([csv]),
    });
    const staff = staffService(database.db, testDeps(database).secretBox);
    const account = await staff.createAccount({ email: 'lukija@example.fi', password: PASSWORD });
    await staff.addMember(controller.id, account.id, 'viewer');
    const client = new StaffClient(app);
    await client.login('lukija@example.fi', PASSWORD);

    const base = `/api/v1/controllers/${controller.id}/registers/${register.id}/customers`;
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const res = await client.request('GET', `${base}?limit=50${after ? `&after=${after}` : ''}`);
      expect(res.statusCode).toBe(200);
      seen.push(...res.json().items.map((i: { id: string }) => i.id));
      after = res.json().next;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(n);

    const virtanen = await client.request('GET', `${base}?q=virt&limit=200`);
    expect(virtanen.json().items).toHaveLength(n / 2);
    const full = await client.request('GET', `${base}?q=${encodeURIComponent('Etu7 Virt')}`);
    expect(
      full
        .json()
        .items.map((i: { email: string }) => i.email)
        .sort(),
    ).toEqual(
      ['asiakas7@example.fi', ...Array.from({ length: 10 }, (_, k) => `asiakas${70 + k}@example.fi`)]
        .filter((e) => Number(/\d+/.exec(e)![0]) % 2 === 1)
        .sort(),
    );
    const wildcard = await client.request('GET', `${base}?q=${encodeURIComponent('%')}`);
    expect(wildcard.json().items).toHaveLength(0);
  });

  it('forgets the session at logout', async () => {
    const staff = staffService(database.db, testDeps(database).secretBox);
    await staff.createAccount({ email: 'poistuja@example.fi', password: PASSWORD });
    const client = new StaffClient(app);
    await client.login('poistuja@example.fi', PASSWORD);
    const cookie = client.cookie;
    expect((await client.request('GET', '/api/v1/session')).statusCode).toBe(200);
    expect((await client.request('DELETE', '/api/v1/session')).statusCode).toBe(204);
    const stale = new StaffClient(app);
    stale.cookie = cookie;
    expect((await stale.request('GET', '/api/v1/session')).statusCode).toBe(401);
  });
});
