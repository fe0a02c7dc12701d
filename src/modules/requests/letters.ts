import PDFDocument from 'pdfkit';
import { requestReference } from './deadlines.ts';
import type { LetterKind, RequestPartStatus, RequestType } from '../../db/schema.ts';
import { FIELD_CATALOGUE, type FieldKey } from '../registers/field-catalogue.ts';
import type { Language } from '../registers/localized.ts';
import { LETTER_WORDS, OMBUDSMAN, type LetterWords } from './letter-texts.ts';

export type { LetterKind } from '../../db/schema.ts';

/** What was kept of a person's data after an erasure, why and until when (YYYY-MM-DD, or null: while the reason lasts). */
export interface KeptData {
  field: string;
  reason: string;
  until: string | null;
}

export interface LetterPart {
  type: RequestType;
  status: RequestPartStatus;
  outcome?: string | null;
  refusalReasons?: string | null;
  kept?: KeptData[];
}

export interface LetterInput {
  kind: LetterKind;
  /** Extension: the reason; refusal: the reasons (required, non-empty). */
  reasons?: string;
  /** Extension: the new due date (YYYY-MM-DD). */
  extendedDueDate?: string;
  /** Outcome and refusal: each part answered; for an erasure partly refused, what is kept, why and until when. */
  parts?: LetterPart[];
  /** Files mailed with the letter, e.g. the access export zip with the outcome letter. */
  attachments?: Array<{ fileName: string; contentType: string; content: Buffer }>;
}

/** Everything a letter says about its sender, its recipient and the request. */
export interface LetterContext {
  language: Language;
  requestId: string;
  /** The letter's date in Finland (YYYY-MM-DD). */
  date: string;
  controller: { name: string; businessId: string; contact: string[] };
  contactPerson: { name: string; email?: string; phone?: string; address?: string } | null;
  recipient: { name: string | null; email: string | null };
  registerName: string | null;
  /** YYYY-MM-DD in Finland. */
  receivedOn: string;
  types: RequestType[];
  /** The first answer date (received + one month). */
  dueDate: string;
  /** The answer date in force: the latest extension, or dueDate. */
  effectiveDueDate: string;
  identityVerified: boolean;
}

type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'rows'; rows: Array<[string, string]> };

export interface ComposedLetter {
  subject: string;
  title: string;
  /** The sender's lines, the recipient's lines and the reference rows above the title. */
  sender: string[];
  recipient: string[];
  meta: Array<[string, string]>;
  blocks: Block[];
  signature: string[];
  footer: string;
}

export interface RenderedLetter {
  subject: string;
  /** The letter as plain text: the body of the email that carries it. */
  text: string;
  pdf: Buffer;
  fileName: string;
}

export function letterFileName(kind: LetterKind, requestId: string, date: string): string {
  return `omadata-${kind}-${requestId.slice(0, 8)}-${date}.pdf`;
}

/** A field key in the person's language (a key Omadata does not know is shown as it is). */
function fieldLabel(field: string, w: LetterWords, language: Language): string {
  const entry = FIELD_CATALOGUE[field as FieldKey] as (typeof FIELD_CATALOGUE)[FieldKey] | undefined;
  return entry ? (entry.label[language] ?? entry.label.fi) : field;
}

/** The erasure engine writes a hold's reason as "hold <kind>: <text>"; the letter names the kind in words. */
function reasonText(reason: string, w: LetterWords): string {
  const hold = /^hold (\w+): ([\s\S]*)$/.exec(reason);
  if (hold) {
    const kind = w.holdKind[hold[1] as keyof LetterWords['holdKind']] as string | undefined;
    return kind ? `${kind}: ${hold[2]}` : reason;
  }
  // A retention rule's reason starts with the rule's key ("accounting: Kirjanpitolaki …"): the key is
  // the register's own name for the rule, not words for the person.
  return /^[a-z][a-z0-9_]{1,62}: (\S[\s\S]*)$/.exec(reason)?.[1] ?? reason;
}

/** The reasons an erasure kept data for, in words of the person's language, one per line. */
export function keptReasonsText(reasons: readonly string[], language: Language): string {
  const w = LETTER_WORDS[language];
  return [...new Set(reasons.map((r) => reasonText(r, w)))].join('\n');
}

