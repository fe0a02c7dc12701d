import PDFDocument from 'pdfkit';
import { toWinAnsi as t } from '../requests/letters.ts';
import { RECORD_WORDS } from './records-texts.ts';
import type { ControllerRecord, ProcessorRecord, RegisterRecord } from './records.service.ts';

const MARGIN = 48;
const BODY = 9.5;
const SMALL = 8;

type Doc = InstanceType<typeof PDFDocument>;

/** A document being written: the helpers the records' sections are made of. */
function writer(doc: Doc) {
  const width = doc.page.width - MARGIN * 2;
  const keep = (height: number) => {
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
  };
  return {
    title(text: string) {
      doc.font('Helvetica-Bold').fontSize(16).text(t(text), MARGIN, undefined, { width });
      doc.moveDown(0.3);
    },
    heading(text: string) {
      keep(60);
      doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).text(t(text), MARGIN, undefined, { width });
      doc.moveDown(0.3).font('Helvetica').fontSize(BODY);
    },
    subheading(text: string) {
      keep(45);
      doc.moveDown(0.5).font('Helvetica-Bold').fontSize(10.5).text(t(text), MARGIN, undefined, { width });
      doc.moveDown(0.2).font('Helvetica').fontSize(BODY);
    },
    paragraph(text: string, size = BODY) {
      doc.font('Helvetica').fontSize(size).text(t(text), MARGIN, undefined, { width, lineGap: 1 });
      doc.moveDown(0.3).fontSize(BODY);
    },
    rows(rows: Array<[string, string]>) {
      for (const [k, v] of rows) {
        doc
          .font('Helvetica-Bold')
          .fontSize(BODY)
          .text(`${t(k)}: `, MARGIN, undefined, { continued: true, width })
          .font('Helvetica')
          .text(t(v));
      }
      doc.moveDown(0.3);
    },
    list(items: string[], empty: string) {
      if (items.length === 0) return this.paragraph(empty);
      doc.font('Helvetica').fontSize(BODY);
      doc.list(items.map(t), MARGIN, undefined, { bulletRadius: 1.5, textIndent: 10, width: width - 10, lineGap: 1 });
      doc.moveDown(0.3);
    },
    /** widths: each column's share of the page width. */
    table(head: string[], rows: string[][], empty: string, widths?: number[]) {
      if (rows.length === 0) return this.paragraph(empty);
      keep(40);
      doc.x = MARGIN;
      doc.table({
        maxWidth: width,
        ...(widths ? { columnStyles: widths.map((share) => ({ width: share * width })) } : {}),
        defaultStyle: { padding: 3, border: 0.5, borderColor: '#888888' },
        data: [
          head.map((h) => ({ text: t(h), type: 'TH' as const, font: { src: 'Helvetica-Bold', size: SMALL } })),
          ...rows.map((r) => r.map((c) => ({ text: t(c), font: { src: 'Helvetica', size: SMALL } }))),
        ],
      });
      doc.x = MARGIN;
      doc.moveDown(0.5).font('Helvetica').fontSize(BODY);
    },
  };
}

