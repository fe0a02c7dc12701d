/**
 * Each of the five seed notices (../shared/seeds/, mapped to examples/registers/ in
 * docs/register-descriptions.md) rendered back as a Finnish notice: every section the seed has
 * and every item it lists must be on the public page, in its own section, by the field
 * catalogue's label or the description's own words. The lists below were taken from the seeds
 * by hand; a notice that drops or misfiles one of them fails.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import type { Database } from '../../src/db/database.ts';
import { parseDescription, registerService } from '../../src/modules/registers/register.service.ts';
import { noticeProblems } from '../../src/modules/notices/notice-check.ts';
import { SECTION_IDS, type SectionId } from '../../src/modules/notices/notice-model.ts';
import { createTestDatabase } from '../db.ts';
import { newController, testDeps } from '../factories.ts';
import { noticeSections } from './html-text.ts';

type Expected = Partial<Record<SectionId, string[]>>;

/** Labels of the field catalogue that several seeds list. */
const NAME = ['Etunimi', 'Sukunimi'];
const ADDRESS = ['Katuosoite', 'Postinumero', 'Postitoimipaikka'];

/** The rights every seed names, as the notice says them, and where to use them. */
const RIGHTS = [
  'Oikeus tarkastaa tietosi',
  'Oikeus tietojen oikaisemiseen',
  'Oikeus tietojen poistamiseen',
  'Oikeus käsittelyn rajoittamiseen',
  'Oikeus vastustaa käsittelyä',
  'Oikeus siirtää tiedot järjestelmästä toiseen',
  'Suoramarkkinoinnin voit kieltää',
  'Oma-palvelu',
  'Pyyntölomake',
];
const COMPLAINT = ['Tietosuojavaltuutetun toimisto', 'PL 800, 00531 Helsinki', '+358 29 566 6700', 'tietosuoja@om.fi'];

