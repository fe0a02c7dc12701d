import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import type { Database } from '../../src/db/database.ts';
import { FIELD_KEYS } from '../../src/modules/registers/field-catalogue.ts';
import { registerService } from '../../src/modules/registers/register.service.ts';
import { addMonths, todayInFinland } from '../../src/finnish-time.ts';
import { createTestDatabase } from '../db.ts';
import { newApiKey, newController, newShop, postOrderAs, testDeps, validOrder } from '../factories.ts';
import { description } from '../fixtures/descriptions.ts';
import { portalCall, portalLogin, type PortalClient } from './client.ts';

let database: Database;
let app: FastifyInstance;
let client: PortalClient;
const email = `kaisa.${Date.now()}@example.fi`;
const other = `olli.${Date.now()}@example.fi`;
let registerId: string;
let subjectId: string;
let otherSubjectId: string;
let plainShop: Awaited<ReturnType<typeof newShop>>;
let plainSubjectId: string;

const url = (r: string, s: string) => `/api/v1/portal/registers/${r}/subjects/${s}`;

async function stored(id: string) {
  return database.db.selectFrom('subjects').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function events(id: string, action: string) {
  return database.db
    .selectFrom('processing_events')
    .select(['action', 'fields', 'actor_type'])
    .where('subject_id', '=', id)
    .where('action', '=', action)
    .execute();
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testDeps(database));
  // A register that hands delivery addresses to a carrier and requires a last name.
  const controller = await newController(database, 'Postikauppa Oy');
  const t = (fi: string, en: string) => ({ fi, sv: en, en });
  const base = description(FIELD_KEYS);
  const register = await database.db.transaction().execute((tx) =>
    registerService(tx).create(
      controller.id,
      description(FIELD_KEYS, {
        fields: base.fields.map((f) => (f.key === 'lastName' ? { ...f, required: true } : f)),
        recipients: [
          {
            name: 'Kuljetus Oy',
            category: t('Kuljetusyhtiö', 'Carrier'),
            country: 'FI',
            fields: ['firstName', 'lastName', 'address.street', 'address.postalCode', 'address.city', 'phone'],
            purposes: ['customer_relationship'],
          },
        ],
      }),
    ),
  );
  registerId = register.id;
  const key = await newApiKey(database, controller.id);
  const shop = { register, auth: { authorization: `Bearer ${key}` } };
  const order = validOrder();
  ({ subjectId } = await postOrderAs(app, shop, { ...order, customer: { ...(order.customer as object), email } }));
  ({ subjectId: otherSubjectId } = await postOrderAs(app, shop, {
    ...order,
    orderId: 'OTHER-1',
    customer: { ...(order.customer as object), email: other },
  }));
  plainShop = await newShop(database);
  ({ subjectId: plainSubjectId } = await postOrderAs(app, plainShop, {
    ...validOrder(),
    customer: { ...(validOrder().customer as object), email },
  }));
  client = await portalLogin(app, database, email);
});

afterAll(async () => {
  await app.close();
  await database.close();
});

