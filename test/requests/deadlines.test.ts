/**
 * The requests desk's deadlines: the console's list of requests by due date with overdue and
 * due-soon marked, the overdue count of the console's first page, and the morning mail to the
 * contact person through a real SMTP server. The clock is moved, never waited for.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import type { Database } from '../../src/db/database.ts';
import type { RequestStatus, RequestType } from '../../src/db/schema.ts';
import { inTenant } from '../../src/db/tenant.ts';
import { openQueue, type JobQueue } from '../../src/jobs/queue.ts';
import { registerSystemJobs, SYSTEM_JOBS } from '../../src/jobs/system-jobs.ts';
import { createMailer, type Mailer } from '../../src/modules/mail/mailer.ts';
import { sendDeadlineAlerts } from '../../src/modules/requests/deadline-alerts.ts';
import { deadlineClock, requestReference } from '../../src/modules/requests/deadlines.ts';
import { requestService } from '../../src/modules/requests/request.service.ts';
import { registerService } from '../../src/modules/registers/register.service.ts';
import { staffService } from '../../src/modules/staff/staff.service.ts';
import { createTestDatabase } from '../db.ts';
import { newShop, testDeps } from '../factories.ts';
import { description } from '../fixtures/descriptions.ts';
import { fastQueueOptions, until } from '../jobs/helpers.ts';
import { parseMail, startSmtpServer, type TestSmtpServer } from '../mail/smtp.ts';
import { StaffClient } from '../staff/helpers.ts';

const PASSWORD = 'pitkä salasana pyyntöjen käsittelijälle';
const PERSON = { name: 'Matti Pyytäjä', email: 'matti.pyytaja@example.fi' };
const REAL_CLOCK = deadlineClock.now;

let database: Database;
let smtp: TestSmtpServer;
let mailer: Mailer;
let app: FastifyInstance;
let shop: Awaited<ReturnType<typeof newShop>>;
let staff: StaffClient;
let staffId: string;
/** The requests by a letter of their own, A to H. */
const ids: Record<string, string> = {};

/** Sets the desk's clock to an instant (Finnish time in the string). */
const setNow = (iso: string) => {
  const at = new Date(iso);
  deadlineClock.now = () => at;
  return at;
};

async function newRequest(
  controllerId: string,
  registerId: string,
  receivedAt: string,
  types: RequestType[],
  after?: { status: RequestStatus; extendedDueDate?: string },
): Promise<string> {
  return inTenant(database.db, controllerId, async (tx) => {
    const { id } = await requestService(tx).create(
      {
        controllerId,
        registerId,
        subjectId: null,
        types,
        channel: 'letter',
        receivedAt: new Date(receivedAt),
        identityMethod: null,
        language: 'fi',
        email: PERSON.email,
        name: PERSON.name,
        message: null,
        details: {},
      },
      { type: 'staff', id: staffId },
    );
    if (after) {
      await tx
        .updateTable('requests')
        .set({
          status: after.status,
          extended_due_date: after.extendedDueDate ?? null,
          closed_at: ['done', 'partly_done', 'refused'].includes(after.status) ? new Date(receivedAt) : null,
        })
        .where('id', '=', id)
        .execute();
    }
    return id;
  });
}

async function staffOf(controllerId: string, role: 'staff' | 'viewer', address: string) {
  const accounts = staffService(database.db, testDeps(database).secretBox);
  const email = `${role}-${Math.random().toString(36).slice(2)}@example.fi`;
  const account = await accounts.createAccount({ email, password: PASSWORD });
  await accounts.addMember(controllerId, account.id, role);
  const client = new StaffClient(app, address);
  expect((await client.login(email, PASSWORD)).statusCode).toBe(200);
  return { client, id: account.id, email };
}

interface ListItem {
  id: string;
  registerName: string;
  types: string[];
  status: string;
  dueDate: string;
  extended: boolean;
  urgency: string;
  name: string | null;
  email: string | null;
  assignedTo: { id: string; email: string } | null;
}
interface ListPage {
  items: ListItem[];
  nextCursor: string | null;
  counts: { open: number; overdue: number; dueSoon: number };
}

