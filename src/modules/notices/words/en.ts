import { durationParts, plural, type NoticeWords } from '../notice-words.ts';

const period = (years: number, months: number) =>
  [years ? plural(years, 'year', 'years') : '', months ? plural(months, 'month', 'months') : '']
    .filter(Boolean)
    .join(' and ');

const DURATION_UNITS = {
  Y: ['year', 'years'],
  M: ['month', 'months'],
  W: ['week', 'weeks'],
  D: ['day', 'days'],
  h: ['hour', 'hours'],
  m: ['minute', 'minutes'],
} as const;

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

/** In English, citing the GDPR's articles as the English text numbers them. */
export const en: NoticeWords = {
  title: (register) => `Privacy notice: ${register}`,
  version: (n) => `Version ${n}`,
  published: 'Published',
  permanentLink: 'Permanent address of this version',
  currentLink: 'The notice in force',
  formats: 'Download',
  markdown: 'Markdown',
  pdf: 'PDF',
  language: 'Language',
  contents: 'Contents',
  changesLink: 'Changes since the previous version',
  page: (n, of) => `Page ${n} of ${of}`,
  date: (iso) => {
    const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
    return `${d} ${MONTHS[m - 1]} ${y}`;
  },

  heading: {
    controller: 'Controller',
    contact: 'Contact person for the register',
    dpo: 'Data protection officer',
    register: 'Name of the register',
    subjects: 'Whose data is in the register',
    purposes: 'Purposes of processing and their legal bases',
    legitimateInterests: 'Legitimate interests',
    data: 'Data in the register',
    externalData: 'Other data processed',
    sources: 'Regular sources of data',
    recipients: 'Regular disclosures and recipients',
    processors: 'Processors',
    transfers: 'Transfers outside the EU/EEA',
    retention: 'How long data is kept',
    security: 'How the register is protected',
    cookies: 'Cookies and analytics',
    profiling: 'Automated decisions and profiling',
    rights: 'Your rights and how to use them',
    complaint: 'Right to complain to the supervisory authority',
    enforcement: 'What the software enforces',
  },
  empty: {
    legitimateInterests: 'We process no data on the basis of legitimate interest.',
    externalData: 'No other data is processed.',
    recipients: 'Data is not regularly disclosed to anyone.',
    processors: 'We use no processors.',
    transfers: 'Data is not transferred outside the EU/EEA.',
    cookies: 'We use no cookies.',
  },

  businessId: 'Business ID',
  name: 'Name',
  email: 'Email',
  phone: 'Phone',
  address: 'Address',
  website: 'Website',
  noDpo: 'No data protection officer has been designated; contact the contact person above.',

  legalBasis: {
    contract: 'contract (GDPR Art. 6(1)(b))',
    consent: 'consent (Art. 6(1)(a))',
    legitimate_interest: 'legitimate interest (Art. 6(1)(f))',
    legal_obligation: 'legal obligation (Art. 6(1)(c))',
    vital_interest: 'vital interest (Art. 6(1)(d))',
    public_task: 'public task or official authority (Art. 6(1)(e))',
  },
  purposeBasis: (purpose, basis) => `${purpose} – basis: ${basis}`,

  dataIntro:
    'Only this data is stored in the register. Data marked as required is needed to manage the customer relationship and orders: without it we cannot serve you. Giving the rest is voluntary.',
  required: 'required',
  optional: 'optional',
  usedFor: (purposes) => `Used for: ${purposes}`,
  externalIntro:
    'This data is processed in other services (such as analytics and social-media services) and is not stored in this register.',

  recipientCountry: (country) => `Country: ${country}`,
  disclosedData: (fields) => `Data disclosed: ${fields}`,
  forPurposes: (purposes) => `Purpose: ${purposes}`,
  processorsIntro:
    'These companies process the data on our behalf under contract and may not use it for their own purposes.',
  safeguard: {
    adequacy_decision: 'European Commission adequacy decision (GDPR Art. 45)',
    standard_contractual_clauses: 'European Commission standard contractual clauses (Art. 46(2)(c))',
    binding_corporate_rules: 'binding corporate rules (Art. 47)',
    derogation: 'derogation for specific situations (Art. 49)',
  },
  transferTo: (recipient, country) => `${recipient}, ${country}`,
  processorTransfer: (processor, country) => `${processor} (processor), ${country}`,

  period,
  trigger: {
    last_activity: 'from the last dealing',
    relationship_end: 'from the end of the customer relationship or membership',
    consent_valid: 'from the end of the consent',
    contract_valid: 'from the end of the contract',
    financial_year_end: 'from the end of the financial year',
    calendar_year_end: 'from the end of the calendar year',
  },
  until: {
    last_activity: 'until the last dealing',
    relationship_end: 'until the customer relationship or membership ends',
    consent_valid: 'while the consent is in force',
    contract_valid: 'while the contract is in force',
    financial_year_end: 'until the end of the financial year',
    calendar_year_end: 'until the end of the calendar year',
  },
  retentionItem: (fields, when) => `${fields}: ${when}`,
  law: (law) => `Law: ${law}`,
  legalHoldNote: 'Kept as the law requires even if you ask for erasure (GDPR Art. 17(3)(b)).',
  enforcedRetention: (p, from) => {
    if (!p.years && !p.months)
      return from === 'activity'
        ? "Deleted automatically at the first check after the customer's last dealing"
        : 'Deleted automatically at the first check after the financial year of the latest order';
    return from === 'activity'
      ? `Deleted automatically ${period(p.years, p.months)} after the customer's last dealing`
      : `Deleted automatically ${period(p.years, p.months)} after the end of the financial year of the latest order`;
  },
  keptLonger: ', unless another rule in this list keeps them longer',
  sweepSchedule: (schedule, lastRun) =>
    lastRun ? `checked ${schedule}, last on ${lastRun}` : `checked ${schedule}; not run yet`,
  schedule: (hour, minute) =>
    `${hour < 6 ? 'every night' : 'every day'} at ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')} Finnish time`,

  manual: 'Manual (paper) material',
  electronic: 'Electronically processed data',

  cookieCategory: {
    necessary: 'necessary',
    preferences: 'preferences',
    analytics: 'analytics (only with consent)',
    marketing: 'marketing (only with consent)',
  },
  cookieItem: (name, provider, category, duration) => `${name} – ${provider}: ${category}, kept ${duration}`,
  duration: (iso) => {
    if (iso.trim().toLowerCase() === 'session') return 'for the session';
    const parts = durationParts(iso);
    return parts ? parts.map(([n, u]) => plural(n, DURATION_UNITS[u][0], DURATION_UNITS[u][1])).join(' ') : iso;
  },
  cookieChoices:
    "Necessary cookies are needed for the site to work. Other cookies are set only with your consent, which you can give and withdraw in the site's cookie settings as easily as you gave it.",

  automatedYes:
    "The register's data is used for automated decisions with legal or similarly significant effects (GDPR Art. 22).",
  automatedNo:
    "The register's data is not used for automated decisions with legal or similarly significant effects (GDPR Art. 22).",

  rights: {
    intro:
      'Using your rights is free of charge. We answer within one month; if a request is exceptionally complex we may extend this by up to two months, and tell you so with the reasons within the first month (GDPR Art. 12).',
    access: 'Right of access (Art. 15)',
    accessHow: 'See everything stored about you at any time in Oma, or ask for a copy with the request form.',
    rectification: 'Right to rectification (Art. 16)',
    rectificationHow:
      'Correct your data in Oma. Everyone the data was disclosed to is told of the correction (Art. 19). A change of email address or identifiers is handled as a request.',
    erasure: 'Right to erasure (Art. 17)',
    erasureHow:
      'Ask for erasure in Oma or with the request form. We erase everything the law does not require us to keep, and tell you what is kept, why and until when.',
    restriction: 'Right to restriction of processing (Art. 18)',
    restrictionHow:
      'Ask for restriction in Oma or with the request form. Restricted data is only stored: it is not used for marketing or any other processing.',
    objection: 'Right to object (Art. 21)',
    objectionHow:
      'You can object to processing based on legitimate interest. You can forbid direct marketing at any time in Oma, through the unsubscribe link in a marketing message or with the request form; the objection is absolute and takes effect at once.',
    portability: 'Right to data portability (Art. 20)',
    portabilityHow: 'Download the data you gave in a machine-readable format (JSON and CSV) from Oma.',
    withdraw: 'Right to withdraw consent (Art. 7(3))',
    withdrawHow:
      'You can withdraw your consent at any time as easily as you gave it: in Oma, through the unsubscribe link in every marketing message or with the request form. Withdrawal does not affect the lawfulness of processing before it.',
    automated:
      'Right not to be subject to a decision based solely on automated processing (Art. 22): you can ask for a person to review the decision, give your view and contest it.',
    portal: 'Oma',
    form: 'Request form',
    contact: (name) => `You can also send your request to the register's contact person (${name}).`,
  },

  complaint:
    'If you think the processing of your personal data breaks the GDPR, you can complain to the supervisory authority. In Finland it is the Office of the Data Protection Ombudsman. You can also complain in the member state where you live or work.',
  ombudsman: {
    name: 'Office of the Data Protection Ombudsman',
    street: 'Visiting address',
    post: 'Postal address',
    switchboard: 'Switchboard',
    registry: 'Registry',
  },

  enforcement: {
    intro:
      'This notice is generated from the register description that the Omadata software runs on. The software keeps these promises itself:',
    minimisation: 'Data not listed in this notice cannot be stored in the register: the software refuses it.',
    portal: 'In Oma you see, correct and download your data and manage your marketing permissions.',
    unsubscribe:
      'Every marketing message is given its own unsubscribe link that works in one click; the refusal takes effect at once.',
    requests: 'Every request is given its legal due date, and none goes overdue unnoticed.',
    retention: (schedule) => `Data is deleted automatically when its retention period ends: ${schedule}.`,
    enforcedPrefix: 'Enforced by the software:',
  },

  versions: 'Versions',
  versionsCaption: 'Versions of the notice, newest first',
  versionColumn: 'Version',
  dateColumn: 'Published',
  changesColumn: 'Changes',
  firstVersion: 'First version',
  changesCount: (n, sections) => `${n === 1 ? '1 change' : `${n} changes`}: ${sections}`,
  noChanges: 'No changes in content',
  changesHeading: (from) => `Changes since version ${from}`,
  added: 'Added',
  removed: 'Removed',
  changed: 'Changed',
  before: 'Before',
  after: 'Now',
  notFound: 'Notice not found',
  notFoundBody: 'There is no privacy notice at this address. Check the address.',
};
