import { sql } from 'kysely';
import type { Tx } from '../../db/database.ts';

/** Failures allowed within the window before a lock; the lock ends by itself. */
export const LIMITS = {
  account: { failures: 5, windowMinutes: 15, lockMinutes: 15 },
  address: { failures: 30, windowMinutes: 15, lockMinutes: 15 },
  /** Requests by the public form, counted per email address and per client address. */
  request_email: { failures: 5, windowMinutes: 60, lockMinutes: 60 },
  request_ip: { failures: 20, windowMinutes: 60, lockMinutes: 60 },
} as const;

export type ThrottleKind = keyof typeof LIMITS;

export function throttleService(db: Tx) {
  return {
    /** Seconds until the key is unlocked, or 0. */
    async lockedFor(key: string): Promise<number> {
      const row = await db
        .selectFrom('login_throttle')
        .select('locked_until')
        .where('key', '=', key)
        .executeTakeFirst();
      if (!row?.locked_until) return 0;
      return Math.max(0, Math.ceil((new Date(row.locked_until).getTime() - Date.now()) / 1000));
    },

    async recordFailure(key: string, kind: ThrottleKind): Promise<void> {
      const limit = LIMITS[kind];
      await sql`
        INSERT INTO login_throttle (key, failures, window_started_at)
        VALUES (${key}, 1, now())
        ON CONFLICT (key) DO UPDATE SET
          failures = CASE WHEN login_throttle.window_started_at < now() - make_interval(mins => ${limit.windowMinutes})
                          THEN 1 ELSE login_throttle.failures + 1 END,
          window_started_at = CASE WHEN login_throttle.window_started_at < now() - make_interval(mins => ${limit.windowMinutes})
                          THEN now() ELSE login_throttle.window_started_at END`.execute(db);
      await sql`
        UPDATE login_throttle SET locked_until = now() + make_interval(mins => ${limit.lockMinutes}), failures = 0, window_started_at = now()
        WHERE key = ${key} AND failures >= ${limit.failures}`.execute(db);
    },

    async reset(key: string): Promise<void> {
      await db.deleteFrom('login_throttle').where('key', '=', key).execute();
    },
  };
}
