import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import type { Database } from '../../src/db/database.ts';
import type { RequestPartStatus, RequestStatus } from '../../src/db/schema.ts';
import { addMonths, todayInFinland } from '../../src/finnish-time.ts';
import { createMailer } from '../../src/modules/mail/mailer.ts';
import { deadlineClock } from '../../src/modules/requests/deadlines.ts';
import { requestStatusOf } from '../../src/modules/requests/request-workflow.ts';
import { staffService } from '../../src/modules/staff/staff.service.ts';
import { createTestDatabase } from '../db.ts';
import { newShop, postOrderAs, testDeps, validOrder } from '../factories.ts';
import { startSmtpServer, type TestSmtpServer } from '../mail/smtp.ts';
import { StaffClient } from '../staff/helpers.ts';

let database: Database;
let app: FastifyInstance;
let smtp: TestSmtpServer;
let staff: StaffClient;
let shop: Awaited<ReturnType<typeof newShop>>;
let subjectId: string;
const PASSWORD = 'correct horse battery staple';
const personEmail = `kirjoittaja.${Date.now()}@example.fi`;
const realNow = deadlineClock.now;
/** Ten days ago, in Finland. */
const today = todayInFinland();
const tenDaysAgo = new Date(Date.parse(`${today}T12:00:00Z`) - 10 * 86_400_000).toISOString().slice(0, 10);

const at = (date: string) => () => new Date(`${date}T10:00:00+02:00`);
const base = () => `/api/v1/controllers/${shop.controller.id}/requests`;

beforeAll(async () => {
  smtp = await startSmtpServer();
  database = await createTestDatabase();
  const deps = testDeps(database);
  app = await buildApp({ ...deps, mailer: createMailer({ db: database.db, smtpUrl: smtp.url }) });
  shop = await newShop(database);
  const order = validOrder({ payment: { method: 'invoice' } });
  ({ subjectId } = await postOrderAs(app, shop, {
    ...order,
    customer: { ...(order.customer as object), email: personEmail, firstName: 'Kirsi', lastName: 'Kirjoittaja' },
  }));
  // The customer's invoice is open: their data is held until it is paid.
  const hold = await app.inject({
    method: 'POST',
    url: `/api/v1/registers/${shop.register.id}/subjects/${subjectId}/holds`,
    headers: { ...shop.auth, 'content-type': 'application/json' },
    payload: JSON.stringify({
      kind: 'open_invoice',
      reason: `Lasku ${order.orderId} avoinna`,
      until: addMonths(today, 2),
      orderId: order.orderId,
    }),
  });
  expect(hold.statusCode, hold.body).toBe(201);
  const accounts = staffService(database.db, deps.secretBox);
  const email = `desk-${Date.now()}@example.fi`;
  const account = await accounts.createAccount({ email, password: PASSWORD });
  await accounts.addMember(shop.controller.id, account.id, 'admin');
  staff = new StaffClient(app, '10.0.9.1');
  expect((await staff.login(email, PASSWORD)).statusCode).toBe(200);
});

afterAll(async () => {
  deadlineClock.now = realNow;
  await app?.close();
  await database?.close();
  await smtp?.close();
});

const mailsTo = (address: string) => smtp.received.filter((m) => m.rcptTo.includes(address));

