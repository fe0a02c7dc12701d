import type { Readable } from 'node:stream';
import { ZipArchive } from 'archiver';
import { stringify } from 'csv-stringify/sync';
import { todayInFinland } from '../../finnish-time.ts';
import { readmeText, type ExportLanguage } from './portal-export-readme.ts';
import { EXPORT_SCHEMA_PATH, portalExportJsonSchema, type PortalExport } from './portal-export.schema.ts';

const CSV_OPTIONS = {
  header: true,
  // Spreadsheet programs read the ä and ö of a UTF-8 file right only with the byte order mark.
  bom: true,
  cast: { boolean: (v: boolean) => (v ? 'true' : 'false') },
} as const;

function csv(columns: string[], rows: unknown[][]): string {
  return stringify(rows, { ...CSV_OPTIONS, columns });
}

/** The CSV files of the zip: the same data as data.json, one table per kind of row. */
function csvFiles(doc: PortalExport, lang: ExportLanguage | null): Record<string, string> {
  const orders: unknown[][] = [];
  const items: unknown[][] = [];
  const fields: unknown[][] = [];
  const permissions: unknown[][] = [];
  const consents: unknown[][] = [];
  const events: unknown[][] = [];
  for (const m of doc.merchants) {
    const merchant = m.controller.name;
    for (const r of m.registers) {
      const register = (lang && r.name[lang]) || r.name.fi;
      for (const o of r.orders) {
        orders.push([
          merchant,
          register,
          o.orderId,
          o.placedAt,
          o.total.amount,
          o.total.currency,
          o.paymentMethod,
          o.invoiceState,
          o.items.length,
        ]);
        o.items.forEach((i, n) =>
          items.push([merchant, register, o.orderId, n + 1, i.sku, i.name, i.quantity, i.unitPrice]),
        );
      }
      for (const [field, value] of Object.entries(r.subject.fields))
        fields.push([merchant, register, field, Array.isArray(value) ? value.join('; ') : value]);
      for (const p of r.permissions.state)
        permissions.push([merchant, register, p.channel, p.purpose, p.allowed, p.reason, p.rule]);
      for (const e of r.permissions.history)
        consents.push([
          merchant,
          register,
          e.occurredAt,
          e.kind,
          e.channel,
          e.purpose,
          e.source,
          e.noticeVersion,
          e.ip,
        ]);
      for (const e of r.processingEvents)
        events.push([merchant, register, e.at, e.actorType, e.action, e.purpose, e.fields.join('; ')]);
    }
  }
  return {
    'orders.csv': csv(
      ['merchant', 'register', 'orderId', 'placedAt', 'total', 'currency', 'paymentMethod', 'invoiceState', 'items'],
      orders,
    ),
    'order-items.csv': csv(['merchant', 'register', 'orderId', 'line', 'sku', 'name', 'quantity', 'unitPrice'], items),
    'fields.csv': csv(['merchant', 'register', 'field', 'value'], fields),
    'permissions.csv': csv(['merchant', 'register', 'channel', 'purpose', 'allowed', 'reason', 'rule'], permissions),
    'consent-history.csv': csv(
      ['merchant', 'register', 'occurredAt', 'kind', 'channel', 'purpose', 'source', 'noticeVersion', 'ip'],
      consents,
    ),
    'processing-events.csv': csv(['merchant', 'register', 'at', 'actorType', 'action', 'purpose', 'fields'], events),
  };
}

/** The zip of the download, streamed as it is made. */
export function zipOf(doc: PortalExport, lang: ExportLanguage | null, publicUrl: string): Readable {
  const date = new Date(doc.generatedAt);
  const archive = new ZipArchive({ zlib: { level: 6 } });
  const add = (name: string, content: string) => archive.append(content, { name, date });
  add('README.txt', readmeText(lang, todayInFinland(date), `${publicUrl}${EXPORT_SCHEMA_PATH}`));
  add('data.json', `${JSON.stringify(doc, null, 2)}\n`);
  add('schema.json', `${JSON.stringify(portalExportJsonSchema(publicUrl), null, 2)}\n`);
  for (const [name, content] of Object.entries(csvFiles(doc, lang))) add(name, content);
  // A failure is also emitted on the stream, where the reply sees it.
  archive.finalize().catch(() => undefined);
  return archive;
}