async function list(query = ''): Promise<ListPage> {
  const res = await staff.request('GET', `/api/v1/controllers/${shop.controller.id}/requests${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ListPage>();
}

const letterOf = (id: string) => Object.entries(ids).find(([, v]) => v === id)?.[0] ?? id;

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startSmtpServer();
  mailer = createMailer({ db: database.db, smtpUrl: smtp.url });
  app = await buildApp({ ...testDeps(database), mailer });
  shop = await newShop(database);
  const member = await staffOf(shop.controller.id, 'staff', '10.1.0.1');
  staff = member.client;
  staffId = member.id;

  // As of 1 December 2026 (the clock of the first tests):
  ids.A = await newRequest(shop.controller.id, shop.register.id, '2026-10-20T10:00:00+03:00', ['access', 'erasure']); // due 20.11.: overdue
  ids.B = await newRequest(shop.controller.id, shop.register.id, '2026-11-05T09:00:00+02:00', ['rectification']); // due 5.12.: soon
  ids.G = await newRequest(shop.controller.id, shop.register.id, '2026-11-08T23:30:00+02:00', ['objection']); // due 8.12.: soon (the 7th day)
  ids.H = await newRequest(shop.controller.id, shop.register.id, '2026-11-09T00:30:00+02:00', ['portability']); // due 9.12.: ok
  ids.C = await newRequest(shop.controller.id, shop.register.id, '2026-11-25T12:00:00+02:00', ['restriction']); // due 25.12.: ok
  // Due 15.11. but extended to 15.1.: not overdue.
  ids.D = await newRequest(shop.controller.id, shop.register.id, '2026-10-15T12:00:00+03:00', ['erasure'], {
    status: 'extended',
    extendedDueDate: '2027-01-15',
  });
  // Done: never overdue, not among the open ones.
  ids.E = await newRequest(shop.controller.id, shop.register.id, '2026-10-01T12:00:00+03:00', ['access'], {
    status: 'done',
  });
  await inTenant(database.db, shop.controller.id, (tx) =>
    tx.updateTable('requests').set({ assigned_to: staffId }).where('id', '=', ids.B!).execute(),
  );
});
afterEach(() => {
  deadlineClock.now = REAL_CLOCK;
});
afterAll(async () => {
  await app?.close();
  await smtp?.close();
  await database?.close();
});

describe('the list of requests', () => {
  it('shows open requests by (extended) due date, oldest first, with overdue and due soon by the clock', async () => {
    setNow('2026-12-01T10:00:00+02:00');
    const page = await list();
    expect(page.items.map((r) => letterOf(r.id))).toEqual(['A', 'B', 'G', 'H', 'C', 'D']);
    expect(page.items.map((r) => [letterOf(r.id), r.dueDate, r.urgency])).toEqual([
      ['A', '2026-11-20', 'overdue'],
      ['B', '2026-12-05', 'due_soon'],
      ['G', '2026-12-08', 'due_soon'],
      ['H', '2026-12-09', 'ok'],
      ['C', '2026-12-25', 'ok'],
      ['D', '2027-01-15', 'ok'],
    ]);
    expect(page.counts).toEqual({ open: 6, overdue: 1, dueSoon: 2 });
    expect(page.nextCursor).toBeNull();
    const d = page.items.find((r) => r.id === ids.D)!;
    expect(d).toMatchObject({ extended: true, status: 'extended' });
    const a = page.items.find((r) => r.id === ids.A)!;
    expect(a).toMatchObject({
      types: ['access', 'erasure'],
      registerName: expect.any(String),
      name: PERSON.name,
      email: PERSON.email,
      extended: false,
      assignedTo: null,
    });
    expect(page.items.find((r) => r.id === ids.B)!.assignedTo).toEqual({ id: staffId, email: expect.any(String) });
  });

  it('moves requests to overdue and due soon as the days pass', async () => {
    setNow('2026-12-06T00:30:00+02:00');
    const page = await list();
    expect(Object.fromEntries(page.items.map((r) => [letterOf(r.id), r.urgency]))).toEqual({
      A: 'overdue',
      B: 'overdue',
      G: 'due_soon',
      H: 'due_soon',
      C: 'ok',
      D: 'ok',
    });
    expect(page.counts).toEqual({ open: 6, overdue: 2, dueSoon: 2 });
    // 22:30 UTC on 5 December is already the 6th in Finland, 21:30 UTC still the 5th: the Finnish day decides.
    setNow('2026-12-05T22:30:00Z');
    expect((await list()).counts.overdue).toBe(2);
    setNow('2026-12-05T21:30:00Z');
    expect((await list()).counts.overdue).toBe(1);
    // Past its extended date, the extended request is overdue too.
    setNow('2027-01-16T08:00:00+02:00');
    expect((await list()).items.map((r) => r.urgency)).toEqual(Array(6).fill('overdue'));
  });

  it('pages with a cursor, without skipping or repeating', async () => {
    setNow('2026-12-01T10:00:00+02:00');
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await list(`?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      expect(page.counts).toEqual({ open: 6, overdue: 1, dueSoon: 2 });
      seen.push(...page.items.map((r) => letterOf(r.id)));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual(['A', 'B', 'G', 'H', 'C', 'D']);
    expect(pages).toBe(3);
  });

  it('lists closed requests apart, and all of them newest first', async () => {
    setNow('2026-12-01T10:00:00+02:00');
    const closed = await list('?state=closed');
    expect(closed.items.map((r) => [letterOf(r.id), r.urgency])).toEqual([['E', 'closed']]);
    expect(closed.counts).toEqual({ open: 6, overdue: 1, dueSoon: 2 });
    const all = await list('?state=all&limit=4');
    expect(all.items.map((r) => letterOf(r.id))).toEqual(['C', 'H', 'G', 'B']);
    const rest = await list(`?state=all&limit=4&cursor=${encodeURIComponent(all.nextCursor!)}`);
    expect(rest.items.map((r) => letterOf(r.id))).toEqual(['A', 'D', 'E']);
    expect(rest.nextCursor).toBeNull();
  });

  it('refuses a bad state or cursor by name, and a cursor of another state', async () => {
    const badState = await staff.request('GET', `/api/v1/controllers/${shop.controller.id}/requests?state=late`);
    expect(badState.statusCode).toBe(422);
    expect(badState.json().errors.map((e: { field: string }) => e.field)).toEqual(['state']);
    const badCursor = await staff.request('GET', `/api/v1/controllers/${shop.controller.id}/requests?cursor=xyz`);
    expect(badCursor.statusCode).toBe(422);
    expect(badCursor.headers['content-type']).toContain('application/problem+json');
    expect(badCursor.json().errors.map((e: { field: string }) => e.field)).toEqual(['cursor']);
    const open = await list('?limit=1');
    const mixed = await staff.request(
      'GET',
      `/api/v1/controllers/${shop.controller.id}/requests?state=all&cursor=${encodeURIComponent(open.nextCursor!)}`,
    );
    expect(mixed.statusCode).toBe(422);
  });

  it('records each look at the list in the trail', async () => {
    const count = () =>
      database.db
        .selectFrom('processing_events')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('controller_id', '=', shop.controller.id)
        .where('action', '=', 'requests.listed')
        .where('actor_id', '=', staffId)
        .executeTakeFirstOrThrow()
        .then((r) => Number(r.n));
    const before = await count();
    await list();
    expect(await count()).toBe(before + 1);
  });

  it('answers 404 to a member of another controller, and needs a login', async () => {
    const other = await newShop(database);
    const stranger = await staffOf(other.controller.id, 'viewer', '10.1.0.2');
    const res = await stranger.client.request('GET', `/api/v1/controllers/${shop.controller.id}/requests`);
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain(PERSON.email);
    const counts = await stranger.client.request('GET', '/api/v1/request-deadlines');
    expect(counts.json().items).toEqual([{ controllerId: other.controller.id, open: 0, overdue: 0, dueSoon: 0 }]);
    const anonymous = await app.inject({ method: 'GET', url: `/api/v1/controllers/${shop.controller.id}/requests` });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe("the console's first page", () => {
  it('counts the overdue requests of each controller the person works for', async () => {
    setNow('2026-12-01T10:00:00+02:00');
    const res = await staff.request('GET', '/api/v1/request-deadlines');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ items: [{ controllerId: shop.controller.id, open: 6, overdue: 1, dueSoon: 2 }] });
    setNow('2026-12-10T10:00:00+02:00');
    const later = await staff.request('GET', '/api/v1/request-deadlines');
    expect(later.json().items[0]).toMatchObject({ overdue: 4, dueSoon: 0 });
  });
});

