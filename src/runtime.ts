import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { createSecretBox, type SecretBox } from './crypto/secret-box.ts';
import { resolveEncryptionKey } from './crypto/encryption-key.ts';
import { createMailer, type Mailer } from './modules/mail/mailer.ts';

export interface Runtime {
  config: Config;
  database: Database;
  secretBox: SecretBox;
  mailer: Mailer;
  close(): Promise<void>;
}

/** Opens the configured database (migrated to the latest version) and the field encryption key. */
export async function openRuntime(
  config: Config,
  options: { owner: string; warn?: (message: string) => void; migrate?: boolean },
): Promise<Runtime> {
  const warn = options.warn ?? ((m: string) => process.stderr.write(`warning: ${m}\n`));
  const secretBox = createSecretBox(resolveEncryptionKey(config, warn));
  const database = await openDatabase(
    config.database.kind === 'postgres'
      ? { kind: 'postgres', url: config.database.url, poolSize: config.database.poolSize }
      : { kind: 'pglite', dataDir: config.database.dataDir, lockOwner: options.owner },
  );
  try {
    if (options.migrate !== false) await migrateToLatest(database.db);
  } catch (e) {
    await database.close();
    throw e;
  }
  const mailer = createMailer({ db: database.db, smtpUrl: config.smtpUrl, from: config.mailFrom });
  return { config, database, secretBox, mailer, close: () => database.close() };
}
