import { PgBoss, type ConstructorOptions, type Db, type Queue, type SendOptions as BossSendOptions } from 'pg-boss';
import type { Database } from '../db/database.ts';

/**
 * Schedules are read on Finnish time: `0 3 * * *` is three in the night in Helsinki, summer and
 * winter alike.
 */
export const TIME_ZONE = 'Europe/Helsinki';

export interface QueueOptions {
  /** PostgreSQL only, and required there: the queue's own connection pool connects here. */
  connectionString?: string;
  /** PostgreSQL only: connections in that pool (default 4). */
  poolSize?: number;
  /** How often an idle worker looks for new jobs, in seconds (default 2, at least 0.5). */
  pollingIntervalSeconds?: number;
  /** How often due schedules are turned into jobs, in seconds (1–45, default 30). */
  cronIntervalSeconds?: number;
  /** How often jobs that ran too long are failed and old jobs deleted, in seconds (default 60). */
  superviseIntervalSeconds?: number;
  /** How long stop() waits for running jobs before it fails them, in milliseconds (default 30 000). */
  stopTimeoutMs?: number;
  /** Hears about failed jobs and the queue's own errors and warnings (default: standard error). */
  report?: (message: string) => void;
}

/** A queue's defaults for its jobs; a job sent with its own options overrides them. */
export type QueueDefinition = Pick<
  Queue,
  | 'policy'
  | 'retryLimit'
  | 'retryDelay'
  | 'retryBackoff'
  | 'retryDelayMax'
  | 'expireInSeconds'
  | 'retentionSeconds'
  | 'deleteAfterSeconds'
>;

/**
 * retryLimit: attempts after the first (default 2); retryDelay: seconds before each (default 0);
 * expireInSeconds: how long one attempt may run (default 15 minutes); startAfter: a time, or
 * seconds from now.
 */
export type SendOptions = Pick<
  BossSendOptions,
  | 'retryLimit'
  | 'retryDelay'
  | 'retryBackoff'
  | 'retryDelayMax'
  | 'expireInSeconds'
  | 'startAfter'
  | 'singletonKey'
  | 'priority'
>;

export interface JobContext {
  id: string;
  /** 0 on the first attempt. */
  retryCount: number;
  /** Aborted when the queue stops without the job having finished in time. */
  signal: AbortSignal;
}

/** Its result is stored with the job; throwing fails the attempt, and the job is retried per its options. */
export type JobHandler<T> = (data: T, job: JobContext) => Promise<unknown>;

export type JobState = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';

export interface JobQueue {
  /** Creates or migrates the queue's schema (`pgboss`), then starts maintenance and the schedules. */
  start(): Promise<void>;
  /** Stops the workers, waits for the jobs they are running (up to stopTimeoutMs), and stops. */
  stop(): Promise<void>;
  /** Creates the queue with its defaults, or updates them; send, work and schedule create it too. */
  define(name: string, definition?: QueueDefinition): Promise<void>;
  /**
   * Stores a job; resolves to its id, or null when the queue's policy refused it (one already
   * waiting). On PGlite, not from inside a transaction: the transaction holds the one connection
   * that send() waits for. Send after it commits.
   */
  send(name: string, data?: object, options?: SendOptions): Promise<string | null>;
  /** Sends `name` a job on a cron expression in Finnish time; calling it again replaces the schedule. */
  schedule(name: string, cron: string, data?: object): Promise<void>;
  unschedule(name: string): Promise<void>;
  schedules(): Promise<{ name: string; cron: string; timeZone: string }[]>;
  /** Runs this process's handler for the queue's jobs, one at a time. */
  work<T extends object>(name: string, handler: JobHandler<T>): Promise<void>;
  getJob(name: string, id: string): Promise<{ state: JobState; retryCount: number; output: unknown } | null>;
}

/**
 * The job queue on the application's database: pg-boss with its own tables in the schema
 * `pgboss` (docs/decisions/0009-job-queue.md). On PostgreSQL it has a pool of its own; on PGlite
 * its SQL goes through Database.rawQuery(), which takes turns on the one connection with the
 * application's queries and transactions.
 */
export function openQueue(database: Database, options: QueueOptions = {}): JobQueue {
  const report = options.report ?? ((message: string) => process.stderr.write(`${message}\n`));
  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 2;
  const common: ConstructorOptions = {
    superviseIntervalSeconds: options.superviseIntervalSeconds ?? 60,
    cronMonitorIntervalSeconds: options.cronIntervalSeconds ?? 30,
    cronWorkerIntervalSeconds: Math.min(options.cronIntervalSeconds ?? 5, 5),
  };
  let boss: PgBoss;
  if (database.kind === 'postgres') {
    if (!options.connectionString) throw new Error('openQueue: a connection string is needed on PostgreSQL');
    boss = new PgBoss({
      ...common,
      connectionString: options.connectionString,
      max: options.poolSize ?? 4,
      application_name: 'omadata-jobs',
    });
  } else {
    const db: Db = { executeSql: (text, values) => database.rawQuery(text, values) };
    boss = new PgBoss({ ...common, db, backend: 'pglite' });
  }
  // Without a listener an 'error' event would throw out of pg-boss's timers.
  boss.on('error', (error) => report(`job queue: ${error.message}`));
  boss.on('warning', (warning) => report(`job queue warning: ${warning.message}`));

  const defined = new Set<string>();
  async function ensureQueue(name: string) {
    if (defined.has(name)) return;
    await boss.createQueue(name);
    defined.add(name);
  }

  return {
    async start() {
      await boss.start();
    },

    async stop() {
      await boss.stop({ graceful: true, timeout: options.stopTimeoutMs ?? 30_000 });
      defined.clear();
    },

    async define(name, definition = {}) {
      // createQueue leaves an existing queue as it was; its defaults are brought up to date here.
      await boss.createQueue(name, definition);
      const { policy: _policy, ...defaults } = definition;
      if (Object.keys(defaults).length > 0) await boss.updateQueue(name, defaults);
      defined.add(name);
    },

    async send(name, data = {}, sendOptions = {}) {
      await ensureQueue(name);
      return boss.send(name, data, sendOptions);
    },

    async schedule(name, cron, data = {}) {
      await ensureQueue(name);
      await boss.schedule(name, cron, data, { tz: TIME_ZONE });
    },

    async unschedule(name) {
      await boss.unschedule(name);
    },

    async schedules() {
      const rows = await boss.getSchedules();
      return rows.map((s) => ({ name: s.name, cron: s.cron, timeZone: s.timezone }));
    },

    async work<T extends object>(name: string, handler: JobHandler<T>) {
      await ensureQueue(name);
      await boss.work<T>(name, { pollingIntervalSeconds, batchSize: 1 }, async ([job]) => {
        if (!job) return;
        try {
          return await handler(job.data, { id: job.id, retryCount: job.retryCount, signal: job.signal });
        } catch (error) {
          report(`job ${name} ${job.id} failed (attempt ${job.retryCount + 1}): ${describe(error)}`);
          throw error;
        }
      });
    },

    async getJob(name, id) {
      const [job] = await boss.findJobs(name, { id });
      return job ? { state: job.state, retryCount: job.retryCount, output: job.output } : null;
    },
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
