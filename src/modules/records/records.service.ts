import type { Tx } from '../../db/database.ts';
import { notFound } from '../../errors.ts';
import { todayInFinland } from '../../finnish-time.ts';
import { SYSTEM_JOBS } from '../../jobs/system-jobs.ts';
import { EEA_COUNTRIES, type RegisterDescription } from '../registers/description.schema.ts';
import { FIELD_CATALOGUE, type FieldKey } from '../registers/field-catalogue.ts';
import { pick, type Language } from '../registers/localized.ts';
import { registerService } from '../registers/register.service.ts';
import { RECORD_WORDS, type RecordWords } from './records-texts.ts';
import { recordsRepository, type RegisterFactsRow } from './records.repository.ts';

/** What the records say about the platform itself: from the configuration, never from a request. */
export interface RecordsEnv {
  publicUrl: string;
  smtpUrl?: string | undefined;
  oidcIssuer?: string | undefined;
  /** The platform operator (the processor): its name and contact, when configured. */
  operator?: { name: string; contact: string | null } | null;
}

export interface RecordField {
  key: string;
  label: string;
  /** fideslang data category */
  category: string;
  purposes: string[];
}

export interface RegisterRecord {
  id: string;
  name: string;
  version: number;
  publishedOn: string;
  description: string | null;
  contactPerson: string;
  dpo: string | null;
  subjectCategories: string[];
  purposes: Array<{
    key: string;
    name: string;
    legalBasis: string;
    legitimateInterest: string | null;
    dataUse: string;
    fields: string[];
    fieldKeys: string[];
  }>;
  dataCategories: RecordField[];
  externalData: Array<{ name: string; category: string; purposes: string[] }>;
  sources: string[];
  recipients: Array<{
    name: string;
    category: string;
    country: string;
    outsideEea: boolean;
    fields: string[];
    purposes: string[];
    purposeKeys: string[];
  }>;
  processors: Array<{ name: string; service: string; country: string; outsideEea: boolean; safeguard: string | null }>;
  thirdCountries: string[];
  transfers: Array<{ country: string; recipient: string; safeguard: string; description: string | null }>;
  retention: Array<{
    key: string;
    fields: string[];
    fieldKeys: string[];
    period: string;
    from: string;
    reason: string;
    law: string | null;
  }>;
  security: { manual: string; electronic: string };
  facts: { customers: number; erased: number; lastSweepOn: string | null };
}

export interface ControllerRecord {
  language: Language;
  generatedOn: string;
  controller: { name: string; businessId: string; contact: string[] };
  dpos: string[];
  registers: RegisterRecord[];
  platformSecurity: string[];
  sweep: string;
}

export interface ProcessorRecord {
  language: Language;
  generatedOn: string;
  processor: { name: string | null; contact: string[] };
  controllers: Array<{
    name: string;
    businessId: string;
    contact: string[];
    registers: Array<{ name: string; version: number; customers: number }>;
  }>;
  services: string[];
  subProcessors: string[];
  transfers: string;
  security: string[];
}

export function countryName(code: string, lang: Language): string {
  try {
    const name = new Intl.DisplayNames([lang], { type: 'region' }).of(code);
    return name && name !== code ? `${name} (${code})` : code;
  } catch {
    return code;
  }
}

const label = (key: FieldKey, lang: Language) => pick(FIELD_CATALOGUE[key].label, lang);

function contactLine(c: { name: string; email?: string; phone?: string; address?: string }): string {
  return [c.name, c.email, c.phone, c.address].filter(Boolean).join(', ');
}

export function periodText(w: RecordWords, period: { years?: number; months?: number }): string {
  const parts = [...(period.years ? [w.years(period.years)] : []), ...(period.months ? [w.months(period.months)] : [])];
  return parts.length ? parts.join(` ${w.and} `) : w.atOnce;
}

