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

const VERSION = 1;
const PURPOSE = /^[a-z][a-z0-9_]{1,62}$/;

const uuidBytes = (id: string) => Buffer.from(id.replace(/-/g, ''), 'hex');
const uuidText = (b: Buffer) => {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

/**
 * A signed token that names the scope, short enough for a mail client to keep on one line. It
 * does not expire: a message read years later must still let the person say no. It grants
 * nothing but saying no.
 */
export function unsubscribeToken(box: SecretBox, scope: UnsubscribeScope): string {
  const body = Buffer.concat([
    Buffer.from([VERSION]),
    uuidBytes(scope.registerId),
    uuidBytes(scope.subjectId),
    Buffer.from([CHANNELS.indexOf(scope.channel)]),
    Buffer.from(scope.purpose, 'utf8'),
  ]).toString('base64url');
  return `${body}.${box.sign(body)}`;
}

/** The scope of a genuine token, or null for anything malformed, altered or forged. */
export function readUnsubscribeToken(box: SecretBox, token: string): UnsubscribeScope | null {
  if (token.length > 200) return null;
  const [body, signature, ...rest] = token.split('.');
  if (!body || !signature || rest.length > 0) return null;
  if (!box.verify(body, signature)) return null;
  const raw = Buffer.from(body, 'base64url');
  if (raw.length < 35 || raw[0] !== VERSION) return null;
  const channel = CHANNELS[raw[33]!];
  const purpose = raw.subarray(34).toString('utf8');
  if (!channel || !PURPOSE.test(purpose)) return null;
  return {
    registerId: uuidText(raw.subarray(1, 17)),
    subjectId: uuidText(raw.subarray(17, 33)),
    channel,
    purpose,
  };
}
