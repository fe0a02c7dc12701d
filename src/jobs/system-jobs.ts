import type { SecretBox } from '../crypto/secret-box.ts';
import type { Database } from '../db/database.ts';
import type { Mailer } from '../modules/mail/mailer.ts';
import { staffService } from '../modules/staff/staff.service.ts';
import { sweepAll } from '../modules/retention/sweep.service.ts';
import { purgeExpiredPortalLogins } from '../modules/portal/portal-auth.service.ts';
import { sendDeadlineAlerts } from '../modules/requests/deadline-alerts.ts';
import { deadlineClock } from '../modules/requests/deadlines.ts';
import type { JobQueue } from './queue.ts';

/** The platform's own recurring jobs: queue name and cron expression (Finnish time). */
export const SYSTEM_JOBS = {
  deliverPendingMail: { name: 'mail.deliver-pending', cron: '* * * * *' },
  purgeExpiredStaffTokens: { name: 'staff.purge-expired', cron: '17 * * * *' },
  retentionSweep: { name: 'retention.sweep', cron: '30 3 * * *' },
  purgeExpiredPortalLogins: { name: 'portal.purge-expired', cron: '47 * * * *' },
  requestDeadlineAlerts: { name: 'requests.deadline-alerts', cron: '0 7 * * *' },
} as const;

export interface SystemJobDeps {
  database: Database;
  secretBox: SecretBox;
  mailer: Mailer;
  /** The server's address, for links in the mails the jobs send. */
  publicUrl?: string;
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

  // Portal login links and sessions hold an email address: they go once used or ended.
  const portal = SYSTEM_JOBS.purgeExpiredPortalLogins;
  await queue.define(portal.name, { policy: 'exclusive', retryLimit: 2, retryDelay: 60 });
  await queue.work(portal.name, async () => purgeExpiredPortalLogins(deps.database.db));
  await queue.schedule(portal.name, portal.cron);

  // The daily retention sweep (docs/retention.md). A sweep that dies part way is safe to run
  // again: each batch is its own transaction and erased customers are not erased twice.
  const sweep = SYSTEM_JOBS.retentionSweep;
  await queue.define(sweep.name, { policy: 'exclusive', retryLimit: 3, retryDelay: 600, expireInSeconds: 6 * 3600 });
  await queue.work(sweep.name, async () => {
    const results = await sweepAll(deps.database, deps.secretBox, { asOf: new Date(), dryRun: false });
    return {
      registers: results.length,
      erased: results.reduce((n, r) => n + ('erased' in r ? r.erased.count : 0), 0),
      failed: results.filter((r) => 'error' in r).map((r) => r.registerId),
    };
  });
  await queue.schedule(sweep.name, sweep.cron);

  // The requests desk's morning mail: requests due within seven days or overdue, to each
  // controller's contact person, once a Finnish day (docs/requests.md). A run that fails for
  // some controller throws after mailing the others; the retry mails only those not yet mailed.
  const alerts = SYSTEM_JOBS.requestDeadlineAlerts;
  await queue.define(alerts.name, { policy: 'exclusive', retryLimit: 3, retryDelay: 900, expireInSeconds: 3600 });
  await queue.work(alerts.name, async () => {
    const report = await sendDeadlineAlerts(deps, deadlineClock.now());
    if (report.failed.length) throw new Error(`Deadline mail failed for ${report.failed.length} controller(s)`);
    return {
      day: report.day,
      sent: report.sent.length,
      alreadySent: report.alreadySent.length,
      noRecipient: report.noRecipient.length,
    };
  });
  await queue.schedule(alerts.name, alerts.cron);
}
