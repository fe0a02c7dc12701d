import type { HoldKind, RequestPartStatus, RequestType } from '../../db/schema.ts';
import type { Language } from '../registers/localized.ts';

/**
 * The words of the desk's letters in Finnish, Swedish and English. letters.ts puts them together
 * into a letter; nothing here knows about PDF or mail.
 */

/** The Data Protection Ombudsman's contact details (LEGAL.md §9). */
export const OMBUDSMAN = {
  street: 'Lintulahdenkuja 4, 00530 Helsinki',
  post: 'PL 800, 00531 Helsinki',
  switchboard: '+358 29 566 6700',
  registry: '+358 29 566 6768',
  email: 'tietosuoja@om.fi',
  web: 'https://tietosuoja.fi',
} as const;

export interface LetterWords {
  date: string;
  reference: string;
  received: string;
  concerns: string;
  register: string;
  businessId: string;
  contactPerson: string;
  dueBy: string;
  newDueBy: string;
  enclosures: string;
  page: (n: number, of: number) => string;
  greeting: (name: string | null) => string;
  closing: string;
  type: Record<RequestType, string>;
  partStatus: Record<RequestPartStatus, string>;
  holdKind: Record<HoldKind, string>;
  /** A date as written in a letter in this language. */
  formatDate: (date: string) => string;
  ombudsman: {
    name: string;
    street: string;
    post: string;
    switchboard: string;
    registry: string;
    email: string;
    web: string;
  };
  acknowledgement: {
    subject: (controller: string) => string;
    title: string;
    received: (on: string) => string;
    due: (date: string) => string;
    nextHeading: string;
    unverified: string;
    verified: string;
    next: string;
    quote: (ref: string) => string;
  };
  extension: {
    subject: (controller: string) => string;
    title: string;
    intro: (on: string, due: string) => string;
    newDue: (date: string) => string;
    reasonHeading: string;
    withinMonth: string;
  };
  outcome: {
    subject: (controller: string) => string;
    title: string;
    intro: (on: string) => string;
    done: string;
    whyNotAll: string;
    whyNot: string;
    kept: string;
    keptItem: (field: string, reason: string, until: string | null) => string;
    attached: string;
    questions: (ref: string) => string;
  };
  refusal: {
    subject: (controller: string) => string;
    title: string;
    titlePartly: string;
    intro: (on: string) => string;
    introPartly: (on: string) => string;
    reasonsHeading: string;
    partsHeading: string;
  };
  rights: {
    heading: string;
    complaint: string;
    court: string;
  };
}

