import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import type { Database } from '../../src/db/database.ts';
import type { Role } from '../../src/db/schema.ts';
import { staffService } from '../../src/modules/staff/staff.service.ts';
import { sweepAll } from '../../src/modules/retention/sweep.service.ts';
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

async function staffFor(shop: Shop, role: Role) {
  const staff = staffService(database.db, testDeps(database).secretBox);
  const email = `${role}-${Math.random().toString(36).slice(2)}@example.fi`;
  const account = await staff.createAccount({ email, password: PASSWORD });
  await staff.addMember(shop.controller.id, account.id, role);
  const client = new StaffClient(app, `10.2.0.${Math.floor(Math.random() * 200) + 1}`);
  expect((await client.login(email, PASSWORD)).statusCode).toBe(200);
  return { client, email, id: account.id };
}

const nextYear = () => new Date().getUTCFullYear() + 1;
const registerBase = (shop: Shop) => `/api/v1/controllers/${shop.controller.id}/registers/${shop.register.id}`;

describe('holds and restriction in the console', () => {
  it('staff add, list and release holds; a viewer sees them but may not add one', async () => {
    const shop = await newShop(database);
    const order = validOrder({ payment: { method: 'invoice' } });
    const { subjectId } = await postOrder(shop, order);
    const staff = await staffFor(shop, 'staff');
    const viewer = await staffFor(shop, 'viewer');
    const base = `${registerBase(shop)}/customers/${subjectId}`;
    const until = `${nextYear()}-01-31`;

    const added = await staff.client.request('POST', `${base}/holds`, {
      kind: 'open_invoice',
      reason: 'Lasku 1001 erääntyy',
      until,
      orderId: order.orderId,
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({
      kind: 'open_invoice',
      reason: 'Lasku 1001 erääntyy',
      until,
      orderId: order.orderId,
      setBy: { type: 'staff', id: staff.id, email: staff.email },
      releasedAt: null,
    });
    const holdId = added.json().id;
    const second = await staff.client.request('POST', `${base}/holds`, {
      kind: 'legal_claim',
      reason: 'Reklamaatio käsittelyssä',
      until,
    });
    expect(second.statusCode, second.body).toBe(201);

    const refused = await viewer.client.request('POST', `${base}/holds`, {
      kind: 'disputed',
      reason: 'Ei saa',
      until,
    });
    expect(refused.statusCode).toBe(403);
    expect((await viewer.client.request('DELETE', `${base}/holds/${holdId}`)).statusCode).toBe(403);

    const bad = await staff.client.request('POST', `${base}/holds`, {
      kind: 'open_invoice',
      reason: 'Vanha',
      until: '2020-01-01',
      orderId: 'EI-OLE',
    });
    expect(bad.statusCode).toBe(422);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['orderId', 'until']);

    const list = await viewer.client.request('GET', `${base}/holds`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json()).toMatchObject({ restrictedAt: null, erasedAt: null, erasure: null });
    expect(
      list
        .json()
        .items.map((h: { kind: string }) => h.kind)
        .sort(),
    ).toEqual(['legal_claim', 'open_invoice']);

    const inForce = await viewer.client.request('GET', `${registerBase(shop)}/holds`);
    expect(inForce.statusCode, inForce.body).toBe(200);
    expect(inForce.json().count).toBe(2);
    expect(inForce.json().items[0]).toMatchObject({ subjectId, until, setBy: { email: staff.email } });

    const released = await staff.client.request('DELETE', `${base}/holds/${holdId}`);
    expect(released.statusCode, released.body).toBe(200);
    expect(released.json().releasedAt).not.toBeNull();
    expect(released.json().orderId).toBe(order.orderId);
    expect((await staff.client.request('DELETE', `${base}/holds/${holdId}`)).statusCode).toBe(404);
    const after = await staff.client.request('GET', `${registerBase(shop)}/holds`);
    expect(after.json().items.map((h: { kind: string }) => h.kind)).toEqual(['legal_claim']);

    const trail = await database.db
      .selectFrom('processing_events')
      .select(['action', 'actor_id'])
      .where('subject_id', '=', subjectId)
      .where('action', 'in', ['hold.set', 'hold.released'])
      .orderBy('seq')
      .execute();
    expect(trail).toEqual([
      { action: 'hold.set', actor_id: staff.id },
      { action: 'hold.set', actor_id: staff.id },
      { action: 'hold.released', actor_id: staff.id },
    ]);
  });

  it('staff restrict processing and lift it; the state shows with the holds', async () => {
    const shop = await newShop(database);
    const { subjectId } = await postOrder(shop, validOrder());
    const staff = await staffFor(shop, 'staff');
    const viewer = await staffFor(shop, 'viewer');
    const base = `${registerBase(shop)}/customers/${subjectId}`;

    expect((await viewer.client.request('PUT', `${base}/restriction`, { restricted: true })).statusCode).toBe(403);
    const on = await staff.client.request('PUT', `${base}/restriction`, {
      restricted: true,
      reason: 'Asiakas kiistää osoitteen',
    });
    expect(on.json()).toEqual({ restricted: true, changed: true });
    expect((await staff.client.request('GET', `${base}/holds`)).json().restrictedAt).not.toBeNull();
    const off = await staff.client.request('PUT', `${base}/restriction`, { restricted: false });
    expect(off.json()).toEqual({ restricted: false, changed: true });
    expect((await staff.client.request('GET', `${base}/holds`)).json().restrictedAt).toBeNull();
  });
});

describe('erasure in the console', () => {
  it('an admin erases and gets the report, asking again says already erased; staff may not', async () => {
    const shop = await newShop(database);
    const order = validOrder({ payment: { method: 'invoice' } });
    const { subjectId } = await postOrder(shop, order);
    const staff = await staffFor(shop, 'staff');
    const admin = await staffFor(shop, 'admin');
    const base = `${registerBase(shop)}/customers/${subjectId}`;
    const until = `${nextYear()}-02-28`;
    await staff.client.request('POST', `${base}/holds`, { kind: 'open_invoice', reason: 'Lasku 1002', until });

    expect((await staff.client.request('POST', `${base}/erasure`)).statusCode).toBe(403);
    const res = await admin.client.request('POST', `${base}/erasure`);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ subjectId, cause: 'request', alreadyErased: false });
    const kept = Object.fromEntries(report.kept.map((k: { field: string }) => [k.field, k]));
    expect(kept.firstName).toMatchObject({ until, reason: 'hold open_invoice: Lasku 1002' });
    expect(kept.orders.until).toMatch(/^\d{4}-12-31$/);
    expect(report.deleted).toEqual(expect.arrayContaining(['ip', 'sourcePage']));
    expect(report.orders.kept).toEqual([expect.objectContaining({ orderId: order.orderId })]);

    const again = await admin.client.request('POST', `${base}/erasure`);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ ...report, alreadyErased: true });

    const state = await staff.client.request('GET', `${base}/holds`);
    expect(state.json().erasedAt).not.toBeNull();
    expect(state.json().erasure).toEqual({ ...report, alreadyErased: true });
    // Nothing is left to hold or restrict.
    const hold = await staff.client.request('POST', `${base}/holds`, { kind: 'disputed', reason: 'Myöhään', until });
    expect(hold.statusCode).toBe(409);

    const event = await database.db
      .selectFrom('processing_events')
      .select(['actor_type', 'actor_id', 'purpose'])
      .where('subject_id', '=', subjectId)
      .where('action', '=', 'subject.erased')
      .execute();
    expect(event).toEqual([{ actor_type: 'staff', actor_id: admin.id, purpose: 'erasure_request' }]);
  });
});

