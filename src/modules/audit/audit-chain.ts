import { createHash } from 'node:crypto';
import type { ActorType } from '../../db/schema.ts';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedEvent {
  controllerId: string;
  seq: number;
  registerId: string | null;
  subjectId: string | null;
  actorType: ActorType;
  actorId: string | null;
  action: string;
  purpose: string;
  fields: string[];
  at: Date;
}

/** Each event's hash covers its content and the previous hash, so any edit breaks every later link. */
export function eventHash(prevHash: string, e: ChainedEvent): string {
  const canonical = JSON.stringify([
    prevHash,
    e.controllerId,
    e.seq,
    e.registerId,
    e.subjectId,
    e.actorType,
    e.actorId,
    e.action,
    e.purpose,
    e.fields,
    e.at.toISOString(),
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}
