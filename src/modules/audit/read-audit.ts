import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { inTenant } from '../../db/tenant.ts';
import { appendEvents, type Actor, type NewEvent } from './audit.service.ts';

const FLUSH_AFTER_MS = 200;
const FLUSH_AT = 2000;

/**
 * Processing events for frequent reads that change nothing (a shop's contact check before each
 * message), appended to the trail in batches a fraction of a second later: one commit records a
 * burst of checks instead of each check waiting for its own. Writes never go through here; they
 * record their events in their own transaction.
 */
export class ReadAudit {
  private pending = new Map<string, NewEvent[]>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly db: Kysely<DB>) {}

  add(controllerId: string, actor: Actor, events: Omit<NewEvent, 'actor'>[]): void {
    if (events.length === 0) return;
    let list = this.pending.get(controllerId);
    if (!list) this.pending.set(controllerId, (list = []));
    for (const e of events) list.push({ ...e, actor });
    if (list.length >= FLUSH_AT) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_AFTER_MS).unref();
  }

  /** Writes everything pending; resolves when it is in the trail. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batches = [...this.pending];
    this.pending.clear();
    this.flushing = this.flushing.then(async () => {
      for (const [controllerId, events] of batches) {
        try {
          await inTenant(this.db, controllerId, (tx) => appendEvents(tx, controllerId, events[0]!.actor!, events));
        } catch {
          // Kept for the next flush: the trail must not lose a read because of a passing error.
          const list = this.pending.get(controllerId) ?? [];
          this.pending.set(controllerId, [...events, ...list]);
          this.timer ??= setTimeout(() => void this.flush(), FLUSH_AFTER_MS * 5).unref();
        }
      }
    });
    return this.flushing;
  }
}

const buffers = new WeakMap<Kysely<DB>, ReadAudit>();

export function readAuditFor(db: Kysely<DB>): ReadAudit {
  let buffer = buffers.get(db);
  if (!buffer) buffers.set(db, (buffer = new ReadAudit(db)));
  return buffer;
}
