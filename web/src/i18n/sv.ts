import type { Messages } from './fi.ts';
import { consoleSv } from './console/sv.ts';
import { portalSv } from './portal/sv.ts';
import { portalOidcSv } from './portal-oidc/sv.ts';
import { portalDownloadSv } from './portal-download/sv.ts';
import { consoleRequestSv } from './console-request/sv.ts';
import { consoleRequestsSv } from './console-requests/sv.ts';
import { consoleNoticeSv } from './console-notice/sv.ts';
import { consoleRecordsSv } from './console-records/sv.ts';

export const sv: Messages = {
  'lang.label': 'Språk',

  'layout.skipLink': 'Hoppa till huvudinnehållet',
  'layout.homeLink': 'Omadata, startsidan',
  'layout.footer': 'Omadata – kundregister för handlare, dataskyddsrättigheter för kunder.',

  'front.title': 'Dina uppgifter från alla butiker på ett ställe',
  'front.intro':
    'I Omadata ser du på ett ställe vilka uppgifter butikerna som använder tjänsten har sparat om dig, och du bestämmer själv över dem. För handlare är Omadata ett kundregister som håller vartenda löfte i dataskyddsbeskrivningen.',
  'front.developers': 'För utvecklare',
  'front.apiDocs': 'API-dokumentation',
  'front.openApi': 'OpenAPI-beskrivning (JSON)',
  'front.status': 'Tjänstens status',
  'front.status.checking': 'Kontrollerar tjänstens status…',
  'front.status.ok': 'Tjänsten är i gång, databas: {database}',
  'front.status.databaseDown': 'Tjänsten är i gång, men databasen svarar inte.',
  'front.status.error': 'Det gick inte att kontrollera tjänstens status. Försök igen senare.',
  'front.status.db.pglite': 'inbyggd',
  'front.status.db.postgres': 'PostgreSQL',

  'portal.title': 'Dina uppgifter',

  'console.title': 'Konsol för personalen',
  'console.body':
    'Logga in med ditt personalkonto. Konton skapas genom inbjudan: om du behöver åtkomst, be ägaren av din arbetsgivares Omadata-konto om en inbjudan.',

  'notFound.title': 'Sidan hittades inte',
  'notFound.body': 'Det finns ingen sida på adressen {path}. Kontrollera adressen eller gå till startsidan.',

  'common.toFrontPage': 'Till startsidan',
  'common.loading': 'Laddar…',

  ...consoleSv,
  ...portalSv,
  ...portalOidcSv,
  ...portalDownloadSv,
  ...consoleRequestSv,
  ...consoleRequestsSv,
  ...consoleNoticeSv,
  ...consoleRecordsSv,
};
