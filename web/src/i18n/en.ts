import type { Messages } from './fi.ts';
import { consoleEn } from './console/en.ts';
import { portalEn } from './portal/en.ts';
import { portalOidcEn } from './portal-oidc/en.ts';
import { portalDownloadEn } from './portal-download/en.ts';
import { consoleRequestEn } from './console-request/en.ts';
import { consoleRequestsEn } from './console-requests/en.ts';
import { consoleNoticeEn } from './console-notice/en.ts';
import { consoleRecordsEn } from './console-records/en.ts';

export const en: Messages = {
  'lang.label': 'Language',

  'layout.skipLink': 'Skip to main content',
  'layout.homeLink': 'Omadata, front page',
  'layout.footer': 'Omadata – customer registers for merchants, privacy rights for their customers.',

  'front.title': 'Your data from every shop, in one place',
  'front.intro':
    'Omadata shows you in one place what the shops that use it have stored about you, and lets you decide what happens to that data. For merchants, Omadata is a customer register that keeps every promise made in their privacy notice.',
  'front.developers': 'For developers',
  'front.apiDocs': 'API documentation',
  'front.openApi': 'OpenAPI description (JSON)',
  'front.status': 'Service status',
  'front.status.checking': 'Checking the service status…',
  'front.status.ok': 'The service is running, database: {database}',
  'front.status.databaseDown': 'The service is running, but the database is not responding.',
  'front.status.error': 'Could not check the service status. Please try again later.',
  'front.status.db.pglite': 'embedded',
  'front.status.db.postgres': 'PostgreSQL',

  'portal.title': 'Your data',

  'console.title': 'Staff console',
  'console.body':
    "Log in with your staff account. Accounts are created by invitation: if you need access, ask the owner of your employer's Omadata account to invite you.",

  'notFound.title': 'Page not found',
  'notFound.body': 'There is no page at {path}. Check the address or go to the front page.',

  'common.toFrontPage': 'To the front page',
  'common.loading': 'Loading…',

  ...consoleEn,
  ...portalEn,
  ...portalOidcEn,
  ...portalDownloadEn,
  ...consoleRequestEn,
  ...consoleRequestsEn,
  ...consoleNoticeEn,
  ...consoleRecordsEn,
};
