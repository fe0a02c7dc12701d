import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../../src/app.ts';
import type { Database } from '../../src/db/database.ts';
import { sweepAll, type SweepReport } from '../../src/modules/retention/sweep.service.ts';
import { createTestDatabase } from '../db.ts';
import { newApiKey, newController, newShop, postOrderAs, testDeps, validOrder } from '../factories.ts';
import { registerService } from '../../src/modules/registers/register.service.ts';
import { consentService } from '../../src/modules/consents/consent.service.ts';
import { description } from '../fixtures/descriptions.ts';
import { FIELD_KEYS } from '../../src/modules/registers/field-catalogue.ts';

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

type Shop = Awaited<ReturnType<typeof newShop>>;

const postOrder = (shop: Shop, order: Record<string, unknown>) => postOrderAs(app, shop, order);

const api = (shop: Shop, method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown) =>
  app.inject({
    method,
    url: `/api/v1/registers/${shop.register.id}${path}`,
    headers: { ...shop.auth, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });

async function sweep(shop: Shop, asOf: string, dryRun: boolean) {
  const [report] = await sweepAll(database, testDeps(database).secretBox, {
    asOf: new Date(asOf),
    dryRun,
    registerId: shop.register.id,
  });
  expect(report).not.toHaveProperty('error');
  return report as SweepReport;
}

/** What a report says would go, without the dry-run flag, to compare a dry run with the real one. */
const removal = (r: SweepReport) => ({
  erased: r.erased,
  held: r.held,
  orders: r.orders,
  retained: r.retained,
  fields: r.fields,
});

describe('erasure with an open invoice, then the sweep', () => {
  it('keeps the invoice and what collecting it needs until paid, the accounting record ten years, and the sweep removes the rest', async () => {
    const shop = await newShop(database);
    const order = validOrder({
      payment: { method: 'invoice' },
      customer: { ...validOrder().customer, personalIdentityCode: '131052-308T', birthDate: '1952-10-13' },
      marketingOptIn: { email: true },
    });
    const { subjectId } = await postOrder(shop, order);
    const hold = await api(shop, 'POST', `/subjects/${subjectId}/holds`, {
      kind: 'open_invoice',
      reason: 'Lasku 1001 erääntyy 15.1.2027',
      until: '2027-01-31',
      orderId: order.orderId,
    });
    expect(hold.statusCode, hold.body).toBe(201);
    expect(hold.json()).toMatchObject({ kind: 'open_invoice', until: '2027-01-31', orderId: order.orderId });

    const res = await api(shop, 'POST', `/subjects/${subjectId}/erasure`);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    const kept = Object.fromEntries(report.kept.map((k: { field: string }) => [k.field, k]));
    expect(Object.keys(kept).sort()).toEqual(
      [
        'address.city',
        'address.country',
        'address.postalCode',
        'address.street',
        'email',
        'firstName',
        'lastName',
        'orders',
        'personalIdentityCode',
        'phone',
      ].sort(),
    );
    expect(kept.firstName).toMatchObject({
      until: '2027-01-31',
      reason: 'hold open_invoice: Lasku 1001 erääntyy 15.1.2027',
    });
    // Accounting Act: the books ten years from the end of the financial year 2026.
    expect(kept.orders).toMatchObject({ until: '2036-12-31' });
    expect(kept.orders.reason).toContain('1336/1997');
    expect(report.deleted).toEqual(expect.arrayContaining(['birthDate', 'ip', 'sourcePage', 'termsAcceptance']));
    expect(report.anonymised).toEqual(['orders', 'marketingPermissions']);
    expect(report.orders).toEqual({
      deleted: 0,
      kept: [{ orderId: order.orderId, reason: kept.orders.reason, until: '2036-12-31' }],
    });

    // The customer row holds nothing of the person; the kept values are sealed with their dates.
    const row = await database.db
      .selectFrom('subjects')
      .selectAll()
      .where('id', '=', subjectId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      first_name: null,
      email: null,
      email_key: null,
      hetu_encrypted: null,
      birth_date: null,
      ip: null,
    });
    expect(row.erased_at).not.toBeNull();
    const retained = await database.db
      .selectFrom('retained_fields')
      .select(['field', 'value_encrypted', 'delete_after'])
      .where('subject_id', '=', subjectId)
      .orderBy('field')
      .execute();
    const box = testDeps(database).secretBox;
    const first = retained.find((r) => r.field === 'firstName')!;
    expect(first.value_encrypted).not.toContain('Maija');
    expect(box.decrypt(first.value_encrypted)).toBe('Maija');
    expect(box.decrypt(retained.find((r) => r.field === 'personalIdentityCode')!.value_encrypted)).toBe('131052-308T');
    expect(String(first.delete_after).slice(0, 10)).toBe('2027-01-31');
    const kept1 = await database.db.selectFrom('orders').selectAll().where('subject_id', '=', subjectId).execute();
    expect(kept1).toHaveLength(1);
    expect(kept1[0]).toMatchObject({ ip: null, source_page: null, marketing_opt_in: null, order_ref: order.orderId });
    const ledger = await sql<{
      ip: string | null;
      evidence: unknown;
    }>`SELECT ip, evidence FROM consent_events WHERE subject_id = ${subjectId}`.execute(database.db);
    expect(ledger.rows).toEqual([{ ip: null, evidence: {} }]);

    // Asking again is a safe no-op with the same report.
    const again = await api(shop, 'POST', `/subjects/${subjectId}/erasure`);
    expect(again.json()).toEqual({ ...report, alreadyErased: true });
    const check = await api(shop, 'GET', `/contact-check?subjectId=${subjectId}&channel=post&purpose=direct_marketing`);
    expect(check.json()).toMatchObject({ allowed: false, reason: 'erased' });

    // The invoice is paid: the hold is released. The sweep after its date removes what it kept.
    const released = await api(shop, 'DELETE', `/subjects/${subjectId}/holds/${hold.json().id}`);
    expect(released.statusCode).toBe(200);
    expect(released.json()).toMatchObject({ orderId: order.orderId });
    expect(released.json().releasedAt).not.toBeNull();
    // What only the hold kept is due at once; the next sweep takes it.
    const redated = await database.db
      .selectFrom('retained_fields')
      .select('delete_after')
      .where('subject_id', '=', subjectId)
      .execute();
    const today = new Date().toISOString().slice(0, 10);
    expect(redated.every((r) => String(r.delete_after).slice(0, 10) < today)).toBe(true);
    const dry = await sweep(shop, '2027-02-15T03:00:00Z', true);
    expect(dry.retained.items.map((r) => r.field).sort()).toEqual(
      retained
        .map((r) => r.field)
        .filter((f) => f !== 'orders')
        .sort(),
    );
    expect(dry.orders.count).toBe(0);
    const real = await sweep(shop, '2027-02-15T03:00:00Z', false);
    expect(removal(real)).toEqual(removal(dry));
    expect(
      await database.db.selectFrom('retained_fields').select('field').where('subject_id', '=', subjectId).execute(),
    ).toEqual([]);
    expect(
      await database.db.selectFrom('orders').select('id').where('subject_id', '=', subjectId).execute(),
    ).toHaveLength(1);

    // Ten years on, the accounting record goes too.
    const late = await sweep(shop, '2037-01-02T03:00:00Z', true);
    expect(late.orders.items).toEqual([order.orderId]);
    expect(removal(await sweep(shop, '2037-01-02T03:00:00Z', false))).toEqual(removal(late));
    expect(await database.db.selectFrom('orders').select('id').where('subject_id', '=', subjectId).execute()).toEqual(
      [],
    );
    const trail = await database.db
      .selectFrom('processing_events')
      .select('action')
      .where('subject_id', '=', subjectId)
      .where('action', 'in', ['subject.erased', 'retention.deleted', 'hold.set', 'hold.released'])
      .orderBy('seq')
      .execute();
    expect(trail.map((t) => t.action)).toEqual([
      'hold.set',
      'subject.erased',
      'hold.released',
      'retention.deleted',
      'retention.deleted',
    ]);
  });
});

