import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../../src/app.ts';
import type { Database } from '../../src/db/database.ts';
import { staffService } from '../../src/modules/staff/staff.service.ts';
import { todayInFinland, finnishMidnight } from '../../src/finnish-time.ts';
import { createTestDatabase } from '../db.ts';
import { newShop, postOrderAs, testDeps, validOrder } from '../factories.ts';
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

const postOrder = (shop: Shop, order: Record<string, unknown>) => postOrderAs(app, shop, order);

async function staffFor(shop: Shop, role: 'owner' | 'staff' | 'viewer' = 'staff') {
  const staff = staffService(database.db, testDeps(database).secretBox);
  const email = `${role}-${Math.random().toString(36).slice(2)}@example.fi`;
  const account = await staff.createAccount({ email, password: PASSWORD });
  await staff.addMember(shop.controller.id, account.id, role);
  const client = new StaffClient(app, `10.1.0.${Math.floor(Math.random() * 200) + 1}`);
  expect((await client.login(email, PASSWORD)).statusCode).toBe(200);
  return { client, email, id: account.id };
}

const countEvents = async () =>
  Number((await sql<{ n: string }>`SELECT count(*) AS n FROM consent_events`.execute(database.db)).rows[0]!.n);

describe('permissions on the customer page', () => {
  it('shows the state and the whole ledger with proof, and records a letter without deleting anything', async () => {
    const shop = await newShop(database);
    const order = validOrder({ marketingOptIn: { email: true } });
    const { subjectId } = await postOrder(shop, order);
    const { client, email } = await staffFor(shop);
    const base = `/api/v1/controllers/${shop.controller.id}/registers/${shop.register.id}/customers/${subjectId}`;

    const letter = await client.request('POST', `${base}/consents`, {
      kind: 'prohibition_set',
      channel: 'all',
      purposes: ['market_research', 'opinion_research'],
      letterDate: '2026-11-02',
      note: 'Kirje saapui 3.11.',
    });
    expect(letter.statusCode, letter.body).toBe(201);
    expect(letter.json().ids).toHaveLength(2);

    const view = await client.request('GET', `${base}/permissions?purpose=customer_service`);
    expect(view.statusCode, view.body).toBe(200);
    const body = view.json();
    expect(body.purposes.map((p: { key: string }) => p.key)).toEqual([
      'direct_marketing',
      'distance_selling',
      'market_research',
      'opinion_research',
      'directories',
      'customer_relationship',
      'email_marketing',
    ]);
    const cell = (channel: string, purpose: string) =>
      body.state.find((s: { channel: string; purpose: string }) => s.channel === channel && s.purpose === purpose);
    expect(cell('email', 'direct_marketing')).toMatchObject({ allowed: true, reason: 'consent' });
    expect(cell('sms', 'direct_marketing')).toMatchObject({ allowed: false, reason: 'no_consent' });
    expect(cell('post', 'market_research')).toMatchObject({ allowed: false, reason: 'prohibition' });
    expect(cell('phone', 'opinion_research')).toMatchObject({ allowed: false, reason: 'prohibition' });
    expect(cell('post', 'direct_marketing')).toMatchObject({ allowed: true, reason: 'not_prohibited' });
    // Newest first by when it happened: the order (20.11.) is newer than the letter (2.11.).
    expect(body.events.map((e: { kind: string }) => e.kind)).toEqual([
      'consent_given',
      'prohibition_set',
      'prohibition_set',
    ]);
    expect(body.events[0]).toMatchObject({
      kind: 'consent_given',
      channel: 'email',
      source: 'order',
      ip: '192.0.2.10',
      noticeVersion: 1,
      evidence: { orderId: order.orderId },
      recordedBy: null,
    });
    expect(body.events[1]).toMatchObject({
      kind: 'prohibition_set',
      channel: null,
      source: 'console_letter',
      recordedBy: email,
      evidence: { letterDate: '2026-11-02', note: 'Kirje saapui 3.11.' },
      occurredAt: finnishMidnight('2026-11-02').toISOString(),
    });

    const trail = await database.db
      .selectFrom('processing_events')
      .select(['action', 'purpose'])
      .where('subject_id', '=', subjectId)
      .where('actor_type', '=', 'staff')
      .orderBy('seq')
      .execute();
    expect(trail).toEqual([
      { action: 'consent.recorded', purpose: 'consent_management' },
      { action: 'customer.permissions_viewed', purpose: 'customer_service' },
    ]);
    // There is no way to delete an event over HTTP.
    const del = await client.request('DELETE', `${base}/consents`);
    expect(del.statusCode).toBe(404);
  });

  it('refuses a letter dated in the future, an unknown purpose or kind, and writes nothing', async () => {
    const shop = await newShop(database);
    const { subjectId } = await postOrder(shop, validOrder());
    const { client } = await staffFor(shop);
    const url = `/api/v1/controllers/${shop.controller.id}/registers/${shop.register.id}/customers/${subjectId}/consents`;
    const before = await countEvents();
    const tomorrow = new Date(Date.parse(`${todayInFinland()}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const bad = async (body: Record<string, unknown>, fields: string[]) => {
      const res = await client.request('POST', url, {
        kind: 'consent_given',
        channel: 'email',
        purposes: ['direct_marketing'],
        letterDate: '2026-11-02',
        ...body,
      });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(
        res
          .json()
          .errors.map((e: { field: string }) => e.field)
          .sort(),
      ).toEqual(fields);
    };
    await bad({ letterDate: tomorrow }, ['letterDate']);
    await bad({ purposes: ['horoscopes', 'direct_marketing'] }, ['purposes.0']);
    await bad({ kind: 'consent_deleted' }, ['kind']);
    await bad({ channel: 'fax' }, ['channel']);
    await bad({ letterDate: '2026-02-30' }, ['letterDate']);
    await bad({ purposes: [] }, ['purposes']);
    expect(await countEvents()).toBe(before);
  });

  it('lets a viewer read permissions but not record them', async () => {
    const shop = await newShop(database);
    const { subjectId } = await postOrder(shop, validOrder());
    const { client } = await staffFor(shop, 'viewer');
    const base = `/api/v1/controllers/${shop.controller.id}/registers/${shop.register.id}/customers/${subjectId}`;
    expect((await client.request('GET', `${base}/permissions`)).statusCode).toBe(200);
    const res = await client.request('POST', `${base}/consents`, {
      kind: 'consent_given',
      channel: 'email',
      purposes: ['direct_marketing'],
      letterDate: '2026-11-02',
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('the marketing list', () => {
  it('holds only those who may be contacted, with their unsubscribe links, and the export is recorded', async () => {
    const shop = await newShop(database);
    const yes = validOrder({ marketingOptIn: { email: true } });
    const no = validOrder({ marketingOptIn: null });
    const restricted = validOrder({ marketingOptIn: { email: true } });
    const withdrawn = validOrder({ marketingOptIn: { email: true } });
    const organisation = validOrder({
      marketingOptIn: null,
      customer: { ...validOrder().customer, organisation: { name: 'Yritys Oy', businessId: '0737546-2' } },
    });
    const ids = {
      yes: (await postOrder(shop, yes)).subjectId,
      no: (await postOrder(shop, no)).subjectId,
      restricted: (await postOrder(shop, restricted)).subjectId,
      withdrawn: (await postOrder(shop, withdrawn)).subjectId,
      organisation: (await postOrder(shop, organisation)).subjectId,
    };
    await sql`UPDATE subjects SET restricted_at = now() WHERE id = ${ids.restricted}`.execute(database.db);
    const { client } = await staffFor(shop);
    const base = `/api/v1/controllers/${shop.controller.id}/registers/${shop.register.id}`;
    expect(
      (
        await client.request('POST', `${base}/customers/${ids.withdrawn}/consents`, {
          kind: 'consent_withdrawn',
          channel: 'email',
          purposes: ['direct_marketing'],
          letterDate: todayInFinland(),
        })
      ).statusCode,
    ).toBe(201);

    const res = await client.request('GET', `${base}/marketing-list?channel=email&purpose=direct_marketing`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="direct-marketing-email-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const rows = parse<Record<string, string>>(res.body, { columns: true });
    expect(Object.keys(rows[0]!)).toEqual([
      'subjectId',
      'firstName',
      'lastName',
      'organisation',
      'email',
      'reason',
      'basisSince',
      'unsubscribeUrl',
    ]);
    expect(rows.map((r) => [r.subjectId, r.reason]).sort()).toEqual(
      [
        [ids.yes, 'consent'],
        [ids.organisation, 'organisation_opt_out'],
      ].sort(),
    );
    const link = new URL(rows.find((r) => r.subjectId === ids.yes)!.unsubscribeUrl!);
    expect((await app.inject({ method: 'GET', url: link.pathname })).statusCode).toBe(200);

    const recorded = await database.db
      .selectFrom('processing_events')
      .select(['subject_id', 'purpose', 'fields'])
      .where('controller_id', '=', shop.controller.id)
      .where('action', '=', 'marketing_list.exported')
      .orderBy('seq')
      .execute();
    expect(
      recorded
        .filter((r) => r.subject_id !== null)
        .map((r) => r.subject_id)
        .sort(),
    ).toEqual([ids.yes, ids.organisation].sort());
    expect(recorded.at(-1)).toEqual({
      subject_id: null,
      purpose: 'direct_marketing',
      fields: ['channel:email', 'rows:2'],
    });

    const post = await client.request('GET', `${base}/marketing-list?channel=post&purpose=direct_marketing`);
    const postRows = parse<Record<string, string>>(post.body, { columns: true });
    // Post is allowed unless prohibited, but never to a restricted customer.
    expect(postRows.map((r) => r.subjectId).sort()).toEqual([ids.yes, ids.no, ids.withdrawn, ids.organisation].sort());
    expect(postRows[0]).toHaveProperty('postalCode');

    const bad = await client.request('GET', `${base}/marketing-list?channel=email&purpose=astrology`);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toBe('purpose');
    const viewer = await staffFor(shop, 'viewer');
    expect(
      (await viewer.client.request('GET', `${base}/marketing-list?channel=email&purpose=direct_marketing`)).statusCode,
    ).toBe(403);
  });
});
