import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { createSecretBox, type SecretBox } from './crypto/secret-box.ts';
import { resolveEncryptionKey } from './crypto/encryption-key.ts';
import { createMailer, type Mailer } from './modules/mail/mailer.ts';
import { openQueue, type JobQueue } from './jobs/queue.ts';
import { registerSystemJobs } from './jobs/system-jobs.ts';

export interface Runtime {
  config: Config;
  database: Database;
  secretBox: SecretBox;
  mailer: Mailer;
  /** The job queue with this process's workers, where openRuntime() was asked for it (the server). */
  queue: JobQueue | null;
  /** Stops the queue, waiting for the jobs it is running, then closes the database. */
  close(): Promise<void>;
}

/**
 * Opens the configured database (migrated to the latest version) and the field encryption key;
 * with `jobs`, also starts the job queue (creating or migrating its schema) and the workers.
 */
export async function openRuntime(
  config: Config,
  options: { owner: string; warn?: (message: string) => void; migrate?: boolean; jobs?: boolean },
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
  let queue: JobQueue | null = null;
  if (options.jobs) {
    const started = openQueue(database, {
      connectionString: config.database.kind === 'postgres' ? config.database.url : undefined,
      report: warn,
    });
    try {
      await started.start();
      await registerSystemJobs(started, { database, secretBox, mailer, publicUrl: config.publicUrl });
    } catch (e) {
      await started.stop().catch(() => {});
      await database.close();
      throw e;
    }
    queue = started;
  }
  return {
    config,
    database,
    secretBox,
    mailer,
    queue,
    async close() {
      await queue?.stop();
      await database.close();
    },
  };
}
