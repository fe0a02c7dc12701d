import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import type { Database } from '../../src/db/database.ts';
import { createTestDatabase } from '../db.ts';
import { newShop, postOrderAs, testDeps, validOrder } from '../factories.ts';
import { latestLoginToken, nextIp, portalCall, portalLogin, type PortalClient } from './client.ts';

let database: Database;
let app: FastifyInstance;
let shop: Awaited<ReturnType<typeof newShop>>;
const anna = `anna.${Date.now()}@example.fi`;
const ben = `ben.${Date.now()}@example.fi`;
let annaSubject: string;
let benSubject: string;
let annaClient: PortalClient;

const eventsOf = (subjectId: string, action: string) =>
  database.db
    .selectFrom('processing_events')
    .select(['action', 'actor_type'])
    .where('subject_id', '=', subjectId)
    .where('action', '=', action)
    .execute();

async function linkFor(address: string): Promise<string> {
  await database.db.deleteFrom('login_throttle').where('key', 'like', 'portal-email:%').execute();
  const before = await latestLoginToken(database, address);
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/portal/login',
    remoteAddress: nextIp(),
    payload: { email: address, lang: 'fi' },
  });
  expect(res.statusCode).toBe(202);
  let token = await latestLoginToken(database, address);
  for (let i = 0; i < 200 && token === before; i++) {
    await new Promise((r) => setTimeout(r, 20));
    token = await latestLoginToken(database, address);
  }
  return token!;
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testDeps(database));
  shop = await newShop(database);
  const order = validOrder();
  ({ subjectId: annaSubject } = await postOrderAs(app, shop, {
    ...order,
    customer: { ...(order.customer as object), email: anna },
  }));
  ({ subjectId: benSubject } = await postOrderAs(app, shop, {
    ...validOrder(),
    customer: { ...(validOrder().customer as object), email: ben },
  }));
  annaClient = await portalLogin(app, database, anna);
});

afterAll(async () => {
  await app.close();
  await database.close();
});

describe('refused portal attempts', () => {
  it('refuses a link for another person in a browser signed in as someone, leaves it unspent and records it', async () => {
    const token = await linkFor(ben);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/portal/session',
      remoteAddress: nextIp(),
      headers: { cookie: annaClient.cookie },
      payload: { token },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json<{ code: string }>().code).toBe('signed_in_as_other');
    expect(res.cookies.find((c) => c.name === 'omadata_portal')).toBeUndefined();
    expect(await eventsOf(benSubject, 'portal.login_refused')).toHaveLength(1);
    // Anna is still signed in as herself.
    const me = await portalCall(app, annaClient, 'GET', '/api/v1/portal/me');
    expect(me.json<{ email: string }>().email).toBe(anna);
    // The link was not spent: Ben opens it in his own browser.
    const own = await app.inject({
      method: 'POST',
      url: '/api/v1/portal/session',
      remoteAddress: nextIp(),
      payload: { token },
    });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json<{ email: string }>().email).toBe(ben);
  });

  it('lets a person open a fresh link of their own while signed in', async () => {
    const token = await linkFor(anna);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/portal/session',
      remoteAddress: nextIp(),
      headers: { cookie: annaClient.cookie },
      payload: { token },
    });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('refuses a spent link and records the attempt for the link’s person', async () => {
    const token = await linkFor(ben);
    const first = await app.inject({
      method: 'POST',
      url: '/api/v1/portal/session',
      remoteAddress: nextIp(),
      payload: { token },
    });
    expect(first.statusCode).toBe(200);
    const before = (
      await database.db
        .selectFrom('processing_events')
        .select('seq')
        .where('action', '=', 'portal.login_refused')
        .execute()
    ).length;
    const replay = await app.inject({
      method: 'POST',
      url: '/api/v1/portal/session',
      remoteAddress: nextIp(),
      payload: { token },
    });
    expect(replay.statusCode).toBe(401);
    expect(replay.headers['content-type']).toContain('application/problem+json');
    const after = (
      await database.db
        .selectFrom('processing_events')
        .select('seq')
        .where('action', '=', 'portal.login_refused')
        .execute()
    ).length;
    expect(after).toBe(before + 1);
  });

  it('refuses a state-changing request without the CSRF token, changes nothing and records it', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/portal/registers/${shop.register.id}/subjects/${annaSubject}/objection`,
      headers: { cookie: annaClient.cookie },
    });
    expect(res.statusCode).toBe(403);
    const objections = await database.db
      .selectFrom('consent_events')
      .select('id')
      .where('subject_id', '=', annaSubject)
      .where('kind', '=', 'objection')
      .execute();
    expect(objections).toHaveLength(0);
    expect(await eventsOf(annaSubject, 'portal.request_refused')).toHaveLength(1);
  });
});
