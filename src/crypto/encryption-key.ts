import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Config } from '../config.ts';

/**
 * ENCRYPTION_KEY from the environment; outside production, without it, a key generated once into
 * DATA_DIR so that a newcomer's `npm start` works (and says where the key is).
 */
export function resolveEncryptionKey(config: Config, warn: (message: string) => void): string {
  if (config.encryptionKey) return config.encryptionKey;
  if (config.env === 'production') throw new Error('ENCRYPTION_KEY is required in production');
  const dir = resolve(config.dataDir);
  const path = join(dir, 'encryption.key');
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  mkdirSync(dir, { recursive: true });
  const key = randomBytes(32).toString('hex');
  writeFileSync(path, `${key}\n`, { mode: 0o600, flag: 'wx' });
  warn(
    `ENCRYPTION_KEY is not set: generated a key into ${path}. Set ENCRYPTION_KEY in production and keep it apart from the data.`,
  );
  return key;
}
