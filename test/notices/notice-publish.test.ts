/**
 * A description whose privacy notice would lack an item GDPR Articles 13 and 14 require cannot be
 * published: the shop API and the console answer 422 naming each missing item by its path, and
 * nothing is stored.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import type { Database } from '../../src/db/database.ts';
import type { RegisterDescriptionInput } from '../../src/modules/registers/description.schema.ts';
import { staffService } from '../../src/modules/staff/staff.service.ts';
import { createTestDatabase } from '../db.ts';
import { newShop, testDeps } from '../factories.ts';
import { description } from '../fixtures/descriptions.ts';
import { StaffClient } from '../staff/helpers.ts';

const t = (fi: string) => ({ fi, sv: fi, en: fi });

/** Every gap at once: no way to reach the contact person or the DPO, a consent with no way back, two transfers not explained. */
function incomplete(): RegisterDescriptionInput {
  const base = description();
  return {
    ...base,
    contactPerson: { name: 'Asiakaspalvelu' },
    dataProtectionOfficer: { name: 'Tietosuojavastaava' },
    purposes: [
      ...base.purposes,
      {
        key: 'profile_sharing',
        name: t('Profiilin jakaminen kumppaneille'),
        legalBasis: 'consent',
        dataUse: 'third_party_sharing',
      },
    ],
    processors: [
      {
        name: 'Esimerkki Cloud Inc.',
        service: t('Palvelimet'),
        country: 'US',
        transferSafeguard: 'standard_contractual_clauses',
      },
    ],
    transfers: [{ country: 'US', recipient: 'Esimerkki Support Inc.', safeguard: 'standard_contractual_clauses' }],
  };
}

const EXPECTED = [
  'contactPerson',
  'dataProtectionOfficer',
  'purposes.2',
  'transfers.0.description',
  'processors.0',
].sort();

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

async function versions(registerId: string) {
  return (
    await database.db
      .selectFrom('register_descriptions')
      .select('version')
      .where('register_id', '=', registerId)
      .execute()
  ).length;
}

describe('publishing a description whose notice would be incomplete', () => {
  it('is refused by the shop API with each missing item named, and nothing stored', async () => {
    const shop = await newShop(database);
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/registers/${shop.register.id}/description`,
      headers: { ...shop.auth, 'content-type': 'application/json' },
      payload: JSON.stringify(incomplete()),
    });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = res.json<{ errors: Array<{ field: string; code: string; message: string }> }>();
    expect(problem.errors.map((e) => e.field).sort()).toEqual(EXPECTED);
    expect(Object.fromEntries(problem.errors.map((e) => [e.field, e.code]))).toEqual({
      contactPerson: 'notice_contact_missing',
      dataProtectionOfficer: 'notice_dpo_contact_missing',
      'purposes.2': 'notice_withdrawal_missing',
      'transfers.0.description': 'notice_transfer_copy_missing',
      'processors.0': 'notice_transfer_missing',
    });
    expect(problem.errors.find((e) => e.field === 'contactPerson')!.message).toMatch(
      /email address, a phone number or a postal address/,
    );
    expect(problem.errors.find((e) => e.field === 'purposes.2')!.message).toMatch(/profile_sharing .* withdrawn/);
    expect(await versions(shop.register.id)).toBe(1);
  });

  it('publishes once each item is given', async () => {
    const shop = await newShop(database);
    const fixed = incomplete();
    fixed.contactPerson = { name: 'Asiakaspalvelu', phone: '+358 40 123 4567' };
    fixed.dataProtectionOfficer = { name: 'Tietosuojavastaava', address: 'Esimerkkikatu 1, 00100 Helsinki' };
    // The consent is kept with the customer's data, where Oma and the request form can withdraw it.
    fixed.fields = fixed.fields.map((f) =>
      f.key === 'email' ? { ...f, purposes: [...f.purposes, 'profile_sharing'] } : f,
    );
    fixed.transfers = [
      {
        country: 'US',
        recipient: 'Esimerkki Cloud Inc.',
        safeguard: 'standard_contractual_clauses',
        description: t('Vakiosopimuslausekkeet; jäljennöksen saa yhteyshenkilöltä.'),
      },
    ];
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/registers/${shop.register.id}/description`,
      headers: { ...shop.auth, 'content-type': 'application/json' },
      payload: JSON.stringify(fixed),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(await versions(shop.register.id)).toBe(2);
  });

  it('is refused in the console the same way', async () => {
    const email = 'notice-owner@example.fi';
    await staffService(database.db, testDeps(database).secretBox).createAccount({
      email,
      password: 'correct horse battery staple',
      isOperator: true,
    });
    const client = new StaffClient(app);
    expect((await client.login(email, 'correct horse battery staple')).statusCode).toBe(200);
    const c = await client.request('POST', '/api/v1/controllers', { name: 'Kauppa Oy', businessId: '2077474-0' });
    expect(c.statusCode, c.body).toBe(201);
    const controllerId = c.json<{ id: string }>().id;
    const r = await client.request('POST', `/api/v1/controllers/${controllerId}/registers`, {
      description: description(),
    });
    expect(r.statusCode, r.body).toBe(201);
    const registerId = r.json<{ id: string }>().id;

    const res = await client.request(
      'POST',
      `/api/v1/controllers/${controllerId}/registers/${registerId}/descriptions`,
      {
        description: incomplete(),
      },
    );
    expect(res.statusCode).toBe(422);
    expect(
      res
        .json<{ errors: Array<{ field: string }> }>()
        .errors.map((e) => e.field)
        .sort(),
    ).toEqual(EXPECTED);
    expect(await versions(registerId)).toBe(1);
  });
});
