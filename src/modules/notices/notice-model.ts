/**
 * The privacy notice (tietosuojaseloste) of one register description version as sections of items,
 * in Finnish, Swedish or English. Every format (notice-html.ts, notice-markdown.ts, notice-pdf.ts)
 * and the version diff (notice-diff.ts) read this model; nothing here knows about HTML or PDF.
 *
 * Stable exports, for other modules too (e.g. records of processing):
 * - `buildNotice(source, lang)` → `Notice`: the notice of one version in one language.
 * - `NoticeSource`: what a notice is built from (the description version, the controller, links,
 *   and the live settings of what the software enforces).
 * - `Notice`, `NoticeSection`, `NoticeItem`, `NoticeLink`, `SectionId`, `SECTION_IDS`: the model.
 *   Each item has a `key` that stays the same across versions (e.g. `purpose:<key>`,
 *   `field:<key>`, `retention:<key>`), which is how versions are compared.
 * - `noticeWords(lang)`: the fixed words of a notice; `fieldLabel`, `legalBasisLabel`,
 *   `countryName`, `retentionWhen`: one description element in words.
 * - `noticeLinks(baseUrl, registerId, lang)`: the portal and request-form links a notice gives.
 * - `dailyCron(expression)`: the hour and minute of a daily cron expression, or null.
 */
import { FIELD_CATALOGUE, type FieldKey } from '../registers/field-catalogue.ts';
import { EEA_COUNTRIES, type RegisterDescription } from '../registers/description.schema.ts';
import { pick, type Language, type Localized } from '../registers/localized.ts';
import { OMBUDSMAN } from '../requests/letter-texts.ts';
import { isLegalObligation } from '../retention/retention-plan.ts';
import { SECTION_IDS, type LegalBasis, type NoticeWords, type SectionId } from './notice-words.ts';
import { en } from './words/en.ts';
import { fi } from './words/fi.ts';
import { sv } from './words/sv.ts';

export { SECTION_IDS, type SectionId, type NoticeWords };

export interface NoticeLink {
  label: string;
  href: string;
}

export interface NoticeItem {
  /** The same across versions for the same element of the description. */
  key: string;
  text: string;
  /** Further lines of the item: reasons, countries, how to use a right. */
  details: string[];
  /** What the software itself makes true of this item, with live settings (not compared between versions). */
  enforced: string[];
  links: NoticeLink[];
}

export interface NoticeSection {
  id: SectionId;
  heading: string;
  /** Paragraphs before the items; for a section with nothing to list, the sentence saying so. */
  intro: string[];
  items: NoticeItem[];
}

export interface Notice {
  lang: Language;
  registerId: string;
  version: number;
  /** YYYY-MM-DD in Finland. */
  publishedOn: string;
  title: string;
  registerName: string;
  controllerName: string;
  sections: NoticeSection[];
}

/** What the software enforces, as it is set now. */
export interface LiveSettings {
  /** The nightly retention sweep: its cron expression (Finnish time) and when it last finished, if ever. */
  retentionSweep: { cron: string; lastRunAt: Date | null };
}

export interface NoticeSource {
  registerId: string;
  version: number;
  publishedAt: Date;
  controller: { name: string; businessId: string; contact?: Record<string, unknown> | null };
  description: RegisterDescription;
  /** Absolute or root-relative addresses: see noticeLinks(). */
  links: { portal: string; requestForm: string };
  /** Omitted: the notice says nothing of live settings (e.g. when comparing versions). */
  live?: LiveSettings;
}

const WORDS: Record<Language, NoticeWords> = { fi, sv, en };

export const noticeWords = (lang: Language): NoticeWords => WORDS[lang];

export function noticeLinks(baseUrl: string, registerId: string, lang: Language) {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    portal: `${base}/oma?lang=${lang}`,
    requestForm: `${base}/requests/new?register=${registerId}&lang=${lang}`,
  };
}

export function fieldLabel(key: FieldKey, lang: Language): string {
  return pick(FIELD_CATALOGUE[key].label, lang);
}