describe('the morning mail of requests due', () => {
  const mailsTo = (address: string) => smtp.received.filter((m) => m.rcptTo.includes(address));

  it('mails the contact person the requests due within seven days or overdue, once a day', async () => {
    smtp.received.length = 0;
    const deps = { database, mailer, publicUrl: 'https://omadata.example' };
    const now = setNow('2026-12-01T07:00:00+02:00');
    const report = await sendDeadlineAlerts(deps, now);
    expect(report.sent).toContainEqual({ controllerId: shop.controller.id, requests: 3, recipients: 1 });

    const mails = mailsTo('rekisteri@example.fi');
    expect(mails).toHaveLength(1);
    const mail = parseMail(mails[0]!.raw);
    const text = mail.text!.replace(/\r\n/g, '\n');
    expect(mail.headers.get('subject')).toBe('Rekisteröityjen pyynnöt: 1 myöhässä, 2 erääntyy pian – Testikauppa Oy');
    const fiPart = text.split('— På svenska —')[0]!;
    expect(fiPart).toContain(
      `- MYÖHÄSSÄ: Viite ${requestReference(ids.A!)} – tietojen tarkastus, tietojen poistaminen – saapunut 20.10.2026 – määräaika 20.11.2026`,
    );
    expect(fiPart).toContain(
      `- Viite ${requestReference(ids.B!)} – tietojen oikaisu – saapunut 5.11.2026 – määräaika 5.12.2026`,
    );
    expect(fiPart).toContain(`- Viite ${requestReference(ids.G!)} – käsittelyn vastustaminen`);
    for (const letter of ['H', 'C', 'D', 'E']) expect(text).not.toContain(requestReference(ids[letter]!));
    // The order: overdue first, then by due date.
    expect(fiPart.indexOf(requestReference(ids.A!))).toBeLessThan(fiPart.indexOf(requestReference(ids.B!)));
    expect(fiPart.indexOf(requestReference(ids.B!))).toBeLessThan(fiPart.indexOf(requestReference(ids.G!)));
    expect(text).toContain('— På svenska —');
    expect(text).toContain(`FÖRSENAD: Referens ${requestReference(ids.A!)}`);
    expect(text).toContain('— In English —');
    expect(text).toContain(
      `OVERDUE: Reference ${requestReference(ids.A!)} – access, erasure – received 20 October 2026`,
    );
    expect(text).toContain(`https://omadata.example/console/controllers/${shop.controller.id}/requests`);
    // The people who asked are not named in the mail.
    expect(mails[0]!.raw).not.toContain(PERSON.email);
    expect(text).not.toContain(PERSON.name);
    expect(text).not.toContain('Pyytäjä');

    const outbox = await database.db
      .selectFrom('outbox')
      .select(['kind', 'controller_id', 'sent_at'])
      .where('to_address', '=', 'rekisteri@example.fi')
      .execute();
    expect(outbox).toEqual([{ kind: 'requests_due', controller_id: shop.controller.id, sent_at: expect.any(Date) }]);

    // Again the same day, even late in the evening: nothing more.
    const again = await sendDeadlineAlerts(deps, setNow('2026-12-01T23:50:00+02:00'));
    expect(again.alreadySent).toContain(shop.controller.id);
    expect(again.sent.map((s) => s.controllerId)).not.toContain(shop.controller.id);
    expect(mailsTo('rekisteri@example.fi')).toHaveLength(1);

    // The next morning (after midnight in Finland, still the 1st in UTC): again, with what is due then.
    const next = await sendDeadlineAlerts(deps, setNow('2026-12-01T22:10:00Z'));
    expect(next.day).toBe('2026-12-02');
    expect(next.sent).toContainEqual({ controllerId: shop.controller.id, requests: 4, recipients: 1 });
    const second = parseMail(mailsTo('rekisteri@example.fi')[1]!.raw).text!;
    expect(second).toContain(requestReference(ids.H!));
    expect(second).not.toContain(requestReference(ids.C!));
  });

  it("falls back to the controller's contact email, and skips a controller with nothing due", async () => {
    smtp.received.length = 0;
    const deps = { database, mailer };
    // A register whose contact person has no email; the controller has one of its own.
    const other = await newShop(database);
    const register = await database.db
      .transaction()
      .execute((tx) =>
        registerService(tx).create(
          other.controller.id,
          description(undefined, { contactPerson: { name: 'Asiakaspalvelu' } }),
        ),
      );
    await database.db
      .updateTable('controllers')
      .set({ contact: JSON.stringify({ email: 'tietosuoja@toinen.example' }) })
      .where('id', '=', other.controller.id)
      .execute();
    const due = await newRequest(other.controller.id, register.id, '2026-11-10T12:00:00+02:00', ['erasure']); // due 10.12.
    // A third controller whose only request is due in three weeks: no mail.
    const quiet = await newShop(database);
    await newRequest(quiet.controller.id, quiet.register.id, '2026-11-25T12:00:00+02:00', ['access']);

    const report = await sendDeadlineAlerts(deps, setNow('2026-12-04T07:00:00+02:00'));
    expect(report.sent).toContainEqual({ controllerId: other.controller.id, requests: 1, recipients: 1 });
    expect(report.sent.map((s) => s.controllerId)).not.toContain(quiet.controller.id);
    const mails = mailsTo('tietosuoja@toinen.example');
    expect(mails).toHaveLength(1);
    const parsed = parseMail(mails[0]!.raw);
    expect(parsed.headers.get('subject')).toBe('Rekisteröityjen pyynnöt: 1 erääntyy pian – Testikauppa Oy');
    const text = parsed.text!;
    expect(text).toContain(`- Viite ${requestReference(due)} – tietojen poistaminen – saapunut 10.11.2026`);
    expect(text).not.toContain(requestReference(ids.A!));
    expect(text).not.toContain('/console/');
    const quietMail = await database.db
      .selectFrom('outbox')
      .select('id')
      .where('controller_id', '=', quiet.controller.id)
      .execute();
    expect(quietMail).toEqual([]);
  });

  it('runs every morning at seven, Finnish time, as a job', async () => {
    const queue: JobQueue = openQueue(
      database,
      fastQueueOptions((database as Database & { url?: string }).url, () => {}),
    );
    await queue.start();
    try {
      await registerSystemJobs(queue, { database, secretBox: testDeps(database).secretBox, mailer });
      const job = SYSTEM_JOBS.requestDeadlineAlerts;
      expect(await queue.schedules()).toContainEqual({
        name: job.name,
        cron: '0 7 * * *',
        timeZone: 'Europe/Helsinki',
      });
      smtp.received.length = 0;
      setNow('2026-12-07T07:00:00+02:00');
      const id = await queue.send(job.name);
      const done = await until(
        () => queue.getJob(job.name, id!),
        (j) => j?.state === 'completed',
      );
      expect(done?.output).toMatchObject({ day: '2026-12-07', alreadySent: 0 });
      expect((done?.output as { sent: number }).sent).toBeGreaterThanOrEqual(1);
      expect(mailsTo('rekisteri@example.fi')).toHaveLength(1);
    } finally {
      await queue.stop();
    }
  });
});