describe('correcting one’s data in the portal', () => {
  it('writes the corrected fields at once, records the act and queues the recipients given them', async () => {
    const res = await portalCall(app, client, 'PATCH', url(registerId, subjectId), {
      fields: {
        'address.street': 'Uusikatu 5 B 7',
        'address.postalCode': '20100',
        'address.city': 'Turku',
        phone: '050 765 4321',
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ corrected: string[]; request: unknown; fields: Record<string, string> }>();
    expect(body.corrected.sort()).toEqual(['address.city', 'address.postalCode', 'address.street', 'phone']);
    expect(body.request).toBeNull();
    expect(body.fields['phone']).toBe('+358507654321');
    const row = await stored(subjectId);
    expect([row.street, row.postal_code, row.city, row.phone]).toEqual([
      'Uusikatu 5 B 7',
      '20100',
      'Turku',
      '+358507654321',
    ]);
    expect(row.first_name).toBe('Maija');
    const queued = await database.db
      .selectFrom('recipient_notifications')
      .select(['recipient', 'event', 'fields', 'delivered_at'])
      .where('subject_id', '=', subjectId)
      .execute();
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ recipient: 'Kuljetus Oy', event: 'rectified', delivered_at: null });
    expect(queued[0]!.fields.sort()).toEqual(['address.city', 'address.postalCode', 'address.street', 'phone']);
    const [event] = await events(subjectId, 'subject.corrected');
    expect(event).toMatchObject({ actor_type: 'subject' });
    expect(event!.fields.sort()).toEqual(body.corrected.sort());
  });

  it('shows the recipients and what they were told in the overview', async () => {
    const res = await portalCall(app, client, 'GET', '/api/v1/portal/overview');
    expect(res.statusCode, res.body).toBe(200);
    const register = res
      .json<{
        merchants: Array<{
          registers: Array<{
            registerId: string;
            disclosures: Array<{ name: string; fields: string[]; notifications: Array<{ event: string }> }>;
            subject: { correctable: Array<{ field: string; how: string }> };
          }>;
        }>;
      }>()
      .merchants.flatMap((m) => m.registers)
      .find((r) => r.registerId === registerId)!;
    expect(register.disclosures).toHaveLength(1);
    expect(register.disclosures[0]!.name).toBe('Kuljetus Oy');
    expect(register.disclosures[0]!.fields).toContain('address.street');
    expect(register.disclosures[0]!.notifications.map((n) => n.event)).toEqual(['rectified']);
    const how = Object.fromEntries(register.subject.correctable.map((c) => [c.field, c.how]));
    expect(how['firstName']).toBe('direct');
    expect(how['email']).toBe('request');
    expect(how['ip']).toBeUndefined();
  });

  it('validates as the shop API does, names each bad field, changes nothing and records the attempt', async () => {
    const before = await stored(subjectId);
    const res = await portalCall(app, client, 'PATCH', url(registerId, subjectId), {
      fields: { 'address.postalCode': '123', phone: 'soita minulle', lastName: '', ip: '10.0.0.1', firstName: 'Maija' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const problems = res.json<{ errors: Array<{ field: string; code: string }> }>().errors;
    expect(problems.map((p) => p.field).sort()).toEqual([
      'fields.address.postalCode',
      'fields.ip',
      'fields.lastName',
      'fields.phone',
    ]);
    expect(problems.find((p) => p.field === 'fields.lastName')!.code).toBe('required');
    expect(problems.find((p) => p.field === 'fields.ip')!.code).toBe('not_correctable');
    const after = await stored(subjectId);
    expect(after).toEqual(before);
    const refused = await events(subjectId, 'portal.correction_refused');
    expect(refused).toHaveLength(1);
    expect(refused[0]!.fields).toEqual(expect.arrayContaining(['address.postalCode', 'phone', 'lastName', 'ip']));
  });

  it('reads a phone number in the light of a corrected country', async () => {
    const res = await portalCall(app, client, 'PATCH', url(registerId, subjectId), {
      fields: { 'address.country': 'SE', 'address.postalCode': '114 55' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await stored(subjectId)).postal_code).toBe('114 55');
  });

  it('turns a new email address or identity code into a request to the merchant, with the legal due date', async () => {
    const res = await portalCall(app, client, 'PATCH', url(registerId, subjectId), {
      fields: { email: 'kaisa.uusi@example.fi', personalIdentityCode: '131052-308T', firstName: 'Kaisa' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ corrected: string[]; request: { id: string; dueDate: string; fields: string[] } }>();
    expect(body.corrected).toEqual(['firstName']);
    expect(body.request.fields.sort()).toEqual(['email', 'personalIdentityCode']);
    expect(body.request.dueDate).toBe(addMonths(todayInFinland(), 1));
    // The address the person signs in with is unchanged until the merchant has verified it.
    expect((await stored(subjectId)).email).toBe(email);
    const request = await database.db
      .selectFrom('requests')
      .selectAll()
      .where('id', '=', body.request.id)
      .executeTakeFirstOrThrow();
    expect(request).toMatchObject({
      types: ['rectification'],
      status: 'received',
      channel: 'portal',
      identity_status: 'verified',
      identity_method: 'portal',
    });
    // The identity code is never kept readable in a request.
    expect(JSON.stringify(request.details)).not.toContain('131052-308T');
    const overview = await portalCall(app, client, 'GET', '/api/v1/portal/overview');
    const shown = overview
      .json<{
        merchants: Array<{
          registers: Array<{
            registerId: string;
            requests: Array<{
              id: string;
              status: string;
              dueDate: string;
              details: { rectification: Record<string, string> };
            }>;
          }>;
        }>;
      }>()
      .merchants.flatMap((m) => m.registers)
      .find((r) => r.registerId === registerId)!.requests;
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({ id: body.request.id, status: 'received', dueDate: body.request.dueDate });
    expect(shown[0]!.details.rectification).toEqual({
      email: 'kaisa.uusi@example.fi',
      personalIdentityCode: '131052-****',
    });
  });

  it('refuses an invalid identity code in a correction without making a request', async () => {
    const count = async () =>
      (await database.db.selectFrom('requests').select('id').where('subject_id', '=', subjectId).execute()).length;
    const before = await count();
    const res = await portalCall(app, client, 'PATCH', url(registerId, subjectId), {
      fields: { personalIdentityCode: '131052-308A' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json<{ errors: Array<{ field: string }> }>().errors.map((e) => e.field)).toEqual([
      'fields.personalIdentityCode',
    ]);
    expect(await count()).toBe(before);
  });

  it('does not let a person correct another person’s customer, nor without the CSRF token', async () => {
    const theirs = await portalCall(app, client, 'PATCH', url(registerId, otherSubjectId), {
      fields: { firstName: 'X' },
    });
    expect(theirs.statusCode).toBe(404);
    expect((await stored(otherSubjectId)).first_name).toBe('Maija');
    const forged = await app.inject({
      method: 'PATCH',
      url: url(registerId, subjectId),
      headers: { cookie: client.cookie },
      payload: { fields: { firstName: 'Forged' } },
    });
    expect(forged.statusCode).toBe(403);
    expect((await stored(subjectId)).first_name).toBe('Kaisa');
  });

  it('sends a request in words to the merchant’s desk and shows its progress', async () => {
    const res = await portalCall(app, client, 'POST', `${url(plainShop.register.id, plainSubjectId)}/requests`, {
      types: ['objection', 'objection'],
      message: 'En halua, että ostoksiani käytetään tuotesuosituksiin.',
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json<{
      id: string;
      types: string[];
      status: string;
      dueDate: string;
      history: Array<{ status: string }>;
    }>();
    expect(body.types).toEqual(['objection']);
    expect(body.status).toBe('received');
    expect(body.history.map((h) => h.status)).toEqual(['received']);
    const [event] = await events(plainSubjectId, 'request.received');
    expect(event!.fields).toEqual(['objection']);
    const bad = await portalCall(app, client, 'POST', `${url(plainShop.register.id, plainSubjectId)}/requests`, {
      types: ['consent_withdrawal', 'teleport'],
      message: '   ',
    });
    expect(bad.statusCode).toBe(422);
    const fields = bad.json<{ errors: Array<{ field: string }> }>().errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['types.0', 'types.1', 'message']));
  });
});

describe('the due date of a request', () => {
  it('is one calendar month later, or the last day of a shorter month', () => {
    expect(addMonths('2026-11-22', 1)).toBe('2026-12-22');
    expect(addMonths('2026-12-31', 1)).toBe('2027-01-31');
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-30', 1)).toBe('2028-02-29');
    expect(addMonths('2026-10-31', 3)).toBe('2027-01-31');
  });
});