describe('the scheduled sweep', () => {
  it('erases customers inactive past the register rules, spares the active and the held, and the dry run lists exactly that', async () => {
    const shop = await newShop(database);
    const old = await postOrder(shop, validOrder({ placedAt: '2023-05-01T10:00:00+03:00' }));
    const active = await postOrder(shop, validOrder());
    const held = await postOrder(shop, validOrder({ placedAt: '2023-06-01T10:00:00+03:00' }));
    expect(
      (
        await api(shop, 'POST', `/subjects/${held.subjectId}/holds`, {
          kind: 'legal_claim',
          reason: 'Riita-asia käräjäoikeudessa',
          until: '2027-12-31',
        })
      ).statusCode,
    ).toBe(201);

    const dry = await sweep(shop, '2026-11-22T03:00:00Z', true);
    expect(dry.erased.items.map((e) => e.subjectId)).toEqual([old.subjectId]);
    expect(dry.erased.items[0]).toMatchObject({ kept: ['orders'], ordersDeleted: 0 });
    expect(dry.held.items).toEqual([{ subjectId: held.subjectId, kinds: ['legal_claim'], until: '2027-12-31' }]);
    // Nothing has changed yet.
    expect(
      (
        await database.db
          .selectFrom('subjects')
          .select('erased_at')
          .where('id', '=', old.subjectId)
          .executeTakeFirstOrThrow()
      ).erased_at,
    ).toBeNull();

    const real = await sweep(shop, '2026-11-22T03:00:00Z', false);
    expect(removal(real)).toEqual(removal(dry));
    const state = await database.db
      .selectFrom('subjects')
      .select(['id', 'erased_at', 'email'])
      .where('register_id', '=', shop.register.id)
      .execute();
    const byId = new Map(state.map((s) => [s.id, s]));
    expect(byId.get(old.subjectId)).toMatchObject({ email: null });
    expect(byId.get(old.subjectId)!.erased_at).not.toBeNull();
    expect(byId.get(active.subjectId)!.erased_at).toBeNull();
    expect(byId.get(held.subjectId)!.erased_at).toBeNull();
    const erasure = await database.db
      .selectFrom('erasures')
      .select(['cause', 'requested_by_type'])
      .where('subject_id', '=', old.subjectId)
      .executeTakeFirstOrThrow();
    expect(erasure).toEqual({ cause: 'retention', requested_by_type: 'system' });
    const stored = await database.db
      .selectFrom('retention_sweeps')
      .select(['dry_run'])
      .where('register_id', '=', shop.register.id)
      .execute();
    expect(stored.map((s) => s.dry_run)).toEqual([true, false]);

    // The next run finds nothing new.
    const next = await sweep(shop, '2026-11-22T04:00:00Z', false);
    expect(next.erased.count).toBe(0);
  });
});

