import type { SecretBox } from '../../crypto/secret-box.ts';
import type { ContactChannel } from '../../db/schema.ts';
import { CHANNELS } from './consent-rules.ts';

/** What an unsubscribe link stands for: one customer, one channel, one purpose. */
export interface UnsubscribeScope {
  registerId: string;
  subjectId: string;
  channel: ContactChannel;
  purpose: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PURPOSE = /^[a-z][a-z0-9_]{1,62}$/;

/**
 * A signed token that names the scope. It does not expire: a message read years later must still
 * let the person say no. It grants nothing but saying no.
 */
export function unsubscribeToken(box: SecretBox, scope: UnsubscribeScope): string {
  const message = ['u1', scope.registerId, scope.subjectId, scope.channel, scope.purpose].join('~');
  return `${Buffer.from(message).toString('base64url')}.${box.sign(message)}`;
}

/** The scope of a genuine token, or null for anything malformed, altered or forged. */
export function readUnsubscribeToken(box: SecretBox, token: string): UnsubscribeScope | null {
  if (token.length > 400) return null;
  const [body, signature, ...rest] = token.split('.');
  if (!body || !signature || rest.length > 0) return null;
  const message = Buffer.from(body, 'base64url').toString('utf8');
  if (!box.verify(message, signature)) return null;
  const [version, registerId, subjectId, channel, purpose] = message.split('~');
  if (version !== 'u1' || !registerId || !subjectId || !channel || !purpose) return null;
  if (!UUID.test(registerId) || !UUID.test(subjectId) || !PURPOSE.test(purpose)) return null;
  if (!(CHANNELS as readonly string[]).includes(channel)) return null;
  return { registerId, subjectId, channel: channel as ContactChannel, purpose };
}
