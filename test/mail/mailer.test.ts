import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { createMailer } from '../../src/modules/mail/mailer.ts';
import { createTestDatabase } from '../db.ts';
import { parseMail, startSmtpServer, type TestSmtpServer } from './smtp.ts';

let database: Database;
let smtp: TestSmtpServer;
beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp?.close();
  await database?.close();
});
// Every test starts from an empty outbox and a server that accepts, so that deliverPending()
// counts only what the test itself left behind.
beforeEach(async () => {
  await database.db.deleteFrom('outbox').execute();
  smtp.received.length = 0;
  smtp.rejecting = false;
  smtp.rcptAttempts = 0;
});

const outboxRow = (id: string) =>
  database.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

const invite = {
  to: 'aino.virtanen@example.fi',
  subject: 'Kutsu Omadataan – hyväksy kutsu',
  text: 'Hei Aino,\n\nsinut on kutsuttu ylläpitämään rekisteriä. Avaa linkki: https://omadata.example/kutsu/abc123\n',
  html: '<p>Hei Aino,</p><p><a href="https://omadata.example/kutsu/abc123">Hyväksy kutsu</a></p>',
  kind: 'staff_invite',
};

describe('mailer with SMTP', () => {
  it('records the message, delivers it over SMTP and marks it sent', async () => {
    const mailer = createMailer({ db: database.db, smtpUrl: smtp.url });
    const controllerId = '7d3f1c2e-4b5a-4c6d-8e9f-0a1b2c3d4e5f';
    const { id } = await mailer.send({ ...invite, controllerId });

    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.rcptTo).toEqual(['aino.virtanen@example.fi']);
    expect(mail.mailFrom).toBe('no-reply@localhost');
    const parsed = parseMail(mail.raw);
    expect(parsed.headers.get('subject')).toBe('Kutsu Omadataan – hyväksy kutsu');
    expect(parsed.headers.get('from')).toBe('Omadata <no-reply@localhost>');
    expect(parsed.headers.get('to')).toBe('aino.virtanen@example.fi');
    expect(parsed.headers.get('message-id')).toBe(`<${id}@localhost>`);
    expect(parsed.text?.replace(/\r\n/g, '\n')).toBe(invite.text);
    expect(parsed.html).toContain('Hyväksy kutsu');

    const row = await outboxRow(id);
    expect(row.sent_at).toBeInstanceOf(Date);
    expect(row).toMatchObject({
      attempts: 1,
      last_error: null,
      locked_until: null,
      controller_id: controllerId,
      kind: 'staff_invite',
    });
  });

  it('uses the configured From address', async () => {
    const mailer = createMailer({ db: database.db, smtpUrl: smtp.url, from: 'Omadata <noreply@omadata.example>' });
    const { id } = await mailer.send({
      to: 'erik@example.se',
      subject: 'Login',
      text: 'Your link',
      kind: 'login_link',
    });
    expect(smtp.received[0]!.mailFrom).toBe('noreply@omadata.example');
    const parsed = parseMail(smtp.received[0]!.raw);
    expect(parsed.headers.get('from')).toBe('Omadata <noreply@omadata.example>');
    expect(parsed.headers.get('message-id')).toBe(`<${id}@omadata.example>`);
    expect(parsed.text).toBe('Your link');
    expect(parsed.html).toBeUndefined();
  });

  it('keeps a refused message unsent with the error, and deliverPending() delivers it once the server accepts', async () => {
    const mailer = createMailer({ db: database.db, smtpUrl: smtp.url });
    smtp.rejecting = true;
    const { id } = await mailer.send(invite);

    expect(smtp.received).toHaveLength(0);
    const failed = await outboxRow(id);
    expect(failed).toMatchObject({ sent_at: null, attempts: 1, locked_until: null });
    expect(failed.last_error).toMatch(/451/);
    expect(failed.last_error).not.toContain('abc123');
    expect(failed.last_error).not.toContain('Hei Aino');

    smtp.rejecting = false;
    expect(await mailer.deliverPending()).toBe(1);
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.rcptTo).toEqual(['aino.virtanen@example.fi']);
    expect(parseMail(smtp.received[0]!.raw).text).toContain('https://omadata.example/kutsu/abc123');
    const delivered = await outboxRow(id);
    expect(delivered.sent_at).toBeInstanceOf(Date);
    expect(delivered.attempts).toBe(2);

    // Nothing is left to send.
    expect(await mailer.deliverPending()).toBe(0);
    expect(smtp.received).toHaveLength(1);
  });

  it('stops retrying a message after maxAttempts', async () => {
    const mailer = createMailer({ db: database.db, smtpUrl: smtp.url, maxAttempts: 2 });
    smtp.rejecting = true;
    const { id } = await mailer.send(invite);
    expect(await mailer.deliverPending()).toBe(0);
    expect(await mailer.deliverPending()).toBe(0);
    expect(smtp.rcptAttempts).toBe(2);
    expect(await outboxRow(id)).toMatchObject({ sent_at: null, attempts: 2 });
  });

  it('delivers each message once when sends and retry runs overlap', async () => {
    const mailbox = createMailer({ db: database.db });
    for (let i = 0; i < 5; i++) {
      await mailbox.send({ to: `queued${i}@example.fi`, subject: `Queued ${i}`, text: 'x', kind: 'login_link' });
    }
    const a = createMailer({ db: database.db, smtpUrl: smtp.url });
    const b = createMailer({ db: database.db, smtpUrl: smtp.url });
    const [first, second] = await Promise.all([
      a.deliverPending(),
      b.deliverPending(),
      a.send({ to: 'direct@example.fi', subject: 'Direct', text: 'y', kind: 'login_link' }),
    ]);
    // The direct message is delivered by send() or, if a retry run saw it first, by that run.
    expect(first + second).toBeGreaterThanOrEqual(5);
    expect(first + second).toBeLessThanOrEqual(6);
    const recipients = smtp.received.flatMap((m) => m.rcptTo).sort();
    expect(recipients).toEqual(['direct@example.fi', ...[0, 1, 2, 3, 4].map((i) => `queued${i}@example.fi`)]);
    const unsent = await database.db.selectFrom('outbox').select('id').where('sent_at', 'is', null).execute();
    expect(unsent).toHaveLength(0);
  });
});

