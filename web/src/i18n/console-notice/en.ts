import type { ConsoleNoticeMessageKey } from './fi.ts';

export const consoleNoticeEn: { readonly [K in ConsoleNoticeMessageKey]: string } = {
  'notice.heading': 'Privacy notice',
  'notice.intro':
    'The notice is generated from the description in force and anyone can read it. Each version has a permanent address that also shows its changes from the version before.',
  'notice.pages': 'Public page',
  'notice.files': 'As files',
  'notice.lang.fi': 'in Finnish',
  'notice.lang.sv': 'in Swedish',
  'notice.lang.en': 'in English',
  'notice.markdown': 'Markdown ({lang})',
  'notice.pdf': 'PDF ({lang})',
};