function partBlocks(parts: LetterPart[], w: LetterWords, language: Language): Block[] {
  const blocks: Block[] = [];
  for (const part of parts) {
    blocks.push({ kind: 'heading', text: `${w.type[part.type]}: ${w.partStatus[part.status]}` });
    if (part.outcome?.trim()) blocks.push({ kind: 'paragraph', text: `${w.outcome.done}: ${part.outcome.trim()}` });
    if (part.refusalReasons?.trim()) {
      const label = part.status === 'refused' ? w.outcome.whyNot : w.outcome.whyNotAll;
      blocks.push({ kind: 'paragraph', text: `${label}: ${part.refusalReasons.trim()}` });
    }
    if (part.kept?.length) {
      blocks.push({ kind: 'paragraph', text: w.outcome.kept });
      blocks.push({
        kind: 'list',
        items: part.kept.map((k) =>
          w.outcome.keptItem(
            fieldLabel(k.field, w, language),
            reasonText(k.reason, w),
            k.until ? w.formatDate(k.until) : null,
          ),
        ),
      });
    }
  }
  return blocks;
}

function rightsBlocks(w: LetterWords): Block[] {
  return [
    { kind: 'heading', text: w.rights.heading },
    { kind: 'paragraph', text: w.rights.complaint },
    {
      kind: 'rows',
      rows: [
        ['', w.ombudsman.name],
        [w.ombudsman.street, OMBUDSMAN.street],
        [w.ombudsman.post, OMBUDSMAN.post],
        [w.ombudsman.switchboard, OMBUDSMAN.switchboard],
        [w.ombudsman.registry, OMBUDSMAN.registry],
        [w.ombudsman.email, OMBUDSMAN.email],
        [w.ombudsman.web, OMBUDSMAN.web],
      ],
    },
    { kind: 'paragraph', text: w.rights.court },
  ];
}

const isRefused = (p: LetterPart) => p.status === 'refused' || p.status === 'partly_done';

