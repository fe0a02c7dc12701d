import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../../src/app.ts';
import type { Database } from '../../src/db/database.ts';
import { inTenant } from '../../src/db/tenant.ts';
import { staffService } from '../../src/modules/staff/staff.service.ts';
import { createTestDatabase } from '../db.ts';
import { newShop, testDeps, validOrder } from '../factories.ts';
import { StaffClient } from './helpers.ts';

let database: Database;
let app: FastifyInstance;
const PASSWORD = 'correct horse battery staple';

interface Tenant {
  controllerId: string;
  registerId: string;
  auth: { authorization: string };
  staff: StaffClient;
  subjects: { id: string; email: string }[];
}
const tenants: Tenant[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testDeps(database));
  const staff = staffService(database.db, testDeps(database).secretBox);
  for (let t = 0; t < 3; t++) {
    const shop = await newShop(database);
    const subjects = [];
    for (let i = 0; i < 3; i++) {
      const order = validOrder({
        payment: { method: 'invoice' },
        customer: { ...validOrder().customer, personalIdentityCode: '131052-308T' },
      });
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/registers/${shop.register.id}/orders`,
        headers: { ...shop.auth, 'idempotency-key': `t${t}-${i}`, 'content-type': 'application/json' },
        payload: JSON.stringify(order),
      });
      subjects.push({ id: res.json().subjectId as string, email: order.customer.email });
    }
    const email = `owner${t}-${Math.random().toString(36).slice(2)}@example.fi`;
    const account = await staff.createAccount({ email, password: PASSWORD });
    await staff.addMember(shop.controller.id, account.id, 'owner');
    const client = new StaffClient(app, `10.2.0.${t + 1}`);
    await client.login(email, PASSWORD);
    tenants.push({
      controllerId: shop.controller.id,
      registerId: shop.register.id,
      auth: shop.auth,
      staff: client,
      subjects,
    });
  }
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

type Probe = (
  me: Tenant,
  them: Tenant,
  subject: { id: string; email: string },
) => Promise<{ status: number; body: string; mustBe404: boolean }>;

const api = async (method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: unknown) => {
  const res = await app.inject({
    method,
    url,
    headers: {
      ...headers,
      ...(payload ? { 'content-type': 'application/json', 'idempotency-key': `x-${Math.random()}` } : {}),
    },
    ...(payload ? { payload: JSON.stringify(payload) } : {}),
  });
  return { status: res.statusCode, body: res.body };
};

const PROBES: Record<string, Probe> = {
  keyReadsTheirSubject: async (me, them, s) => ({
    ...(await api('GET', `/api/v1/registers/${them.registerId}/subjects/${s.id}`, me.auth)),
    mustBe404: true,
  }),
  keyReadsTheirSubjectThroughOwnRegister: async (me, _them, s) => ({
    ...(await api('GET', `/api/v1/registers/${me.registerId}/subjects/${s.id}`, me.auth)),
    mustBe404: true,
  }),
  keyFindsTheirEmail: async (me, them, s) => ({
    ...(await api(
      'GET',
      `/api/v1/registers/${them.registerId}/subjects?email=${encodeURIComponent(s.email)}`,
      me.auth,
    )),
    mustBe404: true,
  }),
  keyFindsTheirEmailInOwnRegister: async (me, _them, s) => ({
    ...(await api('GET', `/api/v1/registers/${me.registerId}/subjects?email=${encodeURIComponent(s.email)}`, me.auth)),
    mustBe404: false,
  }),
  keyPostsOrderToThem: async (me, them) => ({
    ...(await api('POST', `/api/v1/registers/${them.registerId}/orders`, me.auth, validOrder())),
    mustBe404: true,
  }),
  keyReadsTheirDescription: async (me, them) => ({
    ...(await api('GET', `/api/v1/registers/${them.registerId}/description`, me.auth)),
    mustBe404: true,
  }),
  staffListsTheirRegisters: async (me, them) => {
    const r = await me.staff.request('GET', `/api/v1/controllers/${them.controllerId}/registers`);
    return { status: r.statusCode, body: r.body, mustBe404: true };
  },
  staffSearchesTheirRegister: async (me, them, s) => {
    const r = await me.staff.request(
      'GET',
      `/api/v1/controllers/${me.controllerId}/registers/${them.registerId}/customers?q=${encodeURIComponent(s.email)}`,
    );
    return { status: r.statusCode, body: r.body, mustBe404: true };
  },
  staffSearchesOwnRegisterForThem: async (me, _them, s) => {
    const r = await me.staff.request(
      'GET',
      `/api/v1/controllers/${me.controllerId}/registers/${me.registerId}/customers?q=${encodeURIComponent(s.email)}`,
    );
    return { status: r.statusCode, body: r.body, mustBe404: false };
  },
  staffViewsTheirSubject: async (me, _them, s) => {
    const r = await me.staff.request(
      'GET',
      `/api/v1/controllers/${me.controllerId}/registers/${me.registerId}/customers/${s.id}`,
    );
    return { status: r.statusCode, body: r.body, mustBe404: true };
  },
  staffRevealsTheirCode: async (me, _them, s) => {
    const r = await me.staff.request(
      'POST',
      `/api/v1/controllers/${me.controllerId}/registers/${me.registerId}/customers/${s.id}/reveal-identity-code`,
      { reason: 'tarkistus 123' },
    );
    return { status: r.statusCode, body: r.body, mustBe404: true };
  },
  staffReadsAuditOfThem: async (me, _them, s) => {
    const r = await me.staff.request('GET', `/api/v1/controllers/${me.controllerId}/audit?subjectId=${s.id}`);
    return { status: r.statusCode, body: r.body, mustBe404: false };
  },
  staffReadsTheirAudit: async (me, them) => {
    const r = await me.staff.request('GET', `/api/v1/controllers/${them.controllerId}/audit`);
    return { status: r.statusCode, body: r.body, mustBe404: true };
  },
};

describe('tenant isolation', () => {
  it('lets nothing of another controller be read, changed or confirmed to exist', async () => {
    const before = await database.db
      .selectFrom('orders')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(PROBES)),
        fc.nat(2),
        fc.nat(1),
        fc.nat(2),
        async (probe, i, d, k) => {
          const me = tenants[i]!;
          const them = tenants[(i + 1 + d) % 3]!;
          const subject = them.subjects[k]!;
          const answer = await PROBES[probe]!(me, them, subject);
          const { status, mustBe404 } = answer;
          // A problem's `instance` repeats the path the caller sent; anything else must not name them.
          const parsed = JSON.parse(answer.body || '{}');
          delete parsed.instance;
          const body = JSON.stringify(parsed);
          if (mustBe404) expect(status, `${probe}: ${body}`).toBe(404);
          else expect(status, `${probe}: ${body}`).toBeLessThan(300);
          for (const s of them.subjects) {
            expect(body).not.toContain(s.id);
            expect(body).not.toContain(s.email);
          }
          expect(body).not.toContain('131052-308T');
        },
      ),
      { numRuns: 150 },
    );
    const after = await database.db
      .selectFrom('orders')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('holds in the database too: a query without its controller filter sees only its own rows', async () => {
    const [a, b] = tenants;
    const rows = await inTenant(database.db, a!.controllerId, (tx) =>
      tx.selectFrom('subjects').select(['id', 'controller_id']).execute(),
    );
    expect(rows.length).toBe(a!.subjects.length);
    expect(new Set(rows.map((r) => r.controller_id))).toEqual(new Set([a!.controllerId]));
    await expect(
      inTenant(database.db, a!.controllerId, (tx) =>
        tx
          .insertInto('subjects')
          .values({ controller_id: b!.controllerId, register_id: b!.registerId, kind: 'person', source: 'test' })
          .execute(),
      ),
    ).rejects.toThrow(/row-level security/);
    const changed = await inTenant(database.db, a!.controllerId, (tx) =>
      tx.updateTable('subjects').set({ city: 'X' }).where('controller_id', '=', b!.controllerId).executeTakeFirst(),
    );
    expect(Number(changed.numUpdatedRows)).toBe(0);
    await expect(
      inTenant(database.db, a!.controllerId, (tx) => sql`UPDATE processing_events SET purpose = 'x'`.execute(tx)),
    ).rejects.toThrow(/permission denied/);
    await expect(
      inTenant(database.db, a!.controllerId, (tx) => sql`DELETE FROM processing_events`.execute(tx)),
    ).rejects.toThrow(/permission denied/);
  });
});
