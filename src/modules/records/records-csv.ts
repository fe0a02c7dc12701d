import { stringify } from 'csv-stringify/sync';
import { CSV_COLUMNS, RECORD_WORDS } from './records-texts.ts';
import type { ControllerRecord, ProcessorRecord } from './records.service.ts';

// Spreadsheet programs read the ä and ö of a UTF-8 file right only with the byte order mark.
const OPTIONS = { header: true, bom: true } as const;
const join = (items: string[]) => items.join('; ');

/**
 * The controller's record as one table: a row per register and purpose, each row repeating what
 * the register says as a whole (subjects, data, recipients, transfers, retention, security) so
 * that any row read alone is complete. A register's purposes' fields, recipients and retention
 * rules are narrowed to that purpose where the description ties them to purposes.
 */
export function controllerRecordCsv(record: ControllerRecord): string {
  const w = RECORD_WORDS[record.language];
  const c = record.controller;
  const rows: string[][] = [];
  for (const r of record.registers) {
    for (const p of r.purposes) {
      const fields = new Set(p.fieldKeys);
      rows.push([
        c.name,
        c.businessId,
        join(c.contact),
        r.id,
        r.name,
        String(r.version),
        r.contactPerson,
        r.dpo ?? '',
        p.key,
        p.name,
        p.legalBasis,
        p.legitimateInterest ?? '',
        join(r.subjectCategories),
        join(r.dataCategories.filter((f) => fields.has(f.key)).map((f) => `${f.label} (${f.category})`)),
        join(
          r.recipients
            .filter((x) => x.purposeKeys.includes(p.key))
            .map((x) => `${x.name}: ${x.category} (${x.country}${x.outsideEea ? `, ${w.outsideEea}` : ''})`),
        ),
        join(r.processors.map((x) => `${x.name}: ${x.service} (${x.country}${x.safeguard ? `, ${x.safeguard}` : ''})`)),
        join(r.thirdCountries),
        join(r.transfers.map((t) => `${t.country}: ${t.recipient}, ${t.safeguard}`)),
        join(
          r.retention
            .filter((x) => x.fieldKeys.some((f) => fields.has(f)))
            .map((x) => `${x.fields.join(', ')}: ${x.period} ${x.from}${x.law ? ` (${x.law})` : ''}`),
        ),
        join([
          `${w.manual}: ${r.security.manual}`,
          `${w.electronic}: ${r.security.electronic}`,
          ...record.platformSecurity,
        ]),
        String(r.facts.customers),
      ]);
    }
  }
  return stringify(rows, { ...OPTIONS, columns: CSV_COLUMNS.map((k) => w.csv[k]) });
}

/** The processor's record as one table: a row per controller and register (a controller without registers has one row). */
export function processorRecordCsv(record: ProcessorRecord): string {
  const w = RECORD_WORDS[record.language];
  const p = w.processor;
  const columns = [
    p.processor,
    `${p.processor}: ${w.contact}`,
    w.csv.controller,
    w.csv.businessId,
    w.csv.controllerContact,
    w.csv.register,
    w.csv.version,
    w.csv.customers,
    p.processingColumn,
    p.subProcessors,
    p.transfers,
    w.csv.security,
  ];
  const rows: string[][] = [];
  for (const c of record.controllers) {
    const registers = c.registers.length ? c.registers : [null];
    for (const r of registers) {
      rows.push([
        record.processor.name ?? p.notConfigured,
        join(record.processor.contact),
        c.name,
        c.businessId,
        join(c.contact),
        r?.name ?? '',
        r ? String(r.version) : '',
        r ? String(r.customers) : '',
        join(record.services),
        record.subProcessors.length ? join(record.subProcessors) : p.noSubProcessors,
        record.transfers,
        join(record.security),
      ]);
    }
  }
  return stringify(rows, { ...OPTIONS, columns });
}
