/**
 * The records of processing and the notice changes in Finnish, the reference: sv.ts and en.ts in
 * this folder have exactly these keys. They are part of the app's catalogue (../fi.ts spreads them in).
 */
export const consoleRecordsFi = {
  'records.heading': 'Seloste käsittelytoimista',
  'records.intro':
    'EU:n tietosuoja-asetuksen 30 artiklan mukainen seloste kaikista rekistereistä, laadittuna kunkin rekisterin voimassa olevasta rekisteriselosteesta: käsittelyn tarkoitukset, rekisteröityjen ja tietojen ryhmät, vastaanottajat, siirrot, poistamisen määräajat ja turvatoimet. Siinä ei ole asiakkaiden tietoja, vain asiakasmäärät. Jokainen lataus kirjataan lokiin.',
  'records.caption': 'Selosteen lataukset kielittäin ja muodoittain',
  'records.language': 'Kieli',
  'records.format': 'Muoto',
  'records.link': '{format}, {language}',
  'records.processorHeading': 'Käsittelijän seloste',
  'records.processorIntro':
    'Palvelun ylläpitäjän seloste henkilötietojen käsittelijänä (30 artiklan 2 kohta): kaikki palvelua käyttävät rekisterinpitäjät, heidän lukuunsa tehtävä käsittely, alikäsittelijät, siirrot ja turvatoimet.',
  'records.processorCaption': 'Käsittelijän selosteen lataukset kielittäin ja muodoittain',

  'noticeChanges.heading': 'Ilmoitukset selosteen muutoksista',
  'noticeChanges.intro':
    'Kun uusi versio lisää tai poistaa käyttötarkoituksen, muuttaa sen oikeusperustetta tai luovuttaa tietoja uudelle vastaanottajalle, jokaiselle asiakkaalle, jonka tietoja muutos koskee, jonotetaan ilmoitus. Ilmoitusten lähettäminen asiakkaille tulee myöhemmin; tässä näkyvät jonotetut määrät.',
  'noticeChanges.caption': 'Jonotetut ilmoitukset versioittain',
  'noticeChanges.version': 'Versio',
  'noticeChanges.queued': 'Jonotettu',
  'noticeChanges.delivered': 'Lähetetty',
  'noticeChanges.none': 'Rekisterillä on vain yksi versio: muutoksia ei ole.',
} satisfies Record<string, string>;

export type ConsoleRecordsMessageKey = keyof typeof consoleRecordsFi;
