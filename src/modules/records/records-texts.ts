import type { LEGAL_BASES, RETENTION_TRIGGERS, TRANSFER_SAFEGUARDS } from '../registers/description.schema.ts';
import type { Language } from '../registers/localized.ts';

/** The words of the records of processing (GDPR Article 30) in one language. */
export interface RecordWords {
  title: string;
  processorTitle: string;
  basis: string;
  processorBasis: string;
  generated: string;
  controller: string;
  businessId: string;
  contact: string;
  contactPerson: string;
  dpo: string;
  representative: string;
  representativeNone: string;
  jointControllers: string;
  noneDeclared: string;
  registers: string;
  register: string;
  version: (version: number, date: string) => string;
  description: string;
  purposes: string;
  purpose: string;
  purposeList: string;
  legalBasis: string;
  legitimateInterest: string;
  dataUse: string;
  fields: string;
  subjectCategories: string;
  dataCategories: string;
  field: string;
  category: string;
  externalData: string;
  sources: string;
  recipients: string;
  recipient: string;
  processors: string;
  service: string;
  country: string;
  outsideEea: string;
  thirdCountries: string;
  noThirdCountries: string;
  transfers: string;
  safeguard: string;
  noTransfers: string;
  retention: string;
  period: string;
  from: string;
  reason: string;
  law: string;
  security: string;
  manual: string;
  electronic: string;
  platformSecurity: string;
  facts: string;
  customers: string;
  erased: string;
  sweep: (time: string) => string;
  sweepCron: (cron: string) => string;
  lastSweep: string;
  notYet: string;
  none: string;
  legalBases: Record<(typeof LEGAL_BASES)[number], string>;
  safeguards: Record<(typeof TRANSFER_SAFEGUARDS)[number], string>;
  triggers: Record<(typeof RETENTION_TRIGGERS)[number], string>;
  years: (n: number) => string;
  months: (n: number) => string;
  atOnce: string;
  and: string;
  measures: {
    passwords: string;
    totp: string;
    roles: string;
    identityCode: string;
    tenants: string;
    audit: string;
    logs: string;
    retention: string;
    tls: (url: string) => string;
    noTls: (url: string) => string;
  };
  processor: {
    processor: string;
    notConfigured: string;
    operators: string;
    controllers: string;
    processing: string;
    /** The processing column's header in the CSV. */
    processingColumn: string;
    services: string[];
    subProcessors: string;
    noSubProcessors: string;
    smtp: (host: string) => string;
    oidc: (host: string) => string;
    transfers: string;
    noTransfers: string;
    ownRecords: string;
  };
  csv: Record<CsvColumn, string>;
  formatDate: (date: string) => string;
  page: (n: number, of: number) => string;
}