export function legalBasisLabel(basis: LegalBasis, lang: Language): string {
  return WORDS[lang].legalBasis[basis];
}

export function countryName(code: string, lang: Language): string {
  try {
    return new Intl.DisplayNames([lang], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** How long a retention rule keeps its data, in words: "3 vuotta viimeisestä asioinnista". */
export function retentionWhen(rule: RegisterDescription['retention'][number], lang: Language): string {
  const w = WORDS[lang];
  const years = rule.period.years ?? 0;
  const months = rule.period.months ?? 0;
  return years || months ? `${w.period(years, months)} ${w.trigger[rule.trigger]}` : w.until[rule.trigger];
}

/** Hour and minute of a cron expression that runs once a day ("30 3 * * *"), else null. */
export function dailyCron(expression: string): { hour: number; minute: number } | null {
  const m = /^(\d{1,2}) (\d{1,2}) \* \* \*$/.exec(expression.trim());
  if (!m) return null;
  const minute = Number(m[1]);
  const hour = Number(m[2]);
  return minute < 60 && hour < 24 ? { hour, minute } : null;
}

const finnishDate = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki' }).format(d);

const item = (key: string, text: string, more: Partial<Omit<NoticeItem, 'key' | 'text'>> = {}): NoticeItem => ({
  key,
  text,
  details: more.details ?? [],
  enforced: more.enforced ?? [],
  links: more.links ?? [],
});

function contactItems(prefix: string, c: RegisterDescription['contactPerson'], w: NoticeWords): NoticeItem[] {
  return [
    item(`${prefix}:name`, c.name),
    ...(c.email ? [item(`${prefix}:email`, `${w.email}: ${c.email}`)] : []),
    ...(c.phone ? [item(`${prefix}:phone`, `${w.phone}: ${c.phone}`)] : []),
    ...(c.address ? [item(`${prefix}:address`, `${w.address}: ${c.address}`)] : []),
  ];
}

/** Whether the register markets to people: then every marketing message carries an unsubscribe link. */
function marketsToPeople(d: RegisterDescription): boolean {
  return (
    d.existingCustomerMarketing ||
    d.fields.some((f) => f.key === 'marketingPermissions') ||
    d.purposes.some((p) => p.dataUse.startsWith('marketing.communications'))
  );
}

export function buildNotice(source: NoticeSource, lang: Language): Notice {
  const w = WORDS[lang];
  const d = source.description;
  const t = (text: Localized) => pick(text, lang);
  const purposeName = new Map(d.purposes.map((p) => [p.key, t(p.name)]));
  const purposes = (keys: string[]) => keys.map((k) => purposeName.get(k) ?? k).join('; ');
  const labels = (keys: readonly FieldKey[]) => keys.map((k) => fieldLabel(k, lang)).join(', ');
  const country = (code: string) => countryName(code, lang);
  const links = [
    { label: w.rights.portal, href: source.links.portal },
    { label: w.rights.form, href: source.links.requestForm },
  ];
  const marketing = marketsToPeople(d);
  const nonNecessaryCookies = d.cookies.some((c) => c.category !== 'necessary');

  const sweep = source.live?.retentionSweep;
  const daily = sweep ? dailyCron(sweep.cron) : null;
  const schedule = sweep
    ? w.sweepSchedule(
        daily ? w.schedule(daily.hour, daily.minute) : sweep.cron,
        sweep.lastRunAt ? w.date(finnishDate(sweep.lastRunAt)) : null,
      )
    : null;

  const sections: Record<SectionId, { intro?: string[]; items: NoticeItem[] }> = {
    controller: {
      items: [
        item('controller:name', source.controller.name),
        item('controller:businessId', `${w.businessId}: ${source.controller.businessId}`),
        ...(['address', 'email', 'phone', 'website'] as const).flatMap((k) => {
          const value = source.controller.contact?.[k];
          return typeof value === 'string' && value.trim() ? [item(`controller:${k}`, `${w[k]}: ${value.trim()}`)] : [];
        }),
      ],
    },
    contact: { items: contactItems('contact', d.contactPerson, w) },
    dpo: d.dataProtectionOfficer
      ? { items: contactItems('dpo', d.dataProtectionOfficer, w) }
      : { intro: [w.noDpo], items: [] },
    register: {
      items: [
        item('register:name', t(d.name)),
        ...(d.description ? [item('register:description', t(d.description))] : []),
      ],
    },
    subjects: { items: d.subjectCategories.map((c) => item(`subjects:${c.fi}`, t(c))) },
    purposes: {
      items: d.purposes.map((p) => item(`purpose:${p.key}`, w.purposeBasis(t(p.name), w.legalBasis[p.legalBasis]))),
    },
    legitimateInterests: {
      items: d.purposes.flatMap((p) =>
        p.legitimateInterest ? [item(`interest:${p.key}`, `${t(p.name)}: ${t(p.legitimateInterest)}`)] : [],
      ),
    },
    data: {
      intro: [w.dataIntro],
      items: d.fields.map((f) =>
        item(`field:${f.key}`, `${fieldLabel(f.key, lang)} (${f.required ? w.required : w.optional})`, {
          details: [w.usedFor(purposes(f.purposes))],
        }),
      ),
    },
    externalData: {
      intro: d.externalData.length ? [w.externalIntro] : [],
      items: d.externalData.map((x) =>
        item(`external:${x.name.fi}`, t(x.name), { details: [w.usedFor(purposes(x.purposes))] }),
      ),
    },
    sources: { items: d.sources.map((s) => item(`source:${s.fi}`, t(s))) },
    recipients: {
      items: d.recipients.map((r) =>
        item(`recipient:${r.name}`, `${r.name}: ${t(r.category)}`, {
          details: [
            w.recipientCountry(country(r.country)),
            ...(r.fields.length ? [w.disclosedData(labels(r.fields))] : []),
            w.forPurposes(purposes(r.purposes)),
          ],
        }),
      ),
    },
    processors: {
      intro: d.processors.length ? [w.processorsIntro] : [],
      items: d.processors.map((p) =>
        item(`processor:${p.name}`, `${p.name}: ${t(p.service)}`, {
          details: [w.recipientCountry(country(p.country))],
        }),
      ),
    },
    transfers: {
      items: [
        ...d.transfers.map((x) =>
          item(`transfer:${x.country}:${x.recipient}`, w.transferTo(x.recipient, country(x.country)), {
            details: [w.safeguard[x.safeguard], ...(x.description ? [t(x.description)] : [])],
          }),
        ),
        // A processor outside the EU/EEA is a transfer even where the description does not list it.
        ...d.processors
          .filter(
            (p) =>
              !EEA_COUNTRIES.has(p.country) &&
              !d.transfers.some((x) => x.recipient === p.name && x.country === p.country),
          )
          .map((p) =>
            item(`transfer:processor:${p.name}`, w.processorTransfer(p.name, country(p.country)), {
              details: p.transferSafeguard ? [w.safeguard[p.transferSafeguard]] : [],
            }),
          ),
      ],
    },
    retention: {
      items: d.retention.map((r) => {
        const legal = isLegalObligation(r);
        const from = r.trigger === 'financial_year_end' || r.trigger === 'calendar_year_end' ? 'year_end' : 'activity';
        const period = { years: r.period.years ?? 0, months: r.period.months ?? 0 };
        // A field under several rules is kept until the last of them runs out.
        const shared = r.fields.some((f) => d.retention.some((o) => o !== r && o.fields.includes(f)));
        return item(`retention:${r.key}`, w.retentionItem(labels(r.fields), retentionWhen(r, lang)), {
          details: [t(r.reason), ...(r.law ? [w.law(r.law)] : []), ...(legal ? [w.legalHoldNote] : [])],
          enforced: schedule ? [`${w.enforcedRetention(period, from)}${shared ? w.keptLonger : ''}; ${schedule}.`] : [],
        });
      }),
    },
    security: {
      items: [
        item('security:manual', `${w.manual}: ${t(d.security.manual)}`),
        item('security:electronic', `${w.electronic}: ${t(d.security.electronic)}`),
      ],
    },
    cookies: {
      intro: nonNecessaryCookies ? [w.cookieChoices] : [],
      items: d.cookies.map((c) =>
        item(
          `cookie:${c.name}`,
          w.cookieItem(c.name, c.provider, w.cookieCategory[c.category], w.duration(c.duration)),
          {
            details: [t(c.purpose)],
          },
        ),
      ),
    },
    profiling: {
      items: [
        item('profiling:automated', d.profiling.automatedDecisions ? w.automatedYes : w.automatedNo),
        item('profiling:description', t(d.profiling.description)),
      ],
    },
    rights: {
      intro: [w.rights.intro],
      items: [
        item('right:access', w.rights.access, {
          details: [w.rights.accessHow],
          links,
          enforced: [w.enforcement.portal],
        }),
        item('right:rectification', w.rights.rectification, {
          details: [w.rights.rectificationHow],
          links,
          enforced: [w.enforcement.portal],
        }),
        item('right:erasure', w.rights.erasure, { details: [w.rights.erasureHow], links }),
        item('right:restriction', w.rights.restriction, { details: [w.rights.restrictionHow], links }),
        item('right:objection', w.rights.objection, {
          details: [w.rights.objectionHow],
          links,
          enforced: marketing ? [w.enforcement.unsubscribe] : [],
        }),
        item('right:portability', w.rights.portability, {
          details: [w.rights.portabilityHow],
          links: links.slice(0, 1),
          enforced: [w.enforcement.portal],
        }),
        ...(d.purposes.some((p) => p.legalBasis === 'consent')
          ? [
              item('right:withdraw', w.rights.withdraw, {
                details: [w.rights.withdrawHow, ...(nonNecessaryCookies ? [w.cookieChoices] : [])],
                links,
                enforced: marketing ? [w.enforcement.unsubscribe] : [],
              }),
            ]
          : []),
        ...(d.profiling.automatedDecisions ? [item('right:automated', w.rights.automated, { links })] : []),
        item('right:contact', w.rights.contact(d.contactPerson.name), {
          details: [d.contactPerson.email, d.contactPerson.phone, d.contactPerson.address].filter(
            (x): x is string => !!x,
          ),
        }),
      ],
    },
    complaint: {
      intro: [w.complaint],
      items: [
        item('ombudsman:name', w.ombudsman.name),
        item('ombudsman:street', `${w.ombudsman.street}: ${OMBUDSMAN.street}`),
        item('ombudsman:post', `${w.ombudsman.post}: ${OMBUDSMAN.post}`),
        item('ombudsman:switchboard', `${w.ombudsman.switchboard}: ${OMBUDSMAN.switchboard}`),
        item('ombudsman:registry', `${w.ombudsman.registry}: ${OMBUDSMAN.registry}`),
        item('ombudsman:email', `${w.email}: ${OMBUDSMAN.email}`),
        item('ombudsman:web', `${w.website}: ${OMBUDSMAN.web}`, {
          links: [{ label: OMBUDSMAN.web, href: OMBUDSMAN.web }],
        }),
      ],
    },
    enforcement: {
      intro: [w.enforcement.intro],
      items: [
        item('enforced:minimisation', w.enforcement.minimisation),
        ...(schedule ? [item('enforced:retention', w.enforcement.retention(schedule))] : []),
        item('enforced:portal', w.enforcement.portal, { links: links.slice(0, 1) }),
        ...(marketing ? [item('enforced:unsubscribe', w.enforcement.unsubscribe)] : []),
        item('enforced:requests', w.enforcement.requests, { links: links.slice(1) }),
      ],
    },
  };

  return {
    lang,
    registerId: source.registerId,
    version: source.version,
    publishedOn: finnishDate(source.publishedAt),
    title: w.title(t(d.name)),
    registerName: t(d.name),
    controllerName: source.controller.name,
    sections: SECTION_IDS.map((id) => {
      const s = sections[id];
      const empty = w.empty[id];
      return {
        id,
        heading: w.heading[id],
        intro: s.items.length === 0 && empty ? [...(s.intro ?? []), empty] : (s.intro ?? []),
        items: s.items,
      };
    }),
  };
}