/** The letter's words and layout, before it becomes text or PDF. Input is assumed checked (see request-letters.service.ts). */
export function composeLetter(ctx: LetterContext, input: LetterInput): ComposedLetter {
  const w = LETTER_WORDS[ctx.language];
  const d = w.formatDate;
  const ref = requestReference(ctx.requestId);
  const parts = input.parts ?? [];
  const typeList = (types: RequestType[]) => ({ kind: 'list', items: types.map((t) => w.type[t]) }) as const;

  const meta: Array<[string, string]> = [
    [w.reference, ref],
    [w.received, d(ctx.receivedOn)],
    [w.concerns, ctx.types.map((t) => w.type[t]).join(', ')],
  ];
  if (ctx.registerName) meta.push([w.register, ctx.registerName]);

  let subject: string;
  let title: string;
  const blocks: Block[] = [];
  switch (input.kind) {
    case 'acknowledgement': {
      const a = w.acknowledgement;
      subject = a.subject(ctx.controller.name);
      title = a.title;
      meta.push([w.dueBy, d(ctx.effectiveDueDate)]);
      blocks.push(
        { kind: 'paragraph', text: a.received(d(ctx.receivedOn)) },
        typeList(ctx.types),
        { kind: 'paragraph', text: a.due(d(ctx.effectiveDueDate)) },
        { kind: 'heading', text: a.nextHeading },
        { kind: 'paragraph', text: ctx.identityVerified ? a.verified : a.unverified },
        { kind: 'paragraph', text: a.next },
        { kind: 'paragraph', text: a.quote(ref) },
      );
      break;
    }
    case 'extension': {
      const e = w.extension;
      const extended = parts.length ? parts.map((p) => p.type) : ctx.types;
      subject = e.subject(ctx.controller.name);
      title = e.title;
      meta.push([w.newDueBy, d(input.extendedDueDate!)]);
      blocks.push(
        { kind: 'paragraph', text: e.intro(d(ctx.receivedOn), d(ctx.dueDate)) },
        typeList(extended),
        { kind: 'paragraph', text: e.newDue(d(input.extendedDueDate!)) },
        { kind: 'heading', text: e.reasonHeading },
        { kind: 'paragraph', text: input.reasons!.trim() },
        { kind: 'paragraph', text: e.withinMonth },
        { kind: 'paragraph', text: w.acknowledgement.quote(ref) },
      );
      break;
    }
    case 'outcome': {
      const o = w.outcome;
      subject = o.subject(ctx.controller.name);
      title = o.title;
      blocks.push({ kind: 'paragraph', text: o.intro(d(ctx.receivedOn)) }, ...partBlocks(parts, w, ctx.language));
      if (input.attachments?.length) {
        blocks.push(
          { kind: 'heading', text: w.enclosures },
          { kind: 'paragraph', text: o.attached },
          { kind: 'list', items: input.attachments.map((a) => a.fileName) },
        );
      }
      // An answer that leaves anything undone is a refusal of that much (GDPR 12(4)).
      if (parts.some(isRefused)) blocks.push(...rightsBlocks(w));
      blocks.push({ kind: 'paragraph', text: o.questions(ref) });
      break;
    }
    case 'refusal': {
      const r = w.refusal;
      const partly = parts.some((p) => !isRefused(p)) || parts.some((p) => p.status === 'partly_done');
      subject = r.subject(ctx.controller.name);
      title = partly ? r.titlePartly : r.title;
      blocks.push(
        { kind: 'paragraph', text: partly ? r.introPartly(d(ctx.receivedOn)) : r.intro(d(ctx.receivedOn)) },
        { kind: 'heading', text: r.reasonsHeading },
        { kind: 'paragraph', text: input.reasons!.trim() },
      );
      if (parts.length) blocks.push({ kind: 'heading', text: r.partsHeading }, ...partBlocks(parts, w, ctx.language));
      blocks.push(...rightsBlocks(w), { kind: 'paragraph', text: w.outcome.questions(ref) });
      break;
    }
  }

  const c = ctx.controller;
  const person = ctx.contactPerson;
  const sender = [c.name, `${w.businessId} ${c.businessId}`, ...c.contact];
  if (person) {
    sender.push(`${w.contactPerson}: ${[person.name, person.email, person.phone].filter(Boolean).join(', ')}`);
    if (person.address) sender.push(person.address);
  }
  return {
    subject,
    title,
    sender,
    recipient: [ctx.recipient.name, ctx.recipient.email].filter((v): v is string => !!v),
    meta: [[w.date, d(ctx.date)], ...meta],
    blocks,
    signature: [w.closing, ...(person ? [person.name] : []), c.name],
    footer: `${c.name} · ${w.reference} ${ref}`,
  };
}

/** The greeting line: the recipient's name when known. */
function greeting(ctx: LetterContext): string {
  return LETTER_WORDS[ctx.language].greeting(ctx.recipient.name);
}

export function letterText(ctx: LetterContext, letter: ComposedLetter): string {
  const lines: string[] = [...letter.sender, '', ...letter.recipient, '', letter.title, ''];
  for (const [k, v] of letter.meta) lines.push(`${k}: ${v}`);
  lines.push('', greeting(ctx), '');
  for (const b of letter.blocks) {
    switch (b.kind) {
      case 'heading':
        lines.push(b.text, '');
        break;
      case 'paragraph':
        lines.push(b.text, '');
        break;
      case 'list':
        lines.push(...b.items.map((i) => `- ${i}`), '');
        break;
      case 'rows':
        lines.push(...b.rows.map(([k, v]) => (k ? `${k}: ${v}` : v)), '');
        break;
    }
  }
  lines.push(...letter.signature, '');
  return lines.join('\n');
}

// pdfkit's built-in Helvetica writes WinAnsi (Windows-1252): every Finnish and Swedish letter is
// there. A character outside it (a Polish Ł in a name) is written without its accent, or as ?.
const WIN_ANSI_EXTRA = new Set([...'€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ']);
const FALLBACK: Record<string, string> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', ı: 'i', Ħ: 'H', ħ: 'h' };
const winAnsiChar = (ch: string) => {
  const code = ch.codePointAt(0)!;
  return ch === '\n' || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch);
};
export function toWinAnsi(text: string): string {
  let out = '';
  for (const ch of text) {
    if (winAnsiChar(ch)) {
      out += ch;
      continue;
    }
    if (ch === '\t' || ch === '\r') {
      out += ch === '\t' ? ' ' : '';
      continue;
    }
    const bare = ch.normalize('NFD').replace(/\p{M}/gu, '');
    out += [...bare].every(winAnsiChar) && bare.length > 0 ? bare : (FALLBACK[ch] ?? '?');
  }
  return out;
}

