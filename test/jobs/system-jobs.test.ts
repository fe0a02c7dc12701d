import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { createSecretBox } from '../../src/crypto/secret-box.ts';
import { openQueue, type JobQueue } from '../../src/jobs/queue.ts';
import { registerSystemJobs, SYSTEM_JOBS } from '../../src/jobs/system-jobs.ts';
import { createMailer } from '../../src/modules/mail/mailer.ts';
import { sha256, staffService } from '../../src/modules/staff/staff.service.ts';
import { createTestDatabase, dbKind } from '../db.ts';
import { newController, newRegister, TEST_KEY } from '../factories.ts';
import { startSmtpServer, type TestSmtpServer } from '../mail/smtp.ts';
import { fastQueueOptions, until } from './helpers.ts';

let database: Database & { url?: string };
let smtp: TestSmtpServer;
const secretBox = createSecretBox(TEST_KEY);
const opened: JobQueue[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startSmtpServer();
});
afterEach(async () => {
  for (const queue of opened.splice(0)) await queue.stop();
});
afterAll(async () => {
  await smtp?.close();
  await database?.close();
});

async function startQueue(): Promise<JobQueue> {
  const queue = openQueue(
    database,
    fastQueueOptions(database.url, () => {}),
  );
  await queue.start();
  opened.push(queue);
  return queue;
}

const HOUR = 3600_000;
const at = (offsetMs: number) => new Date(Date.now() + offsetMs);

