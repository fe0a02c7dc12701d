import { createRequire } from 'node:module';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Database } from '../../src/db/database.ts';
import type { RequestType } from '../../src/db/schema.ts';
import { inTenant } from '../../src/db/tenant.ts';
import { DomainError, ERROR_CATALOGUE } from '../../src/errors.ts';
import { addMonths, todayInFinland } from '../../src/finnish-time.ts';
import { createMailer, type Mailer } from '../../src/modules/mail/mailer.ts';
import { requestLetters, type LetterInput } from '../../src/modules/requests/request-letters.service.ts';
import { requestService } from '../../src/modules/requests/request.service.ts';
import { createTestDatabase } from '../db.ts';
import { newShop } from '../factories.ts';
import { parseMail, startSmtpServer, type TestSmtpServer } from '../mail/smtp.ts';

const STANDARD_FONTS = `${createRequire(import.meta.url)
  .resolve('pdfjs-dist/package.json')
  .replace(/package\.json$/, '')}standard_fonts/`;

/** The text of a PDF as a reader sees it, whitespace (line breaks of wrapped lines) made single spaces. */
async function pdfText(content: Uint8Array): Promise<string> {
  const pdf = await getDocument({
    data: new Uint8Array(content),
    standardFontDataUrl: STANDARD_FONTS,
    verbosity: 0,
  }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const page = await pdf.getPage(i);
    const { items } = await page.getTextContent();
    pages.push(items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
  }
  await pdf.destroy();
  return pages.join('\n').replace(/\s+/g, ' ');
}

interface MimePart {
  headers: Map<string, string>;
  body: Buffer;
}

/** Every leaf of a MIME message, its body decoded (enough to read what nodemailer writes). */
function mimeLeaves(raw: string): MimePart[] {
  const end = raw.indexOf('\r\n\r\n');
  const headers = new Map<string, string>();
  for (const line of raw
    .slice(0, end)
    .replace(/\r\n[ \t]+/g, ' ')
    .split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const body = raw.slice(end + 4);
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (type.startsWith('multipart/') && boundary) {
    return body
      .split(`--${boundary}`)
      .slice(1, -1)
      .flatMap((s) => mimeLeaves(s.replace(/^\r\n/, '')));
  }
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const decoded =
    encoding === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64') : Buffer.from(body.replace(/\r\n$/, ''));
  return [{ headers, body: decoded }];
}

const attachmentsOf = (raw: string) =>
  mimeLeaves(raw)
    .filter((p) => (p.headers.get('content-disposition') ?? '').startsWith('attachment'))
    .map((p) => ({
      filename: /filename="?([^";]+)"?/.exec(p.headers.get('content-disposition') ?? '')?.[1],
      contentType: (p.headers.get('content-type') ?? '').split(';')[0],
      content: p.body,
    }));

let database: Database;
let smtp: TestSmtpServer;
let shop: Awaited<ReturnType<typeof newShop>>;
let mailer: Mailer;
beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startSmtpServer();
  shop = await newShop(database);
  mailer = createMailer({ db: database.db, smtpUrl: smtp.url });
});
afterAll(async () => {
  await smtp?.close();
  await database?.close();
});
beforeEach(() => {
  smtp.received.length = 0;
  smtp.rejecting = false;
});

const staff = { type: 'staff' as const, id: null };
const TEN_DAYS_AGO = () => new Date(Date.now() - 10 * 86_400_000);

const PEOPLE = {
  fi: { name: 'Aino Mäkelä', email: 'aino.makela@example.fi' },
  sv: { name: 'Åsa Öberg', email: 'asa.oberg@example.fi' },
  en: { name: 'John Smith', email: 'john.smith@example.com' },
} as const;

