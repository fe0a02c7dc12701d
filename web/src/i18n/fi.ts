import { consoleFi } from './console/fi.ts';
import { portalFi } from './portal/fi.ts';
import { portalOidcFi } from './portal-oidc/fi.ts';
import { portalDownloadFi } from './portal-download/fi.ts';
import { consoleRequestFi } from './console-request/fi.ts';
import { consoleRequestsFi } from './console-requests/fi.ts';
import { consoleNoticeFi } from './console-notice/fi.ts';
import { consoleRecordsFi } from './console-records/fi.ts';

/**
 * Finnish, the reference catalogue: its keys are the message keys, and sv.ts and en.ts must have
 * exactly these keys (enforced by the `Messages` type). `{name}` marks a value filled in by `t()`.
 * The staff console's messages live in console/fi.ts and are spread in at the end.
 */
export const fi = {
  'lang.label': 'Kieli',

  'layout.skipLink': 'Siirry pääsisältöön',
  'layout.homeLink': 'Omadata, etusivu',
  'layout.footer': 'Omadata – asiakasrekisteri kauppiaille, tietosuojaoikeudet asiakkaille.',

  'front.title': 'Tietosi kaikista kaupoista yhdessä paikassa',
  'front.intro':
    'Omadatasta näet yhdestä paikasta, mitä tietoja sitä käyttävät kaupat ovat sinusta tallentaneet, ja voit itse päättää niistä. Kauppiaalle Omadata on asiakasrekisteri, joka pitää jokaisen tietosuojaselosteessa annetun lupauksen.',
  'front.developers': 'Kehittäjille',
  'front.apiDocs': 'API-dokumentaatio',
  'front.openApi': 'OpenAPI-kuvaus (JSON)',
  'front.status': 'Palvelun tila',
  'front.status.checking': 'Tarkistetaan palvelun tilaa…',
  'front.status.ok': 'Palvelu on käynnissä, tietokanta: {database}',
  'front.status.databaseDown': 'Palvelu on käynnissä, mutta tietokanta ei vastaa.',
  'front.status.error': 'Palvelun tilaa ei voitu tarkistaa. Yritä myöhemmin uudelleen.',
  'front.status.db.pglite': 'sisäänrakennettu',
  'front.status.db.postgres': 'PostgreSQL',

  'portal.title': 'Omat tietosi',

  'console.title': 'Henkilökunnan konsoli',
  'console.body':
    'Kirjaudu sisään henkilökunnan tunnuksellasi. Tunnukset luodaan kutsusta: jos tarvitset pääsyn, pyydä kutsu työnantajasi Omadata-tilin omistajalta.',

  'notFound.title': 'Sivua ei löytynyt',
  'notFound.body': 'Osoitteessa {path} ei ole sivua. Tarkista osoite tai siirry etusivulle.',

  'common.toFrontPage': 'Etusivulle',
  'common.loading': 'Ladataan…',

  ...consoleFi,
  ...portalFi,
  ...portalOidcFi,
  ...portalDownloadFi,
  ...consoleRequestFi,
  ...consoleRequestsFi,
  ...consoleNoticeFi,
  ...consoleRecordsFi,
} satisfies Record<string, string>;

export type MessageKey = keyof typeof fi;
/** A catalogue for another language: every key of fi, and no others. */
export type Messages = { readonly [K in MessageKey]: string };
