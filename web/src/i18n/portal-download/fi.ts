/**
 * The portal's download messages in Finnish, the reference: sv.ts and en.ts in this folder have
 * exactly these keys. They are part of the app's catalogue (../fi.ts spreads them in).
 */
export const portalDownloadFi = {
  'oma.download.heading': 'Lataa tietosi',
  'oma.download.intro':
    'Saat kaikki tietosi yhtenä zip-pakettina: JSON-tiedoston koneluettavassa muodossa ja CSV-taulukot, jotka aukeavat taulukkolaskentaohjelmassa. Voit siirtää tiedot toiseen palveluun.',
  'oma.download.all': 'Lataa kaikki tiedot (zip)',
  'oma.download.merchant': 'Lataa tämän kaupan tiedot',
  'oma.download.preparing': 'Tietojasi kootaan ladattavaksi…',
  'oma.download.ready': 'Lataus on valmis: {file}.',
  'oma.download.busy': 'Edellistä latausta valmistellaan vielä. Odota, kunnes se on valmis, ja yritä sitten uudelleen.',
  'oma.download.failed': 'Lataus epäonnistui.',
} satisfies Record<string, string>;

export type PortalDownloadMessageKey = keyof typeof portalDownloadFi;
