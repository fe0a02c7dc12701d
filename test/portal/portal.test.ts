import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../../src/app.ts';
import type { Database } from '../../src/db/database.ts';
import { createTestDatabase } from '../db.ts';
import { newShop, testDeps, validOrder } from '../factories.ts';

let database: Database;
let app: FastifyInstance;
type Shop = Awaited<ReturnType<typeof newShop>>;
let shopA: Shop;
let shopB: Shop;
const email = `Liisa.${Date.now()}@Example.fi`;
const emailKey = email.toLowerCase();
const otherEmail = `pekka.${Date.now()}@example.fi`;
let subjectA: string;
let subjectB: string;
let otherSubject: string;
let ipSeq = 0;
/** A fresh client address per login, so that the per-IP throttle is tested only where meant. */
const nextIp = () => `198.51.100.${++ipSeq}`;

async function postOrder(shop: Shop, customerEmail: string) {
  const order = validOrder();
  const res = await app.inject({
    method: 'POST',
    url: `/api/v1/registers/${shop.register.id}/orders`,
    headers: { ...shop.auth, 'idempotency-key': `k-${Math.random()}`, 'content-type': 'application/json' },
    payload: JSON.stringify({ ...order, customer: { ...(order.customer as object), email: customerEmail } }),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ subjectId: string }>().subjectId;
}

async function mails(to: string) {
  return database.db
    .selectFrom('outbox')
    .select(['text_body', 'subject'])
    .where('to_address', '=', to)
    .where('kind', '=', 'portal_login')
    .orderBy('seq', 'desc')
    .execute();
}

/** Asks for a link and reads it from the outbox: the mail is handed over after the answer, so wait a moment. */
async function loginForLink(address: string, lang = 'en') {
  const before = (await mails(address)).length;
  const res = await login(address, lang);
  for (let i = 0; i < 100 && (await mails(address)).length === before; i++)
    await new Promise((resolve) => setTimeout(resolve, 20));
  const [latest] = await mails(address);
  const token = /token=([A-Za-z0-9_-]+)/.exec(latest?.text_body ?? '')?.[1] ?? null;
  return { res, token: (await mails(address)).length > before ? token : null };
}

const login = (address: string, lang = 'en', ip = nextIp()) =>
  app.inject({ method: 'POST', url: '/api/v1/portal/login', remoteAddress: ip, payload: { email: address, lang } });

async function session(token: string) {
  return app.inject({ method: 'POST', url: '/api/v1/portal/session', remoteAddress: nextIp(), payload: { token } });
}

interface Client {
  cookie: string;
  csrf: string;
}

async function logIn(): Promise<Client> {
  // Five links per address in 15 minutes: the tests here ask for more; the limit has its own test.
  await database.db.deleteFrom('login_throttle').where('key', 'like', 'portal-email:%').execute();
  const { res: asked, token } = await loginForLink(email);
  expect(asked.statusCode).toBe(202);
  const res = await session(token!);
  expect(res.statusCode, res.body).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'omadata_portal')!;
  return { cookie: `omadata_portal=${cookie.value}`, csrf: res.json<{ csrfToken: string }>().csrfToken };
}

