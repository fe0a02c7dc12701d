import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { generate } from 'otplib';
import { sql } from 'kysely';
import { buildApp } from '../../src/app.ts';
import type { Database } from '../../src/db/database.ts';
import { staffService } from '../../src/modules/staff/staff.service.ts';
import { verifyChains } from '../../src/modules/audit/audit.service.ts';
import { createTestDatabase } from '../db.ts';
import { testDeps, validOrder } from '../factories.ts';
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

async function operator(email = `op-${Math.random().toString(36).slice(2)}@example.fi`) {
  await staffService(database.db, testDeps(database).secretBox).createAccount({
    email,
    password: PASSWORD,
    isOperator: true,
  });
  const client = new StaffClient(app);
  expect((await client.login(email, PASSWORD)).statusCode).toBe(200);
  return { client, email };
}

async function controllerWithRegister(client: StaffClient) {
  const c = await client.request('POST', '/api/v1/controllers', { name: 'Kauppa Oy', businessId: '2077474-0' });
  expect(c.statusCode).toBe(201);
  const r = await client.request('POST', `/api/v1/controllers/${c.json().id}/registers`, {
    description: description(),
  });
  expect(r.statusCode, r.body).toBe(201);
  return { controllerId: c.json().id as string, registerId: r.json().id as string };
}