describe('mailer without SMTP (development mailbox)', () => {
  it('keeps the message in the outbox unsent, and list() shows the newest first', async () => {
    const mailer = createMailer({ db: database.db });
    const older = await mailer.send({ to: 'first@example.fi', subject: 'First', text: 'one', kind: 'login_link' });
    const newer = await mailer.send(invite);

    expect(await outboxRow(newer.id)).toMatchObject({ sent_at: null, attempts: 0, last_error: null });
    const listed = await mailer.list(10, 0);
    expect(listed.map((m) => m.id)).toEqual([newer.id, older.id]);
    expect(listed[0]).toMatchObject({
      to: invite.to,
      subject: invite.subject,
      text: invite.text,
      html: invite.html,
      kind: 'staff_invite',
      controllerId: null,
      sentAt: null,
      attempts: 0,
    });
    expect(listed[0]!.createdAt).toBeInstanceOf(Date);
    expect((await mailer.list(1, 1)).map((m) => m.id)).toEqual([older.id]);
    expect(await mailer.deliverPending()).toBe(0);
    expect(smtp.received).toHaveLength(0);
  });
});

describe('refused messages', () => {
  const mailer = () => createMailer({ db: database.db, smtpUrl: smtp.url });

  it('refuses a line break in the recipient or the subject (header injection)', async () => {
    await expect(mailer().send({ ...invite, to: 'aino@example.fi\r\nBcc: victim@example.com' })).rejects.toThrow(
      /recipient.*line break/,
    );
    await expect(mailer().send({ ...invite, to: 'aino@example.fi\nBcc: victim@example.com' })).rejects.toThrow(
      /line break/,
    );
    await expect(mailer().send({ ...invite, subject: 'Hello\r\nBcc: victim@example.com' })).rejects.toThrow(
      /subject.*line break/,
    );
    await expect(mailer().send({ ...invite, subject: 'Hello\rX-Injected: 1' })).rejects.toThrow(/line break/);
    expect(smtp.rcptAttempts).toBe(0);
    expect(await database.db.selectFrom('outbox').select('id').execute()).toHaveLength(0);
  });

  it('refuses an invalid recipient address', async () => {
    for (const to of [
      'not-an-address',
      'a@b@example.fi',
      'aino@example.fi, eve@example.com',
      'Aino <aino@example.fi>',
      '',
    ]) {
      await expect(mailer().send({ ...invite, to })).rejects.toThrow(/Mail refused: to:/);
    }
    expect(await database.db.selectFrom('outbox').select('id').execute()).toHaveLength(0);
  });

  it('refuses a From address with a line break', () => {
    expect(() => createMailer({ db: database.db, from: 'Omadata <a@example.fi>\r\nBcc: x@example.com' })).toThrow(
      /line break/,
    );
  });
});
