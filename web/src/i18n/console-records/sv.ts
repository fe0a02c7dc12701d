import type { ConsoleRecordsMessageKey } from './fi.ts';

export const consoleRecordsSv: { readonly [K in ConsoleRecordsMessageKey]: string } = {
  'records.heading': 'Register över behandling',
  'records.intro':
    'Registret enligt artikel 30 i EU:s dataskyddsförordning över alla register, upprättat utifrån varje registers gällande registerbeskrivning: ändamålen med behandlingen, kategorierna av registrerade och uppgifter, mottagarna, överföringarna, tidsfristerna för radering och säkerhetsåtgärderna. Det innehåller inga kunduppgifter, bara antalet kunder. Varje nedladdning loggas.',
  'records.caption': 'Nedladdningar av registret per språk och format',
  'records.language': 'Språk',
  'records.format': 'Format',
  'records.link': '{format}, {language}',
  'records.processorHeading': 'Personuppgiftsbiträdets register',
  'records.processorIntro':
    'Tjänstens operatörs register som personuppgiftsbiträde (artikel 30.2): alla personuppgiftsansvariga som använder tjänsten, behandlingen för deras räkning, underbiträden, överföringar och säkerhetsåtgärder.',
  'records.processorCaption': 'Nedladdningar av biträdets register per språk och format',

  'noticeChanges.heading': 'Meddelanden om ändringar i beskrivningen',
  'noticeChanges.intro':
    'När en ny version lägger till eller tar bort ett ändamål, ändrar dess rättsliga grund eller lämnar ut uppgifter till en ny mottagare, köas ett meddelande till varje kund vars uppgifter ändringen gäller. Utskicket till kunderna kommer senare; här visas antalet köade meddelanden.',
  'noticeChanges.caption': 'Köade meddelanden per version',
  'noticeChanges.version': 'Version',
  'noticeChanges.queued': 'Köade',
  'noticeChanges.delivered': 'Skickade',
  'noticeChanges.none': 'Registret har bara en version: det finns inga ändringar.',
};
