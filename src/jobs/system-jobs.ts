import type { SecretBox } from '../crypto/secret-box.ts';
import type { Database } from '../db/database.ts';
import type { Mailer } from '../modules/mail/mailer.ts';
import { staffService } from '../modules/staff/staff.service.ts';
import type { JobQueue } from './queue.ts';

/** The platform's own recurring jobs: queue name and cron expression (Finnish time). */
export const SYSTEM_JOBS = {
  deliverPendingMail: { name: 'mail.deliver-pending', cron: '* * * * *' },
  purgeExpiredStaffTokens: { name: 'staff.purge-expired', cron: '17 * * * *' },
} as const;

export interface SystemJobDeps {
  database: Database;
  secretBox: SecretBox;
  mailer: Mailer;
}

/**
 * Starts this process's workers for the platform's recurring jobs and (re)writes their schedules.
 * Every server process calls it; pg-boss sends each scheduled job once however many there are.
 */
export async function registerSystemJobs(queue: JobQueue, deps: SystemJobDeps): Promise<void> {
  // Both are periodic: a run that fails is followed by the next one, and a run still going when
  // the next comes due is not doubled ('exclusive': one queued or running at a time).
  const mail = SYSTEM_JOBS.deliverPendingMail;
  if (deps.mailer.delivers) {
    await queue.define(mail.name, { policy: 'exclusive', retryLimit: 0, expireInSeconds: 600 });
    await queue.work(mail.name, async () => ({ delivered: await deps.mailer.deliverPending() }));
    await queue.schedule(mail.name, mail.cron);
  } else {
    // Without SMTP the outbox is the development mailbox: nothing to retry. A schedule left by an
    // earlier run with SMTP would only fill the queue.
    await queue.unschedule(mail.name);
  }

  const purge = SYSTEM_JOBS.purgeExpiredStaffTokens;
  await queue.define(purge.name, { policy: 'exclusive', retryLimit: 2, retryDelay: 60 });
  await queue.work(purge.name, async () => staffService(deps.database.db, deps.secretBox).purgeExpired());
  await queue.schedule(purge.name, purge.cron);
}