const SEEDS: Array<{ seed: string; file: string; expected: Expected }> = [
  {
    seed: '000 (commerce platform)',
    file: 'commerce-platform-central.json',
    expected: {
      controller: ['Esimerkkikauppa Oy', 'Y-tunnus'],
      contact: ['Sähköposti'],
      data: [
        ...NAME,
        ...ADDRESS,
        'Maa',
        'Puhelinnumero',
        'Sähköpostiosoite',
        'Henkilötunnus',
        'Tilaushistoria',
        'Tilauksen lähdesivu',
        'IP-osoite',
        'Ehtojen hyväksyntä',
        'Markkinointiluvat ja -kiellot',
        'Yrityksen nimi',
        'Y-tunnus',
        'Verkkolaskuosoite',
        'Välittäjätunnus',
        'Viite',
        'Merkki',
      ],
      externalData: ['Anonyymi seurantadata ostoprosessista'],
      purposes: [
        'keskitetty hallinta',
        'Rekisteröidyn oikeuksien tekninen toteuttaminen',
        'Sähköisen markkinoinnin lupien',
        'ennakkosyöttö tilauslomakkeelle',
        'Palveluun liittyvä viestintä ja asiakassuhteen hoitaminen',
        'palvelun kehittäminen ja parantaminen',
        'Palvelun suojaaminen',
        'personointi',
        'Alustan käyttöä koskeva analysointi ja tilastointi',
        'Asiakkuuksien kehittäminen, analysointi, ryhmittely ja tilastointi',
        'Väärinkäytösten ennaltaehkäisy ja selvittäminen',
        'peruste: sopimus',
        'peruste: suostumus',
      ],
      sources: ['Rekisteröity itse sähköisesti', 'Tilausprosessissa syntyvät tiedot'],
      retention: [
        '3 vuotta viimeisestä asioinnista',
        'kirjanpitolain (1336/1997)',
        '10 vuotta tilikauden päättymisestä',
      ],
      recipients: ['Alustaa käyttävät kauppiaat', 'Alustan yhteistyökumppanit', 'Liiketoiminnan ostaja'],
      processors: ['Amazon Web Services EMEA SARL', 'Irlanti', 'Esimerkki Support Inc.'],
      transfers: ['Esimerkki Support Inc., Yhdysvallat', 'vakiosopimuslausekkeet'],
      security: ['henkilökunta', 'palomuurilla', 'Amazon EC2', 'HTTPS'],
      profiling: ['ei missään tilanteessa käytä profilointia'],
      rights: RIGHTS,
      complaint: COMPLAINT,
    },
  },
  {
    seed: '001 (web agency)',
    file: 'web-agency-site.json',
    expected: {
      contact: ['Laura Esimerkki', 'laura@example.fi', '+358 40 123 4502'],
      register: ['verkkosivujen asiakasrekisteri'],
      purposes: [
        'Asiakassuhteen hoitaminen ja ylläpito',
        'Asiakaskirjeet ja tiedotteet',
        'Asiakaskyselyt',
        'Palveluiden toteuttaminen, myynti ja hallinta',
        'Palveluiden laskuttaminen',
        'suoramarkkinointi',
        'mielipide- ja markkinatutkimukset',
      ],
      data: [
        'Kiinnostuksen kohteet',
        'IP-osoite',
        'Asiakaspalaute',
        'Tilaushistoria',
        ...NAME,
        ...ADDRESS,
        'Sähköpostiosoite',
        'Puhelinnumero',
        'Yrityksen nimi',
        'Y-tunnus',
        'Verkkolaskuosoite',
        'Markkinointiluvat ja -kiellot',
      ],
      externalData: ['Evästeiden ja Google Analytics', 'Sosiaalisen median kanavista'],
      sources: ['Asiakas itse', 'Palvelun yhteydessä muodostuneet tiedot'],
      recipients: ['Yhteistyökumppanit', 'Viranomaiset'],
      transfers: ['ActiveCampaign, LLC, Yhdysvallat', 'vakiosopimuslausekkeet'],
      security: ['vaitiolo- ja salassapitovelvollisuus', 'Manuaalinen aineisto', 'Sähköisesti käsiteltävät tiedot'],
      cookies: ['_ga', 'Google Analytics', 'ActiveCampaign'],
      rights: RIGHTS,
      complaint: COMPLAINT,
    },
  },
  {
    seed: '002 (logistics)',
    file: 'logistics-customers.json',
    expected: {
      contact: ['Sähköposti', 'Puhelin', 'Osoite'],
      purposes: [
        'Asiakasrekisterin ylläpitäminen ja asiakassuhteen hoitaminen',
        'tilausten hallinnointi, käsittely ja arkistointi',
        'Toiminnan kehittäminen ja tilastolliset tarkoitukset',
        'kohdennetun sisällön',
        'Mainonnan kohdistaminen omissa rekistereissämme',
        'postitustarrat',
      ],
      legitimateInterests: ['Asiakasrekisterin ylläpitäminen'],
      data: [
        ...NAME,
        'Yrityksen nimi',
        'Sähköpostiosoite',
        ...ADDRESS,
        'Puhelinnumero',
        'WWW-osoite',
        'IP-osoite',
        'Tilaushistoria',
        'Verkkolaskuosoite',
      ],
      sources: ['rekisteröitymiset', 'päivityspalveluja tarjoavilta', 'Alihankkijat', 'Yhteistyökumppaneiden sivustot'],
      retention: ['10 vuotta asiakassuhteen tai jäsenyyden päättymisestä'],
      recipients: ['Luottotietoyhtiö', 'Perintätoimisto', 'Viranomaiset'],
      processors: ['Taloushallinto'],
      transfers: ['Esimerkki Cloud Inc., Yhdysvallat'],
      security: ['lukituissa ja paloturvallisissa', 'palomuuri'],
      cookies: ['Google Analytics', '_ga', 'IDE'],
      externalData: ['IP-osoite, vierailun ajankohta', 'Google Analytics Demographics'],
      profiling: ['Emme tee pelkästään automaattiseen käsittelyyn perustuvia päätöksiä'],
      rights: RIGHTS,
      complaint: COMPLAINT,
    },
  },
  {
    seed: '003 (wellness practice)',
    file: 'wellness-practice.json',
    expected: {
      data: [
        ...NAME,
        'Yrityksen nimi',
        'Sähköpostiosoite',
        ...ADDRESS,
        'Puhelinnumero',
        'Tilaushistoria',
        'Syntymäaika',
      ],
      purposes: [
        'Asiakasrekisterin ylläpitäminen ja asiakassuhteen hoitaminen',
        'tilausten hallinnointi, käsittely ja arkistointi',
        'Yrityksen toiminnan kehittäminen ja tilastolliset tarkoitukset',
        'kohdennetun sisällön',
        'Mainonnan kohdistaminen',
        'postitustarrat',
      ],
      sources: [
        'ostokset yrityksen tiloissa, verkkopalvelussa tai jälleenmyyjillä',
        'rekisteröitymiset',
        'Alihankkijat',
      ],
      recipients: ['Maksu- ja laskutuspalvelun tarjoaja', 'Perintätoimisto', 'Viranomaiset'],
      retention: ['avoimet laskut tai perintätoimet'],
      transfers: ['Esimerkki Mail Inc., Yhdysvallat'],
      security: ['lukituissa ja paloturvallisissa', 'palomuuri'],
      cookies: ['Google Analytics', 'IDE'],
      externalData: ['Google Analytics Demographics'],
      rights: [...RIGHTS, 'Oikeus tietojen poistamiseen'],
      complaint: COMPLAINT,
    },
  },
  {
    seed: '004 (web shop)',
    file: 'webshop-users.json',
    expected: {
      dpo: ['Sähköposti'],
      purposes: [
        'Asiakassuhteen hoitaminen ja asiakasviestintä',
        'Verkkokauppa-asiointi sekä varaukset ja tilaukset',
        'Palveluistamme kertominen',
        'Asiakaspalvelu ja yhteydenottopyyntöihin vastaaminen',
        'Palveluidemme ja tuotteidemme käytön seuranta ja analysointi',
        'Liiketoimintamme kehittäminen',
        'Markkinoinnin ja mainonnan kohdentaminen',
        'peruste: sopimus',
        'peruste: suostumus',
      ],
      data: [
        ...NAME,
        ...ADDRESS,
        'Puhelinnumero',
        'Sähköpostiosoite',
        'Tilaushistoria',
        'Markkinointiluvat ja -kiellot',
      ],
      retention: [
        '2 vuotta viimeisestä asioinnista',
        '10 vuotta tilikauden päättymisestä',
        'kirjanpitolain (1336/1997) 2 luvun 10',
        'jokaisessa markkinointisähköpostissa olevan linkin',
      ],
      sources: ['verkkokaupan tilaus', 'sosiaalisen median', 'manuaalisesti'],
      recipients: ['Kuljetusyhtiöt', 'Maksunvälittäjä', 'Viranomaiset', 'Liiketoiminnan ostaja'],
      processors: ['Esimerkki Verkkokauppa-alusta Oy', 'Esimerkki Tilitoimisto Oy'],
      security: ['käyttäjäkohtaisin tunnuksin, salasanoin ja käyttöoikeuksin', 'SSL/TLS'],
      cookies: ['Google Analytics', '_fbp', 'Meta Platforms'],
      profiling: ['Tietoja ei käytetä automatisoituun päätöksentekoon'],
      rights: [...RIGHTS, 'Oikeus peruuttaa suostumus'],
      complaint: COMPLAINT,
      enforcement: ['peruutuslinkki'],
    },
  },
  {
    seed: '004 (loyalty register)',
    file: 'loyalty-members.json',
    expected: {
      dpo: ['Sähköposti'],
      purposes: ['Kanta-asiakkuuden hoitaminen', 'Markkinoinnin kohdentaminen'],
      data: [
        ...NAME,
        ...ADDRESS,
        'Puhelinnumero',
        'Sähköpostiosoite',
        'Tilaushistoria',
        'Markkinointiluvat ja -kiellot',
      ],
      retention: ['1 kuukausi asiakassuhteen tai jäsenyyden päättymisestä', '10 vuotta tilikauden päättymisestä'],
      sources: ['Kanta-asiakas itse', 'manuaalisesti'],
      recipients: ['Viranomaiset', 'Liiketoiminnan ostaja'],
      profiling: ['Tietoja ei käytetä automatisoituun päätöksentekoon'],
      rights: RIGHTS,
      complaint: COMPLAINT,
    },
  },
];

