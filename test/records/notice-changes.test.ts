import type { FastifyInstance } from 'fastify';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, RootOperationNode } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import type { Database } from '../../src/db/database.ts';
import { inTenant } from '../../src/db/tenant.ts';
import type { RegisterDescriptionInput } from '../../src/modules/registers/description.schema.ts';
import { noticeChanges } from '../../src/modules/records/notice-changes.ts';
import { parseDescription, registerService } from '../../src/modules/registers/register.service.ts';
import { staffService } from '../../src/modules/staff/staff.service.ts';
import { createTestDatabase } from '../db.ts';
import { newController, newShop, postOrderAs, testDeps, validOrder } from '../factories.ts';
import { description } from '../fixtures/descriptions.ts';
import { StaffClient } from '../staff/helpers.ts';

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

const FIELDS = ['firstName', 'lastName', 'email', 'phone', 'orders', 'marketingPermissions'] as const;

/** The description with a courier that is given the phone number for deliveries. */
const withCourier = (base: RegisterDescriptionInput): RegisterDescriptionInput => ({
  ...base,
  recipients: [
    {
      name: 'Kuriiri Oy',
      category: { fi: 'Kuljetusliike', en: 'Courier' },
      country: 'FI',
      fields: ['phone'],
      purposes: ['customer_relationship'],
    },
  ],
});

/** Counts the statements sent through a Kysely instance. */
class StatementCounter implements KyselyPlugin {
  nodes: RootOperationNode[] = [];
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.nodes.push(args.node);
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs) {
    return args.result;
  }
  /** Statements whose SQL names the table, whether built with the query builder or written as SQL. */
  naming(table: string): number {
    return this.nodes.filter((n) => JSON.stringify(n).includes(table)).length;
  }
}

