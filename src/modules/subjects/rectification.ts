import type { Tx } from '../../db/database.ts';
import type { SubjectUpdate } from '../../db/schema.ts';
import { appendEvents, type Actor } from '../audit/audit.service.ts';
import type { LoadedRegister } from '../registers/register.service.ts';

/**
 * Writes a correction of a customer's data (GDPR 16) in the caller's transaction: the new
 * values, a notice queued for each recipient that was given a changed field (GDPR 19), and the
 * `subject.corrected` processing event. Answers the recipients queued.
 */
export async function writeCorrection(
  tx: Tx,
  register: LoadedRegister,
  subjectId: string,
  update: SubjectUpdate,
  changed: readonly string[],
  actor: Actor,
  now: Date,
): Promise<string[]> {
  await tx
    .updateTable('subjects')
    .set({ ...update, updated_at: now })
    .where('id', '=', subjectId)
    .execute();
  const notices = register.description.recipients
    .map((r) => ({ recipient: r.name, fields: r.fields.filter((f) => changed.includes(f)) }))
    .filter((n) => n.fields.length > 0);
  if (notices.length > 0)
    await tx
      .insertInto('recipient_notifications')
      .values(
        notices.map((n) => ({
          controller_id: register.controllerId,
          register_id: register.id,
          subject_id: subjectId,
          recipient: n.recipient,
          event: 'rectified' as const,
          fields: n.fields,
        })),
      )
      .execute();
  await appendEvents(tx, register.controllerId, actor, [
    {
      registerId: register.id,
      subjectId,
      action: 'subject.corrected',
      purpose: 'data_subject_rectification',
      fields: [...changed],
    },
  ]);
  return notices.map((n) => n.recipient);
}
