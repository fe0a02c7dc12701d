import { durationParts, plural, type NoticeWords } from '../notice-words.ts';

const period = (years: number, months: number) =>
  [years ? `${years} år` : '', months ? plural(months, 'månad', 'månader') : ''].filter(Boolean).join(' och ');

const DURATION_UNITS = {
  Y: ['år', 'år'],
  M: ['månad', 'månader'],
  W: ['vecka', 'veckor'],
  D: ['dag', 'dagar'],
  h: ['timme', 'timmar'],
  m: ['minut', 'minuter'],
} as const;

/** På svenska, med dataskyddsförordningens svenska artikelhänvisningar. */
export const sv: NoticeWords = {
  title: (register) => `Dataskyddsbeskrivning: ${register}`,
  version: (n) => `Version ${n}`,
  published: 'Publicerad',
  permanentLink: 'Permanent adress till denna version',
  currentLink: 'Gällande beskrivning',
  formats: 'Ladda ner',
  markdown: 'Markdown',
  pdf: 'PDF',
  language: 'Språk',
  contents: 'Innehåll',
  changesLink: 'Ändringar sedan föregående version',
  page: (n, of) => `Sida ${n}/${of}`,
  date: (iso) => {
    const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
    return `${d}.${m}.${y}`;
  },

  heading: {
    controller: 'Personuppgiftsansvarig',
    contact: 'Kontaktperson i ärenden som gäller registret',
    dpo: 'Dataskyddsombud',
    register: 'Registrets namn',
    subjects: 'De registrerade',
    purposes: 'Ändamål och rättslig grund för behandlingen av personuppgifter',
    legitimateInterests: 'Berättigade intressen',
    data: 'Registrets datainnehåll',
    externalData: 'Andra uppgifter som behandlas',
    sources: 'Regelbundna uppgiftskällor',
    recipients: 'Regelbundna utlämnanden och mottagare',
    processors: 'Personuppgiftsbiträden',
    transfers: 'Överföring av uppgifter utanför EU eller EES',
    retention: 'Lagringstid för personuppgifter',
    security: 'Principer för skyddet av registret',
    cookies: 'Kakor och analys',
    profiling: 'Automatiserat beslutsfattande och profilering',
    rights: 'Den registrerades rättigheter och hur de används',
    complaint: 'Rätt att lämna klagomål till tillsynsmyndigheten',
    enforcement: 'Vad programvaran säkerställer',
  },
  empty: {
    legitimateInterests: 'Vi behandlar inga uppgifter på grund av berättigat intresse.',
    externalData: 'Inga andra uppgifter behandlas.',
    recipients: 'Uppgifter lämnas inte ut regelbundet.',
    processors: 'Vi anlitar inga personuppgiftsbiträden.',
    transfers: 'Uppgifter överförs inte utanför EU eller EES.',
    cookies: 'Vi använder inga kakor.',
  },

  businessId: 'FO-nummer',
  name: 'Namn',
  email: 'E-post',
  phone: 'Telefon',
  address: 'Adress',
  website: 'Webbplats',
  noDpo: 'Inget dataskyddsombud har utsetts; kontakta kontaktpersonen ovan.',

  legalBasis: {
    contract: 'avtal (artikel 6.1 b i dataskyddsförordningen)',
    consent: 'samtycke (artikel 6.1 a)',
    legitimate_interest: 'berättigat intresse (artikel 6.1 f)',
    legal_obligation: 'rättslig förpliktelse (artikel 6.1 c)',
    vital_interest: 'grundläggande intresse (artikel 6.1 d)',
    public_task: 'uppgift av allmänt intresse eller myndighetsutövning (artikel 6.1 e)',
  },
  purposeBasis: (purpose, basis) => `${purpose} – grund: ${basis}`,

  dataIntro:
    'Endast dessa uppgifter sparas i registret. Uppgifter som är markerade som obligatoriska behövs för att sköta kundrelationen och beställningarna: utan dem kan vi inte betjäna dig. Att lämna andra uppgifter är frivilligt.',
  required: 'obligatorisk',
  optional: 'frivillig',
  usedFor: (purposes) => `Används för: ${purposes}`,
  externalIntro:
    'Dessa uppgifter behandlas i andra tjänster (till exempel analystjänster och sociala medier) och sparas inte i detta register.',

  recipientCountry: (country) => `Land: ${country}`,
  disclosedData: (fields) => `Uppgifter som lämnas ut: ${fields}`,
  forPurposes: (purposes) => `Ändamål: ${purposes}`,
  processorsIntro:
    'Dessa företag behandlar uppgifterna för vår räkning enligt avtal och får inte använda dem för egna ändamål.',
  safeguard: {
    adequacy_decision: 'Europeiska kommissionens beslut om adekvat skyddsnivå (artikel 45 i dataskyddsförordningen)',
    standard_contractual_clauses: 'Europeiska kommissionens standardavtalsklausuler (artikel 46.2 c)',
    binding_corporate_rules: 'bindande företagsbestämmelser (artikel 47)',
    derogation: 'undantag för särskilda situationer (artikel 49)',
  },
  transferTo: (recipient, country) => `${recipient}, ${country}`,
  processorTransfer: (processor, country) => `${processor} (personuppgiftsbiträde), ${country}`,

  period,
  trigger: {
    last_activity: 'från den senaste kontakten',
    relationship_end: 'från att kundrelationen eller medlemskapet upphör',
    consent_valid: 'från att samtycket upphör',
    contract_valid: 'från att avtalet upphör',
    financial_year_end: 'från räkenskapsperiodens slut',
    calendar_year_end: 'från kalenderårets slut',
  },
  until: {
    last_activity: 'till den senaste kontakten',
    relationship_end: 'tills kundrelationen eller medlemskapet upphör',
    consent_valid: 'så länge samtycket gäller',
    contract_valid: 'så länge avtalet gäller',
    financial_year_end: 'till räkenskapsperiodens slut',
    calendar_year_end: 'till kalenderårets slut',
  },
  retentionItem: (fields, when) => `${fields}: ${when}`,
  law: (law) => `Lagrum: ${law}`,
  legalHoldNote: 'Sparas enligt lag även om du begär radering (artikel 17.3 b i dataskyddsförordningen).',
  enforcedRetention: (p, from) => {
    if (!p.years && !p.months)
      return from === 'activity'
        ? 'Raderas automatiskt vid den första kontrollen efter kundens senaste kontakt'
        : 'Raderas automatiskt vid den första kontrollen efter räkenskapsperioden för den senaste beställningen';
    return from === 'activity'
      ? `Raderas automatiskt ${period(p.years, p.months)} efter kundens senaste kontakt`
      : `Raderas automatiskt ${period(p.years, p.months)} efter utgången av räkenskapsperioden för den senaste beställningen`;
  },
  keptLonger: ', om inte en annan regel i denna lista bevarar dem längre',
  sweepSchedule: (schedule, lastRun) =>
    lastRun ? `kontroll ${schedule}, senast ${lastRun}` : `kontroll ${schedule}; den har inte körts ännu`,
  schedule: (hour, minute) =>
    `${hour < 6 ? 'varje natt' : 'varje dag'} kl. ${hour}.${String(minute).padStart(2, '0')} finsk tid`,

  manual: 'Manuellt material',
  electronic: 'Elektroniskt behandlade uppgifter',

  cookieCategory: {
    necessary: 'nödvändig',
    preferences: 'inställningar',
    analytics: 'analys (endast med samtycke)',
    marketing: 'marknadsföring (endast med samtycke)',
  },
  cookieItem: (name, provider, category, duration) => `${name} – ${provider}: ${category}, sparas ${duration}`,
  duration: (iso) => {
    if (iso.trim().toLowerCase() === 'session') return 'under sessionen';
    const parts = durationParts(iso);
    return parts ? parts.map(([n, u]) => plural(n, DURATION_UNITS[u][0], DURATION_UNITS[u][1])).join(' ') : iso;
  },
  cookieChoices:
    'Nödvändiga kakor behövs för att webbplatsen ska fungera. Andra kakor sätts endast med ditt samtycke, som du kan ge och återkalla i webbplatsens kakinställningar lika lätt som du gav det.',

  automatedYes:
    'Registrets uppgifter används för automatiserade beslut som har rättsliga följder eller på liknande sätt påverkar dig i betydande grad (artikel 22 i dataskyddsförordningen).',
  automatedNo:
    'Registrets uppgifter används inte för automatiserade beslut som har rättsliga följder eller på liknande sätt påverkar dig i betydande grad (artikel 22 i dataskyddsförordningen).',

  rights: {
    intro:
      'Du kan använda dina rättigheter avgiftsfritt. Vi svarar på en begäran senast inom en månad; om begäran är särskilt omfattande kan vi förlänga tiden med högst två månader och meddelar dig det med skälen under den första månaden (artikel 12 i dataskyddsförordningen).',
    access: 'Rätt till tillgång till dina uppgifter (artikel 15)',
    accessHow:
      'Du ser alla uppgifter som sparats om dig när som helst i tjänsten Oma, eller begär en kopia med begäransformuläret.',
    rectification: 'Rätt till rättelse (artikel 16)',
    rectificationHow:
      'Rätta dina uppgifter i tjänsten Oma. Rättelsen meddelas dem som har fått uppgifterna (artikel 19). Ändring av e-postadress och identifierare behandlas som en begäran.',
    erasure: 'Rätt till radering (artikel 17)',
    erasureHow:
      'Begär radering i tjänsten Oma eller med begäransformuläret. Vi raderar allt som lagen inte kräver att vi sparar och berättar vad som sparas, varför och hur länge.',
    restriction: 'Rätt till begränsning av behandlingen (artikel 18)',
    restrictionHow:
      'Begär begränsning i tjänsten Oma eller med begäransformuläret. Begränsade uppgifter bara lagras: de används inte för marknadsföring eller annan behandling.',
    objection: 'Rätt att invända mot behandlingen (artikel 21)',
    objectionHow:
      'Du kan invända mot behandling som grundar sig på berättigat intresse. Direktmarknadsföring kan du när som helst förbjuda i tjänsten Oma, via avbeställningslänken i ett marknadsföringsmeddelande eller med begäransformuläret; förbudet är ovillkorligt och gäller genast.',
    portability: 'Rätt till dataportabilitet (artikel 20)',
    portabilityHow: 'Ladda ner de uppgifter du har lämnat i maskinläsbar form (JSON och CSV) från tjänsten Oma.',
    withdraw: 'Rätt att återkalla samtycke (artikel 7.3)',
    withdrawHow:
      'Du kan när som helst återkalla ditt samtycke lika lätt som du gav det: i tjänsten Oma, via avbeställningslänken i varje marknadsföringsmeddelande eller med begäransformuläret. Återkallelsen påverkar inte lagligheten av behandlingen innan dess.',
    automated:
      'Rätt att inte bli föremål för ett beslut som enbart grundas på automatiserad behandling (artikel 22): du kan kräva att en människa granskar beslutet, framföra din synpunkt och bestrida beslutet.',
    portal: 'Tjänsten Oma',
    form: 'Begäransformulär',
    contact: (name) => `Du kan också skicka din begäran till registrets kontaktperson (${name}).`,
  },

  complaint:
    'Om du anser att behandlingen av dina personuppgifter strider mot dataskyddsförordningen kan du lämna in ett klagomål till tillsynsmyndigheten. I Finland är det Dataombudsmannens byrå. Du kan också klaga i den medlemsstat där du bor eller arbetar.',
  ombudsman: {
    name: 'Dataombudsmannens byrå',
    street: 'Besöksadress',
    post: 'Postadress',
    switchboard: 'Växel',
    registry: 'Registratorskontor',
  },

  enforcement: {
    intro:
      'Denna beskrivning har skapats från registerbeskrivningen som programvaran Omadata följer. Dessa löften håller programvaran själv:',
    minimisation: 'Uppgifter som inte nämns i denna beskrivning kan inte sparas i registret: programvaran avvisar dem.',
    portal: 'I tjänsten Oma ser, rättar och laddar du ner dina uppgifter och hanterar dina marknadsföringstillstånd.',
    unsubscribe:
      'Varje marknadsföringsmeddelande får en egen avbeställningslänk som fungerar med ett klick; förbudet gäller genast.',
    requests: 'Varje begäran får sin lagstadgade svarstid, och ingen begäran blir försenad obemärkt.',
    retention: (schedule) => `Uppgifterna raderas automatiskt när lagringstiden har gått ut: ${schedule}.`,
    enforcedPrefix: 'Programvaran säkerställer:',
  },

  versions: 'Versioner',
  versionsCaption: 'Beskrivningens versioner, nyaste först',
  versionColumn: 'Version',
  dateColumn: 'Publicerad',
  changesColumn: 'Ändringar',
  firstVersion: 'Första versionen',
  changesCount: (n, sections) => `${n === 1 ? '1 ändring' : `${n} ändringar`}: ${sections}`,
  noChanges: 'Inga ändringar i innehållet',
  changesHeading: (from) => `Ändringar jämfört med version ${from}`,
  added: 'Tillagt',
  removed: 'Borttaget',
  changed: 'Ändrat',
  before: 'Före',
  after: 'Nu',
  notFound: 'Beskrivningen hittades inte',
  notFoundBody: 'Det finns ingen dataskyddsbeskrivning på den här adressen. Kontrollera adressen.',
};