/** One of each: live, expired and used, of sessions, invitations and setup links. */
async function seedStaffTokens() {
  const { id: controllerId } = await newController(database);
  const { id: staffId } = await database.db
    .insertInto('staff_accounts')
    .values({ email: 'aino@example.fi', email_key: `aino-${Date.now()}@example.fi`, password_hash: 'x' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const session = (name: string, expires: Date) => ({
    token_hash: sha256(`session-${name}-${Date.now()}`),
    staff_id: staffId,
    csrf_token: 'csrf',
    expires_at: expires,
  });
  await database.db
    .insertInto('staff_sessions')
    .values([session('live', at(HOUR)), session('ended', at(-HOUR))])
    .execute();
  const invite = (name: string, expires: Date, used: Date | null) => ({
    token_hash: sha256(`invite-${name}-${Date.now()}`),
    controller_id: controllerId,
    email: `${name}@example.fi`,
    role: 'staff' as const,
    invited_by: staffId,
    expires_at: expires,
    used_at: used,
  });
  await database.db
    .insertInto('staff_invites')
    .values([
      invite('open', at(HOUR), null),
      invite('expired', at(-HOUR), null),
      invite('accepted', at(HOUR), at(-HOUR)),
    ])
    .execute();
  const setup = (name: string, expires: Date, used: Date | null) => ({
    token_hash: sha256(`setup-${name}-${Date.now()}`),
    expires_at: expires,
    used_at: used,
  });
  await database.db
    .insertInto('setup_tokens')
    .values([setup('open', at(HOUR), null), setup('expired', at(-HOUR), null), setup('used', at(HOUR), at(-HOUR))])
    .execute();
  return { staffId, controllerId };
}

async function remaining() {
  const sessions = await database.db.selectFrom('staff_sessions').select('expires_at').execute();
  const invites = await database.db.selectFrom('staff_invites').select('email').orderBy('email').execute();
  const setupTokens = await database.db.selectFrom('setup_tokens').select(['expires_at', 'used_at']).execute();
  return { sessions, invites, setupTokens };
}

describe(`staff housekeeping on ${dbKind}`, () => {
  it('purgeExpired() deletes ended sessions and used or expired invitations and setup links, nothing else', async () => {
    await seedStaffTokens();
    const purged = await staffService(database.db, secretBox).purgeExpired();
    expect(purged).toEqual({ sessions: 1, invites: 2, setupTokens: 2 });
    const left = await remaining();
    expect(left.sessions).toHaveLength(1);
    expect(left.sessions[0]!.expires_at.getTime()).toBeGreaterThan(Date.now());
    expect(left.invites.map((i) => i.email)).toEqual(['open@example.fi']);
    expect(left.setupTokens).toEqual([{ expires_at: expect.any(Date), used_at: null }]);
    expect(left.setupTokens[0]!.expires_at.getTime()).toBeGreaterThan(Date.now());
    expect(await staffService(database.db, secretBox).purgeExpired()).toEqual({
      sessions: 0,
      invites: 0,
      setupTokens: 0,
    });
  });
});

describe(`system jobs on ${dbKind}`, () => {
  it('schedules mail retries only with SMTP, and the retry job delivers what is left in the outbox', async () => {
    const mail = SYSTEM_JOBS.deliverPendingMail;
    const withSmtp = createMailer({ db: database.db, smtpUrl: smtp.url });
    let queue = await startQueue();
    await registerSystemJobs(queue, { database, secretBox, mailer: withSmtp });
    expect(await queue.schedules()).toEqual(
      expect.arrayContaining([
        { name: mail.name, cron: '* * * * *', timeZone: 'Europe/Helsinki' },
        { name: SYSTEM_JOBS.purgeExpiredStaffTokens.name, cron: '17 * * * *', timeZone: 'Europe/Helsinki' },
        { name: SYSTEM_JOBS.retentionSweep.name, cron: '30 3 * * *', timeZone: 'Europe/Helsinki' },
        { name: SYSTEM_JOBS.purgeExpiredPortalLogins.name, cron: '47 * * * *', timeZone: 'Europe/Helsinki' },
      ]),
    );

    smtp.rejecting = true;
    const { id } = await withSmtp.send({ to: 'aino@example.fi', subject: 'Kutsu', text: 'Hei', kind: 'staff_invite' });
    smtp.rejecting = false;
    // A scheduled run may already be waiting ('exclusive'); either one delivers the message.
    await queue.send(mail.name);
    const row = await until(
      () =>
        database.db.selectFrom('outbox').select(['sent_at', 'attempts']).where('id', '=', id).executeTakeFirstOrThrow(),
      (r) => r.sent_at !== null,
    );
    expect(row.attempts).toBe(2);
    expect(smtp.received.map((m) => m.rcptTo)).toEqual([['aino@example.fi']]);

    // Started again without SMTP: the schedule left by the earlier run goes.
    await queue.stop();
    opened.splice(0);
    queue = await startQueue();
    await registerSystemJobs(queue, { database, secretBox, mailer: createMailer({ db: database.db }) });
    const names = (await queue.schedules()).map((s) => s.name);
    expect(names).toContain(SYSTEM_JOBS.purgeExpiredStaffTokens.name);
    expect(names).not.toContain(mail.name);
  });

  it('runs the staff housekeeping as a job', async () => {
    await database.db.deleteFrom('staff_sessions').execute();
    await database.db.deleteFrom('staff_invites').execute();
    await database.db.deleteFrom('setup_tokens').execute();
    await seedStaffTokens();
    const queue = await startQueue();
    await registerSystemJobs(queue, { database, secretBox, mailer: createMailer({ db: database.db }) });
    const name = SYSTEM_JOBS.purgeExpiredStaffTokens.name;
    const id = await queue.send(name);
    expect(id).toEqual(expect.any(String));
    const job = await until(
      () => queue.getJob(name, id!),
      (j) => j?.state === 'completed',
    );
    expect(job?.output).toEqual({ sessions: 1, invites: 2, setupTokens: 2 });
    expect((await remaining()).invites.map((i) => i.email)).toEqual(['open@example.fi']);
  });

  it('runs the retention sweep as a job', async () => {
    const controller = await newController(database);
    await newRegister(database, controller.id);
    const queue = await startQueue();
    await registerSystemJobs(queue, { database, secretBox, mailer: createMailer({ db: database.db }) });
    const name = SYSTEM_JOBS.retentionSweep.name;
    const before = await database.db.selectFrom('retention_sweeps').select('id').execute();
    const id = await queue.send(name);
    const job = await until(
      () => queue.getJob(name, id!),
      (j) => j?.state === 'completed',
    );
    const registers = await database.db.selectFrom('registers').select('id').execute();
    expect(registers.length).toBeGreaterThan(0);
    expect(job?.output).toMatchObject({ registers: registers.length, failed: [] });
    const after = await database.db.selectFrom('retention_sweeps').select(['dry_run']).execute();
    expect(after.length - before.length).toBe(registers.length);
    expect(after.every((r) => !r.dry_run)).toBe(true);
  });
});