async function newRequest(
  language: 'fi' | 'sv' | 'en',
  options: { types?: RequestType[]; email?: string | null; name?: string | null; verified?: boolean } = {},
) {
  const receivedAt = TEN_DAYS_AGO();
  const person = PEOPLE[language];
  return inTenant(database.db, shop.controller.id, (tx) =>
    requestService(tx).create(
      {
        controllerId: shop.controller.id,
        registerId: shop.register.id,
        subjectId: null,
        types: options.types ?? ['access', 'erasure'],
        channel: 'letter',
        receivedAt,
        identityMethod: options.verified ? 'document' : null,
        language,
        email: options.email === undefined ? person.email : options.email,
        name: options.name === undefined ? person.name : options.name,
        message: null,
        details: {},
      },
      staff,
    ),
  );
}

const letters = () => requestLetters({ mailer });

const issue = (requestId: string, input: LetterInput) =>
  inTenant(database.db, shop.controller.id, (tx) => letters().issue(tx, requestId, input, staff));

const documentRow = (id: string) =>
  database.db.selectFrom('request_documents').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

const countOf = async (table: 'request_documents' | 'processing_events', requestOrController: string) => {
  const { n } =
    table === 'request_documents'
      ? await database.db
          .selectFrom('request_documents')
          .where('request_id', '=', requestOrController)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      : await database.db
          .selectFrom('processing_events')
          .where('controller_id', '=', requestOrController)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow();
  return Number(n);
};

async function problemOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  const e = error as DomainError;
  return { status: ERROR_CATALOGUE[e.code].status, fields: e.errors.map((p) => p.field) };
}

const today = () => todayInFinland(new Date());
const fiDate = (d: string) => d.split('-').map(Number).reverse().join('.');

describe('acknowledgement', () => {
  it('in Finnish: sender, recipient, dates, types, reference, identity still to be verified', async () => {
    const request = await newRequest('fi');
    const { documentId } = await issue(request.id, { kind: 'acknowledgement' });

    const row = await documentRow(documentId);
    expect(row).toMatchObject({
      kind: 'letter',
      letter_kind: 'acknowledgement',
      language: 'fi',
      content_type: 'application/pdf',
      request_id: request.id,
      sent_at: null,
    });
    expect(row.file_name).toBe(`omadata-acknowledgement-${request.id.slice(0, 8)}-${today()}.pdf`);
    const text = await pdfText(row.content);
    expect(text).toContain('Testikauppa Oy');
    expect(text).toContain(`Y-tunnus ${shop.controller.business_id}`);
    expect(text).toContain('Yhteyshenkilö: Testi Henkilö, rekisteri@example.fi');
    expect(text).toContain('Aino Mäkelä');
    expect(text).toContain('aino.makela@example.fi');
    expect(text).toContain('Hyvä Aino Mäkelä,');
    expect(text).toContain('Vahvistus pyyntösi vastaanottamisesta');
    expect(text).toContain(`Päivämäärä: ${fiDate(today())}`);
    expect(text).toContain(`Pyyntö vastaanotettu: ${fiDate(todayInFinland(request.receivedAt))}`);
    expect(text).toContain(`Vastaamme pyyntöösi viimeistään ${fiDate(request.dueDate)}.`);
    expect(text).toContain('Pyyntö koskee: Tietojen tarkastus, Tietojen poistaminen');
    expect(text).toContain(`Viite: ${request.id.slice(0, 8).toUpperCase()}`);
    expect(text).toContain('Henkilöllisyyttäsi ei ole vielä varmistettu.');
    expect(text).not.toContain('erasure');
    expect(text).toContain('Sivu 1/');

    const events = await database.db
      .selectFrom('processing_events')
      .select(['action', 'fields'])
      .where('controller_id', '=', shop.controller.id)
      .where('action', '=', 'request.letter')
      .execute();
    expect(events).toContainEqual({ action: 'request.letter', fields: ['acknowledgement'] });
    // The email keeps the same words as the PDF.
    expect(row.letter_subject).toBe('Pyyntösi on vastaanotettu – Testikauppa Oy');
    expect(row.letter_text).toContain('Henkilöllisyyttäsi ei ole vielä varmistettu.');
    expect(row.letter_text).toContain('- Tietojen poistaminen');
  });

  it('in Swedish and English, with the identity verified', async () => {
    const sv = await newRequest('sv', { verified: true, types: ['rectification'] });
    const svText = await pdfText(
      (await documentRow((await issue(sv.id, { kind: 'acknowledgement' })).documentId)).content,
    );
    expect(svText).toContain('Bekräftelse på att din begäran har tagits emot');
    expect(svText).toContain('Bästa Åsa Öberg,');
    expect(svText).toContain(`FO-nummer ${shop.controller.business_id}`);
    expect(svText).toContain('Begäran gäller: Rättelse av uppgifter');
    expect(svText).toContain(`Vi svarar på din begäran senast ${fiDate(sv.dueDate)}.`);
    expect(svText).toContain('Din identitet har kontrollerats.');
    expect(svText).not.toContain('Tietojen');

    const en = await newRequest('en', { verified: true, types: ['portability', 'objection'] });
    const enRow = await documentRow((await issue(en.id, { kind: 'acknowledgement' })).documentId);
    expect(enRow.language).toBe('en');
    const enText = await pdfText(enRow.content);
    expect(enText).toContain('Acknowledgement of your request');
    expect(enText).toContain('Dear John Smith,');
    expect(enText).toContain('The request concerns: Data portability, Objection to processing');
    const [y, m, d] = en.dueDate.split('-').map(Number) as [number, number, number];
    const month = new Date(Date.UTC(y, m - 1, 1)).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' });
    expect(enText).toContain(`We will answer your request by ${d} ${month} ${y} at the latest.`);
    expect(enText).toContain('Your identity has been verified.');
  });
});

