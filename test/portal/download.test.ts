import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { buildApp } from '../../src/app.ts';
import { createSecretBox } from '../../src/crypto/secret-box.ts';
import type { Database } from '../../src/db/database.ts';
import { inTenant } from '../../src/db/tenant.ts';
import { appendEvents } from '../../src/modules/audit/audit.service.ts';
import { downloadIdentityKey } from '../../src/modules/portal/portal-export.ts';
import { createTestDatabase } from '../db.ts';
import { newShop, postOrderAs, TEST_KEY, testDeps, validOrder } from '../factories.ts';
import { unzip } from '../zip.ts';
import { portalCall, portalLogin, type PortalClient } from './client.ts';

let database: Database;
let app: FastifyInstance;
type Shop = Awaited<ReturnType<typeof newShop>>;
let shopA: Shop;
let shopB: Shop;
let shopC: Shop;
const stamp = Date.now();
const email = `aino.${stamp}@example.fi`;
const otherEmail = `toinen.${stamp}@example.fi`;
const HETU = '131052-308T';
let subjectA: string;
let subjectB: string;
let otherSubject: string;
let client: PortalClient;
const orderIds = { a1: `ORD-A1-${stamp}`, a2: `ORD-A2-${stamp}`, b1: `ORD-B1-${stamp}`, other: `ORD-X-${stamp}` };

const EXPECTED_FILES = [
  'README.txt',
  'data.json',
  'schema.json',
  'orders.csv',
  'order-items.csv',
  'fields.csv',
  'permissions.csv',
  'consent-history.csv',
  'processing-events.csv',
];

const csvRows = (text: string) => parse<Record<string, string>>(text, { bom: true, columns: true });

interface ExportDoc {
  $schema: string;
  generatedAt: string;
  scope: { controllerId: string | null };
  merchants: Array<{
    controller: { id: string; name: string };
    registers: Array<{
      registerId: string;
      recipients: Array<{ name: string }>;
      subject: { id: string; fields: Record<string, string | string[]> };
      restriction: { restricted: boolean };
      orders: Array<{ orderId: string; items: unknown[]; paymentMethod: string }>;
      permissions: {
        state: unknown[];
        history: Array<{ kind: string; source: string; noticeVersion: number | null; occurredAt: string }>;
      };
      processingEvents: Array<{ action: string; actorType: string; purpose: string; fields: string[] }>;
    }>;
  }>;
}

const download = (query = '') => portalCall(app, client, 'GET', `/api/v1/portal/export.zip${query}`);

async function downloaded(res: LightMyRequestResponse) {
  expect(res.statusCode, res.body).toBe(200);
  const files = await unzip(res.rawPayload);
  return { files, doc: JSON.parse(files.get('data.json')!) as ExportDoc };
}