function call(
  client: Client,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  payload?: unknown,
  extra: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method,
    url,
    headers: { cookie: client.cookie, 'x-csrf-token': client.csrf, ...extra },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

async function check(shop: Shop, channel: string, purpose = 'direct_marketing') {
  const res = await app.inject({
    method: 'GET',
    url: `/api/v1/registers/${shop.register.id}/contact-check?${new URLSearchParams({ email: emailKey, channel, purpose })}`,
    headers: shop.auth,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ allowed: boolean; reason: string }>();
}

const subjectUrl = (shop: Shop, subjectId: string) =>
  `/api/v1/portal/registers/${shop.register.id}/subjects/${subjectId}`;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testDeps(database));
  shopA = await newShop(database);
  shopB = await newShop(database);
  await database.db
    .updateTable('controllers')
    .set({ name: 'Kauppa B Oy' })
    .where('id', '=', shopB.controller.id)
    .execute();
  subjectA = await postOrder(shopA, email);
  subjectB = await postOrder(shopB, email.toUpperCase());
  otherSubject = await postOrder(shopA, otherEmail);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('portal login', () => {
  it('answers the same for known and unknown addresses; only the known one gets a mail', async () => {
    const unknown = `nobody.${Date.now()}@example.fi`;
    const { res: a, token } = await loginForLink(email, 'fi');
    const b = await login(unknown, 'fi');
    expect(a.statusCode).toBe(202);
    expect(b.statusCode).toBe(202);
    expect(a.json()).toEqual({ sent: true });
    expect(b.body).toBe(a.body);
    const mails = await database.db
      .selectFrom('outbox')
      .select(['to_address', 'subject', 'text_body'])
      .where('kind', '=', 'portal_login')
      .execute();
    expect(mails.some((m) => m.to_address === unknown)).toBe(false);
    const mine = mails.filter((m) => m.to_address === email);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.subject).toBe('Kirjautumislinkki Omadataan');
    expect(mine[0]!.text_body).toMatch(/\/oma\/login\?token=[A-Za-z0-9_-]{43}&lang=fi/);
    // Only the hash of the token is stored.
    const stored = await database.db.selectFrom('portal_login_tokens').select('token_hash').execute();
    expect(stored.some((r) => r.token_hash === token)).toBe(false);
  });

  it('refuses a bad body naming the fields', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/portal/login', payload: { email: 'x', lang: 'de' } });
    expect(res.statusCode).toBe(422);
    const fields = res.json<{ errors: { field: string }[] }>().errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['email', 'lang']));
  });

  it('opens a session once; a used or expired link is refused and recorded', async () => {
    const token = (await loginForLink(email)).token!;
    const first = await session(token);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json<{ email: string }>().email).toBe(emailKey);
    const cookie = first.cookies.find((c) => c.name === 'omadata_portal')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.path).toBe('/');

    const again = await session(token);
    expect(again.statusCode).toBe(401);
    expect(again.json<{ code: string }>().code).toBe('invalid_login_link');
    const refused = await database.db
      .selectFrom('processing_events')
      .select(['controller_id', 'subject_id'])
      .where('action', '=', 'portal.login_refused')
      .execute();
    expect(new Set(refused.map((r) => r.controller_id))).toEqual(new Set([shopA.controller.id, shopB.controller.id]));
    expect(refused.every((r) => r.subject_id === null)).toBe(true);

    const late = (await loginForLink(email)).token!;
    await sql`UPDATE portal_login_tokens SET expires_at = now() - interval '1 second' WHERE used_at IS NULL`.execute(
      database.db,
    );
    const expired = await session(late);
    expect(expired.statusCode).toBe(401);
    expect((await session('not-a-token')).json<{ code: string }>().code).toBe('invalid_login_link');

    const me = await app.inject({
      method: 'GET',
      url: '/api/v1/portal/me',
      headers: { cookie: `omadata_portal=${cookie.value}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json<{ email: string }>().email).toBe(emailKey);
  });

  it('mails in Swedish on asking, and marks the cookie Secure behind https', async () => {
    const deps = testDeps(database);
    const secureApp = await buildApp({ ...deps, config: { ...deps.config, publicUrl: 'https://oma.example.fi' } });
    try {
      const before = (await mails(otherEmail)).length;
      const asked = await secureApp.inject({
        method: 'POST',
        url: '/api/v1/portal/login',
        remoteAddress: nextIp(),
        payload: { email: otherEmail, lang: 'sv' },
      });
      expect(asked.statusCode).toBe(202);
      await secureApp.close(); // waits for the mail to reach the outbox
      const [latest] = await mails(otherEmail);
      expect((await mails(otherEmail)).length).toBe(before + 1);
      expect(latest!.subject).toBe('Inloggningslänk till Omadata');
      expect(latest!.text_body).toContain('https://oma.example.fi/oma/login?token=');
      const token = /token=([A-Za-z0-9_-]+)/.exec(latest!.text_body)![1]!;
      const again = await buildApp({ ...deps, config: { ...deps.config, publicUrl: 'https://oma.example.fi' } });
      try {
        const res = await again.inject({ method: 'POST', url: '/api/v1/portal/session', payload: { token } });
        expect(res.statusCode).toBe(200);
        expect(res.cookies.find((c) => c.name === 'omadata_portal')!.secure).toBe(true);
      } finally {
        await again.close();
      }
    } finally {
      await secureApp.close();
    }
  });

  it('limits login requests per address', async () => {
    const address = `flood.${Date.now()}@example.fi`;
    for (let i = 0; i < 5; i++) expect((await login(address)).statusCode).toBe(202);
    const res = await login(address);
    expect(res.statusCode).toBe(429);
    expect(res.json<{ retryAfterSeconds: number }>().retryAfterSeconds).toBeGreaterThan(0);
  });

  it('logs out', async () => {
    const client = await logIn();
    expect((await call(client, 'DELETE', '/api/v1/portal/session')).statusCode).toBe(204);
    expect((await call(client, 'GET', '/api/v1/portal/me')).statusCode).toBe(401);
  });
});

describe('portal overview and actions', () => {
  let client: Client;
  beforeAll(async () => {
    client = await logIn();
  });

  it('lists both merchants with data, orders, permissions and events, and records the look', async () => {
    const res = await call(client, 'GET', '/api/v1/portal/overview');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{
      email: string;
      merchants: Array<{
        controller: { id: string; name: string };
        registers: Array<{
          registerId: string;
          noticeUrl: string;
          subject: { id: string; fields: Record<string, unknown>; restricted: boolean };
          orders: Array<{ orderId: string; items: unknown[]; total: { amount: string } }>;
          permissions: { state: Array<{ channel: string; purpose: string; allowed: boolean }>; events: unknown[] };
          events: Array<{ action: string; actorType: string }>;
        }>;
      }>;
    }>();
    expect(body.email).toBe(emailKey);
    expect(body.merchants.map((m) => m.controller.id).sort()).toEqual(
      [shopA.controller.id, shopB.controller.id].sort(),
    );
    const a = body.merchants.find((m) => m.controller.id === shopA.controller.id)!;
    expect(a.registers).toHaveLength(1);
    const reg = a.registers[0]!;
    expect(reg.subject.id).toBe(subjectA);
    expect(reg.noticeUrl).toBe(`/notices/${shopA.register.id}`);
    expect(reg.subject.fields.firstName).toBe('Maija');
    expect(reg.subject.fields['address.city']).toBe('Helsinki');
    expect(reg.subject.restricted).toBe(false);
    expect(reg.orders).toHaveLength(1);
    expect(reg.orders[0]!.total.amount).toBe('9.80');
    expect(reg.permissions.state.length).toBeGreaterThan(0);
    expect(reg.permissions.events.length).toBeGreaterThan(0);
    expect(reg.events[0]).toMatchObject({ action: 'portal.viewed', actorType: 'subject' });
    expect(JSON.stringify(body)).not.toContain(otherSubject);
    expect(JSON.stringify(body)).not.toContain(otherEmail);
    const viewed = await database.db
      .selectFrom('processing_events')
      .select(['subject_id', 'actor_id', 'purpose'])
      .where('action', '=', 'portal.viewed')
      .execute();
    expect(viewed).toEqual(
      expect.arrayContaining([
        { subject_id: subjectA, actor_id: subjectA, purpose: 'data_subject_access' },
        { subject_id: subjectB, actor_id: subjectB, purpose: 'data_subject_access' },
      ]),
    );
  });

  it('withdraws and gives back a permission, which the contact check follows', async () => {
    const url = `${subjectUrl(shopA, subjectA)}/permissions`;
    const off = await call(client, 'PUT', url, { channel: 'email', purpose: 'direct_marketing', given: false });
    expect(off.statusCode, off.body).toBe(200);
    expect(await check(shopA, 'email')).toMatchObject({ allowed: false, reason: 'withdrawal' });
    const on = await call(client, 'PUT', url, { channel: 'email', purpose: 'direct_marketing', given: true });
    expect(on.statusCode).toBe(200);
    expect(await check(shopA, 'email')).toMatchObject({ allowed: true, reason: 'consent' });
    const ledger = await database.db
      .selectFrom('consent_events')
      .select(['source', 'notice_version', sql<string>`host(ip)`.as('ip')])
      .where('subject_id', '=', subjectA)
      .where('source', '=', 'portal')
      .execute();
    expect(ledger).toHaveLength(2);
    expect(ledger[0]).toMatchObject({ source: 'portal', notice_version: 1, ip: '127.0.0.1' });
  });

  it('refuses bad input naming the fields and writes nothing', async () => {
    const before = await database.db
      .selectFrom('consent_events')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    const url = `${subjectUrl(shopA, subjectA)}/permissions`;
    const bad = await call(client, 'PUT', url, { channel: 'fax', purpose: 'direct_marketing', given: 'yes' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual(
      expect.arrayContaining(['channel', 'given']),
    );
    const unknown = await call(client, 'PUT', url, { channel: 'email', purpose: 'astrology', given: true });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json<{ errors: { field: string }[] }>().errors[0]!.field).toBe('purpose');
    const after = await database.db
      .selectFrom('consent_events')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('needs the CSRF token and never reaches another person', async () => {
    const url = `${subjectUrl(shopA, subjectA)}/objection`;
    const noCsrf = await app.inject({ method: 'POST', url, headers: { cookie: client.cookie } });
    expect(noCsrf.statusCode).toBe(403);
    const noSession = await app.inject({ method: 'POST', url });
    expect(noSession.statusCode).toBe(401);
    const other = await call(client, 'POST', `${subjectUrl(shopA, otherSubject)}/objection`);
    expect(other.statusCode).toBe(404);
    const wrongRegister = await call(client, 'POST', `${subjectUrl(shopB, subjectA)}/objection`);
    expect(wrongRegister.statusCode).toBe(404);
    const otherErase = await call(client, 'POST', `${subjectUrl(shopA, otherSubject)}/erasure`);
    expect(otherErase.statusCode).toBe(404);
    const n = await database.db
      .selectFrom('consent_events')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('subject_id', '=', otherSubject)
      .where('kind', '=', 'objection')
      .executeTakeFirstOrThrow();
    expect(n.n).toBe(0);
  });

  it('objects to direct marketing on every channel', async () => {
    const res = await call(client, 'POST', `${subjectUrl(shopA, subjectA)}/objection`);
    expect(res.statusCode, res.body).toBe(200);
    const state = res.json<{ state: Array<{ purpose: string; allowed: boolean; reason: string }> }>().state;
    expect(
      state.filter((s) => s.purpose === 'direct_marketing').every((s) => !s.allowed && s.reason === 'objection'),
    ).toBe(true);
    for (const channel of ['email', 'sms', 'phone', 'post']) {
      expect(await check(shopA, channel)).toMatchObject({ allowed: false, reason: 'objection' });
    }
    // The other merchant is not touched.
    expect((await check(shopB, 'post')).allowed).toBe(true);
  });

  it('records a GPC objection once per customer', async () => {
    const gpc = { 'sec-gpc': '1' };
    expect((await call(client, 'GET', '/api/v1/portal/overview', undefined, gpc)).statusCode).toBe(200);
    expect((await call(client, 'GET', '/api/v1/portal/overview', undefined, gpc)).statusCode).toBe(200);
    const rows = await database.db
      .selectFrom('consent_events')
      .select(['subject_id', 'purpose'])
      .where('source', '=', 'gpc')
      .execute();
    expect(rows.filter((r) => r.subject_id === subjectA)).toHaveLength(1);
    expect(rows.filter((r) => r.subject_id === subjectB)).toHaveLength(1);
    expect(rows.every((r) => r.purpose === 'sale_and_sharing')).toBe(true);
    expect(rows.some((r) => r.subject_id === otherSubject)).toBe(false);
  });

  it('restricts and lifts the restriction', async () => {
    const url = `${subjectUrl(shopB, subjectB)}/restriction`;
    const on = await call(client, 'PUT', url, { restricted: true, reason: 'disputing the data' });
    expect(on.json()).toEqual({ restricted: true, changed: true });
    expect(await check(shopB, 'post')).toMatchObject({ allowed: false, reason: 'restriction' });
    const off = await call(client, 'PUT', url, { restricted: false });
    expect(off.json()).toEqual({ restricted: false, changed: true });
    const actor = await database.db
      .selectFrom('processing_events')
      .select(['actor_type', 'actor_id'])
      .where('action', '=', 'subject.restricted')
      .where('subject_id', '=', subjectB)
      .executeTakeFirstOrThrow();
    expect(actor).toEqual({ actor_type: 'subject', actor_id: subjectB });
  });

  it('erases at one merchant and leaves the other untouched', async () => {
    const res = await call(client, 'POST', `${subjectUrl(shopA, subjectA)}/erasure`);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json<{ subjectId: string; deleted: string[]; alreadyErased: boolean }>();
    expect(report.subjectId).toBe(subjectA);
    expect(report.alreadyErased).toBe(false);
    expect(report.deleted).toContain('firstName');

    const overview = await call(client, 'GET', '/api/v1/portal/overview');
    const merchants = overview.json<{ merchants: Array<{ controller: { id: string }; registers: unknown[] }> }>()
      .merchants;
    expect(merchants.map((m) => m.controller.id)).toEqual([shopB.controller.id]);
    const b = await database.db
      .selectFrom('subjects')
      .select(['erased_at', 'first_name'])
      .where('id', '=', subjectB)
      .executeTakeFirstOrThrow();
    expect(b).toEqual({ erased_at: null, first_name: 'Maija' });
    // The erased customer is gone for the session.
    expect((await call(client, 'POST', `${subjectUrl(shopA, subjectA)}/erasure`)).statusCode).toBe(404);
    expect((await call(client, 'POST', `${subjectUrl(shopA, otherSubject)}/erasure`)).statusCode).toBe(404);
  });

  it('erases everywhere', async () => {
    const res = await call(client, 'POST', '/api/v1/portal/erasure');
    expect(res.statusCode, res.body).toBe(200);
    const reports = res.json<{ reports: Array<{ controllerId: string; report: { subjectId: string } }> }>().reports;
    expect(reports).toEqual([expect.objectContaining({ controllerId: shopB.controller.id })]);
    expect(reports[0]!.report.subjectId).toBe(subjectB);
    const overview = await call(client, 'GET', '/api/v1/portal/overview');
    expect(overview.json<{ merchants: unknown[] }>().merchants).toEqual([]);
    const other = await database.db
      .selectFrom('subjects')
      .select('erased_at')
      .where('id', '=', otherSubject)
      .executeTakeFirstOrThrow();
    expect(other.erased_at).toBeNull();
  });
});
