import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import type { Database } from '../../src/db/database.ts';
import { staffService } from '../../src/modules/staff/staff.service.ts';
import { createTestDatabase } from '../db.ts';
import { testDeps } from '../factories.ts';
import { StaffClient } from './helpers.ts';

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

describe('first start', () => {
  it('creates the first operator once through the setup link, and never again', async () => {
    const staff = staffService(database.db, testDeps(database).secretBox);
    expect((await app.inject({ method: 'GET', url: '/api/v1/setup' })).json()).toEqual({ needed: true });
    const token = await staff.issueSetupToken();
    expect(token).toBeTruthy();

    const client = new StaffClient(app);
    const weak = await client.request('POST', '/api/v1/setup', {
      token,
      email: 'operaattori@example.fi',
      password: 'short',
    });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().errors[0].field).toBe('password');

    const created = await client.request('POST', '/api/v1/setup', {
      token,
      email: 'operaattori@example.fi',
      password: 'a long enough passphrase',
      name: 'Operaattori',
    });
    expect(created.statusCode, created.body).toBe(201);
    const me = await client.request('GET', '/api/v1/session');
    expect(me.json().staff).toMatchObject({ email: 'operaattori@example.fi', isOperator: true });

    const again = await new StaffClient(app).request('POST', '/api/v1/setup', {
      token,
      email: 'toinen@example.fi',
      password: 'a long enough passphrase',
    });
    expect(again.statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/v1/setup' })).json()).toEqual({ needed: false });
    expect(await staff.issueSetupToken()).toBeNull();
  });
});