async function registerWithCustomers(customers: Array<Record<string, unknown>>) {
  const controller = await newController(database);
  const register = await database.db
    .transaction()
    .execute((tx) => registerService(tx).create(controller.id, description(FIELDS)));
  const ids: string[] = [];
  for (const [i, c] of customers.entries()) {
    const row = await database.db
      .insertInto('subjects')
      .values({
        controller_id: controller.id,
        register_id: register.id,
        kind: 'person',
        source: 'import',
        email_key: `k${i}-${Math.random()}`,
        updated_at: new Date(),
        last_activity_at: new Date(),
        ...c,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(row.id);
  }
  return { controller, register, ids };
}

async function publish(
  controllerId: string,
  registerId: string,
  doc: RegisterDescriptionInput,
  counter?: StatementCounter,
) {
  const db = counter ? database.db.withPlugin(counter) : database.db;
  return inTenant(db, controllerId, (tx) => registerService(tx).publishVersion(controllerId, registerId, doc));
}

const queuedFor = (registerId: string) =>
  database.db
    .selectFrom('notice_change_notifications')
    .selectAll()
    .where('register_id', '=', registerId)
    .orderBy('subject_id')
    .execute();

describe('what a new version changes', () => {
  const base = parseDescription(description(FIELDS));
  it('finds added, removed and re-based purposes, and recipients added, removed, given more or moved', () => {
    const next = parseDescription({
      ...description(FIELDS),
      purposes: [
        {
          key: 'customer_relationship',
          name: { fi: 'Asiakassuhde' },
          legalBasis: 'legitimate_interest',
          legitimateInterest: { fi: 'Asiakassuhde' },
          dataUse: 'essential.service',
        },
        { key: 'profiling', name: { fi: 'Profilointi' }, legalBasis: 'consent', dataUse: 'marketing.advertising' },
      ],
      fields: FIELDS.map((key) => ({
        key,
        purposes: key === 'email' ? ['customer_relationship', 'profiling'] : ['customer_relationship'],
      })),
      recipients: withCourier(description(FIELDS)).recipients,
    });
    expect(noticeChanges(base, next).map((c) => c.kind)).toEqual([
      'legal_basis_changed',
      'purpose_added',
      'purpose_removed',
      'recipient_added',
    ]);
    expect(noticeChanges(base, next).find((c) => c.kind === 'purpose_added')!.fields).toEqual(['email']);
    // The marketing purpose had no fields: dropping it touches nobody's data.
    expect(noticeChanges(base, next).find((c) => c.kind === 'purpose_removed')!.fields).toEqual([]);

    const courier = parseDescription(withCourier(description(FIELDS)));
    const more = parseDescription({
      ...withCourier(description(FIELDS)),
      recipients: [{ ...withCourier(description(FIELDS)).recipients![0]!, fields: ['phone', 'email'], country: 'SE' }],
    });
    expect(noticeChanges(courier, more)).toEqual([
      { kind: 'recipient_fields_added', recipient: 'Kuriiri Oy', fields: ['email'] },
      { kind: 'recipient_country_changed', recipient: 'Kuriiri Oy', from: 'FI', to: 'SE', fields: ['phone', 'email'] },
    ]);
    expect(noticeChanges(more, base)).toEqual([
      { kind: 'recipient_removed', recipient: 'Kuriiri Oy', fields: ['phone', 'email'] },
    ]);
  });
});

describe('publishing a version that changes processing', () => {
  it('queues the customers holding the affected fields, in one statement, with the changes that concern them', async () => {
    const { controller, register, ids } = await registerWithCustomers([
      { first_name: 'Aino', email: 'aino@example.fi', phone: '+358401234567' },
      { first_name: 'Bertta', email: 'bertta@example.fi' },
      { first_name: 'Cecilia', phone: '+358401234568', erased_at: new Date() },
      { first_name: 'Dora', phone: '+358401234569' },
    ]);
    const counter = new StatementCounter();
    const published = await publish(controller.id, register.id, withCourier(description(FIELDS)), counter);
    expect(published.version).toBe(2);

    const rows = await queuedFor(register.id);
    // Aino and Dora have a phone number; Bertta has none; Cecilia is erased.
    expect(rows.map((r) => r.subject_id).sort()).toEqual([ids[0], ids[3]].sort());
    for (const r of rows) {
      expect(r).toMatchObject({ controller_id: controller.id, from_version: 1, to_version: 2, delivered_at: null });
      expect(r.changes).toEqual([
        { kind: 'recipient_added', recipient: 'Kuriiri Oy', country: 'FI', fields: ['phone'] },
      ]);
    }
    expect(counter.naming('notice_change_notifications')).toBe(1);

    // A register ten times as large takes the same statements.
    const large = await registerWithCustomers(
      Array.from({ length: 40 }, (_, i) => ({ phone: `+35840${String(1000000 + i)}` })),
    );
    const largeCounter = new StatementCounter();
    await publish(large.controller.id, large.register.id, withCourier(description(FIELDS)), largeCounter);
    expect(await queuedFor(large.register.id)).toHaveLength(40);
    expect(largeCounter.nodes.length).toBe(counter.nodes.length);

    const event = await database.db
      .selectFrom('processing_events')
      .select(['actor_type', 'fields'])
      .where('controller_id', '=', controller.id)
      .where('action', '=', 'notice.changes_queued')
      .executeTakeFirstOrThrow();
    expect(event).toEqual({ actor_type: 'system', fields: ['version:2', 'subjects:2', 'change:recipient_added'] });
  });

  it('queues a customer for each change that concerns them only, and no one for a version that changes nothing relevant', async () => {
    const { controller, register, ids } = await registerWithCustomers([
      { email: 'e@example.fi', phone: '+358401234570' },
      { email: 'f@example.fi' },
    ]);
    await publish(controller.id, register.id, withCourier(description(FIELDS)));
    // Version 3: new wording, a longer retention and another contact person: nobody's processing changes.
    const reworded = withCourier(
      description(FIELDS, {
        description: { fi: 'Uusi kuvaus' },
        contactPerson: { name: 'Uusi Henkilö', email: 'uusi@example.fi' },
      }),
    );
    reworded.retention = reworded.retention.map((r) => ({ ...r, period: { years: 3 } }));
    await publish(controller.id, register.id, reworded);
    const afterV3 = await queuedFor(register.id);
    expect(afterV3.map((r) => r.to_version)).toEqual([2]);
    const v3Events = await database.db
      .selectFrom('processing_events')
      .select('fields')
      .where('controller_id', '=', controller.id)
      .where('action', '=', 'notice.changes_queued')
      .execute();
    expect(v3Events).toHaveLength(1);

    // Version 4: the courier also gets the email address.
    await publish(controller.id, register.id, {
      ...reworded,
      recipients: [{ ...reworded.recipients![0]!, fields: ['phone', 'email'] }],
    });
    const v4 = (await queuedFor(register.id)).filter((r) => r.to_version === 4);
    expect(v4.map((r) => r.subject_id).sort()).toEqual([...ids].sort());
    expect(v4.every((r) => r.from_version === 3)).toBe(true);
    expect(v4[0]!.changes).toEqual([{ kind: 'recipient_fields_added', recipient: 'Kuriiri Oy', fields: ['email'] }]);

    // The console shows the counts per version.
    const staff = staffService(database.db, testDeps(database).secretBox);
    const account = await staff.createAccount({
      email: `viewer-${Math.random()}@example.fi`.replace('0.', ''),
      password: 'correct horse battery staple',
    });
    await staff.addMember(controller.id, account.id, 'viewer');
    const client = new StaffClient(app, '10.2.0.1');
    expect((await client.login(account.email, 'correct horse battery staple')).statusCode).toBe(200);
    const counts = await client.request(
      'GET',
      `/api/v1/controllers/${controller.id}/registers/${register.id}/notice-changes`,
    );
    expect(counts.statusCode, counts.body).toBe(200);
    expect(counts.json()).toEqual({
      items: [
        { version: 4, queued: 2, delivered: 0 },
        { version: 3, queued: 0, delivered: 0 },
        { version: 2, queued: 1, delivered: 0 },
      ],
    });
    const other = await newController(database);
    expect(
      (await client.request('GET', `/api/v1/controllers/${other.id}/registers/${register.id}/notice-changes`))
        .statusCode,
    ).toBe(404);
  });

  it('counts orders and the consent ledger as data the customer has, and leaves every consent with the version it was given under', async () => {
    const shop = await newShop(database, FIELDS);
    const order = validOrder({
      customer: {
        firstName: 'Olli',
        lastName: 'Ostaja',
        email: `olli.${Math.random().toString(36).slice(2, 8)}@example.fi`,
      },
      marketingOptIn: { email: true },
      sourcePage: undefined,
      ip: undefined,
      termsAccepted: undefined,
    });
    const { subjectId } = await postOrderAs(app, shop, order);
    const before = await database.db
      .selectFrom('consent_events')
      .select(['id', 'notice_version'])
      .where('subject_id', '=', subjectId)
      .execute();
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((e) => e.notice_version === 1)).toBe(true);

    // Version 2 gives the order history to an accountant: the customer has orders.
    const v2 = {
      ...description(FIELDS),
      recipients: [
        {
          name: 'Tilitoimisto Oy',
          category: { fi: 'Tilitoimisto' },
          country: 'FI',
          fields: ['orders' as const],
          purposes: ['customer_relationship'],
        },
      ],
    };
    await publish(shop.controller.id, shop.register.id, v2);
    expect((await queuedFor(shop.register.id)).map((r) => r.subject_id)).toEqual([subjectId]);

    // Version 3 uses the marketing permissions for a new purpose: the ledger is data the customer has.
    await publish(shop.controller.id, shop.register.id, {
      ...v2,
      purposes: [
        ...v2.purposes,
        { key: 'loyalty', name: { fi: 'Kanta-asiakkuus' }, legalBasis: 'consent', dataUse: 'marketing.communications' },
      ],
      fields: FIELDS.map((key) => ({
        key,
        purposes: key === 'marketingPermissions' ? ['customer_relationship', 'loyalty'] : ['customer_relationship'],
      })),
    });
    const v3 = (await queuedFor(shop.register.id)).filter((r) => r.to_version === 3);
    expect(v3.map((r) => r.subject_id)).toEqual([subjectId]);
    expect(v3[0]!.changes).toEqual([
      { kind: 'purpose_added', purpose: 'loyalty', legalBasis: 'consent', fields: ['marketingPermissions'] },
    ]);

    // The consents given under version 1 still say so; a new one is given under version 3.
    const after = await database.db
      .selectFrom('consent_events')
      .select(['id', 'notice_version'])
      .where('subject_id', '=', subjectId)
      .execute();
    for (const e of before) expect(after.find((a) => a.id === e.id)?.notice_version).toBe(1);
    await postOrderAs(app, shop, { ...order, orderId: `ORD-${Math.random().toString(36).slice(2, 10)}` });
    const newest = await database.db
      .selectFrom('consent_events')
      .select('notice_version')
      .where('subject_id', '=', subjectId)
      .where(
        'id',
        'not in',
        before.map((e) => e.id),
      )
      .execute();
    expect(newest.length).toBeGreaterThan(0);
    expect(newest.every((e) => e.notice_version === 3)).toBe(true);
  });
});
