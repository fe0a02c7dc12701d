import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Field encryption for identifiers such as the henkilötunnus: AES-256-GCM with a random IV per
 * value, and a keyed hash (HMAC-SHA-256 under a separate derived key) so that equal values can be
 * found without decrypting anything.
 */
export interface SecretBox {
  encrypt(plaintext: string): string;
  decrypt(sealed: string): string;
  lookupHash(value: string): string;
  /** A signature for links handed out (unsubscribe links), under a key of its own. */
  sign(message: string): string;
  verify(message: string, signature: string): boolean;
}

export function createSecretBox(masterKeyHex: string): SecretBox {
  const master = Buffer.from(masterKeyHex, 'hex');
  if (master.length !== 32) throw new Error('The encryption key must be 32 bytes (64 hex characters)');
  const encKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'omadata field encryption v1', 32));
  const macKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'omadata lookup hash v1', 32));
  const linkKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'omadata signed links v1', 32));
  const signature = (message: string) => createHmac('sha256', linkKey).update(message).digest().subarray(0, 18);
  return {
    encrypt(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
    },
    decrypt(sealed) {
      const [version, payload] = sealed.split('.');
      if (version !== 'v1' || !payload) throw new Error('Unknown sealed value format');
      const raw = Buffer.from(payload, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
    lookupHash(value) {
      return createHmac('sha256', macKey).update(value).digest('base64url');
    },
    sign(message) {
      return signature(message).toString('base64url');
    },
    verify(message, given) {
      const expected = signature(message);
      const actual = Buffer.from(given, 'base64url');
      return actual.length === expected.length && timingSafeEqual(actual, expected);
    },
  };
}
