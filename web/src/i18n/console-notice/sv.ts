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
  'notice.problem.contact':
    'Beskrivningen måste berätta hur kontaktpersonen nås: ange e-postadress, telefonnummer eller postadress.',
  'notice.problem.dpoContact':
    'Dataskyddsombudets kontaktuppgifter måste anges: e-postadress, telefonnummer eller postadress.',
  'notice.problem.withdrawal':
    'Ändamålet grundar sig på samtycke, men samtycket kan inte återkallas: koppla ändamålet till de uppgifter det använder eller till de kakor som samlar in dess uppgifter.',
  'notice.problem.transferCopy':
    'Berätta hur man får en kopia av skyddsåtgärderna för överföringen eller vilket undantag den grundar sig på.',
  'notice.problem.transfer':
    'Personuppgiftsbiträdet finns utanför EU och EES: lägg till överföringen med dess skyddsåtgärder under överföringar (transfers).',
};
