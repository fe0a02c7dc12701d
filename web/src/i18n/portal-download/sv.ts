import type { PortalDownloadMessageKey } from './fi.ts';

export const portalDownloadSv: { readonly [K in PortalDownloadMessageKey]: string } = {
  'oma.download.heading': 'Ladda ner dina uppgifter',
  'oma.download.intro':
    'Du får alla dina uppgifter i ett zip-paket: en JSON-fil i maskinläsbar form och CSV-tabeller som öppnas i ett kalkylprogram. Du kan flytta uppgifterna till en annan tjänst.',
  'oma.download.all': 'Ladda ner alla uppgifter (zip)',
  'oma.download.merchant': 'Ladda ner den här butikens uppgifter',
  'oma.download.preparing': 'Dina uppgifter sammanställs för nedladdning…',
  'oma.download.ready': 'Nedladdningen är klar: {file}.',
  'oma.download.busy':
    'Den föregående nedladdningen förbereds fortfarande. Vänta tills den är klar och försök sedan igen.',
  'oma.download.failed': 'Nedladdningen misslyckades.',
};
