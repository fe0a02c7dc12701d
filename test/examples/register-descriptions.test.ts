import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  EEA_COUNTRIES,
  registerDescriptionSchema,
  type RegisterDescription,
  type RegisterDescriptionInput,
} from '../../src/modules/registers/description.schema.ts';
import { FIELD_CATALOGUE, FIELD_KEYS, type FieldKey } from '../../src/modules/registers/field-catalogue.ts';

/**
 * The example register descriptions in examples/registers, one per seed privacy notice
 * (see docs/register-descriptions.md): each must parse, speak fi/sv/en everywhere and keep the
 * facts its seed promised. The negative tests show the schema names each problem by its path.
 */

const EXAMPLES_DIR = fileURLToPath(new URL('../../examples/registers/', import.meta.url));
const DOC = fileURLToPath(new URL('../../docs/register-descriptions.md', import.meta.url));

const files = readdirSync(EXAMPLES_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();

function raw(file: string): unknown {
  return JSON.parse(readFileSync(EXAMPLES_DIR + file, 'utf8')) as unknown;
}

function issuesText(input: unknown): string {
  const result = registerDescriptionSchema.safeParse(input);
  if (result.success) return '';
  return result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message} [${i.code}]`).join('\n');
}

function load(file: string): RegisterDescription {
  const result = registerDescriptionSchema.safeParse(raw(file));
  if (!result.success) throw new Error(`${file} does not parse:\n${issuesText(raw(file))}`);
  return result.data;
}

/** The fideslang default taxonomy's data uses (IABTechLab/fideslang, src/fideslang/default_taxonomy/data_uses.py). */
const FIDESLANG_DATA_USES = new Set([
  'analytics',
  'analytics.reporting',
  'analytics.reporting.ad_performance',
  'analytics.reporting.content_performance',
  'analytics.reporting.campaign_insights',
  'analytics.reporting.system',
  'analytics.reporting.system.performance',
  'collect',
  'employment',
  'employment.recruitment',
  'essential',
  'essential.fraud_detection',
  'essential.legal_obligation',
  'essential.service',
  'essential.service.authentication',
  'essential.service.notifications',
  'essential.service.notifications.email',
  'essential.service.notifications.sms',
  'essential.service.operations',
  'essential.service.operations.support',
  'essential.service.operations.improve',
  'essential.service.payment_processing',
  'essential.service.security',
  'essential.service.upgrades',
  'finance',
  'functional',
  'functional.storage',
  'functional.service',
  'functional.service.improve',
  'marketing',
  'marketing.advertising',
  'marketing.advertising.first_party',
  'marketing.advertising.first_party.contextual',
  'marketing.advertising.first_party.targeted',
  'marketing.advertising.frequency_capping',
  'marketing.advertising.negative_targeting',
  'marketing.advertising.profiling',
  'marketing.advertising.serving',
  'marketing.advertising.third_party',
  'marketing.advertising.third_party.targeted',
  'marketing.communications',
  'marketing.communications.email',
  'marketing.communications.sms',
  'operations',
  'personalize',
  'personalize.content',
  'personalize.profiling',
  'personalize.system',
  'sales',
  'third_party_sharing',
  'third_party_sharing.legal_obligation',
  'train_ai_system',
]);

/** Contact details of the real people in the seed notices: the examples must not carry them. */
const REAL_CONTACT_FRAGMENTS = [
  'soukkala',
  'kohtala',
  'sanna-kaisa',
  'lehto',
  'pitkänen',
  'pauliina',
  'jarkko',
  'leena',
  'gmail.com',
  'jk-log.fi',
  'kehobalanssi.fi',
  'jasmin.fi',
  'johku.com',
  '839 0356',
  '8390356',
  '567 9410',
  '5679410',
  '520 8141',
  '5208141',
  '771 2700',
  '7712700',
  '2905754-5',
  '2063235-5',
  'kiskoväylä',
  'ellintie',
  'isokatu',
];

type Localizedish = Record<string, unknown>;

/** Every `{ fi, … }` object anywhere in a document, with its JSON path. */
function localizedTexts(value: unknown, path: string[] = []): [string, Localizedish][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => localizedTexts(v, [...path, String(i)]));
  if (value && typeof value === 'object') {
    const obj = value as Localizedish;
    if ('fi' in obj) return [[path.join('.'), obj]];
    return Object.entries(obj).flatMap(([k, v]) => localizedTexts(v, [...path, k]));
  }
  return [];
}

function rulesFor(d: RegisterDescription, field: FieldKey) {
  return d.retention.filter((r) => r.fields.includes(field));
}

function allText(l: { fi: string; sv?: string; en?: string }): string[] {
  return [l.fi, l.sv ?? '', l.en ?? ''];
}

function field(d: RegisterDescription, key: FieldKey) {
  return d.fields.find((f) => f.key === key);
}

function purpose(d: RegisterDescription, key: string) {
  return d.purposes.find((p) => p.key === key);
}

describe('examples/registers', () => {
  it('holds at least five examples, including one per seed notice', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
    expect(files).toEqual(
      expect.arrayContaining([
        'commerce-platform-central.json',
        'web-agency-site.json',
        'logistics-customers.json',
        'wellness-practice.json',
        'webshop-users.json',
        'loyalty-members.json',
      ]),
    );
  });

  describe.each(files)('%s', (file) => {
    it('parses with registerDescriptionSchema', () => {
      const result = registerDescriptionSchema.safeParse(raw(file));
      expect(result.success, issuesText(raw(file))).toBe(true);
    });

    it('gives its name in fi, sv and en', () => {
      const d = load(file);
      expect(d.name.fi.trim()).not.toBe('');
      expect(d.name.sv?.trim()).toBeTruthy();
      expect(d.name.en?.trim()).toBeTruthy();
    });

    it('gives every localized text in fi, sv and en', () => {
      const missing = localizedTexts(raw(file))
        .filter(([, l]) => ['fi', 'sv', 'en'].some((lang) => typeof l[lang] !== 'string' || l[lang].trim() === ''))
        .map(([path]) => path);
      expect(missing).toEqual([]);
    });

    it('uses fideslang data uses only', () => {
      const d = load(file);
      const unknown = d.purposes
        .filter((p) => !FIDESLANG_DATA_USES.has(p.dataUse))
        .map((p) => `${p.key}: ${p.dataUse}`);
      expect(unknown).toEqual([]);
    });

    it('puts every purpose to use (a field, external data or a recipient serves it)', () => {
      const d = load(file);
      const used = new Set([
        ...d.fields.flatMap((f) => f.purposes),
        ...d.externalData.flatMap((x) => x.purposes),
        ...d.recipients.flatMap((r) => r.purposes),
      ]);
      expect(d.purposes.map((p) => p.key).filter((k) => !used.has(k))).toEqual([]);
    });

    it('keeps orders 10 years from the end of the financial year under Kirjanpitolaki 1336/1997 when it declares orders', () => {
      const d = load(file);
      if (!field(d, 'orders')) return;
      const accounting = rulesFor(d, 'orders').filter((r) => allText(r.reason).every((t) => t.includes('1336/1997')));
      expect(
        accounting.length,
        'a retention rule covering orders must name 1336/1997 in fi, sv and en',
      ).toBeGreaterThan(0);
      expect(accounting.some((r) => r.trigger === 'financial_year_end' && r.period.years === 10)).toBe(true);
    });

    it('lists every processor outside the EU/EEA in transfers with the same safeguard', () => {
      const d = load(file);
      for (const p of d.processors.filter((p) => !EEA_COUNTRIES.has(p.country))) {
        expect(d.transfers, `${p.name} (${p.country})`).toContainEqual(
          expect.objectContaining({ country: p.country, recipient: p.name, safeguard: p.transferSafeguard }),
        );
      }
    });

    it('uses fictional contact details only', () => {
      const d = load(file);
      for (const c of [d.contactPerson, d.dataProtectionOfficer].filter((c) => c !== undefined)) {
        if (c.email) expect(c.email).toMatch(/@example\.fi$/);
        if (c.phone) expect(c.phone).toMatch(/^\+358 40 \d{3} \d{4}$/);
      }
      const text = readFileSync(EXAMPLES_DIR + file, 'utf8').toLowerCase();
      expect(REAL_CONTACT_FRAGMENTS.filter((f) => text.includes(f))).toEqual([]);
    });

    it('has a profiling statement and both manual and electronic security principles', () => {
      const d = load(file);
      expect(typeof d.profiling.automatedDecisions).toBe('boolean');
      expect(d.security.manual.fi.length).toBeGreaterThan(20);
      expect(d.security.electronic.fi.length).toBeGreaterThan(20);
    });
  });
});

describe('seed 000: commerce-platform-central.json (central register of a commerce platform)', () => {
  const d = load('commerce-platform-central.json');

  it('declares every data item the seed lists, personal and organisational', () => {
    const seedItems: FieldKey[] = [
      'firstName',
      'lastName',
      'address.street',
      'address.postalCode',
      'address.city',
      'address.country',
      'phone',
      'email',
      'personalIdentityCode',
      'orders',
      'sourcePage',
      'ip',
      'termsAcceptance',
      'marketingPermissions',
      'organisation.name',
      'organisation.businessId',
      'organisation.eInvoiceAddress',
      'organisation.eInvoiceOperator',
      'organisation.reference',
      'organisation.marking',
    ];
    expect(seedItems.filter((k) => !field(d, k))).toEqual([]);
  });

  it('uses personalIdentityCode only for credit purchases, optional, and drops it when the credit ends', () => {
    const hetu = field(d, 'personalIdentityCode');
    expect(hetu?.required).toBe(false);
    expect(hetu?.purposes).toEqual(['credit_purchase']);
    expect(purpose(d, 'credit_purchase')?.dataUse).toBe('essential.service.payment_processing');
    expect(rulesFor(d, 'personalIdentityCode').map((r) => r.trigger)).toEqual(['contract_valid']);
  });

  it('rests on contract, and on consent for electronic marketing', () => {
    const marketing = d.purposes.filter((p) => p.dataUse.startsWith('marketing.'));
    expect(marketing.length).toBeGreaterThan(0);
    expect(marketing.every((p) => p.legalBasis === 'consent')).toBe(true);
    expect(purpose(d, 'oma_service')?.legalBasis).toBe('contract');
  });

  it('hosts in Ireland and models the possible technical transfer outside the EEA with SCCs', () => {
    expect(d.processors).toContainEqual(expect.objectContaining({ country: 'IE' }));
    expect(d.transfers).toContainEqual(expect.objectContaining({ safeguard: 'standard_contractual_clauses' }));
  });

  it('keeps the anonymous checkout tracking outside the register and promises no profiling', () => {
    expect(d.externalData.length).toBeGreaterThan(0);
    expect(d.profiling.automatedDecisions).toBe(false);
  });
});

describe('seed 001: web-agency-site.json (web agency)', () => {
  const d = load('web-agency-site.json');

  it('describes Google Analytics and ActiveCampaign cookies', () => {
    expect(d.cookies).toContainEqual(
      expect.objectContaining({ category: 'analytics', provider: expect.stringContaining('Google Analytics') }),
    );
    expect(d.cookies.some((c) => c.provider.includes('ActiveCampaign'))).toBe(true);
  });

  it('keeps cookie and social-media data under externalData', () => {
    expect(d.externalData.map((x) => x.category)).toEqual(
      expect.arrayContaining(['user.behavior.browsing_history', 'user.social_activity']),
    );
  });

  it('declares interests, IP, feedback, order data and marketing permissions', () => {
    for (const k of ['interests', 'ip', 'feedback', 'orders', 'marketingPermissions', 'organisation.name'] as const) {
      expect(field(d, k), k).toBeDefined();
    }
  });

  it('models technical maintenance outside the EEA as a processor under SCCs', () => {
    const outside = d.processors.filter((p) => !EEA_COUNTRIES.has(p.country));
    expect(outside.length).toBeGreaterThan(0);
    expect(outside.every((p) => p.transferSafeguard === 'standard_contractual_clauses')).toBe(true);
  });

  it('marks interests as consent-based and deletes them with the consent', () => {
    expect(field(d, 'interests')?.purposes.every((k) => purpose(d, k)?.legalBasis === 'consent')).toBe(true);
    expect(rulesFor(d, 'interests')).toContainEqual(
      expect.objectContaining({ trigger: 'consent_valid', period: { months: 0 } }),
    );
  });
});

describe('seed 002: logistics-customers.json (logistics company, business customers)', () => {
  const d = load('logistics-customers.json');

  it('keeps customer data 10 years from the end of the customer relationship', () => {
    const rule = d.retention.find((r) => r.trigger === 'relationship_end' && r.period.years === 10);
    expect(rule).toBeDefined();
    expect(rule?.fields).toEqual(
      expect.arrayContaining(['firstName', 'lastName', 'organisation.name', 'email', 'phone', 'website', 'orders']),
    );
  });

  it('declares the represented organisation, website, IP and order history', () => {
    for (const k of ['organisation.name', 'website', 'ip', 'orders'] as const) expect(field(d, k), k).toBeDefined();
  });

  it('names the interest of each legitimate-interest purpose (contact persons of business customers)', () => {
    expect(purpose(d, 'customer_register')?.legalBasis).toBe('legitimate_interest');
    expect(d.purposes.filter((p) => p.legalBasis === 'legitimate_interest').every((p) => p.legitimateInterest)).toBe(
      true,
    );
  });

  it('discloses only for credit, collection and legal duties', () => {
    const purposes = new Set(d.recipients.flatMap((r) => r.purposes));
    expect([...purposes].sort()).toEqual(['credit_and_collection', 'legal_disclosure']);
  });

  it('describes Google Analytics and its Demographics (marketing) cookie', () => {
    expect(d.cookies.some((c) => c.category === 'analytics' && c.provider.includes('Google Analytics'))).toBe(true);
    expect(d.cookies.some((c) => c.category === 'marketing' && c.provider.includes('Demographics'))).toBe(true);
  });
});

describe('seed 003: wellness-practice.json (wellness practice)', () => {
  const d = load('wellness-practice.json');

  it('declares the seed data items, date of birth included', () => {
    for (const k of [
      'firstName',
      'lastName',
      'organisation.name',
      'email',
      'address.street',
      'phone',
      'orders',
      'birthDate',
    ] as const) {
      expect(field(d, k), k).toBeDefined();
    }
  });

  it('holds no health data in this register', () => {
    expect(d.fields.filter((f) => FIELD_CATALOGUE[f.key].category.startsWith('user.health'))).toEqual([]);
  });

  it('uses the date of birth for no marketing', () => {
    expect(field(d, 'birthDate')?.purposes.every((k) => !purpose(d, k)?.dataUse.startsWith('marketing'))).toBe(true);
  });

  it('describes Google Analytics cookies and asks consent for them', () => {
    expect(d.cookies.some((c) => c.category === 'analytics' && c.provider.includes('Google Analytics'))).toBe(true);
    expect(d.purposes.some((p) => p.legalBasis === 'consent' && p.dataUse.startsWith('analytics'))).toBe(true);
  });
});

describe('seed 004: webshop-users.json (web shop user register)', () => {
  const d = load('webshop-users.json');

  it('deletes data left unused for two years', () => {
    const rule = d.retention.find((r) => r.trigger === 'last_activity' && r.period.years === 2);
    expect(rule).toBeDefined();
    expect(rule?.fields).toEqual(
      expect.arrayContaining([
        'firstName',
        'lastName',
        'email',
        'phone',
        'address.street',
        'orders',
        'marketingPermissions',
      ]),
    );
  });

  it('declares exactly the data the seed calls necessary for an order', () => {
    expect(d.fields.map((f) => f.key).sort()).toEqual(
      [
        'address.city',
        'address.postalCode',
        'address.street',
        'email',
        'firstName',
        'lastName',
        'marketingPermissions',
        'orders',
        'phone',
      ].sort(),
    );
  });

  it('describes its own necessary cookies and the Google Analytics and Facebook cookies', () => {
    expect(d.cookies.some((c) => c.category === 'necessary')).toBe(true);
    expect(d.cookies.some((c) => c.category === 'analytics' && c.provider.includes('Google Analytics'))).toBe(true);
    expect(d.cookies.some((c) => c.category === 'marketing' && c.provider.includes('Facebook'))).toBe(true);
  });

  it('keeps the register data inside the EU/EEA and makes no automated decisions', () => {
    expect(d.processors.every((p) => EEA_COUNTRIES.has(p.country))).toBe(true);
    expect(d.profiling.automatedDecisions).toBe(false);
  });

  it('shares contact details with the loyalty register of the same controller', () => {
    expect(d.contactPerson).toEqual(load('loyalty-members.json').contactPerson);
  });
});

describe('seed 004: loyalty-members.json (loyalty register)', () => {
  const d = load('loyalty-members.json');

  it('keeps member data while the membership lasts', () => {
    const rule = d.retention.find((r) => r.trigger === 'relationship_end');
    expect(rule?.fields).toEqual(expect.arrayContaining(['firstName', 'lastName', 'email', 'marketingPermissions']));
  });

  it('uses purchases for loyalty purposes for a limited time only, apart from the accounting copy', () => {
    const loyaltyUse = rulesFor(d, 'orders').filter((r) => r.trigger !== 'financial_year_end');
    expect(loyaltyUse.length).toBeGreaterThan(0);
    expect(loyaltyUse.every((r) => (r.period.years ?? 0) <= 2)).toBe(true);
  });

  it('markets to members on consent', () => {
    const marketing = d.purposes.filter((p) => p.dataUse.startsWith('marketing.'));
    expect(marketing.length).toBeGreaterThan(0);
    expect(marketing.every((p) => p.legalBasis === 'consent')).toBe(true);
  });

  it('transfers nothing outside the EU/EEA', () => {
    expect(d.transfers).toEqual([]);
    expect(d.processors.every((p) => EEA_COUNTRIES.has(p.country))).toBe(true);
  });
});

describe('docs/register-descriptions.md', () => {
  const doc = () => readFileSync(DOC, 'utf8');

  it('lists every catalogue field with its fideslang category', () => {
    const text = doc();
    const missing = FIELD_KEYS.filter((k) => !text.includes(`| \`${k}\` | \`${FIELD_CATALOGUE[k].category}\` |`));
    expect(missing).toEqual([]);
  });

  it('maps every example', () => {
    const text = doc();
    expect(files.filter((f) => !text.includes(f))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// The schema refuses broken descriptions and names each problem by its path.

const t = (fi: string, sv: string, en: string) => ({ fi, sv, en });

function base(): RegisterDescriptionInput {
  return {
    formatVersion: 1,
    name: t('Testirekisteri', 'Testregister', 'Test register'),
    contactPerson: { name: 'Testi Henkilö', email: 'testi@example.fi' },
    subjectCategories: [t('Asiakkaat', 'Kunder', 'Customers')],
    purposes: [
      {
        key: 'orders',
        name: t('Tilaukset', 'Beställningar', 'Orders'),
        legalBasis: 'contract',
        dataUse: 'essential.service',
      },
      {
        key: 'marketing',
        name: t('Markkinointi', 'Marknadsföring', 'Marketing'),
        legalBasis: 'consent',
        dataUse: 'marketing.communications.email',
      },
    ],
    fields: [
      { key: 'email', purposes: ['orders', 'marketing'] },
      { key: 'orders', purposes: ['orders'] },
    ],
    sources: [t('Asiakas itse', 'Kunden själv', 'The customer')],
    retention: [
      {
        key: 'customer',
        fields: ['email'],
        period: { years: 2 },
        trigger: 'last_activity',
        reason: t('Kaksi vuotta', 'Två år', 'Two years'),
      },
      {
        key: 'accounting',
        fields: ['orders'],
        period: { years: 10 },
        trigger: 'financial_year_end',
        reason: t('1336/1997', '1336/1997', '1336/1997'),
      },
    ],
    security: {
      manual: t('Lukitut tilat', 'Låsta utrymmen', 'Locked premises'),
      electronic: t('Salaus', 'Kryptering', 'Encryption'),
    },
    profiling: { automatedDecisions: false, description: t('Ei profilointia', 'Ingen profilering', 'No profiling') },
  };
}

/** The base description's lists, loosely typed so that a test can break them in ways the types forbid. */
interface Loose {
  purposes: unknown[];
  fields: unknown[];
  retention: unknown[];
  externalData?: unknown[];
  recipients?: unknown[];
  processors?: unknown[];
  transfers?: unknown[];
  cookies?: unknown[];
}

/** A copy of the base description changed by `change`. */
function broken(change: (d: Loose) => void): unknown {
  const d = structuredClone(base()) as unknown as Loose;
  change(d);
  return d;
}

function issuePaths(input: unknown): string[] {
  const result = registerDescriptionSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
}

function issueMessages(input: unknown): string[] {
  const result = registerDescriptionSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.message);
}

describe('registerDescriptionSchema refuses broken descriptions', () => {
  it('accepts the unbroken base', () => {
    expect(issuesText(base())).toBe('');
  });

  it('names an undeclared purpose referenced by a field', () => {
    const input = broken((d) => {
      (d.fields[0] as { purposes: string[] }).purposes.push('profit');
    });
    expect(issuePaths(input)).toEqual(['fields.0.purposes.2']);
    expect(issueMessages(input)).toEqual(['unknown purpose profit']);
  });

  it('names an undeclared purpose referenced by a recipient or external data', () => {
    const input = broken((d) => {
      d.recipients = [{ name: 'Kumppani', category: t('Kumppanit', 'Partner', 'Partners'), purposes: ['resale'] }];
      d.externalData = [
        { name: t('Evästeet', 'Kakor', 'Cookies'), category: 'user.device.cookie_id', purposes: ['tracking'] },
      ];
    });
    expect(issuePaths(input).sort()).toEqual(['externalData.0.purposes.0', 'recipients.0.purposes.0']);
  });

  it('names a declared field that no retention rule covers', () => {
    const input = broken((d) => {
      d.fields.push({ key: 'phone', purposes: ['orders'] });
    });
    expect(issuePaths(input)).toEqual(['retention']);
    expect(issueMessages(input)).toEqual(['field phone has no retention rule']);
  });

  it('names a retention rule for a field that is not declared', () => {
    const input = broken((d) => {
      (d.retention[0] as { fields: string[] }).fields.push('birthDate');
    });
    expect(issuePaths(input)).toEqual(['retention.0.fields.1']);
  });

  it('names a processor outside the EU/EEA without a transfer safeguard', () => {
    const input = broken((d) => {
      d.processors = [
        { name: 'EU Hosting Oy', service: t('Palvelin', 'Server', 'Server'), country: 'FI' },
        { name: 'Example Mail Inc.', service: t('Sähköposti', 'E-post', 'Email'), country: 'US' },
      ];
    });
    expect(issuePaths(input)).toEqual(['processors.1.transferSafeguard']);
    expect(issueMessages(input)[0]).toMatch(/outside the EU\/EEA/);
  });

  it('names a recipient outside the EU/EEA that no transfer covers', () => {
    const input = broken((d) => {
      d.recipients = [
        { name: 'Partner Ltd', category: t('Kumppani', 'Partner', 'Partner'), country: 'IN', purposes: ['orders'] },
      ];
    });
    expect(issuePaths(input)).toEqual(['recipients.0.country']);
  });

  it('names a transfer to a country inside the EU/EEA', () => {
    const input = broken((d) => {
      d.transfers = [{ country: 'SE', recipient: 'Svensk Drift AB', safeguard: 'standard_contractual_clauses' }];
    });
    expect(issuePaths(input)).toEqual(['transfers.0.country']);
  });

  it('names an unknown field key', () => {
    const input = broken((d) => {
      d.fields.push({ key: 'shoeSize', purposes: ['orders'] });
    });
    expect(issuePaths(input)).toEqual(['fields.2.key']);
  });

  it('names a legitimate-interest purpose that does not name the interest', () => {
    const input = broken((d) => {
      d.purposes.push({
        key: 'analytics',
        name: t('Analytiikka', 'Analys', 'Analytics'),
        legalBasis: 'legitimate_interest',
        dataUse: 'analytics.reporting',
      });
      (d.fields[1] as { purposes: string[] }).purposes.push('analytics');
    });
    expect(issuePaths(input)).toEqual(['purposes.2.legitimateInterest']);
  });

  it('names non-essential cookies when no purpose rests on consent', () => {
    const input = broken((d) => {
      d.purposes = d.purposes.filter((p) => (p as { key: string }).key !== 'marketing');
      (d.fields[0] as { purposes: string[] }).purposes = ['orders'];
      d.cookies = [
        {
          name: '_ga',
          category: 'analytics',
          provider: 'Google',
          purpose: t('Tilastot', 'Statistik', 'Statistics'),
          duration: 'P2Y',
        },
      ];
    });
    expect(issuePaths(input)).toEqual(['cookies']);
  });

  it('names personalIdentityCode declared without orders', () => {
    const input = broken((d) => {
      d.fields = d.fields.filter((f) => (f as { key: string }).key !== 'orders');
      d.fields.push({ key: 'personalIdentityCode', purposes: ['orders'] });
      d.retention = [
        {
          key: 'customer',
          fields: ['email', 'personalIdentityCode'],
          period: { years: 2 },
          trigger: 'last_activity',
          reason: t('a', 'b', 'c'),
        },
      ];
    });
    expect(issuePaths(input)).toEqual(['fields']);
  });

  it('names several problems at once, each at its own path', () => {
    const input = broken((d) => {
      (d.fields[0] as { purposes: string[] }).purposes.push('profit');
      d.fields.push({ key: 'phone', purposes: ['orders'] });
      d.processors = [{ name: 'Example Mail Inc.', service: t('Sähköposti', 'E-post', 'Email'), country: 'US' }];
      d.purposes.push({
        key: 'analytics',
        name: t('Analytiikka', 'Analys', 'Analytics'),
        legalBasis: 'legitimate_interest',
        dataUse: 'analytics.reporting',
      });
    });
    expect(issuePaths(input).sort()).toEqual(
      ['fields.0.purposes.2', 'processors.0.transferSafeguard', 'purposes.2.legitimateInterest', 'retention'].sort(),
    );
  });

  it('refuses a real example once it is broken', () => {
    const d = raw('webshop-users.json') as { retention: { fields: string[] }[] };
    d.retention = d.retention.map((r) => ({ ...r, fields: r.fields.filter((f) => f !== 'phone') }));
    expect(issueMessages(d)).toEqual(['field phone has no retention rule']);
  });
});
