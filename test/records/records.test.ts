import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import type { Database } from '../../src/db/database.ts';
import type { Role } from '../../src/db/schema.ts';
import { parseDescription, registerService } from '../../src/modules/registers/register.service.ts';
import type { RegisterDescription } from '../../src/modules/registers/description.schema.ts';
import { FIELD_CATALOGUE } from '../../src/modules/registers/field-catalogue.ts';
import { pick, type Language } from '../../src/modules/registers/localized.ts';
import { RECORD_WORDS } from '../../src/modules/records/records-texts.ts';
import { countryName, periodText } from '../../src/modules/records/records.service.ts';
import { staffService } from '../../src/modules/staff/staff.service.ts';
import { createTestDatabase } from '../db.ts';
import { newController, testDeps } from '../factories.ts';
import { StaffClient } from '../staff/helpers.ts';

const STANDARD_FONTS = `${createRequire(import.meta.url)
  .resolve('pdfjs-dist/package.json')
  .replace(/package\.json$/, '')}standard_fonts/`;

async function pdfText(content: Uint8Array): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(content), standardFontDataUrl: STANDARD_FONTS, verbosity: 0 })
    .promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const { items } = await (await pdf.getPage(i)).getTextContent();
    pages.push(items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
  }
  await pdf.destroy();
  return pages.join('\n').replace(/\s+/g, ' ');
}