/** The daily sweep's time from its cron line ("30 3 * * *" → 03.30); another schedule is shown as it is. */
function sweepText(w: RecordWords, lang: Language): string {
  const cron = SYSTEM_JOBS.retentionSweep.cron;
  const daily = /^(\d{1,2}) (\d{1,2}) \* \* \*$/.exec(cron);
  if (!daily) return w.sweepCron(cron);
  const [m, h] = [daily[1]!.padStart(2, '0'), daily[2]!.padStart(2, '0')];
  return w.sweep(lang === 'en' ? `${h}:${m}` : `${h}.${m}`);
}

export function platformSecurity(w: RecordWords, env: RecordsEnv): string[] {
  const m = w.measures;
  const secure = env.publicUrl.startsWith('https://');
  return [
    m.passwords,
    m.totp,
    m.roles,
    m.identityCode,
    m.tenants,
    m.audit,
    m.logs,
    m.retention,
    secure ? m.tls(env.publicUrl) : m.noTls(env.publicUrl),
  ];
}

function controllerContact(contact: Record<string, unknown> | null): string[] {
  const c = contact ?? {};
  return ['address', 'email', 'phone', 'website']
    .map((k) => c[k])
    .filter((v): v is string => typeof v === 'string' && v.trim() !== '');
}

const dateOf = (d: Date | null) => (d ? todayInFinland(d) : null);

function registerRecord(row: RegisterFactsRow, d: RegisterDescription, lang: Language): RegisterRecord {
  const w = RECORD_WORDS[lang];
  const purposeName = new Map(d.purposes.map((p) => [p.key, pick(p.name, lang)]));
  const purposeNames = (keys: string[]) => keys.map((k) => purposeName.get(k) ?? k);
  const third = new Set<string>();
  for (const r of d.recipients) if (!EEA_COUNTRIES.has(r.country)) third.add(r.country);
  for (const p of d.processors) if (!EEA_COUNTRIES.has(p.country)) third.add(p.country);
  for (const t of d.transfers) third.add(t.country);
  return {
    id: row.id,
    name: pick(d.name, lang),
    version: row.current_version,
    publishedOn: w.formatDate(todayInFinland(row.published_at)),
    description: d.description ? pick(d.description, lang) : null,
    contactPerson: contactLine(d.contactPerson),
    dpo: d.dataProtectionOfficer ? contactLine(d.dataProtectionOfficer) : null,
    subjectCategories: d.subjectCategories.map((c) => pick(c, lang)),
    purposes: d.purposes.map((p) => ({
      key: p.key,
      name: pick(p.name, lang),
      legalBasis: w.legalBases[p.legalBasis],
      legitimateInterest: p.legitimateInterest ? pick(p.legitimateInterest, lang) : null,
      dataUse: p.dataUse,
      fields: d.fields.filter((f) => f.purposes.includes(p.key)).map((f) => label(f.key, lang)),
      fieldKeys: d.fields.filter((f) => f.purposes.includes(p.key)).map((f) => f.key),
    })),
    dataCategories: d.fields.map((f) => ({
      key: f.key,
      label: label(f.key, lang),
      category: FIELD_CATALOGUE[f.key].category,
      purposes: purposeNames(f.purposes),
    })),
    externalData: d.externalData.map((x) => ({
      name: pick(x.name, lang),
      category: x.category,
      purposes: purposeNames(x.purposes),
    })),
    sources: d.sources.map((s) => pick(s, lang)),
    recipients: d.recipients.map((r) => ({
      name: r.name,
      category: pick(r.category, lang),
      country: countryName(r.country, lang),
      outsideEea: !EEA_COUNTRIES.has(r.country),
      fields: r.fields.map((f) => label(f, lang)),
      purposes: purposeNames(r.purposes),
      purposeKeys: r.purposes,
    })),
    processors: d.processors.map((p) => ({
      name: p.name,
      service: pick(p.service, lang),
      country: countryName(p.country, lang),
      outsideEea: !EEA_COUNTRIES.has(p.country),
      safeguard: p.transferSafeguard ? w.safeguards[p.transferSafeguard] : null,
    })),
    thirdCountries: [...third].sort().map((c) => countryName(c, lang)),
    transfers: d.transfers.map((t) => ({
      country: countryName(t.country, lang),
      recipient: t.recipient,
      safeguard: w.safeguards[t.safeguard],
      description: t.description ? pick(t.description, lang) : null,
    })),
    retention: d.retention.map((r) => ({
      key: r.key,
      fields: r.fields.map((f) => label(f, lang)),
      fieldKeys: r.fields,
      period: periodText(w, r.period),
      from: w.triggers[r.trigger],
      reason: pick(r.reason, lang),
      law: r.law ?? null,
    })),
    security: { manual: pick(d.security.manual, lang), electronic: pick(d.security.electronic, lang) },
    facts: {
      customers: row.customers,
      erased: row.erased,
      lastSweepOn: dateOf(row.last_sweep_at) ? w.formatDate(dateOf(row.last_sweep_at)!) : null,
    },
  };
}

