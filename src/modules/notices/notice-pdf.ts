import PDFDocument from 'pdfkit';
import { toWinAnsi } from '../requests/letters.ts';
import type { NoticeDiff } from './notice-diff.ts';
import { noticeWords, type Notice } from './notice-model.ts';

const MARGIN = 56;
const BODY = 10;

/**
 * The notice as an A4 PDF in its language (pdfkit's Helvetica, so Finnish and Swedish letters
 * print as they are; see toWinAnsi). Every page names the notice, its version and the page.
 */
export async function renderNoticePdf(
  notice: Notice,
  options: { url?: string; diff?: NoticeDiff | null } = {},
): Promise<Buffer> {
  const w = noticeWords(notice.lang);
  const t = toWinAnsi;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + 14, left: MARGIN, right: MARGIN },
    bufferPages: true,
    lang: notice.lang,
    info: { Title: notice.title, Author: notice.controllerName, Subject: w.version(notice.version) },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - MARGIN * 2;
  const keepLines = (lines: number) => {
    if (doc.y + lines * doc.currentLineHeight(true) > doc.page.height - doc.page.margins.bottom) doc.addPage();
  };
  const bullet = (text: string, level: number, bold = false) => {
    const indent = 12 * level;
    doc
      .font(bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(level > 1 ? BODY - 1 : BODY)
      .fillColor(level > 1 ? '#333333' : 'black')
      .text(`${level > 1 ? '–' : '•'} ${t(text)}`, MARGIN + indent, undefined, { width: width - indent, lineGap: 1 });
  };

  doc.font('Helvetica-Bold').fontSize(17).text(t(notice.title), { width });
  doc.moveDown(0.4).font('Helvetica').fontSize(9.5).fillColor('#333333');
  doc.text(t(`${notice.controllerName} · ${w.version(notice.version)} · ${w.published} ${w.date(notice.publishedOn)}`));
  if (options.url) doc.text(t(`${w.permanentLink}: ${options.url}`), { width });
  doc.fillColor('black').moveDown(0.8);

  for (const section of notice.sections) {
    keepLines(5);
    doc.x = MARGIN;
    doc.moveDown(0.5).font('Helvetica-Bold').fontSize(12.5).fillColor('black').text(t(section.heading), { width });
    doc.moveDown(0.3).font('Helvetica').fontSize(BODY);
    for (const p of section.intro) {
      doc.x = MARGIN;
      doc.font('Helvetica').fontSize(BODY).fillColor('black').text(t(p), { width, lineGap: 1.5 });
      doc.moveDown(0.4);
    }
    for (const item of section.items) {
      keepLines(2);
      bullet(item.text, 1);
      for (const d of item.details) bullet(d, 2);
      for (const l of item.links) if (!item.text.includes(l.href)) bullet(`${l.label}: ${l.href}`, 2);
      for (const x of item.enforced) bullet(`${w.enforcement.enforcedPrefix} ${x}`, 2, true);
      doc.moveDown(0.25);
    }
  }

  if (options.diff) {
    doc.x = MARGIN;
    keepLines(5);
    doc
      .moveDown(0.5)
      .font('Helvetica-Bold')
      .fontSize(12.5)
      .fillColor('black')
      .text(t(w.changesHeading(options.diff.from)), { width });
    doc.moveDown(0.3);
    if (options.diff.sections.length === 0) doc.font('Helvetica').fontSize(BODY).text(t(w.noChanges), { width });
    for (const s of options.diff.sections) {
      doc.x = MARGIN;
      keepLines(3);
      doc
        .font('Helvetica-Bold')
        .fontSize(BODY + 1)
        .fillColor('black')
        .text(t(s.heading), { width });
      for (const i of s.added) bullet(`${w.added}: ${[i.text, ...i.details].join(' — ')}`, 1);
      for (const i of s.removed) bullet(`${w.removed}: ${[i.text, ...i.details].join(' — ')}`, 1);
      for (const c of s.changed) {
        bullet(`${w.changed}:`, 1);
        bullet(`${w.before}: ${[c.before.text, ...c.before.details].join(' — ')}`, 2);
        bullet(`${w.after}: ${[c.after.text, ...c.after.details].join(' — ')}`, 2);
      }
      doc.moveDown(0.3);
    }
  }

  const title = notice.title.length > 80 ? `${notice.title.slice(0, 79)}…` : notice.title;
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor('#555555')
      .text(
        t(`${title} · ${w.version(notice.version)} · ${w.page(i - range.start + 1, range.count)}`),
        MARGIN,
        doc.page.height - MARGIN + 6,
        { width, align: 'center', lineBreak: false },
      );
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return finished;
}