/** What a reader of the HTML sees: tags gone, entities decoded, whitespace single. */
function htmlText(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

const PASSWORD = 'correct horse battery staple';
const EXAMPLES = ['webshop-users', 'logistics-customers'] as const;
const exampleDoc = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../examples/registers/${name}.json`, import.meta.url), 'utf8'));

let database: Database;
let app: FastifyInstance;
let controller: { id: string; name: string; business_id: string };
const registers: Array<{ id: string; d: RegisterDescription }> = [];
const clients = new Map<Role, StaffClient>();

async function staffClient(email: string, address: string, isOperator = false) {
  const staff = staffService(database.db, testDeps(database).secretBox);
  const account = await staff.createAccount({ email, password: PASSWORD, isOperator });
  const client = new StaffClient(app, address);
  expect((await client.login(email, PASSWORD)).statusCode).toBe(200);
  return { account, client };
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testDeps({ ...database }));
  controller = await newController(database, 'Esimerkkikauppa Oy');
  for (const name of EXAMPLES) {
    const register = await database.db
      .transaction()
      .execute((tx) => registerService(tx).create(controller.id, exampleDoc(name)));
    registers.push({ id: register.id, d: parseDescription(exampleDoc(name)) });
  }
  // Three customers in the first register, one of them erased; one in the second.
  const customer = (registerId: string, n: number, erased = false) => ({
    controller_id: controller.id,
    register_id: registerId,
    kind: 'person' as const,
    email: `asiakas${n}@example.fi`,
    email_key: `asiakas${n}@example.fi`,
    source: 'import',
    updated_at: new Date(),
    last_activity_at: new Date(),
    erased_at: erased ? new Date() : null,
  });
  await database.db
    .insertInto('subjects')
    .values([
      customer(registers[0]!.id, 1),
      customer(registers[0]!.id, 2),
      customer(registers[0]!.id, 3, true),
      customer(registers[1]!.id, 4),
    ])
    .execute();
  const staff = staffService(database.db, testDeps(database).secretBox);
  for (const [i, role] of (['owner', 'viewer'] as Role[]).entries()) {
    const { account, client } = await staffClient(`${role}@records.example.fi`, `10.1.0.${i + 1}`);
    await staff.addMember(controller.id, account.id, role);
    clients.set(role, client);
  }
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const url = (format: string, lang: string) =>
  `/api/v1/controllers/${controller.id}/records-of-processing?format=${format}&lang=${lang}`;

describe("the controller's records of processing (GDPR 30(1))", () => {
  for (const lang of ['fi', 'en'] as Language[]) {
    it(`names every Article 30(1) item of each register in ${lang}`, async () => {
      const res = await clients.get('owner')!.request('GET', url('html', lang));
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['content-security-policy']).toContain("default-src 'none'");
      expect(res.headers['content-language']).toBe(lang);
      expect(res.body).toContain(`<html lang="${lang}">`);
      const text = htmlText(res.body);
      const w = RECORD_WORDS[lang];
      // (a) the controller and its contacts
      expect(text).toContain(controller.name);
      expect(text).toContain(controller.business_id);
      expect(text).toContain(w.representativeNone);
      for (const { d } of registers) {
        expect(text).toContain(pick(d.name, lang));
        expect(text).toContain(d.contactPerson.name);
        if (d.dataProtectionOfficer) expect(text).toContain(d.dataProtectionOfficer.email!);
        // (b) purposes with their legal bases
        for (const p of d.purposes) {
          expect(text).toContain(pick(p.name, lang));
          expect(text).toContain(w.legalBases[p.legalBasis]);
        }
        // (c) categories of data subjects and of personal data (catalogue labels and fideslang categories)
        for (const c of d.subjectCategories) expect(text).toContain(pick(c, lang));
        for (const f of d.fields) {
          expect(text).toContain(pick(FIELD_CATALOGUE[f.key].label, lang));
          expect(text).toContain(FIELD_CATALOGUE[f.key].category);
        }
        // (d) recipients with their countries, processors
        for (const r of d.recipients) {
          expect(text).toContain(r.name);
          expect(text).toContain(pick(r.category, lang));
        }
        for (const p of d.processors) expect(text).toContain(p.name);
        // (e) transfers to third countries and their safeguards
        for (const t of d.transfers) {
          expect(text).toContain(t.recipient);
          expect(text).toContain(countryName(t.country, lang));
          expect(text).toContain(w.safeguards[t.safeguard]);
        }
        // (f) time limits for erasure
        for (const r of d.retention) {
          expect(text).toContain(periodText(w, r.period));
          expect(text).toContain(w.triggers[r.trigger]);
          expect(text).toContain(pick(r.reason, lang));
        }
        // (g) security measures
        expect(text).toContain(pick(d.security.manual, lang));
        expect(text).toContain(pick(d.security.electronic, lang));
      }
      expect(text).toContain(lang === 'fi' ? 'Yhdysvallat (US)' : 'United States (US)');
      expect(text).toContain('argon2id');
      expect(text).toContain(lang === 'fi' ? 'rivitason suojaus' : 'row-level security');
      expect(text).toContain(w.sweep(lang === 'en' ? '03:30' : '03.30'));
      // Live facts: counts, never a customer.
      expect(text).toContain(`${w.customers} 2 ${w.erased} 1`);
      expect(text).toContain(`${w.customers} 1 ${w.erased} 0`);
      expect(res.body).not.toContain('asiakas1@example.fi');
    });
  }

  it('is one CSV row per register and purpose, with the headers and the words of the language', async () => {
    const res = await clients.get('owner')!.request('GET', url('csv', 'fi'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="records-of-processing-.*-fi\.csv"$/);
    const rows = parse<Record<string, string>>(res.body, { bom: true, columns: true });
    const w = RECORD_WORDS.fi;
    expect(rows).toHaveLength(registers.reduce((n, r) => n + r.d.purposes.length, 0));
    for (const { id, d } of registers) {
      const mine = rows.filter((r) => r[w.csv.registerId] === id);
      expect(mine.map((r) => r[w.csv.purposeKey])).toEqual(d.purposes.map((p) => p.key));
      for (const [i, p] of d.purposes.entries()) {
        const row = mine[i]!;
        expect(row[w.csv.controller]).toBe(controller.name);
        expect(row[w.csv.register]).toBe(pick(d.name, 'fi'));
        expect(row[w.csv.purpose]).toBe(pick(p.name, 'fi'));
        expect(row[w.csv.legalBasis]).toBe(w.legalBases[p.legalBasis]);
        // The purpose's own data only, with fideslang categories.
        for (const f of d.fields)
          expect(row[w.csv.dataCategories]!.includes(`${pick(FIELD_CATALOGUE[f.key].label, 'fi')} (`)).toBe(
            f.purposes.includes(p.key),
          );
        for (const r of d.recipients) expect(row[w.csv.recipients]!.includes(r.name)).toBe(r.purposes.includes(p.key));
        for (const t of d.transfers) expect(row[w.csv.transfers]).toContain(t.recipient);
      }
    }
    const logistics = rows.find((r) => r[w.csv.registerId] === registers[1]!.id)!;
    expect(logistics[w.csv.thirdCountries]).toBe('Yhdysvallat (US)');
    expect(logistics[w.csv.customers]).toBe('1');
  });

  it('reads back from the PDF with the register names and the retention periods', async () => {
    const res = await clients.get('viewer')!.request('GET', url('pdf', 'fi'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(res.rawPayload);
    const w = RECORD_WORDS.fi;
    expect(text).toContain(w.title);
    expect(text).toContain(controller.name);
    for (const { d } of registers) {
      expect(text).toContain(pick(d.name, 'fi'));
      for (const r of d.retention) expect(text).toContain(`${periodText(w, r.period)} ${w.triggers[r.trigger]}`);
      for (const t of d.transfers) expect(text).toContain(w.safeguards[t.safeguard]);
    }
    expect(text).toMatch(/Sivu 1\/\d+/);
  });

  it('records each download in the audit trail, without customers', async () => {
    await clients.get('owner')!.request('GET', url('html', 'sv'));
    const events = await database.db
      .selectFrom('processing_events')
      .select(['action', 'actor_type', 'subject_id', 'fields'])
      .where('controller_id', '=', controller.id)
      .where('action', '=', 'records.exported')
      .execute();
    expect(events.length).toBeGreaterThanOrEqual(1);
    expect(events.every((e) => e.actor_type === 'staff' && e.subject_id === null)).toBe(true);
    expect(events.map((e) => e.fields)).toContainEqual(['format:html', 'lang:sv']);
  });

  it('answers bad input with a problem naming the field, and 404 to someone without a role', async () => {
    const bad = await clients.get('owner')!.request('GET', url('xml', 'de'));
    expect(bad.statusCode).toBe(422);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    const fields = (bad.json<{ errors: { field: string }[] }>().errors ?? []).map((e) => e.field);
    expect(fields.some((f) => f.includes('format'))).toBe(true);

    const { client: stranger } = await staffClient('stranger@records.example.fi', '10.1.0.9');
    expect((await stranger.request('GET', url('html', 'fi'))).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: url('html', 'fi') })).statusCode).toBe(401);
  });
});

describe("the platform operator's record as processor (GDPR 30(2))", () => {
  const processorUrl = (format: string, lang: string) =>
    `/api/v1/records-of-processing/processor?format=${format}&lang=${lang}`;

  it('lists every controller for operators, and is refused to everyone else', async () => {
    const other = await newController(database, 'Toinen Kauppa Oy');
    const { client: operator } = await staffClient('operator@records.example.fi', '10.1.0.20', true);

    const html = await operator.request('GET', processorUrl('html', 'en'));
    expect(html.statusCode, html.body).toBe(200);
    const text = htmlText(html.body);
    const w = RECORD_WORDS.en;
    expect(text).toContain(w.processorTitle);
    for (const c of [controller, other]) {
      expect(text).toContain(c.name);
      expect(text).toContain(c.business_id);
    }
    for (const { d } of registers) expect(text).toContain(pick(d.name, 'en'));
    for (const service of w.processor.services) expect(text).toContain(service);
    expect(text).toContain(w.processor.noSubProcessors);
    expect(text).toContain(w.processor.noTransfers);
    expect(text).toContain('argon2id');
    // Without OPERATOR_NAME the operators' accounts are the contact.
    expect(text).toContain(w.processor.notConfigured);
    expect(text).toContain('operator@records.example.fi');

    const csv = await operator.request('GET', processorUrl('csv', 'sv'));
    expect(csv.statusCode).toBe(200);
    const rows = parse<Record<string, string>>(csv.body, { bom: true, columns: true });
    // A row per register, and one for the controller without registers.
    expect(rows.map((r) => r[RECORD_WORDS.sv.csv.controller]).sort()).toEqual(
      [controller.name, controller.name, other.name].sort(),
    );

    const pdf = await operator.request('GET', processorUrl('pdf', 'fi'));
    expect(pdf.statusCode).toBe(200);
    const pdfWords = await pdfText(pdf.rawPayload);
    expect(pdfWords).toContain(RECORD_WORDS.fi.processorTitle);
    expect(pdfWords).toContain(other.name);

    for (const role of ['owner', 'viewer'] as Role[]) {
      const refused = await clients.get(role)!.request('GET', processorUrl('html', 'fi'));
      expect(refused.statusCode).toBe(403);
      expect(refused.body).not.toContain(other.name);
    }
    expect((await app.inject({ method: 'GET', url: processorUrl('html', 'fi') })).statusCode).toBe(401);
  });

  it('names the operator and the configured mail server (host only) as they are set', async () => {
    const deps = testDeps(database);
    const configured = await buildApp({
      ...deps,
      config: {
        ...deps.config,
        publicUrl: 'https://omadata.example.fi',
        smtpUrl: 'smtp://user:Xq9SmtpPass@smtp.example.net:587',
        operator: { name: 'Alustapalvelu Oy (1234567-1)', contact: 'tietosuoja@alusta.example.fi' },
      },
    });
    try {
      const client = new StaffClient(configured, '10.1.0.21');
      expect((await client.login('operator@records.example.fi', PASSWORD)).statusCode).toBe(200);
      const res = await client.request('GET', processorUrl('html', 'fi'));
      const text = htmlText(res.body);
      expect(text).toContain('Alustapalvelu Oy (1234567-1)');
      expect(text).toContain('tietosuoja@alusta.example.fi');
      expect(text).toContain(RECORD_WORDS.fi.processor.smtp('smtp.example.net'));
      expect(text).toContain(RECORD_WORDS.fi.measures.tls('https://omadata.example.fi'));
      expect(res.body).not.toContain('Xq9SmtpPass');
      expect(text).not.toContain(RECORD_WORDS.fi.processor.noSubProcessors);
    } finally {
      await configured.close();
    }
  });
});