describe('the Finnish notice of each seed has every section and item the seed listed', () => {
  let database: Database;
  let app: FastifyInstance;
  let controllerId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await buildApp(testDeps(database));
    controllerId = (await newController(database, 'Esimerkkikauppa Oy')).id;
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it.each(SEEDS)('seed $seed → $file', async ({ file, expected }) => {
    const document: unknown = JSON.parse(
      readFileSync(new URL(`../../examples/registers/${file}`, import.meta.url), 'utf8'),
    );
    // Each example could be published as a new version: its notice lacks nothing the law requires.
    expect(noticeProblems(parseDescription(document))).toEqual([]);
    const register = await database.db
      .transaction()
      .execute((tx) => registerService(tx).create(controllerId, document));
    const res = await app.inject({ method: 'GET', url: `/notices/${register.id}?lang=fi` });
    expect(res.statusCode).toBe(200);
    const sections = noticeSections(res.body);

    // Every section of a notice, the seeds' own and those GDPR 13 and 14 add, in this order.
    expect([...sections.keys()]).toEqual([...SECTION_IDS]);
    for (const [id, text] of sections) expect(text.length, `section ${id} is empty`).toBeGreaterThan(20);

    const missing: string[] = [];
    for (const [id, items] of Object.entries(expected) as Array<[SectionId, string[]]>) {
      const text = sections.get(id)!.toLowerCase();
      for (const want of items) if (!text.includes(want.toLowerCase())) missing.push(`${id}: ${want}`);
    }
    expect(missing).toEqual([]);

    // Each right is used here: the portal and this register's request form.
    expect(res.body).toContain('href="/oma?lang=fi"');
    expect(res.body).toContain(`href="/requests/new?register=${register.id}&amp;lang=fi"`);
    // Retention is enforced by the nightly sweep, with its schedule from the job table.
    expect(sections.get('retention')).toContain('tarkistus joka yö klo 3.30');
  });
});
