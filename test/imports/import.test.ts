import { createReadStream } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { importCustomers } from '../../src/modules/imports/import.service.ts';
import { createTestDatabase } from '../db.ts';
import { newController, newRegister, testDeps } from '../factories.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/csv/${name}`, import.meta.url));

function collector() {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(String(chunk));
      cb();
    },
  });
  return { stream, text: () => chunks.join('') };
}

async function run(registerId: string, input: Readable, batchSize?: number) {
  const rejects = collector();
  const report = await importCustomers({
    database,
    secretBox: testDeps(database).secretBox,
    registerId,
    fileName: 'test.csv',
    input,
    rejects: rejects.stream,
    ...(batchSize ? { batchSize } : {}),
  });
  return { report, rejects: rejects.text() };
}

async function subjects(registerId: string) {
  return database.db
    .selectFrom('subjects')
    .selectAll()
    .where('register_id', '=', registerId)
    .orderBy('email')
    .execute();
}

describe('CSV import', () => {
  it('reads a Shopify export, stores the good rows, explains each rejected one, and creates nothing new on a re-run', async () => {
    const controller = await newController(database);
    const register = await newRegister(database, controller.id);
    const first = await run(register.id, createReadStream(fixture('shopify-customers.csv')));
    expect(first.report).toMatchObject({ format: 'shopify', rows: 6, inserted: 3, updated: 0, rejected: 3 });
    expect(first.report.ignoredColumns).toEqual(expect.arrayContaining(['Total Spent', 'Tags']));
    expect(first.report.ignoredColumns).not.toContain('Accepts Email Marketing');
    const lines = first.rejects.trim().split('\n');
    expect(lines[0]).toMatch(/^line,reason,Customer ID/);
    expect(lines).toHaveLength(4);
    expect(first.rejects).toMatch(/address\.postalCode: is not a valid postal code/);
    expect(first.rejects).toMatch(/address\.street: looks like a payment card number/);
    expect(first.rejects).toMatch(/needs an email address or the platform customer id/);

    const rows = await subjects(register.id);
    expect(rows.map((r) => r.email)).toEqual(['aino.virtanen@example.fi', 'erik@example.se', null]);
    const aino = rows[0]!;
    expect(aino).toMatchObject({
      street: 'Mannerheimintie 1, B 12',
      postal_code: '00100',
      phone: '+358401112222',
      source: 'import',
    });
    expect(rows[1]).toMatchObject({ country: 'AX', postal_code: '22100' });
    expect(rows[2]).toMatchObject({ external_id: '7012345678905', phone: '+358501234567' });
    // "Accepts Email Marketing: yes" is a consent in the ledger; a "no" with no consent on record writes nothing.
    const consents = await database.db
      .selectFrom('consent_events')
      .select(['subject_id', 'kind', 'channel', 'source'])
      .where('register_id', '=', register.id)
      .execute();
    expect(consents).toEqual([{ subject_id: aino.id, kind: 'consent_given', channel: 'email', source: 'import' }]);
    const events = await database.db
      .selectFrom('processing_events')
      .selectAll()
      .where('subject_id', '=', aino.id)
      .execute();
    expect(events).toEqual([
      expect.objectContaining({ action: 'customer.imported', actor_type: 'system', purpose: 'register_import' }),
    ]);
    expect(events[0]!.fields).toEqual(expect.arrayContaining(['firstName', 'email', 'phone', 'address.street']));

    const again = await run(register.id, createReadStream(fixture('shopify-customers.csv')));
    expect(again.report).toMatchObject({ inserted: 0, updated: 3, rejected: 3 });
    expect(await subjects(register.id)).toHaveLength(3);
  });

  it('reads a WooCommerce export and matches emails case-insensitively', async () => {
    const controller = await newController(database);
    const register = await newRegister(database, controller.id);
    const { report } = await run(register.id, createReadStream(fixture('woocommerce-customers.csv')));
    expect(report).toMatchObject({ format: 'woocommerce', rows: 3, inserted: 2, rejected: 1 });
    const rows = await subjects(register.id);
    expect(rows.find((r) => r.email_key === 'pekka.makinen@example.fi')).toMatchObject({
      first_name: 'Pekka',
      last_name: 'Mäkinen',
      postal_code: '01300',
    });
  });

  it('reads our own format with organisations, and merges two rows of one customer', async () => {
    const controller = await newController(database);
    const register = await newRegister(database, controller.id);
    const { report, rejects } = await run(register.id, createReadStream(fixture('omadata-customers.csv')));
    expect(report).toMatchObject({ format: 'omadata', rows: 4, inserted: 2, rejected: 1 });
    expect(rejects).toMatch(/organisation\.businessId: is not a valid Y-tunnus/);
    const rows = await subjects(register.id);
    expect(rows.find((r) => r.email_key === 'sanna@esimerkki.fi')).toMatchObject({
      kind: 'organisation',
      org_business_id: '2077474-0',
      org_einvoice_operator: '003723327487',
    });
    const matti = rows.find((r) => r.email_key === 'matti@example.fi')!;
    expect(matti).toMatchObject({ interests: ['tee', 'kahvi'], birth_date: '1980-05-17', phone: '+358407654321' });
  });

  it('leaves out fields the register does not declare and reports them', async () => {
    const controller = await newController(database);
    const register = await newRegister(database, controller.id, ['firstName', 'lastName', 'email']);
    const { report } = await run(register.id, createReadStream(fixture('shopify-customers.csv')));
    expect(report.undeclaredFields).toEqual(expect.arrayContaining(['phone', 'address.street', 'address.city']));
    const rows = await subjects(register.id);
    expect(rows.every((r) => r.phone === null && r.street === null && r.city === null)).toBe(true);
    expect(rows.map((r) => r.email)).toEqual([
      'aino.virtanen@example.fi',
      'bad.postcode@example.fi',
      'card@example.fi',
      'erik@example.se',
      null,
    ]);
  });

  it('streams a large file in batches with the same result as one batch', async () => {
    const controller = await newController(database);
    const register = await newRegister(database, controller.id);
    const n = 2500;
    function* lines() {
      yield 'externalId,firstName,lastName,email,address.postalCode\n';
      for (let i = 0; i < n; i++)
        yield `X${i},Etu${i},Suku${i},asiakas${i}@example.fi,${String(i % 99999).padStart(5, '0')}\n`;
      yield `BAD,Bad,Row,bad@,00100\n`;
    }
    const { report } = await run(register.id, Readable.from(lines()), 300);
    expect(report).toMatchObject({ rows: n + 1, inserted: n, rejected: 1 });
    expect(await subjects(register.id)).toHaveLength(n);
  });

  it('refuses a file it does not recognise', async () => {
    const controller = await newController(database);
    const register = await newRegister(database, controller.id);
    await expect(run(register.id, Readable.from(['foo,bar\n1,2\n']))).rejects.toThrow(
      /not a recognised customer export/,
    );
  });
});