/** Only host names of the services the platform is configured to use: a URL can carry a password. */
function hostOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname || null;
  } catch {
    return null;
  }
}

export function recordsService(db: Tx, env: RecordsEnv) {
  const repo = recordsRepository(db);
  const registers = registerService(db);

  async function describe(row: RegisterFactsRow) {
    const loaded = await registers.fromRow(row);
    return loaded.description;
  }

  return {
    /** The controller's record (GDPR 30(1)) from every register's description in force. */
    async controllerRecord(controllerId: string, lang: Language): Promise<ControllerRecord> {
      const w = RECORD_WORDS[lang];
      const [controller] = await repo.controllers([controllerId]);
      if (!controller) throw notFound('Controller');
      const rows = await repo.registers([controllerId]);
      const records: RegisterRecord[] = [];
      for (const row of rows) records.push(registerRecord(row, await describe(row), lang));
      const dpos = [...new Set(records.map((r) => r.dpo).filter((d): d is string => d !== null))];
      return {
        language: lang,
        generatedOn: w.formatDate(todayInFinland()),
        controller: {
          name: controller.name,
          businessId: controller.business_id,
          contact: controllerContact(controller.contact),
        },
        dpos,
        registers: records,
        platformSecurity: platformSecurity(w, env),
        sweep: sweepText(w, lang),
      };
    },

    /** The platform operator's record as processor for every controller (GDPR 30(2)). */
    async processorRecord(lang: Language): Promise<ProcessorRecord> {
      const w = RECORD_WORDS[lang];
      const [controllers, rows, operators] = await Promise.all([
        repo.controllers(null),
        repo.registers(null),
        env.operator?.contact ? Promise.resolve([]) : repo.operators(),
      ]);
      const byController = new Map<string, RegisterFactsRow[]>();
      for (const r of rows) byController.set(r.controller_id, [...(byController.get(r.controller_id) ?? []), r]);
      const out: ProcessorRecord['controllers'] = [];
      for (const c of controllers) {
        const own = byController.get(c.id) ?? [];
        const contact = controllerContact(c.contact);
        const described: ProcessorRecord['controllers'][number]['registers'] = [];
        for (const row of own) {
          const d = await describe(row);
          // A controller that keeps no contact details of its own is reached through its registers' contact persons.
          if (Object.keys(c.contact ?? {}).length === 0)
            contact.push(`${w.contactPerson}: ${contactLine(d.contactPerson)}`);
          described.push({ name: pick(d.name, lang), version: row.current_version, customers: row.customers });
        }
        out.push({ name: c.name, businessId: c.business_id, contact: [...new Set(contact)], registers: described });
      }
      const subProcessors: string[] = [];
      const smtp = hostOf(env.smtpUrl);
      if (smtp) subProcessors.push(w.processor.smtp(smtp));
      const oidc = hostOf(env.oidcIssuer);
      if (oidc) subProcessors.push(w.processor.oidc(oidc));
      return {
        language: lang,
        generatedOn: w.formatDate(todayInFinland()),
        processor: {
          name: env.operator?.name ?? null,
          contact: env.operator?.contact
            ? [env.operator.contact]
            : operators.map((o) => `${w.processor.operators}: ${[o.name, o.email].filter(Boolean).join(', ')}`),
        },
        controllers: out,
        services: w.processor.services,
        subProcessors,
        transfers: w.processor.noTransfers,
        security: platformSecurity(w, env),
      };
    },
  };
}
