import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.ts';
import type { Database } from '../../src/db/database.ts';
import type { Role } from '../../src/db/schema.ts';
import { may, PERMISSIONS, ROLES, type Action } from '../../src/modules/staff/permissions.ts';
import { staffService } from '../../src/modules/staff/staff.service.ts';
import { createTestDatabase } from '../db.ts';
import { newShop, testDeps, validOrder } from '../factories.ts';
import { description } from '../fixtures/descriptions.ts';
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

interface World {
  controllerId: string;
  registerId: string;
  subjectId: string;
  otherStaffId: string;
}

/** One request per action, answered with success when the role may do it. */
const REQUESTS: Record<Action, (c: StaffClient, w: World) => Promise<LightMyRequestResponse>> = {
  'register.read': (c, w) => c.request('GET', `/api/v1/controllers/${w.controllerId}/registers`),
  'register.write': (c, w) =>
    c.request('POST', `/api/v1/controllers/${w.controllerId}/registers`, { description: description() }),
  'customer.read': (c, w) =>
    c.request('GET', `/api/v1/controllers/${w.controllerId}/registers/${w.registerId}/customers/${w.subjectId}`),
  'customer.reveal_identity_code': (c, w) =>
    c.request(
      'POST',
      `/api/v1/controllers/${w.controllerId}/registers/${w.registerId}/customers/${w.subjectId}/reveal-identity-code`,
      { reason: 'Perintäasia 2026/17' },
    ),
  'consent.record': (c, w) =>
    c.request(
      'POST',
      `/api/v1/controllers/${w.controllerId}/registers/${w.registerId}/customers/${w.subjectId}/consents`,
      { kind: 'prohibition_set', channel: 'phone', purposes: ['market_research'], letterDate: '2026-11-02' },
    ),
  'marketing.export': (c, w) =>
    c.request(
      'GET',
      `/api/v1/controllers/${w.controllerId}/registers/${w.registerId}/marketing-list?channel=email&purpose=direct_marketing`,
    ),
  'apikey.read': (c, w) => c.request('GET', `/api/v1/controllers/${w.controllerId}/api-keys`),
  'apikey.write': (c, w) => c.request('POST', `/api/v1/controllers/${w.controllerId}/api-keys`, { name: 'x' }),
  'staff.read': (c, w) => c.request('GET', `/api/v1/controllers/${w.controllerId}/staff`),
  'staff.invite': (c, w) =>
    c.request('POST', `/api/v1/controllers/${w.controllerId}/invites`, { email: 'uusi@example.fi', role: 'viewer' }),
  'staff.change_role': (c, w) =>
    c.request('PUT', `/api/v1/controllers/${w.controllerId}/staff/${w.otherStaffId}`, { role: 'viewer' }),
  'controller.settings': (c, w) => c.request('PATCH', `/api/v1/controllers/${w.controllerId}`, { requireTotp: false }),
  'audit.read': (c, w) => c.request('GET', `/api/v1/controllers/${w.controllerId}/audit`),
  'retention.read': (c, w) =>
    c.request('GET', `/api/v1/controllers/${w.controllerId}/registers/${w.registerId}/retention/preview`),
  'retention.hold': (c, w) =>
    c.request(
      'POST',
      `/api/v1/controllers/${w.controllerId}/registers/${w.registerId}/customers/${w.subjectId}/holds`,
      {
        kind: 'open_invoice',
        reason: 'Lasku 1001 avoinna',
        until: `${new Date().getUTCFullYear() + 1}-01-31`,
      },
    ),
  'statistics.read': (c, w) =>
    c.request('GET', `/api/v1/controllers/${w.controllerId}/registers/${w.registerId}/statistics`),
  'records.read': (c, w) =>
    c.request('GET', `/api/v1/controllers/${w.controllerId}/records-of-processing?format=csv&lang=sv`),
  'requests.read': (c, w) => c.request('GET', `/api/v1/controllers/${w.controllerId}/requests`),
  'requests.handle': (c, w) =>
    c.request('POST', `/api/v1/controllers/${w.controllerId}/requests`, {
      registerId: w.registerId,
      types: ['access'],
      channel: 'letter',
      receivedOn: '2026-11-02',
      name: 'Kirje Lähettäjä',
    }),
  // Last: the customer is gone after it (asking again answers the same report).
  'customer.erase': (c, w) =>
    c.request(
      'POST',
      `/api/v1/controllers/${w.controllerId}/registers/${w.registerId}/customers/${w.subjectId}/erasure`,
    ),
};

describe('roles', () => {
  it('docs/roles.md shows exactly the table in the code', () => {
    const doc = readFileSync(new URL('../../docs/roles.md', import.meta.url), 'utf8');
    for (const action of Object.keys(PERMISSIONS) as Action[]) {
      const line = doc.split('\n').find((l) => l.startsWith(`| \`${action}\``));
      expect(line, action).toBeDefined();
      const cells = line!
        .split('|')
        .slice(2, 6)
        .map((c) => c.trim());
      expect(cells, action).toEqual(ROLES.map((r) => (may(r, action) ? 'yes' : '–')));
    }
  });

  it('every cell of the table holds over HTTP', async () => {
    const shop = await newShop(database);
    const order = validOrder({
      payment: { method: 'invoice' },
      customer: { ...validOrder().customer, personalIdentityCode: '131052-308T' },
    });
    const posted = await app.inject({
      method: 'POST',
      url: `/api/v1/registers/${shop.register.id}/orders`,
      headers: { ...shop.auth, 'idempotency-key': 'perm', 'content-type': 'application/json' },
      payload: JSON.stringify(order),
    });
    const staff = staffService(database.db, testDeps(database).secretBox);
    const other = await staff.createAccount({
      email: `other-${Math.random()}@example.fi`.replace('0.', ''),
      password: PASSWORD,
    });
    await staff.addMember(shop.controller.id, other.id, 'staff');
    const world: World = {
      controllerId: shop.controller.id,
      registerId: shop.register.id,
      subjectId: posted.json().subjectId,
      otherStaffId: other.id,
    };

    const clients = new Map<Role, StaffClient>();
    for (const role of ROLES) {
      const email = `${role}-${Math.random().toString(36).slice(2)}@example.fi`;
      const account = await staff.createAccount({ email, password: PASSWORD });
      await staff.addMember(shop.controller.id, account.id, role);
      const client = new StaffClient(app, `10.0.0.${ROLES.indexOf(role) + 1}`);
      expect((await client.login(email, PASSWORD)).statusCode).toBe(200);
      clients.set(role, client);
    }
    const cells: string[] = [];
    for (const action of Object.keys(REQUESTS) as Action[]) {
      for (const role of ROLES) {
        const res = await REQUESTS[action](clients.get(role)!, world);
        const allowed = may(role, action);
        cells.push(`${action} ${role} ${res.statusCode}`);
        if (allowed) expect(res.statusCode, `${action} as ${role}: ${res.body}`).toBeLessThan(300);
        else expect(res.statusCode, `${action} as ${role}`).toBe(403);
      }
    }
    expect(cells).toHaveLength(Object.keys(PERMISSIONS).length * ROLES.length);
  });
});
