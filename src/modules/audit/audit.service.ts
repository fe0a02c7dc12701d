import { sql, type Kysely } from 'kysely';
import type { Tx } from '../../db/database.ts';
import type { ActorType, DB } from '../../db/schema.ts';
import { eventHash, GENESIS_HASH, type ChainedEvent } from './audit-chain.ts';

export interface Actor {
  type: ActorType;
  id: string | null;
}

export interface NewEvent {
  /** When one append records the acts of several actors (a batch of orders from several keys). */
  actor?: Actor;
  registerId?: string | null;
  subjectId?: string | null;
  action: string;
  purpose: string;
  fields?: string[];
}

/**
 * Appends processing events to the controller's chain. Call it inside the transaction of the
 * action it records: the head row's lock orders concurrent appends, and a rollback takes the
 * events with it.
 */
export async function appendEvents(tx: Tx, controllerId: string, actor: Actor, events: NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  let head = await tx
    .selectFrom('audit_heads')
    .select(['seq', 'hash'])
    .where('controller_id', '=', controllerId)
    .forUpdate()
    .executeTakeFirst();
  if (!head) {
    await tx
      .insertInto('audit_heads')
      .values({ controller_id: controllerId, seq: 0, hash: GENESIS_HASH })
      .onConflict((oc) => oc.doNothing())
      .execute();
    head = await tx
      .selectFrom('audit_heads')
      .select(['seq', 'hash'])
      .where('controller_id', '=', controllerId)
      .forUpdate()
      .executeTakeFirstOrThrow();
  }
  let seq = Number(head.seq);
  let prev = head.hash;
  const at = new Date();
  const rows = events.map((e) => {
    seq += 1;
    const chained: ChainedEvent = {
      controllerId,
      seq,
      registerId: e.registerId ?? null,
      subjectId: e.subjectId ?? null,
      actorType: (e.actor ?? actor).type,
      actorId: (e.actor ?? actor).id,
      action: e.action,
      purpose: e.purpose,
      fields: e.fields ?? [],
      at,
    };
    const hash = eventHash(prev, chained);
    const row = {
      controller_id: controllerId,
      seq,
      register_id: chained.registerId,
      subject_id: chained.subjectId,
      actor_type: chained.actorType,
      actor_id: chained.actorId,
      action: e.action,
      purpose: e.purpose,
      fields: chained.fields,
      at,
      prev_hash: prev,
      hash,
    };
    prev = hash;
    return row;
  });
  // One JSON parameter, however many events: an import appends thousands at once.
  await sql`
    WITH ins AS (
      INSERT INTO processing_events (controller_id, seq, register_id, subject_id, actor_type, actor_id, action, purpose, fields, at, prev_hash, hash)
      SELECT controller_id, seq, register_id, subject_id, actor_type, actor_id, action, purpose, fields, at, prev_hash, hash
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(
        controller_id uuid, seq bigint, register_id uuid, subject_id uuid, actor_type text, actor_id text,
        action text, purpose text, fields text[], at timestamptz, prev_hash text, hash text)
      RETURNING seq
    )
    UPDATE audit_heads SET seq = ${seq}, hash = ${prev} WHERE controller_id = ${controllerId}`.execute(tx);
}

export interface ChainProblem {
  controllerId: string;
  seq: number;
  problem: 'changed' | 'removed' | 'inserted' | 'head';
  message: string;
}

/** Walks every controller's chain; returns the first broken link of each, or an empty list. */
export async function verifyChains(
  db: Kysely<DB>,
  onProgress?: (events: number) => void,
): Promise<{ events: number; problems: ChainProblem[] }> {
  const heads = await db.selectFrom('audit_heads').selectAll().orderBy('controller_id').execute();
  const withEvents = await db.selectFrom('processing_events').select('controller_id').distinct().execute();
  const controllers = new Set([...heads.map((h) => h.controller_id), ...withEvents.map((r) => r.controller_id)]);
  const problems: ChainProblem[] = [];
  let total = 0;
  for (const controllerId of controllers) {
    const head = heads.find((h) => h.controller_id === controllerId);
    let expectedSeq = 1;
    let prev = GENESIS_HASH;
    let broken: ChainProblem | null = null;
    let after = 0;
    for (;;) {
      const page = await db
        .selectFrom('processing_events')
        .selectAll()
        .where('controller_id', '=', controllerId)
        .where('seq', '>', after)
        .orderBy('seq')
        .limit(5000)
        .execute();
      if (page.length === 0) break;
      for (const row of page) {
        total++;
        const seq = Number(row.seq);
        after = seq;
        if (broken) continue;
        const recomputed = eventHash(row.prev_hash, {
          controllerId,
          seq,
          registerId: row.register_id,
          subjectId: row.subject_id,
          actorType: row.actor_type,
          actorId: row.actor_id,
          action: row.action,
          purpose: row.purpose,
          fields: row.fields,
          at: new Date(row.at),
        });
        if (seq !== expectedSeq) {
          broken = {
            controllerId,
            seq: expectedSeq,
            problem: 'removed',
            message: `event ${expectedSeq} is missing (next is ${seq})`,
          };
        } else if (recomputed !== row.hash) {
          broken = { controllerId, seq, problem: 'changed', message: `event ${seq} was changed after it was written` };
        } else if (row.prev_hash !== prev) {
          broken = {
            controllerId,
            seq,
            problem: 'inserted',
            message: `event ${seq} does not follow event ${seq - 1}: an event was inserted or replaced`,
          };
        }
        prev = row.hash;
        expectedSeq = seq + 1;
      }
      onProgress?.(total);
    }
    if (!broken && head && (Number(head.seq) !== expectedSeq - 1 || head.hash !== prev)) {
      broken =
        Number(head.seq) > expectedSeq - 1
          ? {
              controllerId,
              seq: expectedSeq,
              problem: 'removed',
              message: `events ${expectedSeq}–${head.seq} are missing from the end`,
            }
          : {
              controllerId,
              seq: Number(head.seq) + 1,
              problem: 'inserted',
              message: `event ${Number(head.seq) + 1} was added outside the chain`,
            };
    }
    if (!broken && !head && expectedSeq > 1) {
      broken = { controllerId, seq: 1, problem: 'head', message: 'the chain has events but no head' };
    }
    if (broken) problems.push(broken);
  }
  return { events: total, problems };
}

export function eventCount(db: Tx, controllerId: string) {
  return db
    .selectFrom('processing_events')
    .select(sql<number>`count(*)`.as('n'))
    .where('controller_id', '=', controllerId)
    .executeTakeFirstOrThrow();
}