describe('the requests desk, from a letter to its answers', () => {
  let requestId: string;

  it('logs a letter received ten days ago asking for access and erasure, with the letter attached', async () => {
    const res = await staff.request('POST', base(), {
      registerId: shop.register.id,
      types: ['access', 'erasure'],
      channel: 'letter',
      receivedOn: tenDaysAgo,
      language: 'fi',
      name: 'Kirsi Kirjoittaja',
      email: personEmail,
      message: 'Pyydän tietoni ja niiden poistamista.',
      document: {
        fileName: 'kirje.pdf',
        contentType: 'application/pdf',
        contentBase64: Buffer.from('%PDF-1.4 kirje').toString('base64'),
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json<{ id: string; dueDate: string; repeatedAccess: boolean }>();
    expect(body.dueDate).toBe(addMonths(tenDaysAgo, 1));
    expect(body.repeatedAccess).toBe(false);
    requestId = body.id;
    const detail = await staff.request('GET', `${base()}/${requestId}`);
    expect(detail.statusCode, detail.body).toBe(200);
    const d = detail.json<{
      status: string;
      parts: Array<{ type: string; status: string }>;
      documents: Array<{ kind: string; fileName: string }>;
      allowed: { answer: boolean };
    }>();
    expect(d.status).toBe('received');
    expect(d.parts.map((p) => [p.type, p.status])).toEqual([
      ['access', 'open'],
      ['erasure', 'open'],
    ]);
    expect(d.documents).toEqual([
      expect.objectContaining({ kind: 'received', fileName: 'kirje.pdf' }),
      expect.objectContaining({ kind: 'letter', letterKind: 'acknowledgement', language: 'fi' }),
    ]);
    // The acknowledgement went to the person.
    await expect.poll(() => mailsTo(personEmail).length).toBe(1);
    expect(d.allowed.answer).toBe(false);
  });

  it('refuses an answer before the identity is verified, and changes nothing', async () => {
    const res = await staff.request('POST', `${base()}/${requestId}/parts/access/completion`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json<{ errors: Array<{ code: string }> }>().errors[0]!.code).toBe('identity_unverified');
    const parts = await database.db
      .selectFrom('request_parts')
      .select('status')
      .where('request_id', '=', requestId)
      .execute();
    expect(parts.every((p) => p.status === 'open')).toBe(true);
    expect(
      await database.db.selectFrom('request_documents').select('id').where('request_id', '=', requestId).execute(),
    ).toHaveLength(2);
  });

  it('verifies the identity from the signed letter and links the customer', async () => {
    const start = await staff.request('POST', `${base()}/${requestId}/verification-start`);
    expect(start.json<{ status: string }>().status).toBe('verifying');
    const res = await staff.request('POST', `${base()}/${requestId}/verification`, {
      method: 'document',
      note: 'Allekirjoitettu kirje, henkilöllisyystodistuksen kopio',
      subjectId,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ status: string }>().status).toBe('in_progress');
    // A transition the state machine does not allow.
    const again = await staff.request('POST', `${base()}/${requestId}/verification-start`);
    expect(again.statusCode).toBe(409);
  });

  it('shows the request as due soon as its date nears', async () => {
    const due = addMonths(tenDaysAgo, 1);
    deadlineClock.now = at(new Date(Date.parse(`${due}T12:00:00Z`) - 3 * 86_400_000).toISOString().slice(0, 10));
    const list = await staff.request('GET', `${base()}?state=open`);
    expect(list.statusCode, list.body).toBe(200);
    const item = list.json<{ items: Array<{ id: string; urgency: string }> }>().items.find((i) => i.id === requestId);
    expect(item?.urgency).toBe('due_soon');
  });

  it('extends the erasure with a reason and sends the person the notice', async () => {
    const noReason = await staff.request('POST', `${base()}/${requestId}/parts/erasure/extension`, {
      months: 2,
      reason: '  ',
    });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json<{ errors: Array<{ field: string }> }>().errors.map((e) => e.field)).toEqual(['reason']);
    const before = mailsTo(personEmail).length;
    const res = await staff.request('POST', `${base()}/${requestId}/parts/erasure/extension`, {
      months: 2,
      reason: 'Asiakkaan tiedot ovat kolmessa järjestelmässä, joiden poistot on sovitettava yhteen.',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ status: string; extendedDueDate: string }>()).toMatchObject({
      status: 'extended',
      extendedDueDate: addMonths(addMonths(tenDaysAgo, 1), 2),
    });
    expect(mailsTo(personEmail).length).toBe(before + 1);
    expect(mailsTo(personEmail).at(-1)!.raw).toContain('application/pdf');
  });

  it('refuses an extension after the first month', async () => {
    // A request whose first month is over.
    const old = await staff.request('POST', base(), {
      registerId: shop.register.id,
      types: ['objection'],
      channel: 'phone',
      receivedOn: addMonths(tenDaysAgo, -2),
      name: 'Soittaja',
    });
    const id = old.json<{ id: string }>().id;
    const res = await staff.request('POST', `${base()}/${id}/parts/objection/extension`, {
      months: 1,
      reason: 'Selvitys kesken',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json<{ errors: Array<{ code: string }> }>().errors[0]!.code).toBe('extension_too_late');
    const part = await database.db
      .selectFrom('request_parts')
      .select('status')
      .where('request_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(part.status).toBe('open');
  });

  it('completes the access with the export attached to the outcome letter', async () => {
    const before = mailsTo(personEmail).length;
    const res = await staff.request('POST', `${base()}/${requestId}/parts/access/completion`, {
      outcome: 'Tiedot lähetetty',
    });
    expect(res.statusCode, res.body).toBe(200);
    const docs = await database.db
      .selectFrom('request_documents')
      .select(['kind', 'letter_kind', 'content_type'])
      .where('request_id', '=', requestId)
      .orderBy('created_at')
      .execute();
    expect(docs.filter((d) => d.kind === 'export')).toEqual([
      { kind: 'export', letter_kind: null, content_type: 'application/zip' },
    ]);
    expect(docs.filter((d) => d.letter_kind === 'outcome')).toHaveLength(1);
    const mail = mailsTo(personEmail).at(-1)!;
    expect(mailsTo(personEmail).length).toBe(before + 1);
    expect(mail.raw).toContain('application/zip');
    expect(mail.raw).toContain('application/pdf');
  });

  it('refuses a refusal without reasons', async () => {
    const res = await staff.request('POST', `${base()}/${requestId}/parts/erasure/refusal`, { reasons: '' });
    expect(res.statusCode).toBe(422);
    expect(res.json<{ errors: Array<{ field: string }> }>().errors.map((e) => e.field)).toEqual(['reasons']);
  });

  it('lets only those who may erase customers answer an erasure', async () => {
    const accounts = staffService(database.db, testDeps(database).secretBox);
    const email = `desk-staff-${Date.now()}@example.fi`;
    const account = await accounts.createAccount({ email, password: PASSWORD });
    await accounts.addMember(shop.controller.id, account.id, 'staff');
    const member = new StaffClient(app, '10.0.9.2');
    expect((await member.login(email, PASSWORD)).statusCode).toBe(200);
    const res = await member.request('POST', `${base()}/${requestId}/parts/erasure/completion`, {});
    expect(res.statusCode).toBe(403);
    const part = await database.db
      .selectFrom('request_parts')
      .select('status')
      .where('request_id', '=', requestId)
      .where('type', '=', 'erasure')
      .executeTakeFirstOrThrow();
    expect(part.status).toBe('extended');
  });

  it('erases what it may, keeps what the open invoice holds, and sends the refusal letter with the reason', async () => {
    const res = await staff.request('POST', `${base()}/${requestId}/parts/erasure/completion`, {});
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ status: string; part: { status: string; refusalReasons: string } }>();
    expect(body.part.status).toBe('partly_done');
    expect(body.part.refusalReasons).toContain('avoinna');
    expect(body.status).toBe('partly_done');
    const letter = await database.db
      .selectFrom('request_documents')
      .select(['letter_kind', 'sent_at'])
      .where('request_id', '=', requestId)
      .where('letter_kind', '=', 'refusal')
      .executeTakeFirstOrThrow();
    expect(letter.sent_at).not.toBeNull();
    const subject = await database.db
      .selectFrom('subjects')
      .select(['erased_at', 'email'])
      .where('id', '=', subjectId)
      .executeTakeFirstOrThrow();
    expect(subject.erased_at).not.toBeNull();
    const detail = await staff.request('GET', `${base()}/${requestId}`);
    const d = detail.json<{
      status: string;
      history: Array<{ to: string }>;
      parts: Array<{ type: string; status: string }>;
    }>();
    expect(d.parts.map((p) => [p.type, p.status])).toEqual([
      ['access', 'done'],
      ['erasure', 'partly_done'],
    ]);
    expect(d.history.map((h) => h.to)).toEqual(
      expect.arrayContaining(['received', 'verifying', 'in_progress', 'extended', 'partly_done']),
    );
    // A closed part takes no more answers.
    const again = await staff.request('POST', `${base()}/${requestId}/parts/access/completion`, {});
    expect(again.statusCode).toBe(409);
  });

  it('marks a second access request within a year', async () => {
    const res = await staff.request('POST', base(), {
      registerId: shop.register.id,
      types: ['access'],
      channel: 'email',
      receivedOn: today,
      email: personEmail,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<{ repeatedAccess: boolean }>().repeatedAccess).toBe(true);
  });

  it('refuses bad intake: a date in the future, an unknown type, a foreign customer — nothing stored', async () => {
    const count = async () => (await database.db.selectFrom('requests').select('id').execute()).length;
    const before = await count();
    const res = await staff.request('POST', base(), {
      registerId: shop.register.id,
      types: ['access', 'teleport'],
      channel: 'fax',
      receivedOn: '2999-01-01',
    });
    expect(res.statusCode).toBe(422);
    const fields = res.json<{ errors: Array<{ field: string }> }>().errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['types.1', 'channel']));
    const future = await staff.request('POST', base(), {
      registerId: shop.register.id,
      types: ['access'],
      channel: 'letter',
      receivedOn: '2999-01-01',
    });
    expect(future.statusCode).toBe(422);
    expect(future.json<{ errors: Array<{ field: string }> }>().errors.map((e) => e.field)).toEqual(['receivedOn']);
    expect(await count()).toBe(before);
  });
});

describe('a request’s state from its parts', () => {
  const partStatus = fc.constantFrom<RequestPartStatus>('open', 'extended', 'done', 'partly_done', 'refused');
  const current = fc.constantFrom<RequestStatus>('received', 'verifying', 'in_progress', 'extended');
  it('is closed exactly when every part is, and extended while an open part is', () => {
    fc.assert(
      fc.property(
        fc.array(partStatus, { minLength: 1, maxLength: 7 }),
        fc.boolean(),
        current,
        (statuses, verified, now) => {
          const parts = statuses.map((status, i) => ({ type: 'access' as const, status, i }));
          const s = requestStatusOf(parts, verified, now);
          const closed = statuses.every((p) => ['done', 'partly_done', 'refused'].includes(p));
          expect(['done', 'partly_done', 'refused'].includes(s)).toBe(closed);
          if (closed && statuses.every((p) => p === 'done')) expect(s).toBe('done');
          if (closed && statuses.every((p) => p === 'refused')) expect(s).toBe('refused');
          if (!closed && statuses.includes('extended')) expect(s).toBe('extended');
          if (!closed && !statuses.includes('extended'))
            expect(s).toBe(verified ? 'in_progress' : now === 'verifying' ? 'verifying' : 'received');
        },
      ),
    );
  });
});