/** The claim of a download is released just after its zip has been sent. */
async function claimsReleased() {
  for (let i = 0; i < 100; i++) {
    const rows = await database.db.selectFrom('portal_downloads').select('identity_key').execute();
    if (rows.length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('a download claim was not released');
}

const eventsOf = (action: string) =>
  database.db
    .selectFrom('processing_events')
    .select(['controller_id', 'subject_id', 'actor_type', 'actor_id', 'purpose', 'fields'])
    .where('action', '=', action)
    .execute();

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testDeps(database));
  shopA = await newShop(database);
  shopB = await newShop(database);
  shopC = await newShop(database);
  await database.db
    .updateTable('controllers')
    .set({ name: 'Kauppa A Oy' })
    .where('id', '=', shopA.controller.id)
    .execute();
  await database.db
    .updateTable('controllers')
    .set({ name: 'Kauppa B Oy' })
    .where('id', '=', shopB.controller.id)
    .execute();
  const customer = (address: string, firstName = 'Aino') => ({ ...validOrder().customer, firstName, email: address });
  // A credit purchase is the only one that may carry a henkilötunnus.
  subjectA = (
    await postOrderAs(
      app,
      shopA,
      validOrder({
        orderId: orderIds.a1,
        payment: { method: 'invoice' },
        customer: { ...customer(email), personalIdentityCode: HETU },
      }),
    )
  ).subjectId;
  await postOrderAs(
    app,
    shopA,
    validOrder({
      orderId: orderIds.a2,
      customer: customer(email),
      items: [
        { sku: 'MUG-2', name: 'Muki', quantity: 1, unitPrice: '12.00' },
        { sku: null, name: 'Lahjapaketointi, "iso"', quantity: 1, unitPrice: '3.50' },
      ],
      total: { amount: '15.50', currency: 'EUR' },
    }),
  );
  subjectB = (await postOrderAs(app, shopB, validOrder({ orderId: orderIds.b1, customer: customer(email) }))).subjectId;
  otherSubject = (
    await postOrderAs(app, shopA, validOrder({ orderId: orderIds.other, customer: customer(otherEmail, 'Toivo') }))
  ).subjectId;
  client = await portalLogin(app, database, email);
  // A choice made in the portal: its proof (source, notice version, time) must be in the download.
  const withdrawn = await portalCall(
    app,
    client,
    'PUT',
    `/api/v1/portal/registers/${shopB.register.id}/subjects/${subjectB}/permissions`,
    { channel: 'email', purpose: 'direct_marketing', given: false },
  );
  expect(withdrawn.statusCode, withdrawn.body).toBe(200);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('portal download', () => {
  it('answers everything at every merchant as a zip of JSON and CSV, and records the download', async () => {
    const res = await download();
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="omadata-\d{4}-\d{2}-\d{2}\.zip"$/);
    const { files, doc } = await downloaded(res);
    await claimsReleased();
    expect([...files.keys()].sort()).toEqual([...EXPECTED_FILES].sort());

    expect(doc.merchants.map((m) => m.controller.id).sort()).toEqual([shopA.controller.id, shopB.controller.id].sort());
    const a = doc.merchants.find((m) => m.controller.id === shopA.controller.id)!.registers[0]!;
    const b = doc.merchants.find((m) => m.controller.id === shopB.controller.id)!.registers[0]!;
    expect(a.subject.id).toBe(subjectA);
    expect(b.subject.id).toBe(subjectB);
    expect(a.subject.fields.email).toBe(email);
    expect(a.orders.map((o) => o.orderId).sort()).toEqual([orderIds.a1, orderIds.a2].sort());
    expect(a.orders.find((o) => o.orderId === orderIds.a2)!.items).toHaveLength(2);
    expect(b.orders.map((o) => o.orderId)).toEqual([orderIds.b1]);
    expect(a.restriction.restricted).toBe(false);
    expect(b.permissions.state.length).toBeGreaterThan(0);

    // The ledger with its proof: the opt-in of the order, and the withdrawal in the portal.
    const portalChoice = b.permissions.history.find((e) => e.source === 'portal');
    expect(portalChoice).toMatchObject({ kind: 'consent_withdrawn', noticeVersion: 1 });
    expect(Date.parse(portalChoice!.occurredAt)).not.toBeNaN();
    expect(b.permissions.history.some((e) => e.source === 'order' && e.kind === 'consent_given')).toBe(true);

    // The trail, with the download itself: its event is written before the data is read.
    const actions = a.processingEvents.map((e) => e.action);
    expect(actions).toContain('portal.downloaded');
    expect(actions.filter((x) => x === 'order.received')).toHaveLength(2);
    expect(a.processingEvents[0]).toMatchObject({ action: 'portal.downloaded', actorType: 'subject' });
    const recorded = await eventsOf('portal.downloaded');
    expect(recorded.map((e) => e.subject_id).sort()).toEqual([subjectA, subjectB].sort());
    for (const e of recorded) {
      expect(e.actor_type).toBe('subject');
      expect(e.actor_id).toBe(e.subject_id);
      expect(e.purpose).toBe('data_subject_access');
      expect(e.fields).toEqual(expect.arrayContaining(['email', 'firstName', 'orders', 'marketingPermissions']));
    }
    expect(recorded.find((e) => e.subject_id === subjectA)!.fields).toContain('personalIdentityCode');

    // The CSV tables hold the same rows.
    const orders = csvRows(files.get('orders.csv')!);
    expect(orders.map((r) => r.orderId).sort()).toEqual([orderIds.a1, orderIds.a2, orderIds.b1].sort());
    expect(orders.find((r) => r.orderId === orderIds.b1)).toMatchObject({ merchant: 'Kauppa B Oy', currency: 'EUR' });
    const items = csvRows(files.get('order-items.csv')!);
    expect(items.filter((r) => r.orderId === orderIds.a2).map((r) => r.name)).toEqual([
      'Muki',
      'Lahjapaketointi, "iso"',
    ]);
    const fields = csvRows(files.get('fields.csv')!);
    expect(Object.keys(fields[0]!)).toEqual(['merchant', 'register', 'field', 'value']);
    expect(fields).toContainEqual(
      expect.objectContaining({ merchant: 'Kauppa A Oy', field: 'address.city', value: 'Helsinki' }),
    );
    expect(
      fields
        .filter((r) => r.field === 'email')
        .map((r) => r.merchant)
        .sort(),
    ).toEqual(['Kauppa A Oy', 'Kauppa B Oy']);
    const permissions = csvRows(files.get('permissions.csv')!);
    expect(permissions.length).toBe(a.permissions.state.length + b.permissions.state.length);
    expect(permissions.every((r) => r.allowed === 'true' || r.allowed === 'false')).toBe(true);
    const consents = csvRows(files.get('consent-history.csv')!);
    expect(consents).toContainEqual(
      expect.objectContaining({
        merchant: 'Kauppa B Oy',
        kind: 'consent_withdrawn',
        source: 'portal',
        noticeVersion: '1',
      }),
    );
    const events = csvRows(files.get('processing-events.csv')!);
    expect(events.filter((r) => r.action === 'portal.downloaded')).toHaveLength(2);

    // Without a language, the README is in Finnish, Swedish and English.
    const readme = files.get('README.txt')!;
    expect(readme).toContain('tietosi ladattavina');
    expect(readme).toContain('dina uppgifter att ladda ner');
    expect(readme).toContain('your data to download');
  });

  it('gives all of the trail, not only what the overview shows', async () => {
    // More events than the overview's 200.
    await inTenant(database.db, shopB.controller.id, (tx) =>
      appendEvents(
        tx,
        shopB.controller.id,
        { type: 'system', id: null },
        Array.from({ length: 250 }, () => ({
          registerId: shopB.register.id,
          subjectId: subjectB,
          action: 'test.filler',
          purpose: 'testing',
        })),
      ),
    );
    const { doc } = await downloaded(await download(`?controllerId=${shopB.controller.id}`));
    await claimsReleased();
    const b = doc.merchants[0]!.registers[0]!;
    expect(b.processingEvents.filter((e) => e.action === 'test.filler')).toHaveLength(250);
    expect(b.processingEvents.length).toBeGreaterThan(252);
  });

  it('validates against the published JSON Schema, which the zip carries too', async () => {
    const published = await app.inject({ method: 'GET', url: '/schemas/portal-export-v1.json' });
    expect(published.statusCode).toBe(200);
    expect(published.headers['content-type']).toMatch(/^application\/schema\+json/);
    const schema = published.json<Record<string, unknown>>();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toMatch(/\/schemas\/portal-export-v1\.json$/);

    const { files, doc } = await downloaded(await download());
    await claimsReleased();
    expect(JSON.parse(files.get('schema.json')!)).toEqual(schema);
    expect(doc.$schema).toBe(schema.$id);
    // Date-times are also checked by the schema's own patterns.
    const ajv = new Ajv2020({ strict: true, allErrors: true, validateFormats: false });
    const validate = ajv.compile(schema);
    expect(validate(doc), ajv.errorsText(validate.errors)).toBe(true);
    // A real validator, really validating: a document with a wrong member fails.
    expect(validate({ ...doc, merchants: [{ controller: { id: 1 } }] })).toBe(false);
  });

  it('answers one merchant only with its controllerId, with the README in the language asked for', async () => {
    const before = (await eventsOf('portal.downloaded')).filter((e) => e.controller_id === shopA.controller.id).length;
    const { files, doc } = await downloaded(await download(`?controllerId=${shopB.controller.id}&lang=sv`));
    await claimsReleased();
    expect(doc.scope.controllerId).toBe(shopB.controller.id);
    expect(doc.merchants.map((m) => m.controller.id)).toEqual([shopB.controller.id]);
    for (const [name, text] of files) {
      expect(text, name).not.toContain('Kauppa A Oy');
      expect(text, name).not.toContain(orderIds.a1);
      expect(text, name).not.toContain(subjectA);
    }
    expect(csvRows(files.get('orders.csv')!).map((r) => r.orderId)).toEqual([orderIds.b1]);
    expect(files.get('README.txt')).toContain('dina uppgifter att ladda ner');
    expect(files.get('README.txt')).not.toContain('your data to download');
    const after = (await eventsOf('portal.downloaded')).filter((e) => e.controller_id === shopA.controller.id).length;
    expect(after).toBe(before);
  });

  it("never carries another person's data, and the henkilötunnus only masked", async () => {
    const res = await download();
    const { files, doc } = await downloaded(res);
    await claimsReleased();
    const a = doc.merchants.find((m) => m.controller.id === shopA.controller.id)!.registers[0]!;
    expect(a.subject.fields.personalIdentityCode).toBe('131052-****');
    expect(csvRows(files.get('fields.csv')!)).toContainEqual(
      expect.objectContaining({ field: 'personalIdentityCode', value: '131052-****' }),
    );
    const raw = res.rawPayload.toString('latin1');
    for (const [name, text] of [...files, ['(zip bytes)', raw] as const]) {
      expect(text, name).not.toContain('308T');
      expect(text, name).not.toContain(otherEmail);
      expect(text, name).not.toContain(otherSubject);
      expect(text, name).not.toContain(orderIds.other);
      expect(text, name).not.toContain('Toivo');
    }
  });

  it('refuses without a session, and a merchant that does not hold the person', async () => {
    const anonymous = await app.inject({ method: 'GET', url: '/api/v1/portal/export.zip' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);

    // Shop C exists but does not know the person; the other id exists nowhere.
    for (const id of [shopC.controller.id, '00000000-0000-4000-8000-000000000000']) {
      const res = await download(`?controllerId=${id}`);
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json<{ code: string }>().code).toBe('not_found');
    }
    const bad = await download('?controllerId=kauppa-a&lang=de');
    expect(bad.statusCode).toBe(422);
    expect(
      bad
        .json<{ errors: { field: string }[] }>()
        .errors.map((e) => e.field)
        .sort(),
    ).toEqual(['controllerId', 'lang']);
    expect(await database.db.selectFrom('portal_downloads').selectAll().execute()).toEqual([]);
  });

  it('allows one download at a time per person: a second one meanwhile is refused and recorded', async () => {
    const [first, second] = await Promise.all([download(), download()]);
    const statuses = [first.statusCode, second.statusCode].sort();
    expect(statuses).toEqual([200, 409]);
    const refused = first.statusCode === 409 ? first : second;
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.json()).toMatchObject({ status: 409, code: 'download_in_progress' });
    expect(refused.json<{ detail: string }>().detail).toMatch(/^A download is already being prepared/);
    await downloaded(first.statusCode === 200 ? first : second);
    await claimsReleased();

    const refusals = await eventsOf('portal.download_refused');
    expect(refusals.map((e) => e.subject_id).sort()).toEqual([subjectA, subjectB].sort());
    expect(refusals.every((e) => e.actor_type === 'subject' && e.purpose === 'data_subject_access')).toBe(true);

    // Once the first has been sent, the next one goes through.
    expect((await download()).statusCode).toBe(200);
    await claimsReleased();
  });

  it('sees a download being made by another process, and takes over a claim left by a crash', async () => {
    const identityKey = downloadIdentityKey(createSecretBox(TEST_KEY), {
      emailKey: email,
      phone: null,
      hetuLookup: null,
    });
    await database.db
      .insertInto('portal_downloads')
      .values({ identity_key: identityKey, claim_id: '11111111-1111-4111-8111-111111111111' })
      .execute();
    const busy = await download(`?controllerId=${shopA.controller.id}`);
    expect(busy.statusCode).toBe(409);
    // The refusal names only the customers within what was asked for.
    const refusals = await eventsOf('portal.download_refused');
    expect(refusals.filter((e) => e.subject_id === subjectA)).toHaveLength(2);
    expect(refusals.filter((e) => e.subject_id === subjectB)).toHaveLength(1);

    await sql`UPDATE portal_downloads SET claimed_at = now() - interval '11 minutes'`.execute(database.db);
    await downloaded(await download(`?controllerId=${shopA.controller.id}`));
    await claimsReleased();
  });
});