describe('extension', () => {
  const reason = 'Pyyntö koskee kymmenen vuoden tilaushistoriaa kolmesta eri järjestelmästä.';

  it('tells the new due date, the reason and the first due date, in each language', async () => {
    for (const language of ['fi', 'sv', 'en'] as const) {
      const request = await newRequest(language);
      const extendedDueDate = addMonths(request.dueDate, 2);
      const { documentId } = await issue(request.id, {
        kind: 'extension',
        reasons: reason,
        extendedDueDate,
        parts: [{ type: 'erasure', status: 'extended' }],
      });
      const row = await documentRow(documentId);
      expect(row.file_name).toBe(`omadata-extension-${request.id.slice(0, 8)}-${today()}.pdf`);
      const text = await pdfText(row.content);
      expect(text).toContain(reason);
      const words = {
        fi: [
          'Ilmoitus vastausajan jatkamisesta',
          `Vastaamme pyyntöösi viimeistään ${fiDate(extendedDueDate)}.`,
          '12 artiklan 3 kohdan',
          'Tietojen poistaminen',
        ],
        sv: [
          'Meddelande om förlängd svarstid',
          `Vi svarar på din begäran senast ${fiDate(extendedDueDate)}.`,
          'artikel 12.3',
          'Radering av uppgifter',
        ],
        en: ['Notice of extension of the time to answer', 'We will answer your request by', 'Article 12(3)', 'Erasure'],
      }[language];
      for (const w of words) expect(text).toContain(w);
      if (language !== 'en') expect(text).toContain(fiDate(request.dueDate));
    }
  });

  it('without a reason or a new due date is refused naming the fields, and nothing is stored', async () => {
    const request = await newRequest('fi');
    const before = [
      await countOf('request_documents', request.id),
      await countOf('processing_events', shop.controller.id),
    ];
    expect(await problemOf(issue(request.id, { kind: 'extension', reasons: '  ' }))).toEqual({
      status: 422,
      fields: ['reasons', 'extendedDueDate'],
    });
    expect(
      await problemOf(issue(request.id, { kind: 'extension', extendedDueDate: addMonths(request.dueDate, 1) })),
    ).toEqual({ status: 422, fields: ['reasons'] });
    // Two further months at most (GDPR 12(3)), and after the first due date.
    for (const extendedDueDate of [addMonths(request.dueDate, 3), request.dueDate, '2026-02-30']) {
      expect(await problemOf(issue(request.id, { kind: 'extension', reasons: reason, extendedDueDate }))).toEqual({
        status: 422,
        fields: ['extendedDueDate'],
      });
    }
    expect([
      await countOf('request_documents', request.id),
      await countOf('processing_events', shop.controller.id),
    ]).toEqual(before);
  });

  it('after the first month is refused: the extension had to be told within it', async () => {
    const request = await newRequest('fi');
    const late = requestLetters({ mailer, now: () => new Date(Date.now() + 40 * 86_400_000) });
    const attempt = inTenant(database.db, shop.controller.id, (tx) =>
      late.issue(
        tx,
        request.id,
        { kind: 'extension', reasons: reason, extendedDueDate: addMonths(request.dueDate, 1) },
        staff,
      ),
    );
    expect(await problemOf(attempt)).toEqual({ status: 422, fields: ['kind'] });
    expect(await countOf('request_documents', request.id)).toBe(0);
  });
});