describe("the register's retention", () => {
  it('the preview lists an inactive customer and a held one, and the past sweeps keep the report', async () => {
    const shop = await newShop(database);
    const old = validOrder({ placedAt: '2023-05-01T10:00:00+03:00' });
    const { subjectId: inactive } = await postOrder(shop, old);
    const { subjectId: held } = await postOrder(shop, validOrder({ placedAt: '2023-06-01T10:00:00+03:00' }));
    const { subjectId: active } = await postOrder(shop, validOrder());
    const staff = await staffFor(shop, 'staff');
    const viewer = await staffFor(shop, 'viewer');
    await staff.client.request('POST', `${registerBase(shop)}/customers/${held}/holds`, {
      kind: 'debt_collection',
      reason: 'Perinnässä',
      until: `${nextYear()}-06-30`,
    });

    const preview = await viewer.client.request('GET', `${registerBase(shop)}/retention/preview`);
    expect(preview.statusCode, preview.body).toBe(200);
    const report = preview.json();
    expect(report.dryRun).toBe(true);
    expect(report.erased.count).toBe(1);
    expect(report.erased.items[0]).toMatchObject({ subjectId: inactive });
    expect(report.erased.items[0].deleted).toEqual(expect.arrayContaining(['firstName', 'email']));
    // Accounting keeps the 2023 order until the end of 2033.
    expect(report.erased.items[0].kept).toContain('orders');
    expect(report.held.items).toEqual([{ subjectId: held, kinds: ['debt_collection'], until: `${nextYear()}-06-30` }]);
    expect(JSON.stringify(report)).not.toContain(active);

    // A preview changes nothing.
    const subject = await database.db
      .selectFrom('subjects')
      .select(['email', 'erased_at'])
      .where('id', '=', inactive)
      .executeTakeFirstOrThrow();
    expect(subject).toEqual({ email: old.customer.email, erased_at: null });

    // A preview is not a sweep: it is not stored. The daily sweep is, and the console lists it.
    const none = await viewer.client.request('GET', `${registerBase(shop)}/retention/sweeps?limit=5`);
    expect(none.statusCode, none.body).toBe(200);
    expect(none.json().items).toEqual([]);
    await sweepAll(database, testDeps(database).secretBox, {
      asOf: new Date(),
      dryRun: false,
      registerId: shop.register.id,
    });
    const sweeps = await viewer.client.request('GET', `${registerBase(shop)}/retention/sweeps?limit=5`);
    const [last] = sweeps.json().items;
    expect(last).toMatchObject({
      dryRun: false,
      counts: { erased: 1, held: 1, orders: 0, retained: 0, fields: 0 },
      report: { erased: { items: [{ subjectId: inactive }] } },
    });
    expect(last.finishedAt).not.toBeNull();
    const dry = await viewer.client.request('GET', `${registerBase(shop)}/retention/sweeps?dryRun=true`);
    expect(dry.json().items).toEqual([]);

    const trail = await database.db
      .selectFrom('processing_events')
      .select(['action', 'subject_id'])
      .where('register_id', '=', shop.register.id)
      .where('action', 'in', ['retention.previewed', 'retention.sweeps_viewed'])
      .execute();
    expect(trail).toHaveLength(4);
    expect(trail.every((e) => e.subject_id === null)).toBe(true);
  });

  it("another controller's register, or an unknown one, is not found", async () => {
    const shop = await newShop(database);
    const other = await newShop(database);
    const staff = await staffFor(shop, 'owner');
    const res = await staff.client.request(
      'GET',
      `/api/v1/controllers/${shop.controller.id}/registers/${other.register.id}/retention/preview`,
    );
    expect(res.statusCode).toBe(404);
    const { subjectId } = await postOrder(other, validOrder());
    const cross = await staff.client.request('POST', `${registerBase(shop)}/customers/${subjectId}/erasure`);
    expect(cross.statusCode).toBe(404);
  });
});
