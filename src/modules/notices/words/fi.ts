import { durationParts, plural, type NoticeWords } from '../notice-words.ts';

const genitive = (p: { years: number; months: number }) =>
  [p.years ? `${p.years} vuoden` : '', p.months ? `${p.months} kuukauden` : ''].filter(Boolean).join(' ja ');

const DURATION_UNITS = {
  Y: ['vuosi', 'vuotta'],
  M: ['kuukausi', 'kuukautta'],
  W: ['viikko', 'viikkoa'],
  D: ['päivä', 'päivää'],
  h: ['tunti', 'tuntia'],
  m: ['minuutti', 'minuuttia'],
} as const;

/** Suomeksi: rekisteriselosteen vakiintuneet otsikot ja tietosuoja-asetuksen suomenkieliset artiklaviittaukset. */
export const fi: NoticeWords = {
  title: (register) => `Tietosuojaseloste: ${register}`,
  version: (n) => `Versio ${n}`,
  published: 'Julkaistu',
  permanentLink: 'Tämän version pysyvä osoite',
  currentLink: 'Voimassa oleva seloste',
  formats: 'Lataa',
  markdown: 'Markdown',
  pdf: 'PDF',
  language: 'Kieli',
  contents: 'Sisällys',
  changesLink: 'Muutokset edelliseen versioon',
  page: (n, of) => `Sivu ${n}/${of}`,
  date: (iso) => {
    const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
    return `${d}.${m}.${y}`;
  },

  heading: {
    controller: 'Rekisterinpitäjä',
    contact: 'Yhteyshenkilö rekisteriä koskevissa asioissa',
    dpo: 'Tietosuojavastaava',
    register: 'Rekisterin nimi',
    subjects: 'Rekisteröidyt',
    purposes: 'Henkilötietojen käsittelyn tarkoitukset ja oikeusperusteet',
    legitimateInterests: 'Oikeutetut edut',
    data: 'Rekisterin tietosisältö',
    externalData: 'Muut käsiteltävät tiedot',
    sources: 'Säännönmukaiset tietolähteet',
    recipients: 'Tietojen säännönmukaiset luovutukset ja vastaanottajat',
    processors: 'Henkilötietojen käsittelijät',
    transfers: 'Tietojen siirto EU:n tai ETA:n ulkopuolelle',
    retention: 'Henkilötietojen säilytysaika',
    security: 'Rekisterin suojauksen periaatteet',
    cookies: 'Evästeet ja analytiikka',
    profiling: 'Automaattinen päätöksenteko ja profilointi',
    rights: 'Rekisteröidyn oikeudet ja niiden käyttäminen',
    complaint: 'Oikeus tehdä valitus valvontaviranomaiselle',
    enforcement: 'Mitä ohjelmisto valvoo',
  },
  empty: {
    legitimateInterests: 'Emme käsittele tietoja oikeutetun edun perusteella.',
    externalData: 'Muita tietoja ei käsitellä.',
    recipients: 'Tietoja ei luovuteta säännönmukaisesti.',
    processors: 'Emme käytä henkilötietojen käsittelijöitä.',
    transfers: 'Tietoja ei siirretä EU:n tai ETA:n ulkopuolelle.',
    cookies: 'Emme käytä evästeitä.',
  },

  businessId: 'Y-tunnus',
  name: 'Nimi',
  email: 'Sähköposti',
  phone: 'Puhelin',
  address: 'Osoite',
  website: 'Verkkosivut',
  noDpo: 'Tietosuojavastaavaa ei ole nimetty; ota yhteyttä yllä mainittuun yhteyshenkilöön.',

  legalBasis: {
    contract: 'sopimus (tietosuoja-asetuksen 6 artiklan 1 kohdan b alakohta)',
    consent: 'suostumus (6 artiklan 1 kohdan a alakohta)',
    legitimate_interest: 'oikeutettu etu (6 artiklan 1 kohdan f alakohta)',
    legal_obligation: 'lakisääteinen velvoite (6 artiklan 1 kohdan c alakohta)',
    vital_interest: 'elintärkeä etu (6 artiklan 1 kohdan d alakohta)',
    public_task: 'yleisen edun mukainen tehtävä tai julkinen valta (6 artiklan 1 kohdan e alakohta)',
  },
  purposeBasis: (purpose, basis) => `${purpose} – peruste: ${basis}`,

  dataIntro:
    'Rekisteriin tallennetaan vain nämä tiedot. Pakollisiksi merkityt tiedot tarvitaan asiakassuhteen ja tilausten hoitamiseen: ilman niitä emme voi palvella sinua. Muiden tietojen antaminen on vapaaehtoista.',
  required: 'pakollinen',
  optional: 'vapaaehtoinen',
  usedFor: (purposes) => `Käyttötarkoitukset: ${purposes}`,
  externalIntro:
    'Nämä tiedot käsitellään muissa palveluissa (esimerkiksi analytiikka- ja sosiaalisen median palveluissa), eikä niitä tallenneta tähän rekisteriin.',

  recipientCountry: (country) => `Sijainti: ${country}`,
  disclosedData: (fields) => `Luovutettavat tiedot: ${fields}`,
  forPurposes: (purposes) => `Tarkoitus: ${purposes}`,
  processorsIntro:
    'Nämä yritykset käsittelevät tietoja lukuumme sopimuksen perusteella eivätkä saa käyttää niitä omiin tarkoituksiinsa.',
  safeguard: {
    adequacy_decision: 'Euroopan komission tietosuojan riittävyyttä koskeva päätös (tietosuoja-asetuksen 45 artikla)',
    standard_contractual_clauses: 'Euroopan komission vakiosopimuslausekkeet (46 artiklan 2 kohdan c alakohta)',
    binding_corporate_rules: 'yritystä koskevat sitovat säännöt (47 artikla)',
    derogation: 'erityistilanteita koskeva poikkeus (49 artikla)',
  },
  transferTo: (recipient, country) => `${recipient}, ${country}`,
  processorTransfer: (processor, country) => `${processor} (käsittelijä), ${country}`,

  period: (years, months) =>
    [years ? plural(years, 'vuosi', 'vuotta') : '', months ? plural(months, 'kuukausi', 'kuukautta') : '']
      .filter(Boolean)
      .join(' '),
  trigger: {
    last_activity: 'viimeisestä asioinnista',
    relationship_end: 'asiakassuhteen tai jäsenyyden päättymisestä',
    consent_valid: 'suostumuksen päättymisestä',
    contract_valid: 'sopimuksen päättymisestä',
    financial_year_end: 'tilikauden päättymisestä',
    calendar_year_end: 'kalenterivuoden päättymisestä',
  },
  until: {
    last_activity: 'viimeiseen asiointiin asti',
    relationship_end: 'asiakassuhteen tai jäsenyyden päättymiseen asti',
    consent_valid: 'niin kauan kuin suostumus on voimassa',
    contract_valid: 'niin kauan kuin sopimus on voimassa',
    financial_year_end: 'tilikauden loppuun asti',
    calendar_year_end: 'kalenterivuoden loppuun asti',
  },
  retentionItem: (fields, when) => `${fields}: ${when}`,
  law: (law) => `Lakiperuste: ${law}`,
  legalHoldNote:
    'Säilytetään lain velvoittamana myös, jos pyydät tietojen poistamista (tietosuoja-asetuksen 17 artiklan 3 kohdan b alakohta).',
  enforcedRetention: (period, from) => {
    if (!period.years && !period.months)
      return from === 'activity'
        ? 'Poistetaan automaattisesti ensimmäisessä tarkistuksessa asiakkaan viimeisen asioinnin jälkeen'
        : 'Poistetaan automaattisesti ensimmäisessä tarkistuksessa viimeisimmän tilauksen tilikauden päätyttyä';
    return from === 'activity'
      ? `Poistetaan automaattisesti ${genitive(period)} kuluttua asiakkaan viimeisestä asioinnista`
      : `Poistetaan automaattisesti ${genitive(period)} kuluttua viimeisimmän tilauksen tilikauden päättymisestä`;
  },
  keptLonger: ', ellei toinen tämän luettelon sääntö säilytä niitä pidempään',
  sweepSchedule: (schedule, lastRun) =>
    lastRun ? `tarkistus ${schedule}, viimeksi ${lastRun}` : `tarkistus ${schedule}; sitä ei ole vielä ajettu`,
  schedule: (hour, minute) =>
    `${hour < 6 ? 'joka yö' : 'joka päivä'} klo ${hour}.${String(minute).padStart(2, '0')} Suomen aikaa`,

  manual: 'Manuaalinen aineisto',
  electronic: 'Sähköisesti käsiteltävät tiedot',

  cookieCategory: {
    necessary: 'välttämätön',
    preferences: 'asetukset',
    analytics: 'analytiikka (vain suostumuksella)',
    marketing: 'markkinointi (vain suostumuksella)',
  },
  cookieItem: (name, provider, category, duration) => `${name} – ${provider}: ${category}, säilyy ${duration}`,
  duration: (iso) => {
    if (iso.trim().toLowerCase() === 'session') return 'istunnon ajan';
    const parts = durationParts(iso);
    return parts ? parts.map(([n, u]) => plural(n, DURATION_UNITS[u][0], DURATION_UNITS[u][1])).join(' ') : iso;
  },
  cookieChoices:
    'Välttämättömät evästeet tarvitaan sivuston toimintaan. Muut evästeet asetetaan vain suostumuksellasi, jonka voit antaa ja peruuttaa sivuston evästeasetuksista yhtä helposti kuin annoit sen.',

  automatedYes:
    'Rekisterin tietoja käytetään automaattiseen päätöksentekoon, jolla on oikeusvaikutuksia tai vastaavia merkittäviä vaikutuksia (tietosuoja-asetuksen 22 artikla).',
  automatedNo:
    'Rekisterin tietoja ei käytetä automaattiseen päätöksentekoon, jolla olisi oikeusvaikutuksia tai vastaavia merkittäviä vaikutuksia (tietosuoja-asetuksen 22 artikla).',

  rights: {
    intro:
      'Voit käyttää oikeuksiasi maksutta. Vastaamme pyyntöön viimeistään kuukauden kuluessa; jos pyyntö on poikkeuksellisen laaja, voimme jatkaa aikaa enintään kahdella kuukaudella ja kerromme siitä syineen ensimmäisen kuukauden aikana (tietosuoja-asetuksen 12 artikla).',
    access: 'Oikeus tarkastaa tietosi (15 artikla)',
    accessHow:
      'Näet kaikki sinusta tallennetut tiedot milloin tahansa Oma-palvelussa, tai pyydä jäljennöstä pyyntölomakkeella.',
    rectification: 'Oikeus tietojen oikaisemiseen (16 artikla)',
    rectificationHow:
      'Korjaa tietosi Oma-palvelussa. Korjauksesta ilmoitetaan niille, joille tietoja on luovutettu (19 artikla). Sähköpostiosoitteen ja tunnisteiden muutos käsitellään pyyntönä.',
    erasure: 'Oikeus tietojen poistamiseen (17 artikla)',
    erasureHow:
      'Pyydä poistamista Oma-palvelussa tai pyyntölomakkeella. Poistamme kaiken, mitä laki ei velvoita säilyttämään, ja kerromme, mitä säilytetään, miksi ja mihin asti.',
    restriction: 'Oikeus käsittelyn rajoittamiseen (18 artikla)',
    restrictionHow:
      'Pyydä rajoittamista Oma-palvelussa tai pyyntölomakkeella. Rajoitettuja tietoja vain säilytetään: niitä ei käytetä markkinointiin eikä muuhun käsittelyyn.',
    objection: 'Oikeus vastustaa käsittelyä (21 artikla)',
    objectionHow:
      'Voit vastustaa oikeutettuun etuun perustuvaa käsittelyä. Suoramarkkinoinnin voit kieltää milloin tahansa Oma-palvelussa, markkinointiviestin peruutuslinkistä tai pyyntölomakkeella; kielto on ehdoton ja tulee voimaan heti.',
    portability: 'Oikeus siirtää tiedot järjestelmästä toiseen (20 artikla)',
    portabilityHow: 'Lataa antamasi tiedot koneluettavassa muodossa (JSON ja CSV) Oma-palvelusta.',
    withdraw: 'Oikeus peruuttaa suostumus (7 artiklan 3 kohta)',
    withdrawHow:
      'Voit peruuttaa suostumuksesi milloin tahansa yhtä helposti kuin annoit sen: Oma-palvelussa, jokaisen markkinointiviestin peruutuslinkistä tai pyyntölomakkeella. Peruuttaminen ei vaikuta sitä ennen tehdyn käsittelyn lainmukaisuuteen.',
    automated:
      'Oikeus olla joutumatta pelkästään automaattiseen käsittelyyn perustuvan päätöksen kohteeksi (22 artikla): voit vaatia, että päätöksen tarkistaa ihminen, esittää kantasi ja riitauttaa päätöksen.',
    portal: 'Oma-palvelu',
    form: 'Pyyntölomake',
    contact: (name) => `Pyynnön voi lähettää myös rekisterin yhteyshenkilölle (${name}).`,
  },

  complaint:
    'Jos katsot, että henkilötietojesi käsittely rikkoo tietosuoja-asetusta, voit tehdä valituksen valvontaviranomaiselle. Suomessa se on tietosuojavaltuutetun toimisto. Voit valittaa myös siinä jäsenvaltiossa, jossa asut tai työskentelet.',
  ombudsman: {
    name: 'Tietosuojavaltuutetun toimisto',
    street: 'Käyntiosoite',
    post: 'Postiosoite',
    switchboard: 'Vaihde',
    registry: 'Kirjaamo',
  },

  enforcement: {
    intro:
      'Tämä seloste on muodostettu rekisterin kuvauksesta, jonka mukaan Omadata-ohjelmisto toimii. Nämä lupaukset ohjelmisto pitää itse:',
    minimisation: 'Rekisteriin ei voi tallentaa tietoja, joita tässä selosteessa ei mainita: ohjelmisto hylkää ne.',
    portal: 'Oma-palvelussa näet, korjaat ja lataat tietosi sekä hallitset markkinointilupiasi.',
    unsubscribe:
      'Jokaiselle markkinointiviestille annetaan oma peruutuslinkki, joka toimii yhdellä napsautuksella; kielto tulee voimaan heti.',
    requests: 'Jokaiselle pyynnölle lasketaan lakisääteinen määräaika, eikä yksikään pyyntö myöhästy huomaamatta.',
    retention: (schedule) => `Tiedot poistetaan automaattisesti säilytysajan päätyttyä: ${schedule}.`,
    enforcedPrefix: 'Ohjelmisto valvoo:',
  },

  versions: 'Versiot',
  versionsCaption: 'Selosteen versiot, uusin ensin',
  versionColumn: 'Versio',
  dateColumn: 'Julkaistu',
  changesColumn: 'Muutokset',
  firstVersion: 'Ensimmäinen versio',
  changesCount: (n, sections) => `${n === 1 ? '1 muutos' : `${n} muutosta`}: ${sections}`,
  noChanges: 'Ei sisällöllisiä muutoksia',
  changesHeading: (from) => `Muutokset versioon ${from} verrattuna`,
  added: 'Lisätty',
  removed: 'Poistettu',
  changed: 'Muutettu',
  before: 'Ennen',
  after: 'Nyt',
  notFound: 'Selostetta ei löytynyt',
  notFoundBody: 'Tällä osoitteella ei ole tietosuojaselostetta. Tarkista osoite.',
};
