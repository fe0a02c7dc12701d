import type { ConsoleNoticeMessageKey } from './fi.ts';

export const consoleNoticeSv: { readonly [K in ConsoleNoticeMessageKey]: string } = {
  'notice.heading': 'Dataskyddsbeskrivning',
  'notice.intro':
    'Beskrivningen skapas från den gällande registerbeskrivningen och kan läsas av alla. Varje version har en permanent adress där också ändringarna jämfört med föregående version syns.',
  'notice.pages': 'Offentlig sida',
  'notice.files': 'Som filer',
  'notice.lang.fi': 'på finska',
  'notice.lang.sv': 'på svenska',
  'notice.lang.en': 'på engelska',
  'notice.markdown': 'Markdown ({lang})',
  'notice.pdf': 'PDF ({lang})',
};