const partlyRefusedErasure = {
  type: 'erasure' as const,
  status: 'partly_done' as const,
  outcome: 'Markkinointitiedot ja asiakastili poistettiin.',
  refusalReasons: 'Tilauksesta on avoin lasku, ja kirjanpitolaki velvoittaa säilyttämään tositteet.',
  kept: [
    { field: 'address.street', reason: 'hold open_invoice: Lasku 1001, eräpäivä 15.12.', until: '2027-03-31' },
    { field: 'orders', reason: 'accounting: Kirjanpitolaki 1336/1997 2:10 §', until: '2032-12-31' },
    { field: 'lastName', reason: 'hold legal_claim: Reklamaatio 42', until: null },
  ],
};

const OMBUDSMAN_DETAILS = [
  'Lintulahdenkuja 4, 00530 Helsinki',
  'PL 800, 00531 Helsinki',
  '+358 29 566 6700',
  '+358 29 566 6768',
  'tietosuoja@om.fi',
  'https://tietosuoja.fi',
];

describe('refusal', () => {
  const reasons = 'Asiakkaalla on avoin lasku (nro 1001), jonka perimiseksi tiedot on säilytettävä.';

  it('gives the reasons, what is kept, why and until when, and the Ombudsman, in each language', async () => {
    const expected = {
      fi: [
        'Päätös: emme toteuta pyyntöäsi kaikilta osin',
        'Tietojen poistaminen: toteutettu osittain',
        'Tietojen tarkastus: toteutettu',
        'Säilytämme edelleen seuraavat tiedot:',
        'Katuosoite – peruste: Avoin lasku: Lasku 1001, eräpäivä 15.12. – säilytetään 31.3.2027 asti',
        'Tilaushistoria (tuotteet, summat, maksutapa) – peruste: Kirjanpitolaki 1336/1997 2:10 § – säilytetään 31.12.2032 asti',
        'Sukunimi – peruste: Oikeusvaade: Reklamaatio 42 – säilytetään niin kauan kuin peruste on voimassa',
        'Tietosuojavaltuutetun toimisto',
        'Käyntiosoite: Lintulahdenkuja 4, 00530 Helsinki',
        'Postiosoite: PL 800, 00531 Helsinki',
        'Vaihde: +358 29 566 6700',
        'Kirjaamo: +358 29 566 6768',
        'oikeus hakea muutosta tuomioistuimelta',
        '12 artiklan 4 kohdan',
      ],
      sv: [
        'Beslut: vi tillmötesgår inte din begäran i alla delar',
        'Radering av uppgifter: delvis genomförd',
        'Gatuadress – grund: Obetald faktura: Lasku 1001, eräpäivä 15.12. – bevaras till och med 31.3.2027',
        'Dataombudsmannens byrå',
        'Besöksadress: Lintulahdenkuja 4, 00530 Helsinki',
        'Växel: +358 29 566 6700',
        'rätt att söka ändring vid domstol',
        'artikel 12.4',
      ],
      en: [
        'Decision: we are not carrying out your request in full',
        'Erasure: partly done',
        'Street address – reason: Open invoice: Lasku 1001, eräpäivä 15.12. – kept until 31 March 2027',
        'kept until 31 December 2032',
        'Office of the Data Protection Ombudsman',
        'Switchboard: +358 29 566 6700',
        'Registry: +358 29 566 6768',
        'right to seek a judicial remedy',
        'Article 12(4)',
      ],
    };
    for (const language of ['fi', 'sv', 'en'] as const) {
      const request = await newRequest(language, { verified: true });
      const { documentId } = await issue(request.id, {
        kind: 'refusal',
        reasons,
        parts: [{ type: 'access', status: 'done', outcome: 'Kopio tiedoista lähetettiin.' }, partlyRefusedErasure],
      });
      const row = await documentRow(documentId);
      expect(row).toMatchObject({ letter_kind: 'refusal', language });
      expect(row.file_name).toBe(`omadata-refusal-${request.id.slice(0, 8)}-${today()}.pdf`);
      const text = await pdfText(row.content);
      expect(text).toContain(reasons);
      expect(text).toContain(partlyRefusedErasure.refusalReasons);
      expect(text).toContain(PEOPLE[language].name);
      for (const detail of OMBUDSMAN_DETAILS) expect(text).toContain(detail);
      for (const phrase of expected[language]) expect(text).toContain(phrase);
      expect(row.letter_text).toContain(expected[language][0]);
    }
  });

  it('refused whole: the title says so', async () => {
    const request = await newRequest('fi', { types: ['erasure'] });
    const { documentId } = await issue(request.id, {
      kind: 'refusal',
      reasons,
      parts: [{ type: 'erasure', status: 'refused', refusalReasons: 'Avoin lasku.' }],
    });
    const text = await pdfText((await documentRow(documentId)).content);
    expect(text).toContain('Päätös: emme toteuta pyyntöäsi ');
    expect(text).not.toContain('kaikilta osin');
    expect(text).toContain('Tietojen poistaminen: ei toteutettu');
    expect(text).toContain('Miksi pyyntöä ei toteutettu: Avoin lasku.');
  });

  it('without reasons is refused naming reasons, and nothing is stored', async () => {
    const request = await newRequest('sv');
    const before = await countOf('processing_events', shop.controller.id);
    for (const input of [{ kind: 'refusal' as const }, { kind: 'refusal' as const, reasons: ' \n ' }]) {
      expect(await problemOf(issue(request.id, input))).toEqual({ status: 422, fields: ['reasons'] });
    }
    expect(await countOf('request_documents', request.id)).toBe(0);
    expect(await countOf('processing_events', shop.controller.id)).toBe(before);
  });

  it('a request of another controller is not found', async () => {
    const other = await newShop(database);
    const request = await newRequest('fi');
    const attempt = inTenant(database.db, other.controller.id, (tx) =>
      letters().issue(tx, request.id, { kind: 'acknowledgement' }, staff),
    );
    await expect(attempt).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('outcome', () => {
  it('tells each part, names the attachments, and tells the rights when anything was refused', async () => {
    const request = await newRequest('fi', { verified: true });
    const { documentId } = await issue(request.id, {
      kind: 'outcome',
      parts: [
        { type: 'access', status: 'done', outcome: 'Kopio kaikista tiedoistasi on liitteenä.' },
        partlyRefusedErasure,
      ],
      attachments: [{ fileName: 'omadata-tiedot.zip', contentType: 'application/zip', content: Buffer.from('zip') }],
    });
    const row = await documentRow(documentId);
    expect(row.file_name).toBe(`omadata-outcome-${request.id.slice(0, 8)}-${today()}.pdf`);
    const text = await pdfText(row.content);
    for (const phrase of [
      'Vastaus pyyntöösi',
      'Tietojen tarkastus: toteutettu',
      'Mitä teimme: Kopio kaikista tiedoistasi on liitteenä.',
      'Tietojen poistaminen: toteutettu osittain',
      'Miksi pyyntöä ei toteutettu kokonaan: Tilauksesta on avoin lasku',
      'Katuosoite – peruste: Avoin lasku: Lasku 1001, eräpäivä 15.12. – säilytetään 31.3.2027 asti',
      'Liitteet',
      'omadata-tiedot.zip',
      'Tietosuojavaltuutetun toimisto',
      ...OMBUDSMAN_DETAILS,
    ]) {
      expect(text).toContain(phrase);
    }
  });

  it('all done: no refusal words; without parts given, the stored parts are told', async () => {
    const request = await newRequest('en', { types: ['rectification'] });
    await database.db
      .updateTable('request_parts')
      .set({ status: 'done', outcome: 'Your address was corrected.' })
      .where('request_id', '=', request.id)
      .execute();
    const text = await pdfText((await documentRow((await issue(request.id, { kind: 'outcome' })).documentId)).content);
    expect(text).toContain('Rectification: done');
    expect(text).toContain('What we did: Your address was corrected.');
    expect(text).not.toContain('Ombudsman');
  });
});

describe('letters from the stored parts', () => {
  it('an erasure partly refused tells what the erasure report kept', async () => {
    const request = await newRequest('en', { types: ['erasure'], verified: true });
    await database.db
      .updateTable('request_parts')
      .set({
        status: 'partly_done',
        outcome: 'Your marketing data was erased.',
        refusal_reasons: 'An invoice is still open.',
        result: JSON.stringify({
          deleted: ['interests'],
          kept: [{ field: 'email', reason: 'hold open_invoice: Invoice 1001', until: '2027-01-31' }],
        }),
      })
      .where('request_id', '=', request.id)
      .execute();
    const { documentId } = await issue(request.id, { kind: 'refusal', reasons: 'An invoice is still open.' });
    const text = await pdfText((await documentRow(documentId)).content);
    expect(text).toContain('Erasure: partly done');
    expect(text).toContain('Email address – reason: Open invoice: Invoice 1001 – kept until 31 January 2027');
    expect(text).toContain('Office of the Data Protection Ombudsman');
  });
});

describe('delivery', () => {
  it('mails the letter with its PDF and the export attached, once, and keeps the attachments for a retry', async () => {
    const request = await newRequest('fi', { verified: true });
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 0xff, 0x00, 0x7f]);
    const attachments = [{ fileName: 'omadata-tiedot.zip', contentType: 'application/zip', content: zip }];
    const { documentId } = await issue(request.id, {
      kind: 'outcome',
      parts: [{ type: 'access', status: 'done', outcome: 'Kopio tiedoista on liitteenä.' }],
      attachments,
    });

    expect(await letters().deliver(database.db, shop.controller.id, documentId, attachments)).toEqual({ sent: true });
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.rcptTo).toEqual(['aino.makela@example.fi']);
    const row = await documentRow(documentId);
    const parsed = parseMail(mail.raw);
    expect(parsed.headers.get('subject')).toBe('Vastaus pyyntöösi – Testikauppa Oy');
    expect(parsed.text?.replace(/\r\n/g, '\n')).toBe(row.letter_text);
    expect(parsed.text).toContain('Mitä teimme: Kopio tiedoista on liitteenä.');
    const files = attachmentsOf(mail.raw);
    expect(files.map((f) => [f.filename, f.contentType])).toEqual([
      [row.file_name, 'application/pdf'],
      ['omadata-tiedot.zip', 'application/zip'],
    ]);
    expect(files[0]!.content.equals(Buffer.from(row.content))).toBe(true);
    expect(files[1]!.content.equals(zip)).toBe(true);
    expect(await pdfText(files[0]!.content)).toContain('Tietojen tarkastus: toteutettu');

    expect(row.sent_at).toBeInstanceOf(Date);
    expect(row.outbox_id).not.toBeNull();
    const outbox = await database.db
      .selectFrom('outbox')
      .select(['kind', 'controller_id', 'sent_at'])
      .where('id', '=', row.outbox_id!)
      .executeTakeFirstOrThrow();
    expect(outbox).toMatchObject({ kind: 'request_letter', controller_id: shop.controller.id });
    expect(outbox.sent_at).toBeInstanceOf(Date);

    // Delivering again sends nothing.
    expect(await letters().deliver(database.db, shop.controller.id, documentId, attachments)).toEqual({ sent: true });
    expect(smtp.received).toHaveLength(1);
  });

  it('a failed delivery is retried by the outbox with the PDF and the attachments', async () => {
    const request = await newRequest('sv');
    const extra = [{ fileName: 'bilaga.txt', contentType: 'text/plain', content: Buffer.from('Hej då – åäö') }];
    const { documentId } = await issue(request.id, {
      kind: 'refusal',
      reasons: 'Begäran är uppenbart ogrundad.',
      parts: [{ type: 'access', status: 'refused' }],
    });
    smtp.rejecting = true;
    expect(await letters().deliver(database.db, shop.controller.id, documentId, extra)).toEqual({ sent: true });
    expect(smtp.received).toHaveLength(0);
    smtp.rejecting = false;
    // A second deliver finds the letter handed over: the retry is the outbox's.
    await letters().deliver(database.db, shop.controller.id, documentId, extra);
    expect(smtp.received).toHaveLength(0);

    await database.db.updateTable('outbox').set({ locked_until: null }).where('sent_at', 'is', null).execute();
    expect(await mailer.deliverPending()).toBeGreaterThanOrEqual(1);
    const mail = smtp.received.find((m) => m.rcptTo.includes('asa.oberg@example.fi'))!;
    const files = attachmentsOf(mail.raw);
    expect(files.map((f) => f.filename)).toEqual([
      `omadata-refusal-${request.id.slice(0, 8)}-${today()}.pdf`,
      'bilaga.txt',
    ]);
    expect(files[1]!.content.toString('utf8')).toBe('Hej då – åäö');
    expect(await pdfText(files[0]!.content)).toContain('Dataombudsmannens byrå');
    expect(parseMail(mail.raw).text).toContain('Begäran är uppenbart ogrundad.');
  });

  it('a request without an email is not mailed: the letter goes by post', async () => {
    const request = await newRequest('fi', { email: null });
    const { documentId } = await issue(request.id, { kind: 'acknowledgement' });
    const outboxBefore = await database.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(await letters().deliver(database.db, shop.controller.id, documentId)).toEqual({ sent: false });
    expect(smtp.received).toHaveLength(0);
    const row = await documentRow(documentId);
    expect(row.sent_at).toBeNull();
    expect(row.outbox_id).toBeNull();
    const outboxAfter = await database.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(outboxAfter.n).toBe(outboxBefore.n);
    // The PDF is there to print, addressed by name.
    expect(await pdfText(row.content)).toContain('Hyvä Aino Mäkelä,');
  });

  it('a name outside the PDF font is written without the accents the PDF font lacks; the email keeps them', async () => {
    const request = await newRequest('en', { name: 'Łucja Dvořák' });
    const { documentId } = await issue(request.id, { kind: 'acknowledgement' });
    const row = await documentRow(documentId);
    expect(await pdfText(row.content)).toContain('Dear Lucja Dvorák,');
    expect(row.letter_text).toContain('Dear Łucja Dvořák,');
    await letters().deliver(database.db, shop.controller.id, documentId);
    expect(parseMail(smtp.received[0]!.raw).text).toContain('Dear Łucja Dvořák,');
  });

  it('an unknown letter, or one of another controller, is not found', async () => {
    const request = await newRequest('fi');
    const { documentId } = await issue(request.id, { kind: 'acknowledgement' });
    const other = await newShop(database);
    await expect(letters().deliver(database.db, other.controller.id, documentId)).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(smtp.received).toHaveLength(0);
  });
});