export const CSV_COLUMNS = [
  'controller',
  'businessId',
  'controllerContact',
  'registerId',
  'register',
  'version',
  'contactPerson',
  'dpo',
  'purposeKey',
  'purpose',
  'legalBasis',
  'legitimateInterest',
  'subjectCategories',
  'dataCategories',
  'recipients',
  'processors',
  'thirdCountries',
  'transfers',
  'retention',
  'security',
  'customers',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

const finnishDate = (date: string) => {
  const [y, m, d] = date.split('-');
  return `${Number(d)}.${Number(m)}.${y}`;
};

const fi: RecordWords = {
  title: 'Seloste käsittelytoimista',
  processorTitle: 'Henkilötietojen käsittelijän seloste käsittelytoimista',
  basis: 'EU:n yleisen tietosuoja-asetuksen (2016/679) 30 artiklan 1 kohta: rekisterinpitäjän seloste',
  processorBasis: 'EU:n yleisen tietosuoja-asetuksen (2016/679) 30 artiklan 2 kohta: käsittelijän seloste',
  generated: 'Laadittu',
  controller: 'Rekisterinpitäjä',
  businessId: 'Y-tunnus',
  contact: 'Yhteystiedot',
  contactPerson: 'Yhteyshenkilö',
  dpo: 'Tietosuojavastaava',
  representative: 'Edustaja (27 artikla)',
  representativeNone: 'Ei tarvita: rekisterinpitäjä on sijoittautunut Suomeen',
  jointControllers: 'Yhteisrekisterinpitäjät',
  noneDeclared: 'Ei ilmoitettu',
  registers: 'Rekisterit',
  register: 'Rekisteri',
  version: (v, date) => `Rekisteriselosteen versio ${v}, julkaistu ${date}`,
  description: 'Kuvaus',
  purposes: 'Käsittelyn tarkoitukset ja oikeusperusteet',
  purpose: 'Tarkoitus',
  purposeList: 'Käyttötarkoitukset',
  legalBasis: 'Oikeusperuste',
  legitimateInterest: 'Oikeutettu etu',
  dataUse: 'Käyttöluokka (fideslang)',
  fields: 'Tiedot',
  subjectCategories: 'Rekisteröityjen ryhmät',
  dataCategories: 'Henkilötietoryhmät',
  field: 'Tieto',
  category: 'Tietoluokka (fideslang)',
  externalData: 'Muualla kuin Omadatassa käsiteltävät tiedot',
  sources: 'Tietolähteet',
  recipients: 'Vastaanottajat ja vastaanottajaryhmät',
  recipient: 'Vastaanottaja',
  processors: 'Henkilötietojen käsittelijät',
  service: 'Palvelu',
  country: 'Maa',
  outsideEea: 'EU:n ja ETA:n ulkopuolella',
  thirdCountries: 'Kolmannet maat',
  noThirdCountries: 'Ei vastaanottajia EU:n tai ETA:n ulkopuolella',
  transfers: 'Siirrot kolmansiin maihin ja suojatoimet',
  safeguard: 'Suojatoimi',
  noTransfers: 'Tietoja ei siirretä EU:n tai ETA:n ulkopuolelle',
  retention: 'Tietoryhmien poistamisen määräajat',
  period: 'Säilytysaika',
  from: 'Alkaen',
  reason: 'Peruste',
  law: 'Säädös',
  security: 'Teknisten ja organisatoristen turvatoimien yleinen kuvaus',
  manual: 'Manuaalinen aineisto',
  electronic: 'Sähköinen aineisto',
  platformSecurity: 'Omadata-palvelun turvatoimet',
  facts: 'Tilanne laadittaessa',
  customers: 'Asiakkaita rekisterissä',
  erased: 'Poistettuja asiakkaita',
  sweep: (time) => `Säilytysajat toteuttaa automaattinen poistoajo joka päivä klo ${time} Suomen aikaa.`,
  sweepCron: (cron) => `Säilytysajat toteuttaa automaattinen poistoajo aikataululla ${cron} (Suomen aikaa).`,
  lastSweep: 'Viimeisin poistoajo',
  notYet: 'ei vielä ajettu',
  none: '–',
  legalBases: {
    contract: 'Sopimus (6 art. 1 b)',
    consent: 'Suostumus (6 art. 1 a)',
    legitimate_interest: 'Oikeutettu etu (6 art. 1 f)',
    legal_obligation: 'Lakisääteinen velvoite (6 art. 1 c)',
    vital_interest: 'Elintärkeä etu (6 art. 1 d)',
    public_task: 'Yleinen etu tai julkinen valta (6 art. 1 e)',
  },
  safeguards: {
    adequacy_decision: 'Komission tietosuojan riittävyyttä koskeva päätös (45 art.)',
    standard_contractual_clauses: 'Komission vakiosopimuslausekkeet (46 art. 2 c)',
    binding_corporate_rules: 'Yritystä koskevat sitovat säännöt (47 art.)',
    derogation: 'Erityistilanteita koskeva poikkeus (49 art.)',
  },
  triggers: {
    last_activity: 'viimeisestä asioinnista',
    relationship_end: 'asiakassuhteen päättymisestä',
    consent_valid: 'suostumuksen päättymisestä',
    contract_valid: 'sopimuksen päättymisestä',
    financial_year_end: 'tilikauden päättymisestä',
    calendar_year_end: 'sen kalenterivuoden lopusta, jona tilikausi päättyi',
  },
  years: (n) => (n === 1 ? '1 vuosi' : `${n} vuotta`),
  months: (n) => (n === 1 ? '1 kuukausi' : `${n} kuukautta`),
  atOnce: 'heti',
  and: 'ja',
  measures: {
    passwords: 'Henkilökunnan salasanat tallennetaan vain argon2id-tiivisteinä; kirjautumisyrityksiä rajoitetaan.',
    totp: 'Kaksivaiheinen tunnistautuminen (TOTP); rekisterinpitäjä voi vaatia sen kaikilta työntekijöiltään.',
    roles:
      'Käyttöoikeudet rooleittain (omistaja, ylläpitäjä, työntekijä, lukija); istunnot HttpOnly-evästeissä CSRF-suojauksella.',
    identityCode: 'Henkilötunnus salataan levyllä (AES-256-GCM), näytetään peitettynä eikä sitä kirjata lokeihin.',
    tenants:
      'Rekisterinpitäjien tiedot erotetaan toisistaan kaksinkertaisesti: jokainen kysely rajataan rekisterinpitäjään, ja PostgreSQL:n rivitason suojaus (row-level security) valvoo samaa rajaa.',
    audit:
      'Jokainen henkilötietojen luku ja muutos kirjataan tekijän ja tarkoituksen kera rekisterinpitäjäkohtaiseen, tiivisteillä ketjutettuun lokiin, jonka eheyden voi tarkistaa.',
    logs: 'Sovelluksen lokeihin ei kirjata henkilötietoja.',
    retention: 'Säilytysajat ja poistot toteutetaan automaattisesti rekisteriselosteen sääntöjen mukaan.',
    tls: (url) => `Yhteydet palveluun salataan (TLS): palvelun osoite on ${url}.`,
    noTls: (url) =>
      `Palvelun osoite ${url} ei käytä HTTPS:ää: liikenne on salattava palvelun edessä olevalla TLS-välityspalvelimella.`,
  },
  processor: {
    processor: 'Henkilötietojen käsittelijä',
    notConfigured: 'Palvelun ylläpitäjän nimeä ei ole asetettu (OPERATOR_NAME)',
    operators: 'Palvelun ylläpitäjät',
    controllers: 'Rekisterinpitäjät, joiden lukuun tietoja käsitellään',
    processing: 'Kunkin rekisterinpitäjän lukuun suoritettavien käsittelyjen ryhmät (samat kaikille alla luetelluille)',
    processingColumn: 'Käsittelyt',
    services: [
      'Asiakasrekisterin tallentaminen ja ylläpito (asiakkaat, tilaukset, tuonnit)',
      'Suostumusten, lupien ja kieltojen kirjanpito sekä yhteydenottolupien tarkistus',
      'Säilytysaikojen valvonta, poistot ja anonymisointi',
      'Oma-portaali rekisteröityjen oikeuksien käyttöön (tarkastus, oikaisu, tietojen lataus, poisto)',
      'Rekisteröityjen pyyntöjen käsittely ja niihin liittyvät kirjeet',
      'Sähköpostien välitys (kirjautumislinkit, pyyntöjen kirjeet, ilmoitukset)',
      'Käsittelytapahtumien kirjaaminen ketjutettuun lokiin',
    ],
    subProcessors: 'Alikäsittelijät',
    noSubProcessors: 'Ei alikäsittelijöitä: Omadata ei oletusasetuksin käytä muiden yritysten palveluja.',
    smtp: (host) =>
      `Sähköpostit välitetään SMTP-palvelimen ${host} kautta; jos sitä ylläpitää toinen yritys, se on alikäsittelijä.`,
    oidc: (host) =>
      `Vahva tunnistautuminen Oma-portaaliin tunnistuspalvelun ${host} kautta; jos sitä ylläpitää toinen yritys, se on alikäsittelijä.`,
    transfers: 'Siirrot kolmansiin maihin',
    noTransfers: 'Ei siirtoja: Omadata ei siirrä henkilötietoja EU:n tai ETA:n ulkopuolelle.',
    ownRecords: 'Rekisterinpitäjien omat käsittelijät ja siirrot ovat niiden omissa selosteissa.',
  },
  csv: {
    controller: 'Rekisterinpitäjä',
    businessId: 'Y-tunnus',
    controllerContact: 'Rekisterinpitäjän yhteystiedot',
    registerId: 'Rekisterin tunniste',
    register: 'Rekisteri',
    version: 'Selosteen versio',
    contactPerson: 'Yhteyshenkilö',
    dpo: 'Tietosuojavastaava',
    purposeKey: 'Tarkoituksen tunniste',
    purpose: 'Tarkoitus',
    legalBasis: 'Oikeusperuste',
    legitimateInterest: 'Oikeutettu etu',
    subjectCategories: 'Rekisteröityjen ryhmät',
    dataCategories: 'Henkilötietoryhmät',
    recipients: 'Vastaanottajat',
    processors: 'Käsittelijät',
    thirdCountries: 'Kolmannet maat',
    transfers: 'Siirrot ja suojatoimet',
    retention: 'Poistamisen määräajat',
    security: 'Turvatoimet',
    customers: 'Asiakkaita',
  },
  formatDate: finnishDate,
  page: (n, of) => `Sivu ${n}/${of}`,
};

const sv: RecordWords = {
  title: 'Register över behandling',
  processorTitle: 'Personuppgiftsbiträdets register över behandling',
  basis: 'Artikel 30.1 i EU:s allmänna dataskyddsförordning (2016/679): den personuppgiftsansvariges register',
  processorBasis: 'Artikel 30.2 i EU:s allmänna dataskyddsförordning (2016/679): personuppgiftsbiträdets register',
  generated: 'Upprättad',
  controller: 'Personuppgiftsansvarig',
  businessId: 'FO-nummer',
  contact: 'Kontaktuppgifter',
  contactPerson: 'Kontaktperson',
  dpo: 'Dataskyddsombud',
  representative: 'Företrädare (artikel 27)',
  representativeNone: 'Behövs inte: den personuppgiftsansvarige är etablerad i Finland',
  jointControllers: 'Gemensamt personuppgiftsansvariga',
  noneDeclared: 'Inga angivna',
  registers: 'Register',
  register: 'Register',
  version: (v, date) => `Registerbeskrivningens version ${v}, publicerad ${date}`,
  description: 'Beskrivning',
  purposes: 'Ändamål med behandlingen och rättslig grund',
  purpose: 'Ändamål',
  purposeList: 'Ändamål',
  legalBasis: 'Rättslig grund',
  legitimateInterest: 'Berättigat intresse',
  dataUse: 'Användningskategori (fideslang)',
  fields: 'Uppgifter',
  subjectCategories: 'Kategorier av registrerade',
  dataCategories: 'Kategorier av personuppgifter',
  field: 'Uppgift',
  category: 'Datakategori (fideslang)',
  externalData: 'Uppgifter som behandlas utanför Omadata',
  sources: 'Uppgiftskällor',
  recipients: 'Mottagare och kategorier av mottagare',
  recipient: 'Mottagare',
  processors: 'Personuppgiftsbiträden',
  service: 'Tjänst',
  country: 'Land',
  outsideEea: 'utanför EU och EES',
  thirdCountries: 'Tredjeländer',
  noThirdCountries: 'Inga mottagare utanför EU eller EES',
  transfers: 'Överföringar till tredjeländer och skyddsåtgärder',
  safeguard: 'Skyddsåtgärd',
  noTransfers: 'Uppgifter förs inte över utanför EU eller EES',
  retention: 'Tidsfrister för radering av de olika kategorierna av uppgifter',
  period: 'Lagringstid',
  from: 'Räknat',
  reason: 'Grund',
  law: 'Författning',
  security: 'Allmän beskrivning av de tekniska och organisatoriska säkerhetsåtgärderna',
  manual: 'Manuellt material',
  electronic: 'Elektroniskt material',
  platformSecurity: 'Säkerhetsåtgärder i tjänsten Omadata',
  facts: 'Läget när registret upprättades',
  customers: 'Kunder i registret',
  erased: 'Raderade kunder',
  sweep: (time) => `Lagringstiderna verkställs av en automatisk raderingskörning varje dag kl. ${time} finsk tid.`,
  sweepCron: (cron) =>
    `Lagringstiderna verkställs av en automatisk raderingskörning enligt schemat ${cron} (finsk tid).`,
  lastSweep: 'Senaste raderingskörning',
  notYet: 'inte körd ännu',
  none: '–',
  legalBases: {
    contract: 'Avtal (art. 6.1 b)',
    consent: 'Samtycke (art. 6.1 a)',
    legitimate_interest: 'Berättigat intresse (art. 6.1 f)',
    legal_obligation: 'Rättslig förpliktelse (art. 6.1 c)',
    vital_interest: 'Grundläggande intresse (art. 6.1 d)',
    public_task: 'Allmänt intresse eller myndighetsutövning (art. 6.1 e)',
  },
  safeguards: {
    adequacy_decision: 'Kommissionens beslut om adekvat skyddsnivå (art. 45)',
    standard_contractual_clauses: 'Kommissionens standardavtalsklausuler (art. 46.2 c)',
    binding_corporate_rules: 'Bindande företagsbestämmelser (art. 47)',
    derogation: 'Undantag i särskilda situationer (art. 49)',
  },
  triggers: {
    last_activity: 'från den senaste aktiviteten',
    relationship_end: 'från kundrelationens slut',
    consent_valid: 'från att samtycket upphör',
    contract_valid: 'från avtalets slut',
    financial_year_end: 'från räkenskapsperiodens slut',
    calendar_year_end: 'från utgången av det kalenderår då räkenskapsperioden gick ut',
  },
  years: (n) => `${n} år`,
  months: (n) => (n === 1 ? '1 månad' : `${n} månader`),
  atOnce: 'genast',
  and: 'och',
  measures: {
    passwords: 'Personalens lösenord lagras endast som argon2id-hashar; inloggningsförsök begränsas.',
    totp: 'Tvåstegsverifiering (TOTP); den personuppgiftsansvarige kan kräva den av alla sina anställda.',
    roles:
      'Behörigheter enligt roll (ägare, administratör, anställd, läsare); sessioner i HttpOnly-kakor med CSRF-skydd.',
    identityCode: 'Personbeteckningen krypteras på disk (AES-256-GCM), visas maskerad och skrivs aldrig i loggar.',
    tenants:
      'De personuppgiftsansvarigas uppgifter hålls isär två gånger: varje fråga begränsas till den personuppgiftsansvarige, och PostgreSQL:s radnivåsäkerhet (row-level security) upprätthåller samma gräns.',
    audit:
      'Varje läsning och ändring av personuppgifter loggas med utförare och ändamål i en hashkedjad logg per personuppgiftsansvarig, vars integritet kan kontrolleras.',
    logs: 'Inga personuppgifter skrivs i applikationens loggar.',
    retention: 'Lagringstider och radering verkställs automatiskt enligt registerbeskrivningens regler.',
    tls: (url) => `Förbindelserna till tjänsten är krypterade (TLS): tjänstens adress är ${url}.`,
    noTls: (url) =>
      `Tjänstens adress ${url} använder inte HTTPS: trafiken måste krypteras av en TLS-proxy framför tjänsten.`,
  },
  processor: {
    processor: 'Personuppgiftsbiträde',
    notConfigured: 'Namnet på tjänstens operatör har inte angetts (OPERATOR_NAME)',
    operators: 'Tjänstens administratörer',
    controllers: 'Personuppgiftsansvariga för vars räkning uppgifter behandlas',
    processing:
      'Kategorier av behandling som utförs för varje personuppgiftsansvarigs räkning (desamma för alla nedan)',
    processingColumn: 'Behandlingar',
    services: [
      'Lagring och underhåll av kundregistret (kunder, beställningar, importer)',
      'Register över samtycken, tillstånd och förbud samt kontroll av kontakttillstånd',
      'Övervakning av lagringstider, radering och anonymisering',
      'Portalen Oma för de registrerades rättigheter (insyn, rättelse, nedladdning, radering)',
      'Hantering av de registrerades begäranden och brev om dem',
      'Förmedling av e-post (inloggningslänkar, brev om begäranden, meddelanden)',
      'Loggning av behandlingshändelser i en hashkedjad logg',
    ],
    subProcessors: 'Underbiträden',
    noSubProcessors: 'Inga underbiträden: med standardinställningarna använder Omadata inga andra företags tjänster.',
    smtp: (host) =>
      `E-post förmedlas via SMTP-servern ${host}; om ett annat företag driver den är det ett underbiträde.`,
    oidc: (host) =>
      `Stark autentisering i portalen Oma via identifieringstjänsten ${host}; om ett annat företag driver den är det ett underbiträde.`,
    transfers: 'Överföringar till tredjeländer',
    noTransfers: 'Inga överföringar: Omadata för inte över personuppgifter utanför EU eller EES.',
    ownRecords: 'De personuppgiftsansvarigas egna biträden och överföringar finns i deras egna register.',
  },
  csv: {
    controller: 'Personuppgiftsansvarig',
    businessId: 'FO-nummer',
    controllerContact: 'Den personuppgiftsansvariges kontaktuppgifter',
    registerId: 'Registrets id',
    register: 'Register',
    version: 'Beskrivningens version',
    contactPerson: 'Kontaktperson',
    dpo: 'Dataskyddsombud',
    purposeKey: 'Ändamålets id',
    purpose: 'Ändamål',
    legalBasis: 'Rättslig grund',
    legitimateInterest: 'Berättigat intresse',
    subjectCategories: 'Kategorier av registrerade',
    dataCategories: 'Kategorier av personuppgifter',
    recipients: 'Mottagare',
    processors: 'Personuppgiftsbiträden',
    thirdCountries: 'Tredjeländer',
    transfers: 'Överföringar och skyddsåtgärder',
    retention: 'Tidsfrister för radering',
    security: 'Säkerhetsåtgärder',
    customers: 'Kunder',
  },
  formatDate: finnishDate,
  page: (n, of) => `Sida ${n}/${of}`,
};

const en: RecordWords = {
  title: 'Records of processing activities',
  processorTitle: "Processor's record of processing activities",
  basis: "Article 30(1) of the General Data Protection Regulation (EU) 2016/679: the controller's record",
  processorBasis: "Article 30(2) of the General Data Protection Regulation (EU) 2016/679: the processor's record",
  generated: 'Generated',
  controller: 'Controller',
  businessId: 'Business ID',
  contact: 'Contact details',
  contactPerson: 'Contact person',
  dpo: 'Data protection officer',
  representative: 'Representative (Article 27)',
  representativeNone: 'Not needed: the controller is established in Finland',
  jointControllers: 'Joint controllers',
  noneDeclared: 'None declared',
  registers: 'Registers',
  register: 'Register',
  version: (v, date) => `Register description version ${v}, published ${date}`,
  description: 'Description',
  purposes: 'Purposes of the processing and legal bases',
  purpose: 'Purpose',
  purposeList: 'Purposes',
  legalBasis: 'Legal basis',
  legitimateInterest: 'Legitimate interest',
  dataUse: 'Data use (fideslang)',
  fields: 'Data',
  subjectCategories: 'Categories of data subjects',
  dataCategories: 'Categories of personal data',
  field: 'Data',
  category: 'Data category (fideslang)',
  externalData: 'Data processed outside Omadata',
  sources: 'Sources of the data',
  recipients: 'Recipients and categories of recipients',
  recipient: 'Recipient',
  processors: 'Processors',
  service: 'Service',
  country: 'Country',
  outsideEea: 'outside the EU/EEA',
  thirdCountries: 'Third countries',
  noThirdCountries: 'No recipients outside the EU or EEA',
  transfers: 'Transfers to third countries and safeguards',
  safeguard: 'Safeguard',
  noTransfers: 'No data is transferred outside the EU or EEA',
  retention: 'Time limits for erasure of the categories of data',
  period: 'Period',
  from: 'Counted',
  reason: 'Reason',
  law: 'Law',
  security: 'General description of the technical and organisational security measures',
  manual: 'Manual material',
  electronic: 'Electronic material',
  platformSecurity: 'Security measures of the Omadata service',
  facts: 'Facts when generated',
  customers: 'Customers in the register',
  erased: 'Erased customers',
  sweep: (time) => `The retention periods are enforced by an automatic erasure run every day at ${time} Finnish time.`,
  sweepCron: (cron) =>
    `The retention periods are enforced by an automatic erasure run on the schedule ${cron} (Finnish time).`,
  lastSweep: 'Last erasure run',
  notYet: 'not yet run',
  none: '–',
  legalBases: {
    contract: 'Contract (Art. 6(1)(b))',
    consent: 'Consent (Art. 6(1)(a))',
    legitimate_interest: 'Legitimate interest (Art. 6(1)(f))',
    legal_obligation: 'Legal obligation (Art. 6(1)(c))',
    vital_interest: 'Vital interest (Art. 6(1)(d))',
    public_task: 'Public interest or official authority (Art. 6(1)(e))',
  },
  safeguards: {
    adequacy_decision: 'Commission adequacy decision (Art. 45)',
    standard_contractual_clauses: "Commission's standard contractual clauses (Art. 46(2)(c))",
    binding_corporate_rules: 'Binding corporate rules (Art. 47)',
    derogation: 'Derogation for specific situations (Art. 49)',
  },
  triggers: {
    last_activity: 'from the last activity',
    relationship_end: 'from the end of the customer relationship',
    consent_valid: 'from the end of the consent',
    contract_valid: 'from the end of the contract',
    financial_year_end: 'from the end of the financial year',
    calendar_year_end: 'from the end of the calendar year in which the financial year ended',
  },
  years: (n) => (n === 1 ? '1 year' : `${n} years`),
  months: (n) => (n === 1 ? '1 month' : `${n} months`),
  atOnce: 'at once',
  and: 'and',
  measures: {
    passwords: 'Staff passwords are stored only as argon2id hashes; login attempts are throttled.',
    totp: 'Two-step verification (TOTP); a controller can require it from everyone working for it.',
    roles: 'Permissions by role (owner, admin, staff, viewer); sessions in HttpOnly cookies with CSRF protection.',
    identityCode: 'The personal identity code is encrypted at rest (AES-256-GCM), masked on display and never logged.',
    tenants:
      "Controllers' data is kept apart twice: every query is limited to the controller, and PostgreSQL row-level security enforces the same wall underneath.",
    audit:
      'Every read and change of personal data is recorded with its actor and purpose in a hash-chained trail per controller whose integrity can be verified.',
    logs: "The application's logs carry no personal data.",
    retention: "Retention periods and erasure are enforced automatically by the register description's rules.",
    tls: (url) => `Connections to the service are encrypted (TLS): the service's address is ${url}.`,
    noTls: (url) =>
      `The service's address ${url} does not use HTTPS: traffic must be encrypted by a TLS proxy in front of the service.`,
  },
  processor: {
    processor: 'Processor',
    notConfigured: "The operator's name is not set (OPERATOR_NAME)",
    operators: 'Platform operators',
    controllers: 'Controllers on whose behalf data is processed',
    processing:
      'Categories of processing carried out on behalf of each controller (the same for every controller below)',
    processingColumn: 'Processing',
    services: [
      'Storage and upkeep of the customer register (customers, orders, imports)',
      'Ledger of consents, permissions and prohibitions, and contact checks',
      'Enforcing retention periods, erasure and anonymisation',
      "The Oma portal for data subjects' rights (access, rectification, download, erasure)",
      "Handling data subjects' requests and their letters",
      'Mail delivery (sign-in links, request letters, notices)',
      'Recording processing events in a hash-chained audit trail',
    ],
    subProcessors: 'Sub-processors',
    noSubProcessors: 'None: with its default settings Omadata uses no other company’s services.',
    smtp: (host) =>
      `Mail is delivered through the SMTP server ${host}; if another company runs it, it is a sub-processor.`,
    oidc: (host) =>
      `Strong identification for the Oma portal through the identity provider ${host}; if another company runs it, it is a sub-processor.`,
    transfers: 'Transfers to third countries',
    noTransfers: 'None: Omadata transfers no personal data outside the EU or EEA.',
    ownRecords: "The controllers' own processors and transfers are in their own records.",
  },
  csv: {
    controller: 'Controller',
    businessId: 'Business ID',
    controllerContact: "Controller's contact details",
    registerId: 'Register ID',
    register: 'Register',
    version: 'Description version',
    contactPerson: 'Contact person',
    dpo: 'Data protection officer',
    purposeKey: 'Purpose key',
    purpose: 'Purpose',
    legalBasis: 'Legal basis',
    legitimateInterest: 'Legitimate interest',
    subjectCategories: 'Categories of data subjects',
    dataCategories: 'Categories of personal data',
    recipients: 'Recipients',
    processors: 'Processors',
    thirdCountries: 'Third countries',
    transfers: 'Transfers and safeguards',
    retention: 'Time limits for erasure',
    security: 'Security measures',
    customers: 'Customers',
  },
  formatDate: (date) =>
    new Date(`${date}T12:00:00Z`).toLocaleDateString('en-GB', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }),
  page: (n, of) => `Page ${n} of ${of}`,
};

export const RECORD_WORDS: Record<Language, RecordWords> = { fi, sv, en };
