/**
 * The public notice of a register: the page in three languages, the Markdown and the PDF (read
 * back as text), each version at its own address with its differences, and the live settings of
 * what the software enforces.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import type { Database } from '../../src/db/database.ts';
import { todayInFinland } from '../../src/finnish-time.ts';
import { apiKeyService } from '../../src/modules/apikeys/api-key.service.ts';
import { registerService } from '../../src/modules/registers/register.service.ts';
import { sweepAll } from '../../src/modules/retention/sweep.service.ts';
import { SECTION_IDS } from '../../src/modules/notices/notice-model.ts';
import { noticeWords } from '../../src/modules/notices/notice-model.ts';
import { createTestDatabase } from '../db.ts';
import { newController, testDeps } from '../factories.ts';
import { htmlText, noticeSections } from './html-text.ts';
import { readPdf } from './pdf-text.ts';

const EXAMPLE = new URL('../../examples/registers/webshop-users.json', import.meta.url);

interface Doc {
  retention: Array<{ key: string; period: { years?: number; months?: number } }>;
  cookies: Array<{ name: string }>;
  sources: Array<Record<string, string>>;
}

let database: Database;
let app: FastifyInstance;
let deps: ReturnType<typeof testDeps>;
let registerId: string;
let auth: Record<string, string>;
let original: Doc;

beforeAll(async () => {
  database = await createTestDatabase();
  deps = testDeps(database);
  app = await buildApp(deps);
  const controller = await newController(database, 'Esimerkkikauppa Oy');
  original = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as Doc;
  registerId = (await database.db.transaction().execute((tx) => registerService(tx).create(controller.id, original)))
    .id;
  auth = { authorization: `Bearer ${(await apiKeyService(database.db).create(controller.id)).key}` };
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

describe('the public notice page', () => {
  it.each([
    ['fi', 'Tietosuojaseloste', 'Henkilötietojen säilytysaika', 'Tietosuojavaltuutetun toimisto'],
    ['sv', 'Dataskyddsbeskrivning', 'Lagringstid för personuppgifter', 'Dataombudsmannens byrå'],
    ['en', 'Privacy notice', 'How long data is kept', 'Office of the Data Protection Ombudsman'],
  ] as const)(
    'in %s: every section, in that language, with no scripts allowed',
    async (lang, title, retention, dpa) => {
      const res = await get(`/notices/${registerId}?lang=${lang}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['content-language']).toBe(lang);
      expect(res.headers['content-security-policy']).toContain("default-src 'none'");
      expect(res.body).toContain(`<html lang="${lang}">`);
      expect(res.body).not.toMatch(/<script/i);
      const sections = noticeSections(res.body);
      expect([...sections.keys()]).toEqual([...SECTION_IDS]);
      for (const id of SECTION_IDS) expect(sections.get(id)).toContain(noticeWords(lang).heading[id]);
      expect(htmlText(res.body)).toContain(`${title}: `);
      expect(sections.get('retention')).toContain(retention);
      expect(sections.get('complaint')).toContain(dpa);
      // The description's own words in this language, and the links to use each right here.
      expect(sections.get('register')).toContain(
        { fi: 'verkkokaupan käyttäjärekisteri', sv: 'webbutikens användarregister', en: 'web-shop user register' }[
          lang
        ],
      );
      expect(res.body).toContain(`href="/oma?lang=${lang}"`);
      expect(res.body).toContain(`href="/requests/new?register=${registerId}&amp;lang=${lang}"`);
    },
  );

  it('takes the language from Accept-Language when none is asked, else Finnish', async () => {
    expect((await get(`/notices/${registerId}`, { 'accept-language': 'sv-FI,sv;q=0.9' })).body).toContain(
      '<html lang="sv">',
    );
    expect((await get(`/notices/${registerId}`)).body).toContain('<html lang="fi">');
  });

  it('answers an unknown or malformed register, or a version that does not exist, with a 404 page', async () => {
    for (const url of [
      '/notices/00000000-0000-4000-8000-000000000000?lang=en',
      '/notices/not-a-register?lang=en',
      `/notices/${registerId}/versions/99?lang=en`,
      `/notices/${registerId}/versions/0?lang=en`,
      `/notices/${registerId}/versions/abc?lang=en`,
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body, url).toContain('Notice not found');
    }
    const bad = await get(`/notices/${registerId}?format=docx`);
    expect(bad.statusCode).toBe(422);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('gives the notice as Markdown with absolute links', async () => {
    const res = await get(`/notices/${registerId}?lang=fi&format=md`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/markdown/);
    expect(res.body).toMatch(/^# Tietosuojaseloste: /);
    for (const id of SECTION_IDS) expect(res.body).toContain(`\n## ${noticeWords('fi').heading[id]}\n`);
    expect(res.body).toContain(`](<${deps.config.publicUrl}/oma?lang=fi>)`);
    expect(res.body).toContain('- Puhelinnumero (');
    expect(res.body).toContain(`<${deps.config.publicUrl}/notices/${registerId}/versions/1?lang=fi>`);
  });

  it.each([
    ['fi', 'Tietosuojaseloste', 'Sivu 1/'],
    ['sv', 'Dataskyddsbeskrivning', 'Sida 1/'],
    ['en', 'Privacy notice', 'Page 1 of'],
  ] as const)('gives a PDF in %s that reads back as the notice', async (lang, title, page) => {
    const res = await get(`/notices/${registerId}?lang=${lang}&format=pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(new RegExp(`-v1-${lang}\\.pdf"$`));
    const pdf = await readPdf(res.rawPayload);
    expect(pdf.title.startsWith(`${title}: `)).toBe(true);
    expect(pdf.pages.length).toBeGreaterThan(1);
    expect(pdf.pages[0]).toContain(page);
    const w = noticeWords(lang);
    for (const id of SECTION_IDS) expect(pdf.text).toContain(w.heading[id]);
    expect(pdf.text).toContain(w.ombudsman.name);
    expect(pdf.text).toContain('tietosuoja@om.fi');
    // A long address wraps at a hyphen; a reader joins it again.
    expect(pdf.text.replace(/\s/g, '')).toContain(
      `${deps.config.publicUrl}/requests/new?register=${registerId}&lang=${lang}`,
    );
    expect(pdf.text).toContain(
      {
        fi: '2 vuotta viimeisestä asioinnista',
        sv: '2 år från den senaste kontakten',
        en: '2 years from the last dealing',
      }[lang],
    );
  });
});

describe('versions of the notice', () => {
  it('shows the nightly retention sweep and the date it last ran, not counting dry runs', async () => {
    const before = noticeSections((await get(`/notices/${registerId}?lang=fi`)).body);
    expect(before.get('retention')).toContain('tarkistus joka yö klo 3.30 Suomen aikaa; sitä ei ole vielä ajettu');
    await sweepAll(database, deps.secretBox, { asOf: new Date(), dryRun: true, registerId });
    expect(noticeSections((await get(`/notices/${registerId}?lang=fi`)).body).get('retention')).toContain(
      'sitä ei ole vielä ajettu',
    );
    await sweepAll(database, deps.secretBox, { asOf: new Date(), dryRun: false, registerId });
    const [y, m, d] = todayInFinland().split('-').map(Number);
    const after = noticeSections((await get(`/notices/${registerId}?lang=fi`)).body);
    expect(after.get('retention')).toContain(
      `Poistetaan automaattisesti 2 vuoden kuluttua asiakkaan viimeisestä asioinnista, ellei toinen tämän luettelon sääntö säilytä niitä pidempään; tarkistus joka yö klo 3.30 Suomen aikaa, viimeksi ${d}.${m}.${y}.`,
    );
    expect(after.get('enforcement')).toContain(`viimeksi ${d}.${m}.${y}`);
    expect(after.get('enforcement')).toContain('peruutuslinkki');
  });

  it('publishing an edited retention rule makes a new version whose differences each version page shows', async () => {
    const edited = structuredClone(original);
    edited.retention.find((r) => r.key === 'inactive_deletion')!.period = { years: 3 };
    edited.cookies = edited.cookies.filter((c) => c.name !== '_fbp');
    edited.sources.push({ fi: 'Messutapahtumat', sv: 'Mässor', en: 'Trade fairs' });
    const published = await app.inject({
      method: 'POST',
      url: `/api/v1/registers/${registerId}/description`,
      headers: { ...auth, 'content-type': 'application/json' },
      payload: JSON.stringify(edited),
    });
    expect(published.statusCode, published.body).toBe(201);
    expect(published.json().version).toBe(2);

    // The address of the notice shows the version in force, and lists both with their differences.
    const current = await get(`/notices/${registerId}?lang=fi`);
    const text = htmlText(current.body);
    expect(text).toContain('Versio 2 · Julkaistu');
    expect(noticeSections(current.body).get('retention')).toContain('3 vuotta viimeisestä asioinnista');
    expect(text).toMatch(
      /Versio 2 \(voimassa oleva seloste\) \S+ 3 muutosta: Säännönmukaiset tietolähteet, Henkilötietojen säilytysaika, Evästeet ja analytiikka/,
    );
    expect(text).toMatch(/Versio 1 \S+ Ensimmäinen versio/);
    expect(current.body).toContain(`href="/notices/${registerId}/versions/1?lang=fi"`);

    // The version's permanent page names what changed, section by section.
    const page = await get(`/notices/${registerId}/versions/2?lang=fi`);
    expect(page.statusCode).toBe(200);
    const changes = htmlText(/<section class="diff"[\s\S]*?<\/section>/.exec(page.body)![0]);
    expect(changes).toContain('Muutokset versioon 1 verrattuna');
    expect(changes).toMatch(/Säännönmukaiset tietolähteet Lisätty Messutapahtumat/);
    expect(changes).toMatch(
      /Henkilötietojen säilytysaika Muutettu Ennen: [^—]*: 2 vuotta viimeisestä asioinnista — .* Nyt: [^—]*: 3 vuotta viimeisestä asioinnista/,
    );
    expect(changes).toMatch(
      /Evästeet ja analytiikka Poistettu _fbp – Meta Platforms Ireland Limited \(Facebook\): markkinointi/,
    );
    expect(changes).not.toContain('Rekisterin tietosisältö');

    // Version 1 stays as it was published, and points to the notice in force.
    const first = await get(`/notices/${registerId}/versions/1?lang=fi`);
    expect(noticeSections(first.body).get('retention')).toContain('2 vuotta viimeisestä asioinnista');
    expect(noticeSections(first.body).get('cookies')).toContain('_fbp');
    expect(first.body).not.toContain('class="diff"');
    expect(first.body).toContain(`href="/notices/${registerId}?lang=fi">Voimassa oleva seloste</a>`);

    // The Markdown and PDF of a version carry the same differences; in English too.
    const md = (await get(`/notices/${registerId}/versions/2?lang=en&format=md`)).body;
    expect(md).toContain('## Changes since version 1');
    expect(md).toContain('- Added: Trade fairs');
    const pdf = await readPdf((await get(`/notices/${registerId}/versions/2?lang=fi&format=pdf`)).rawPayload);
    expect(pdf.text).toContain('Muutokset versioon 1 verrattuna');
    expect(pdf.text).toMatch(/Nyt: .*3 vuotta viimeisestä asioinnista/);
  });
});