describe('fields kept on consent', () => {
  it('clears a consent_valid field only from customers whose consent has ended or who never gave it, and the dry run lists the same', async () => {
    const controller = await newController(database);
    const onConsent = description(FIELD_KEYS, {
      fields: FIELD_KEYS.map((key) => ({
        key,
        purposes: key === 'interests' ? ['email_marketing'] : ['customer_relationship'],
      })),
      retention: [
        {
          key: 'customer_data',
          fields: FIELD_KEYS.filter((f) => f !== 'orders' && f !== 'interests'),
          period: { years: 2 },
          trigger: 'last_activity',
          reason: { fi: 'Kaksi vuotta viimeisestä asioinnista', en: 'Two years after the last activity' },
        },
        {
          key: 'interests',
          fields: ['interests'],
          period: { months: 0 },
          trigger: 'consent_valid',
          reason: { fi: 'Poistetaan heti, kun suostumus perutaan', en: 'Deleted as soon as consent is withdrawn' },
        },
        {
          key: 'accounting',
          fields: ['orders'],
          period: { years: 10 },
          trigger: 'financial_year_end',
          reason: { fi: 'Kirjanpitolaki 1336/1997 2:10 §', en: 'Accounting Act 1336/1997 2:10 §' },
        },
      ],
    });
    const register = await database.db
      .transaction()
      .execute((tx) => registerService(tx).create(controller.id, onConsent));
    const key = await newApiKey(database, controller.id);
    const shop = { controller, register, key, auth: { authorization: `Bearer ${key}` } };
    const withInterests = () => {
      const order = validOrder();
      return postOrder(shop, { ...order, customer: { ...order.customer, interests: ['tee', 'kahvi'] } });
    };
    // Each order also opts in to direct marketing by email: a consent for another purpose.
    const consenting = await withInterests();
    const withdrawn = await withInterests();
    const never = await withInterests();
    const consent = (subjectId: string, kind: 'consent_given' | 'consent_withdrawn', at: string) => ({
      controllerId: controller.id,
      registerId: register.id,
      subjectId,
      kind,
      channel: 'email' as const,
      purpose: 'email_marketing',
      source: 'portal' as const,
      noticeVersion: null,
      occurredAt: new Date(at),
    });
    await database.db
      .transaction()
      .execute((tx) =>
        consentService(tx).record([
          consent(consenting.subjectId, 'consent_given', '2026-11-20T12:00:00Z'),
          consent(withdrawn.subjectId, 'consent_given', '2026-11-20T12:00:00Z'),
          consent(withdrawn.subjectId, 'consent_withdrawn', '2026-11-21T12:00:00Z'),
        ]),
      );

    const dry = await sweep(shop, '2026-11-22T03:00:00Z', true);
    expect(dry.fields).toEqual([{ field: 'interests', count: 2 }]);
    expect(dry.erased.count).toBe(0);
    const interests = async () =>
      new Map(
        (
          await database.db
            .selectFrom('subjects')
            .select(['id', 'interests'])
            .where('register_id', '=', register.id)
            .execute()
        ).map((r) => [r.id, r.interests]),
      );
    expect(await interests()).toEqual(
      new Map([
        [consenting.subjectId, ['tee', 'kahvi']],
        [withdrawn.subjectId, ['tee', 'kahvi']],
        [never.subjectId, ['tee', 'kahvi']],
      ]),
    );

    const real = await sweep(shop, '2026-11-22T03:00:00Z', false);
    expect(removal(real)).toEqual(removal(dry));
    expect(await interests()).toEqual(
      new Map([
        [consenting.subjectId, ['tee', 'kahvi']],
        [withdrawn.subjectId, null],
        [never.subjectId, null],
      ]),
    );
    const events = await database.db
      .selectFrom('processing_events')
      .select(['subject_id', 'fields'])
      .where('register_id', '=', register.id)
      .where('action', '=', 'retention.deleted')
      .execute();
    expect(new Set(events.map((e) => e.subject_id))).toEqual(new Set([withdrawn.subjectId, never.subjectId]));

    // The consent still stands: the next sweep leaves the field alone.
    const next = await sweep(shop, '2026-11-22T04:00:00Z', false);
    expect(next.fields).toEqual([]);
  });
});