describe('staff console API', () => {
  it('walks the newcomer path: operator, controller, register, invitation by mail, a look at a customer, the audit trail', async () => {
    const { client } = await operator();
    const { controllerId, registerId } = await controllerWithRegister(client);

    const invite = await client.request('POST', `/api/v1/controllers/${controllerId}/invites`, {
      email: 'kollega@example.fi',
      role: 'staff',
    });
    expect(invite.statusCode, invite.body).toBe(201);
    const outbox = await client.request('GET', '/api/v1/outbox');
    const mail = outbox.json().items.find((m: { to: string }) => m.to === 'kollega@example.fi');
    const token = /token=([A-Za-z0-9_-]+)/.exec(mail.text)![1]!;

    const colleague = new StaffClient(app);
    const accepted = await colleague.request('POST', '/api/v1/invites/accept', {
      token,
      name: 'Kollega',
      password: PASSWORD,
    });
    expect(accepted.statusCode, accepted.body).toBe(201);
    colleague.csrf = accepted.json().csrfToken;
    const reused = await new StaffClient(app).request('POST', '/api/v1/invites/accept', {
      token,
      name: 'X',
      password: PASSWORD,
    });
    expect(reused.statusCode).toBe(403);

    // A customer arrives through the shop API.
    const key = await client.request('POST', `/api/v1/controllers/${controllerId}/api-keys`, { name: 'Kauppa' });
    const order = validOrder();
    const posted = await app.inject({
      method: 'POST',
      url: `/api/v1/registers/${registerId}/orders`,
      headers: {
        authorization: `Bearer ${key.json().key}`,
        'idempotency-key': 'k1',
        'content-type': 'application/json',
      },
      payload: JSON.stringify(order),
    });
    expect(posted.statusCode).toBe(201);
    const subjectId = posted.json().subjectId;

    const found = await colleague.request(
      'GET',
      `/api/v1/controllers/${controllerId}/registers/${registerId}/customers?q=${encodeURIComponent(order.customer.email)}`,
    );
    expect(found.json().items.map((i: { id: string }) => i.id)).toEqual([subjectId]);
    const byName = await colleague.request(
      'GET',
      `/api/v1/controllers/${controllerId}/registers/${registerId}/customers?q=meik`,
    );
    expect(byName.json().items.map((i: { id: string }) => i.id)).toEqual([subjectId]);
    const byOrder = await colleague.request(
      'GET',
      `/api/v1/controllers/${controllerId}/registers/${registerId}/customers?q=${order.orderId}`,
    );
    expect(byOrder.json().items.map((i: { id: string }) => i.id)).toEqual([subjectId]);

    const page = await colleague.request(
      'GET',
      `/api/v1/controllers/${controllerId}/registers/${registerId}/customers/${subjectId}`,
    );
    expect(page.statusCode).toBe(200);
    expect(page.json().orders).toHaveLength(1);
    expect(page.json().events.map((e: { action: string }) => e.action)).toContain('customer.viewed');

    const audit = await client.request('GET', `/api/v1/controllers/${controllerId}/audit?action=customer.viewed`);
    expect(audit.json().items[0]).toMatchObject({ actorType: 'staff', subjectId, purpose: 'customer_service' });
    const received = await client.request('GET', `/api/v1/controllers/${controllerId}/audit?action=order.received`);
    expect(received.json().items[0]).toMatchObject({ actorType: 'api_key', subjectId, purpose: 'order_handling' });
    expect(received.json().items[0].fields).toEqual(expect.arrayContaining(['orders', 'email', 'phone', 'ip']));

    // A shop's read of the customer is recorded too.
    await app.inject({
      method: 'GET',
      url: `/api/v1/registers/${registerId}/subjects?email=${encodeURIComponent(order.customer.email)}`,
      headers: { authorization: `Bearer ${key.json().key}` },
    });
    const reads = await client.request(
      'GET',
      `/api/v1/controllers/${controllerId}/audit?action=customer.read&actorType=api_key`,
    );
    expect(reads.json().items).toHaveLength(1);
    expect((await verifyChains(database.db)).problems).toEqual([]);
  });

  it('refuses a state change without the CSRF token, a viewer writing, and another controller', async () => {
    const { client } = await operator();
    const { controllerId } = await controllerWithRegister(client);
    const noCsrf = await client.request(
      'POST',
      `/api/v1/controllers/${controllerId}/registers`,
      { description: description() },
      { csrf: false },
    );
    expect(noCsrf.statusCode).toBe(403);

    const other = await operator();
    const foreign = await other.client.request('GET', `/api/v1/controllers/${controllerId}/registers`);
    expect(foreign.statusCode).toBe(404);

    const viewerEmail = `viewer-${Math.random().toString(36).slice(2)}@example.fi`;
    const v = await staffService(database.db, testDeps(database).secretBox).createAccount({
      email: viewerEmail,
      password: PASSWORD,
    });
    await staffService(database.db, testDeps(database).secretBox).addMember(controllerId, v.id, 'viewer');
    const viewer = new StaffClient(app);
    await viewer.login(viewerEmail, PASSWORD);
    expect((await viewer.request('GET', `/api/v1/controllers/${controllerId}/registers`)).statusCode).toBe(200);
    const write = await viewer.request('POST', `/api/v1/controllers/${controllerId}/registers`, {
      description: description(),
    });
    expect(write.statusCode).toBe(403);
    expect(write.headers['content-type']).toMatch(/problem\+json/);
  });

  it('locks an account after repeated wrong passwords, and the lock ends by itself', async () => {
    const { email } = await operator();
    const client = new StaffClient(app, '10.9.8.7');
    for (let i = 0; i < 5; i++) expect((await client.login(email, 'wrong password!!')).statusCode).toBe(401);
    const locked = await client.login(email, PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().retryAfterSeconds).toBeGreaterThan(800);
    expect(locked.headers['retry-after']).toBe(String(locked.json().retryAfterSeconds));
    await sql`UPDATE login_throttle SET locked_until = now() - interval '1 second'`.execute(database.db);
    expect((await client.login(email, PASSWORD)).statusCode).toBe(200);
  });

  it('enrols TOTP, then asks for the code at login, and takes each code once', { timeout: 90_000 }, async () => {
    const { client, email } = await operator();
    const start = await client.request('POST', '/api/v1/session/totp');
    expect(start.statusCode).toBe(200);
    const { secret, qrSvg } = start.json();
    expect(qrSvg).toMatch(/<svg/);
    expect((await client.request('POST', '/api/v1/session/totp/confirm', { code: '000000' })).statusCode).toBe(422);
    expect(
      (await client.request('POST', '/api/v1/session/totp/confirm', { code: await generate({ secret }) })).statusCode,
    ).toBe(204);

    const fresh = new StaffClient(app, '10.1.1.1');
    const first = await fresh.login(email, PASSWORD);
    expect(first.json()).toEqual({ totpRequired: true });
    expect(fresh.cookie).toBe('');
    // The code that confirmed the enrolment was spent: wait for the next one.
    const now = Date.now();
    await new Promise((r) => setTimeout(r, 30_000 - (now % 30_000) + 200));
    const code = await generate({ secret });
    const ok = await fresh.login(email, PASSWORD, code);
    expect(ok.statusCode).toBe(200);
    expect((await fresh.request('GET', '/api/v1/session')).json().secondFactor).toBe(true);
    // A code works once.
    expect((await new StaffClient(app, '10.1.1.2').login(email, PASSWORD, code)).statusCode).toBe(401);
    // Starting to change the authenticator does not switch the second factor off.
    expect((await fresh.request('POST', '/api/v1/session/totp')).statusCode).toBe(200);
    expect((await new StaffClient(app, '10.1.1.3').login(email, PASSWORD)).json()).toEqual({ totpRequired: true });
  });
});

describe('audit verify', () => {
  it('finds an event changed, removed or added by hand', async () => {
    const { client } = await operator();
    const { controllerId, registerId } = await controllerWithRegister(client);
    for (let i = 0; i < 3; i++)
      await client.request('GET', `/api/v1/controllers/${controllerId}/registers/${registerId}/customers`);
    const intact = await verifyChains(database.db);
    expect(intact.problems).toEqual([]);

    await sql`UPDATE processing_events SET purpose = 'marketing' WHERE controller_id = ${controllerId} AND seq = 3`.execute(
      database.db,
    );
    let result = await verifyChains(database.db);
    expect(result.problems).toEqual([expect.objectContaining({ controllerId, seq: 3, problem: 'changed' })]);
    await sql`UPDATE processing_events SET purpose = 'customer_service' WHERE controller_id = ${controllerId} AND seq = 3`.execute(
      database.db,
    );
    expect((await verifyChains(database.db)).problems).toEqual([]);

    await sql`DELETE FROM processing_events WHERE controller_id = ${controllerId} AND seq = 2`.execute(database.db);
    result = await verifyChains(database.db);
    expect(result.problems).toEqual([expect.objectContaining({ controllerId, seq: 2, problem: 'removed' })]);
  });
});