const finnishDate = (date: string) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${d}.${m}.${y}`;
};

const fi: LetterWords = {
  date: 'Päivämäärä',
  reference: 'Viite',
  received: 'Pyyntö vastaanotettu',
  concerns: 'Pyyntö koskee',
  register: 'Rekisteri',
  businessId: 'Y-tunnus',
  contactPerson: 'Yhteyshenkilö',
  dueBy: 'Vastaamme viimeistään',
  newDueBy: 'Uusi vastausaika',
  enclosures: 'Liitteet',
  page: (n, of) => `Sivu ${n}/${of}`,
  greeting: (name) => (name ? `Hyvä ${name},` : 'Hei,'),
  closing: 'Ystävällisin terveisin',
  type: {
    access: 'Tietojen tarkastus',
    rectification: 'Tietojen korjaaminen',
    erasure: 'Tietojen poistaminen',
    restriction: 'Käsittelyn rajoittaminen',
    portability: 'Tietojen siirto',
    objection: 'Käsittelyn vastustaminen',
    consent_withdrawal: 'Suostumuksen peruminen',
  },
  partStatus: {
    open: 'käsittelyssä',
    extended: 'käsittelyaikaa jatkettu',
    done: 'toteutettu',
    partly_done: 'toteutettu osittain',
    refused: 'ei toteutettu',
  },
  holdKind: {
    open_invoice: 'Avoin lasku',
    debt_collection: 'Perintä',
    legal_claim: 'Oikeusvaade',
    disputed: 'Kiistetty tieto',
    business_contact: 'Yrityksen yhteyshenkilö',
  },
  formatDate: finnishDate,
  ombudsman: {
    name: 'Tietosuojavaltuutetun toimisto',
    street: 'Käyntiosoite',
    post: 'Postiosoite',
    switchboard: 'Vaihde',
    registry: 'Kirjaamo',
    email: 'Sähköposti',
    web: 'Verkkosivut',
  },
  acknowledgement: {
    subject: (c) => `Pyyntösi on vastaanotettu – ${c}`,
    title: 'Vahvistus pyyntösi vastaanottamisesta',
    received: (on) =>
      `Olemme vastaanottaneet ${on} pyyntösi, joka koskee henkilötietojesi käsittelyä rekisterissämme. Pyydät seuraavaa:`,
    due: (date) =>
      `Vastaamme pyyntöösi viimeistään ${date}. Tietosuoja-asetuksen 12 artiklan 3 kohdan mukaan vastausaikaa voidaan tarvittaessa jatkaa enintään kahdella kuukaudella, jos pyyntö on monimutkainen tai pyyntöjä on paljon. Jos näin käy, ilmoitamme siitä ja sen syistä sinulle kuukauden kuluessa pyynnön vastaanottamisesta.`,
    nextHeading: 'Mitä seuraavaksi tapahtuu',
    unverified:
      'Henkilöllisyyttäsi ei ole vielä varmistettu. Emme luovuta, muuta tai poista tietoja ennen kuin olemme varmistaneet henkilöllisyytesi. Otamme sinuun yhteyttä sen varmistamiseksi.',
    verified: 'Henkilöllisyytesi on varmistettu.',
    next: 'Käsittelemme pyyntösi ja lähetämme sinulle kirjallisen vastauksen, jossa kerromme, mitä olemme tehneet. Jos emme voi toteuttaa pyyntöä tai osaa siitä, kerromme syyt sekä oikeutesi tehdä valitus tietosuojavaltuutetun toimistolle ja hakea muutosta tuomioistuimelta.',
    quote: (ref) => `Mainitse viite ${ref}, jos otat meihin yhteyttä tähän pyyntöön liittyen.`,
  },
  extension: {
    subject: (c) => `Pyyntösi vastausaikaa jatketaan – ${c}`,
    title: 'Ilmoitus vastausajan jatkamisesta',
    intro: (on, due) =>
      `Vastaanotimme pyyntösi ${on}, ja vastausaika päättyisi ${due}. Jatkamme vastausaikaa tietosuoja-asetuksen 12 artiklan 3 kohdan nojalla seuraavilta osin:`,
    newDue: (date) => `Vastaamme pyyntöösi viimeistään ${date}.`,
    reasonHeading: 'Jatkamisen syy',
    withinMonth:
      'Ilmoitamme jatkamisesta ja sen syistä kuukauden kuluessa pyyntösi vastaanottamisesta, kuten tietosuoja-asetus edellyttää.',
  },
  outcome: {
    subject: (c) => `Vastaus pyyntöösi – ${c}`,
    title: 'Vastaus pyyntöösi',
    intro: (on) => `Vastaanotimme pyyntösi ${on}. Kerromme alla, miten olemme käsitelleet sen.`,
    done: 'Mitä teimme',
    whyNotAll: 'Miksi pyyntöä ei toteutettu kokonaan',
    whyNot: 'Miksi pyyntöä ei toteutettu',
    kept: 'Säilytämme edelleen seuraavat tiedot:',
    keptItem: (field, reason, until) =>
      `${field} – peruste: ${reason} – säilytetään ${until ? `${until} asti` : 'niin kauan kuin peruste on voimassa'}`,
    attached: 'Sähköpostiviestin liitteinä ovat seuraavat tiedostot:',
    questions: (ref) => `Jos sinulla on kysyttävää, ota yhteyttä yhteyshenkilöömme ja mainitse viite ${ref}.`,
  },
  refusal: {
    subject: (c) => `Päätös pyyntöösi – ${c}`,
    title: 'Päätös: emme toteuta pyyntöäsi',
    titlePartly: 'Päätös: emme toteuta pyyntöäsi kaikilta osin',
    intro: (on) =>
      `Vastaanotimme pyyntösi ${on}. Olemme käsitelleet sen ja päättäneet, ettemme toteuta sitä. Tietosuoja-asetuksen 12 artiklan 4 kohdan mukaisesti kerromme alla syyt sekä oikeutesi tehdä valitus ja hakea muutosta.`,
    introPartly: (on) =>
      `Vastaanotimme pyyntösi ${on}. Olemme käsitelleet sen ja päättäneet, ettemme toteuta sitä kaikilta osin. Tietosuoja-asetuksen 12 artiklan 4 kohdan mukaisesti kerromme alla syyt sekä oikeutesi tehdä valitus ja hakea muutosta.`,
    reasonsHeading: 'Syyt',
    partsHeading: 'Pyyntösi osat',
  },
  rights: {
    heading: 'Oikeutesi tehdä valitus ja hakea muutosta',
    complaint:
      'Jos katsot, ettei henkilötietojesi käsittely ole lainmukaista, sinulla on oikeus tehdä valitus valvontaviranomaiselle. Suomessa valvontaviranomainen on tietosuojavaltuutetun toimisto:',
    court: 'Sinulla on lisäksi oikeus hakea muutosta tuomioistuimelta.',
  },
};

const sv: LetterWords = {
  date: 'Datum',
  reference: 'Referens',
  received: 'Begäran mottagen',
  concerns: 'Begäran gäller',
  register: 'Register',
  businessId: 'FO-nummer',
  contactPerson: 'Kontaktperson',
  dueBy: 'Vi svarar senast',
  newDueBy: 'Ny svarstid',
  enclosures: 'Bilagor',
  page: (n, of) => `Sida ${n}/${of}`,
  greeting: (name) => (name ? `Bästa ${name},` : 'Hej,'),
  closing: 'Med vänlig hälsning',
  type: {
    access: 'Granskning av uppgifter',
    rectification: 'Rättelse av uppgifter',
    erasure: 'Radering av uppgifter',
    restriction: 'Begränsning av behandlingen',
    portability: 'Överföring av uppgifter',
    objection: 'Invändning mot behandlingen',
    consent_withdrawal: 'Återkallande av samtycke',
  },
  partStatus: {
    open: 'under behandling',
    extended: 'svarstiden förlängd',
    done: 'genomförd',
    partly_done: 'delvis genomförd',
    refused: 'inte genomförd',
  },
  holdKind: {
    open_invoice: 'Obetald faktura',
    debt_collection: 'Indrivning',
    legal_claim: 'Rättsligt anspråk',
    disputed: 'Omtvistad uppgift',
    business_contact: 'Kontaktperson för ett företag',
  },
  formatDate: finnishDate,
  ombudsman: {
    name: 'Dataombudsmannens byrå',
    street: 'Besöksadress',
    post: 'Postadress',
    switchboard: 'Växel',
    registry: 'Registratorskontoret',
    email: 'E-post',
    web: 'Webbplats',
  },
  acknowledgement: {
    subject: (c) => `Din begäran har tagits emot – ${c}`,
    title: 'Bekräftelse på att din begäran har tagits emot',
    received: (on) =>
      `Vi har tagit emot din begäran ${on}. Den gäller behandlingen av dina personuppgifter i vårt register, och du begär följande:`,
    due: (date) =>
      `Vi svarar på din begäran senast ${date}. Enligt artikel 12.3 i dataskyddsförordningen kan tiden vid behov förlängas med högst två månader, om begäran är komplicerad eller om antalet begäranden är stort. I så fall meddelar vi dig detta och skälen till förlängningen inom en månad från det att vi tog emot din begäran.`,
    nextHeading: 'Vad händer härnäst',
    unverified:
      'Din identitet har ännu inte kontrollerats. Vi lämnar inte ut, ändrar eller raderar några uppgifter innan vi har kontrollerat din identitet. Vi kontaktar dig för att kontrollera den.',
    verified: 'Din identitet har kontrollerats.',
    next: 'Vi behandlar din begäran och skickar dig ett skriftligt svar där vi berättar vad vi har gjort. Om vi inte kan tillmötesgå begäran eller en del av den, anger vi skälen och berättar om din rätt att lämna in klagomål till Dataombudsmannens byrå och att söka ändring vid domstol.',
    quote: (ref) => `Ange referensen ${ref} om du kontaktar oss i detta ärende.`,
  },
  extension: {
    subject: (c) => `Svarstiden för din begäran förlängs – ${c}`,
    title: 'Meddelande om förlängd svarstid',
    intro: (on, due) =>
      `Vi tog emot din begäran ${on}, och svarstiden skulle löpa ut ${due}. Med stöd av artikel 12.3 i dataskyddsförordningen förlänger vi svarstiden för följande delar:`,
    newDue: (date) => `Vi svarar på din begäran senast ${date}.`,
    reasonHeading: 'Skälet till förlängningen',
    withinMonth:
      'Vi meddelar förlängningen och skälen till den inom en månad från det att vi tog emot din begäran, så som dataskyddsförordningen kräver.',
  },
  outcome: {
    subject: (c) => `Svar på din begäran – ${c}`,
    title: 'Svar på din begäran',
    intro: (on) => `Vi tog emot din begäran ${on}. Här berättar vi hur vi har behandlat den.`,
    done: 'Vad vi har gjort',
    whyNotAll: 'Varför begäran inte genomfördes helt',
    whyNot: 'Varför begäran inte genomfördes',
    kept: 'Vi bevarar fortfarande följande uppgifter:',
    keptItem: (field, reason, until) =>
      `${field} – grund: ${reason} – bevaras ${until ? `till och med ${until}` : 'så länge grunden består'}`,
    attached: 'Följande filer är bifogade till e-postmeddelandet:',
    questions: (ref) => `Om du har frågor, kontakta vår kontaktperson och ange referensen ${ref}.`,
  },
  refusal: {
    subject: (c) => `Beslut om din begäran – ${c}`,
    title: 'Beslut: vi tillmötesgår inte din begäran',
    titlePartly: 'Beslut: vi tillmötesgår inte din begäran i alla delar',
    intro: (on) =>
      `Vi tog emot din begäran ${on}. Vi har behandlat den och beslutat att inte tillmötesgå den. Enligt artikel 12.4 i dataskyddsförordningen anger vi nedan skälen samt din rätt att lämna in klagomål och att söka ändring.`,
    introPartly: (on) =>
      `Vi tog emot din begäran ${on}. Vi har behandlat den och beslutat att inte tillmötesgå den i alla delar. Enligt artikel 12.4 i dataskyddsförordningen anger vi nedan skälen samt din rätt att lämna in klagomål och att söka ändring.`,
    reasonsHeading: 'Skäl',
    partsHeading: 'Delarna av din begäran',
  },
  rights: {
    heading: 'Din rätt att lämna in klagomål och söka ändring',
    complaint:
      'Om du anser att behandlingen av dina personuppgifter strider mot lagen har du rätt att lämna in klagomål till tillsynsmyndigheten. I Finland är tillsynsmyndigheten Dataombudsmannens byrå:',
    court: 'Du har dessutom rätt att söka ändring vid domstol.',
  },
};

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const en: LetterWords = {
  date: 'Date',
  reference: 'Reference',
  received: 'Request received',
  concerns: 'The request concerns',
  register: 'Register',
  businessId: 'Business ID',
  contactPerson: 'Contact person',
  dueBy: 'We will answer by',
  newDueBy: 'New time limit',
  enclosures: 'Enclosures',
  page: (n, of) => `Page ${n} of ${of}`,
  greeting: (name) => (name ? `Dear ${name},` : 'Dear Sir or Madam,'),
  closing: 'Yours sincerely',
  type: {
    access: 'Access to data',
    rectification: 'Rectification',
    erasure: 'Erasure',
    restriction: 'Restriction of processing',
    portability: 'Data portability',
    objection: 'Objection to processing',
    consent_withdrawal: 'Withdrawal of consent',
  },
  partStatus: {
    open: 'in progress',
    extended: 'time extended',
    done: 'done',
    partly_done: 'partly done',
    refused: 'refused',
  },
  holdKind: {
    open_invoice: 'Open invoice',
    debt_collection: 'Debt collection',
    legal_claim: 'Legal claim',
    disputed: 'Disputed data',
    business_contact: 'Business contact person',
  },
  formatDate: (date) => {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    return `${d} ${MONTHS[m - 1]} ${y}`;
  },
  ombudsman: {
    name: 'Office of the Data Protection Ombudsman',
    street: 'Street address',
    post: 'Postal address',
    switchboard: 'Switchboard',
    registry: 'Registry',
    email: 'Email',
    web: 'Website',
  },
  acknowledgement: {
    subject: (c) => `Your request has been received – ${c}`,
    title: 'Acknowledgement of your request',
    received: (on) =>
      `We received your request on ${on}. It concerns the processing of your personal data in our register, and you ask for the following:`,
    due: (date) =>
      `We will answer your request by ${date} at the latest. Under Article 12(3) of the General Data Protection Regulation, this period may be extended by up to two further months where necessary, taking into account the complexity and number of requests. If so, we will tell you, with the reasons, within one month of receiving your request.`,
    nextHeading: 'What happens next',
    unverified:
      'Your identity has not yet been verified. We will not disclose, change or erase any data before we have verified your identity. We will contact you to verify it.',
    verified: 'Your identity has been verified.',
    next: 'We will handle your request and send you a written answer telling you what we have done. If we cannot carry out your request or part of it, we will give you the reasons and tell you about your right to lodge a complaint with the Data Protection Ombudsman and to seek a judicial remedy.',
    quote: (ref) => `Please quote the reference ${ref} if you contact us about this request.`,
  },
  extension: {
    subject: (c) => `More time to answer your request – ${c}`,
    title: 'Notice of extension of the time to answer',
    intro: (on, due) =>
      `We received your request on ${on}, and the time to answer it would end on ${due}. Under Article 12(3) of the General Data Protection Regulation, we are extending the time to answer for the following:`,
    newDue: (date) => `We will answer your request by ${date} at the latest.`,
    reasonHeading: 'Reason for the extension',
    withinMonth:
      'We are telling you about the extension and its reasons within one month of receiving your request, as the Regulation requires.',
  },
  outcome: {
    subject: (c) => `Answer to your request – ${c}`,
    title: 'Answer to your request',
    intro: (on) => `We received your request on ${on}. Below we tell you how we have handled it.`,
    done: 'What we did',
    whyNotAll: 'Why the request was not carried out in full',
    whyNot: 'Why the request was not carried out',
    kept: 'We still keep the following data:',
    keptItem: (field, reason, until) =>
      `${field} – reason: ${reason} – kept ${until ? `until ${until}` : 'for as long as the reason applies'}`,
    attached: 'The following files are attached to the email:',
    questions: (ref) => `If you have any questions, please contact our contact person and quote the reference ${ref}.`,
  },
  refusal: {
    subject: (c) => `Decision on your request – ${c}`,
    title: 'Decision: we are not carrying out your request',
    titlePartly: 'Decision: we are not carrying out your request in full',
    intro: (on) =>
      `We received your request on ${on}. We have considered it and decided not to carry it out. As Article 12(4) of the General Data Protection Regulation requires, we give the reasons below, with your right to lodge a complaint and to seek a judicial remedy.`,
    introPartly: (on) =>
      `We received your request on ${on}. We have considered it and decided not to carry it out in full. As Article 12(4) of the General Data Protection Regulation requires, we give the reasons below, with your right to lodge a complaint and to seek a judicial remedy.`,
    reasonsHeading: 'Reasons',
    partsHeading: 'The parts of your request',
  },
  rights: {
    heading: 'Your right to lodge a complaint and to seek a judicial remedy',
    complaint:
      'If you consider that the processing of your personal data infringes the law, you have the right to lodge a complaint with the supervisory authority. In Finland, the supervisory authority is the Office of the Data Protection Ombudsman:',
    court: 'You also have the right to seek a judicial remedy before a court.',
  },
};

export const LETTER_WORDS: Record<Language, LetterWords> = { fi, sv, en };