async function render(
  lang: string,
  title: string,
  footer: string,
  write: (doc: Doc) => void,
  pageWord: (n: number, of: number) => string,
) {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + 14, left: MARGIN, right: MARGIN },
    bufferPages: true,
    lang,
    info: { Title: t(title), Author: t(footer) },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  write(doc);
  // Every page names the document and its number, so that a page on its own is known.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(7.5)
      .fillColor('#555555')
      .text(`${t(footer)} · ${t(pageWord(i - range.start + 1, range.count))}`, MARGIN, doc.page.height - MARGIN + 6, {
        width: doc.page.width - MARGIN * 2,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return finished;
}

function registerPages(w: ReturnType<typeof writer>, r: RegisterRecord, record: ControllerRecord) {
  const words = RECORD_WORDS[record.language];
  w.heading(r.name);
  w.paragraph(words.version(r.version, r.publishedOn), SMALL);
  if (r.description) w.paragraph(r.description);
  w.rows([
    [words.contactPerson, r.contactPerson],
    [words.dpo, r.dpo ?? words.noneDeclared],
    [words.jointControllers, words.noneDeclared],
  ]);
  w.subheading(words.purposes);
  w.table(
    [words.purpose, words.legalBasis, words.legitimateInterest, words.fields],
    r.purposes.map((p) => [
      p.name,
      p.legalBasis,
      p.legitimateInterest ?? words.none,
      p.fields.join(', ') || words.none,
    ]),
    words.none,
    [0.25, 0.17, 0.33, 0.25],
  );
  w.subheading(words.subjectCategories);
  w.list(r.subjectCategories, words.none);
  w.subheading(words.dataCategories);
  w.table(
    [words.field, words.category, words.purposeList],
    r.dataCategories.map((f) => [f.label, f.category, f.purposes.join(', ')]),
    words.none,
    [0.22, 0.28, 0.5],
  );
  if (r.externalData.length) {
    w.subheading(words.externalData);
    w.table(
      [words.field, words.category, words.purposeList],
      r.externalData.map((x) => [x.name, x.category, x.purposes.join(', ')]),
      words.none,
      [0.3, 0.25, 0.45],
    );
  }
  w.subheading(words.sources);
  w.list(r.sources, words.none);
  w.subheading(words.recipients);
  w.table(
    [words.recipient, words.category, words.country, words.fields],
    r.recipients.map((x) => [
      x.name,
      x.category,
      x.outsideEea ? `${x.country}, ${words.outsideEea}` : x.country,
      x.fields.join(', ') || words.none,
    ]),
    words.none,
  );
  w.subheading(words.processors);
  w.table(
    [words.processor.processor, words.service, words.country, words.safeguard],
    r.processors.map((p) => [
      p.name,
      p.service,
      p.outsideEea ? `${p.country}, ${words.outsideEea}` : p.country,
      p.safeguard ?? words.none,
    ]),
    words.none,
  );
  w.subheading(words.thirdCountries);
  w.list(r.thirdCountries, words.noThirdCountries);
  w.subheading(words.transfers);
  w.table(
    [words.country, words.recipient, words.safeguard, words.description],
    r.transfers.map((x) => [x.country, x.recipient, x.safeguard, x.description ?? words.none]),
    words.noTransfers,
  );
  w.subheading(words.retention);
  w.table(
    [words.fields, words.period, words.from, words.reason, words.law],
    r.retention.map((x) => [x.fields.join(', '), x.period, x.from, x.reason, x.law ?? words.none]),
    words.none,
    [0.24, 0.12, 0.18, 0.32, 0.14],
  );
  w.paragraph(record.sweep);
  w.subheading(words.security);
  w.rows([
    [words.manual, r.security.manual],
    [words.electronic, r.security.electronic],
  ]);
  w.subheading(words.facts);
  w.rows([
    [words.customers, String(r.facts.customers)],
    [words.erased, String(r.facts.erased)],
    [words.lastSweep, r.facts.lastSweepOn ?? words.notYet],
  ]);
}

export function controllerRecordPdf(record: ControllerRecord): Promise<Buffer> {
  const words = RECORD_WORDS[record.language];
  const c = record.controller;
  return render(
    record.language,
    `${words.title}: ${c.name}`,
    `${words.title} · ${c.name} · ${record.generatedOn}`,
    (doc) => {
      const w = writer(doc);
      w.title(`${words.title}: ${c.name}`);
      w.paragraph(`${words.basis}. ${words.generated} ${record.generatedOn}.`, SMALL);
      w.rows([
        [words.controller, c.name],
        [words.businessId, c.businessId],
        [words.contact, c.contact.join(', ') || words.noneDeclared],
        [words.dpo, record.dpos.join('; ') || words.noneDeclared],
        [words.representative, words.representativeNone],
      ]);
      w.subheading(words.registers);
      w.list(
        record.registers.map((r) => r.name),
        words.none,
      );
      w.subheading(words.platformSecurity);
      w.list(record.platformSecurity, words.none);
      for (const r of record.registers) {
        doc.addPage();
        registerPages(w, r, record);
      }
    },
    words.page,
  );
}

export function processorRecordPdf(record: ProcessorRecord): Promise<Buffer> {
  const words = RECORD_WORDS[record.language];
  const p = words.processor;
  return render(
    record.language,
    words.processorTitle,
    `${words.processorTitle} · ${record.generatedOn}`,
    (doc) => {
      const w = writer(doc);
      w.title(words.processorTitle);
      w.paragraph(`${words.processorBasis}. ${words.generated} ${record.generatedOn}.`, SMALL);
      w.rows([
        [p.processor, record.processor.name ?? p.notConfigured],
        [words.contact, record.processor.contact.join('; ') || words.noneDeclared],
      ]);
      w.subheading(p.processing);
      w.list(record.services, words.none);
      w.subheading(p.subProcessors);
      w.list(record.subProcessors, p.noSubProcessors);
      w.subheading(p.transfers);
      w.paragraph(record.transfers);
      w.paragraph(p.ownRecords);
      w.subheading(words.security);
      w.list(record.security, words.none);
      w.heading(p.controllers);
      w.table(
        [words.controller, words.businessId, words.contact, words.registers],
        record.controllers.map((c) => [
          c.name,
          c.businessId,
          c.contact.join('; ') || words.noneDeclared,
          c.registers.map((r) => `${r.name} (v${r.version}; ${words.customers}: ${r.customers})`).join('; ') ||
            words.none,
        ]),
        words.none,
        [0.22, 0.14, 0.32, 0.32],
      );
    },
    words.page,
  );
}
