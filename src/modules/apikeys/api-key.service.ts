import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { notFound } from '../../errors.ts';
import type { Tx } from '../../db/database.ts';

interface CachedKey {
  keyId: string;
  controllerId: string;
  keyHash: string;
  expires: number;
}

/**
 * Verified keys are remembered for a few seconds so that a shop's stream of orders does not
 * read api_keys on every request. Revoking in this process forgets the key at once; another
 * process forgets it within CACHE_MS.
 */
const CACHE_MS = 5_000;
const cache = new Map<string, CachedKey>();

/**
 * Keys look like `omk_<prefix>_<secret>`. The prefix finds the row; only a SHA-256 of the whole
 * key is stored (the key has 256 bits of randomness, so a slow hash adds nothing).
 */
export function apiKeyService(db: Tx) {
  return {
    async create(controllerId: string, name = 'API key') {
      const controller = await db
        .selectFrom('controllers')
        .select('id')
        .where('id', '=', controllerId)
        .executeTakeFirst();
      if (!controller) throw notFound('Controller');
      const prefix = randomBytes(6).toString('base64url').replace(/[-_]/g, 'x');
      const key = `omk_${prefix}_${randomBytes(32).toString('base64url')}`;
      const row = await db
        .insertInto('api_keys')
        .values({ controller_id: controllerId, name, prefix, key_hash: hashKey(key) })
        .returning(['id', 'prefix', 'created_at'])
        .executeTakeFirstOrThrow();
      return { ...row, key };
    },

    /** The controller a key acts for, or null for a missing, malformed, wrong or revoked key. */
    async authenticate(key: string): Promise<{ keyId: string; controllerId: string } | null> {
      const match = /^omk_([A-Za-z0-9]{8})_[A-Za-z0-9_-]{43}$/.exec(key);
      if (!match) return null;
      const prefix = match[1]!;
      const now = Date.now();
      const cached = cache.get(prefix);
      if (cached && cached.expires > now) {
        return sameHash(cached.keyHash, hashKey(key))
          ? { keyId: cached.keyId, controllerId: cached.controllerId }
          : null;
      }
      const row = await db
        .selectFrom('api_keys')
        .select(['id', 'controller_id', 'key_hash', 'revoked_at'])
        .where('prefix', '=', prefix)
        .executeTakeFirst();
      if (!row || row.revoked_at) {
        cache.delete(prefix);
        return null;
      }
      if (cache.size > 10_000) cache.clear();
      cache.set(prefix, {
        keyId: row.id,
        controllerId: row.controller_id,
        keyHash: row.key_hash,
        expires: now + CACHE_MS,
      });
      if (!sameHash(row.key_hash, hashKey(key))) return null;
      return { keyId: row.id, controllerId: row.controller_id };
    },

    async revoke(controllerId: string, keyId: string) {
      const result = await db
        .updateTable('api_keys')
        .set({ revoked_at: new Date() })
        .where('id', '=', keyId)
        .where('controller_id', '=', controllerId)
        .where('revoked_at', 'is', null)
        .returning('prefix')
        .executeTakeFirst();
      if (!result) throw notFound('API key');
      cache.delete(result.prefix);
    },

    list(controllerId: string) {
      return db
        .selectFrom('api_keys')
        .select(['id', 'name', 'prefix', 'created_at', 'revoked_at'])
        .where('controller_id', '=', controllerId)
        .orderBy('created_at')
        .execute();
    },
  };
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('base64url');
}