const MARGIN = 56;
const BODY = 10.5;

export async function letterPdf(ctx: LetterContext, letter: ComposedLetter): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + 14, left: MARGIN, right: MARGIN },
    bufferPages: true,
    lang: ctx.language,
    info: { Title: letter.title, Author: ctx.controller.name, Subject: letter.subject },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const t = toWinAnsi;
  const width = doc.page.width - MARGIN * 2;
  /** A heading is not left at the foot of a page, nor the signature alone on the next. */
  const keepLines = (lines: number) => {
    if (doc.y + lines * doc.currentLineHeight(true) > doc.page.height - doc.page.margins.bottom) doc.addPage();
  };

  // Sender on the left, recipient below it: the address block of a letter sent in a window envelope.
  doc.font('Helvetica-Bold').fontSize(12).text(t(letter.sender[0]!));
  doc.font('Helvetica').fontSize(9).fillColor('#333333');
  for (const line of letter.sender.slice(1)) doc.text(t(line));
  doc.fillColor('black').moveDown(1.5).fontSize(BODY);
  for (const line of letter.recipient) doc.text(t(line));
  doc.moveDown(1.5);

  doc.font('Helvetica-Bold').fontSize(15).text(t(letter.title));
  doc.moveDown(0.6).fontSize(9.5);
  for (const [k, v] of letter.meta) {
    doc
      .font('Helvetica-Bold')
      .text(`${t(k)}: `, { continued: true })
      .font('Helvetica')
      .text(t(v));
  }
  doc
    .moveDown(1)
    .fontSize(BODY)
    .font('Helvetica')
    .text(t(greeting(ctx)));
  doc.moveDown(0.6);

  letter.blocks.forEach((b, i) => {
    // The closing paragraph goes with the signature: a page never holds the signature alone.
    if (i === letter.blocks.length - 1 && b.kind === 'paragraph') {
      const height = doc.heightOfString(t(b.text), { width, lineGap: 1.5 });
      keepLines(height / doc.currentLineHeight(true) + letter.signature.length + 2);
    }
    switch (b.kind) {
      case 'heading':
        keepLines(4);
        doc.moveDown(0.4).font('Helvetica-Bold').fontSize(11.5).text(t(b.text)).font('Helvetica').fontSize(BODY);
        doc.moveDown(0.3);
        break;
      case 'paragraph':
        doc.text(t(b.text), { width, lineGap: 1.5 });
        doc.moveDown(0.6);
        break;
      case 'list':
        doc.list(b.items.map(t), { bulletRadius: 1.6, textIndent: 12, lineGap: 1.5, width: width - 12 });
        doc.moveDown(0.6);
        break;
      case 'rows':
        for (const [k, v] of b.rows) {
          if (k) doc.text(`${t(k)}: `, MARGIN + 12, undefined, { continued: true }).text(t(v));
          else
            doc
              .font('Helvetica-Bold')
              .text(t(v), MARGIN + 12)
              .font('Helvetica');
        }
        doc.x = MARGIN;
        doc.moveDown(0.6);
        break;
    }
  });

  doc.moveDown(0.6);
  keepLines(letter.signature.length + 1);
  for (const line of letter.signature) doc.text(t(line));

  // Every page carries the sender, the reference and its number, so that a page on its own is known.
  const range = doc.bufferedPageRange();
  const words = LETTER_WORDS[ctx.language];
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor('#555555')
      .text(
        `${t(letter.footer)} · ${words.page(i - range.start + 1, range.count)}`,
        MARGIN,
        doc.page.height - MARGIN + 6,
        {
          width,
          align: 'center',
          lineBreak: false,
        },
      );
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return finished;
}

/** The letter as subject, text and PDF. */
export async function renderLetter(ctx: LetterContext, input: LetterInput): Promise<RenderedLetter> {
  const letter = composeLetter(ctx, input);
  return {
    subject: letter.subject,
    text: letterText(ctx, letter),
    pdf: await letterPdf(ctx, letter),
    fileName: letterFileName(input.kind, ctx.requestId, ctx.date),
  };
}