describe('holds, restriction and bad input', () => {
  it('refuses a hold without a reason or a date, or dated in the past, and writes nothing', async () => {
    const shop = await newShop(database);
    const { subjectId } = await postOrder(shop, validOrder());
    const bad = async (body: Record<string, unknown>, fields: string[]) => {
      const res = await api(shop, 'POST', `/subjects/${subjectId}/holds`, body);
      expect(res.statusCode, res.body).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(
        res
          .json()
          .errors.map((e: { field: string }) => e.field)
          .sort(),
      ).toEqual(fields);
    };
    await bad({ kind: 'open_invoice', until: '2027-01-31' }, ['reason']);
    await bad({ kind: 'open_invoice', reason: 'Lasku 1' }, ['until']);
    await bad({ kind: 'open_invoice', reason: 'Lasku 1', until: '2020-01-01' }, ['until']);
    await bad({ kind: 'open_invoice', reason: 'Lasku 1', until: '2099-01-01' }, ['until']);
    await bad({ kind: 'forever', reason: 'Lasku 1', until: '2027-01-01' }, ['kind']);
    await bad({ kind: 'open_invoice', reason: 'Lasku 1', until: '2027-01-01', orderId: 'NOPE' }, ['orderId']);
    expect(await database.db.selectFrom('holds').select('id').where('subject_id', '=', subjectId).execute()).toEqual(
      [],
    );

    await api(shop, 'POST', `/subjects/${subjectId}/erasure`);
    const late = await api(shop, 'POST', `/subjects/${subjectId}/holds`, {
      kind: 'legal_claim',
      reason: 'Myöhässä',
      until: '2027-01-01',
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('subject_erased');
    const other = await newShop(database);
    expect((await api(other, 'POST', `/subjects/${subjectId}/erasure`)).statusCode).toBe(404);
  });

  it('keeps a restricted customer only stored: no contact, no enrichment from new orders, until lifted', async () => {
    const shop = await newShop(database);
    const order = validOrder({ marketingOptIn: { email: true } });
    const { subjectId } = await postOrder(shop, order);
    const on = await api(shop, 'PUT', `/subjects/${subjectId}/restriction`, {
      restricted: true,
      reason: 'Tietojen oikeellisuus kiistetty',
    });
    expect(on.json()).toEqual({ restricted: true, changed: true });
    expect((await api(shop, 'PUT', `/subjects/${subjectId}/restriction`, { restricted: true })).json()).toEqual({
      restricted: true,
      changed: false,
    });
    const check = await api(
      shop,
      'GET',
      `/contact-check?subjectId=${subjectId}&channel=email&purpose=direct_marketing`,
    );
    expect(check.json()).toMatchObject({ allowed: false, reason: 'restriction' });
    await postOrder(shop, validOrder({ customer: { ...order.customer, phone: '050 987 6543', firstName: 'Maria' } }));
    const row = await database.db
      .selectFrom('subjects')
      .select(['first_name', 'phone'])
      .where('id', '=', subjectId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ first_name: 'Maija', phone: '+358401234567' });
    await api(shop, 'PUT', `/subjects/${subjectId}/restriction`, { restricted: false });
    expect(
      (await api(shop, 'GET', `/contact-check?subjectId=${subjectId}&channel=email&purpose=direct_marketing`)).json(),
    ).toMatchObject({
      allowed: true,
    });
  });
});

describe('erasure and the register description', () => {
  it('queues a notification for each recipient that was given the customer’s data (Article 19)', async () => {
    const shop = await newShop(database);
    const document = JSON.parse(
      readFileSync(new URL('../../examples/registers/webshop-users.json', import.meta.url), 'utf8'),
    ) as unknown;
    const published = await app.inject({
      method: 'POST',
      url: `/api/v1/registers/${shop.register.id}/description`,
      headers: { ...shop.auth, 'content-type': 'application/json' },
      payload: JSON.stringify(document),
    });
    expect(published.statusCode, published.body).toBeLessThan(300);
    const base = validOrder().customer;
    const order = validOrder({
      customer: {
        ...base,
        address: { street: base.address.street, postalCode: base.address.postalCode, city: base.address.city },
      },
      marketingOptIn: null,
      ip: undefined,
      sourcePage: undefined,
      termsAccepted: undefined,
    });
    const { subjectId } = await postOrder(shop, order);
    expect((await api(shop, 'POST', `/subjects/${subjectId}/erasure`)).statusCode).toBe(200);
    const notes = await database.db
      .selectFrom('recipient_notifications')
      .select(['recipient', 'event', 'fields'])
      .where('subject_id', '=', subjectId)
      .orderBy('recipient')
      .execute();
    // Every recipient the description names for any of the customer's fields; none for a recipient of no fields.
    expect(notes.map((n) => n.recipient)).toEqual([
      'Kuljetusyhtiöt',
      'Liiketoiminnan ostaja',
      'Maksunvälittäjä',
      'Viranomaiset',
    ]);
    expect(notes.every((n) => n.event === 'erased')).toBe(true);
    expect(notes[2]!.fields).toEqual(['firstName', 'lastName', 'email', 'orders']);
  });

  it('refuses a rule that keeps data more than ten years without naming the law that requires it', async () => {
    const shop = await newShop(database);
    const forever = description(undefined, {
      retention: [
        {
          key: 'forever',
          fields: FIELD_KEYS.filter((f) => f !== 'orders'),
          period: { years: 50 },
          trigger: 'relationship_end',
          reason: { fi: 'Ikuisesti', en: 'Forever' },
        },
        {
          key: 'accounting',
          fields: ['orders'],
          period: { years: 10 },
          trigger: 'financial_year_end',
          reason: { fi: 'Kirjanpitolaki', en: 'Accounting Act' },
        },
      ],
    });
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/registers/${shop.register.id}/description`,
      headers: { ...shop.auth, 'content-type': 'application/json' },
      payload: JSON.stringify(forever),
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['retention.0.period']);
  });

  it('erases once when an erasure and a sweep meet', async () => {
    const shop = await newShop(database);
    const { subjectId } = await postOrder(shop, validOrder({ placedAt: '2023-05-01T10:00:00+03:00' }));
    const [res, report] = await Promise.all([
      api(shop, 'POST', `/subjects/${subjectId}/erasure`),
      sweep(shop, '2026-11-22T03:00:00Z', false),
    ]);
    expect(res.statusCode).toBe(200);
    const erasures = await database.db
      .selectFrom('erasures')
      .select('cause')
      .where('subject_id', '=', subjectId)
      .execute();
    expect(erasures).toHaveLength(1);
    // Whichever came first did it; the other saw it done and does not claim it.
    if (erasures[0]!.cause === 'request') {
      expect(res.json().alreadyErased).toBe(false);
      expect(report.erased.count).toBe(0);
    } else {
      expect(res.json().alreadyErased).toBe(true);
      expect(report.erased.count).toBe(1);
    }
    const events = await database.db
      .selectFrom('processing_events')
      .select('action')
      .where('subject_id', '=', subjectId)
      .where('action', 'like', 'subject.erased%')
      .execute();
    expect(events).toHaveLength(1);
  });
});
