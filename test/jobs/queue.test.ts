import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { openQueue, TIME_ZONE, type JobQueue } from '../../src/jobs/queue.ts';
import { createTestDatabase, dbKind } from '../db.ts';
import { fastQueueOptions, until } from './helpers.ts';

let database: Database & { url?: string };
const reports: string[] = [];
const opened: JobQueue[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  for (const queue of opened.splice(0)) await queue.stop();
});
afterAll(async () => {
  await database?.close();
});

/** A started queue on the test database (or on `on`), stopped after the test. */
async function startQueue(on: Database = database): Promise<JobQueue> {
  const queue = openQueue(
    on,
    fastQueueOptions(database.url, (m) => reports.push(m)),
  );
  await queue.start();
  opened.push(queue);
  return queue;
}

async function stopQueue(queue: JobQueue) {
  opened.splice(opened.indexOf(queue), 1);
  await queue.stop();
}

const stateOf = async (queue: JobQueue, name: string, id: string) => (await queue.getJob(name, id))?.state;

describe(`job queue on ${dbKind}`, () => {
  it('creates its schema at start, and starts again on an installed one', async () => {
    await startQueue();
    const schema = await database.rawQuery("SELECT 1 AS found FROM pg_namespace WHERE nspname = 'pgboss'");
    expect(schema.rows).toEqual([{ found: 1 }]);
    await startQueue();
  });

  it('works a job sent exactly once', async () => {
    const queue = await startQueue();
    const seen: unknown[] = [];
    await queue.work<{ n: number }>('test.once', async (data) => {
      seen.push(data);
      return { doubled: data.n * 2 };
    });
    const id = await queue.send('test.once', { n: 21 });
    expect(id).toEqual(expect.any(String));
    await until(
      () => stateOf(queue, 'test.once', id!),
      (s) => s === 'completed',
    );
    // Several more polls find nothing more to do.
    await new Promise((r) => setTimeout(r, 1500));
    expect(seen).toEqual([{ n: 21 }]);
    expect(await queue.getJob('test.once', id!)).toMatchObject({ retryCount: 0, output: { doubled: 42 } });
  });

  it('retries a failing job as its options say, then fails it', async () => {
    const queue = await startQueue();
    const attempts: { retryCount: number; at: number }[] = [];
    await queue.work('test.fails', async (_data, job) => {
      attempts.push({ retryCount: job.retryCount, at: Date.now() });
      throw new Error('the mail server said no');
    });
    const id = await queue.send('test.fails', {}, { retryLimit: 2, retryDelay: 1 });
    await until(
      () => stateOf(queue, 'test.fails', id!),
      (s) => s === 'failed',
      30_000,
    );
    expect(attempts.map((a) => a.retryCount)).toEqual([0, 1, 2]);
    // retryDelay is in seconds (less a little: pg-boss's clock and ours are compared).
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(800);
    expect(
      reports.some((r) => r.includes(`job test.fails ${id} failed (attempt 3): Error: the mail server said no`)),
    ).toBe(true);
  });

  it('completes a job on its retry after one failure', async () => {
    const queue = await startQueue();
    let calls = 0;
    await queue.work('test.flaky', async () => {
      if (++calls === 1) throw new Error('once');
      return { calls };
    });
    const id = await queue.send('test.flaky', {}, { retryLimit: 1 });
    await until(
      () => stateOf(queue, 'test.flaky', id!),
      (s) => s === 'completed',
    );
    expect(await queue.getJob('test.flaky', id!)).toMatchObject({ retryCount: 1, output: { calls: 2 } });
  });

  it('keeps a job across a stop and a start, and works it then', async () => {
    // On PGlite the database itself is closed and opened again from its directory.
    const dir = dbKind === 'pglite' ? mkdtempSync(join(tmpdir(), 'omadata-queue-')) : undefined;
    const openOwn = async () => (dir ? openDatabase({ kind: 'pglite', dataDir: dir }) : database);
    try {
      let own = await openOwn();
      const first = await startQueue(own);
      await first.define('test.persisted');
      const id = await first.send('test.persisted', { order: '1001' });
      await stopQueue(first);
      if (dir) {
        await own.close();
        own = await openOwn();
      }
      const second = await startQueue(own);
      expect(await stateOf(second, 'test.persisted', id!)).toBe('created');
      const seen: unknown[] = [];
      await second.work('test.persisted', async (data) => {
        seen.push(data);
      });
      await until(
        () => stateOf(second, 'test.persisted', id!),
        (s) => s === 'completed',
      );
      expect(seen).toEqual([{ order: '1001' }]);
      await stopQueue(second);
      if (dir) await own.close();
    } finally {
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stop() waits for the job that is running', async () => {
    const queue = await startQueue();
    let finished = false;
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    await queue.work('test.slow', async () => {
      started();
      await new Promise((r) => setTimeout(r, 1200));
      finished = true;
    });
    const id = await queue.send('test.slow');
    await running;
    await stopQueue(queue);
    expect(finished).toBe(true);
    const after = await startQueue();
    expect(await stateOf(after, 'test.slow', id!)).toBe('completed');
  });

  it('registers a schedule on Finnish time, replaces it, and removes it', async () => {
    const queue = await startQueue();
    await queue.schedule('test.nightly', '30 3 * * *', { kind: 'nightly' });
    expect(await queue.schedules()).toContainEqual({ name: 'test.nightly', cron: '30 3 * * *', timeZone: TIME_ZONE });
    await queue.schedule('test.nightly', '45 2 * * *');
    expect((await queue.schedules()).filter((s) => s.name === 'test.nightly')).toEqual([
      { name: 'test.nightly', cron: '45 2 * * *', timeZone: 'Europe/Helsinki' },
    ]);
    await queue.unschedule('test.nightly');
    expect((await queue.schedules()).some((s) => s.name === 'test.nightly')).toBe(false);
  });

  it('refuses a second job on an exclusive queue while one waits', async () => {
    const queue = await startQueue();
    await queue.define('test.exclusive', { policy: 'exclusive' });
    expect(await queue.send('test.exclusive')).toEqual(expect.any(String));
    expect(await queue.send('test.exclusive')).toBeNull();
  });

  it("never runs its SQL inside one of the application's transactions", async () => {
    const queue = await startQueue();
    await queue.work('test.alongside', async () => {});
    // The queue polls and supervises every second meanwhile. On PGlite, one of its BEGIN … COMMIT
    // blocks run on the shared connection in the middle would end this transaction early.
    await database.db.transaction().execute(async (tx) => {
      const before = await sql<{ id: string }>`SELECT txid_current()::text AS id`.execute(tx);
      await new Promise((r) => setTimeout(r, 2500));
      const after = await sql<{ id: string }>`SELECT txid_current()::text AS id`.execute(tx);
      expect(after.rows).toEqual(before.rows);
    });
    const id = await queue.send('test.alongside');
    await until(
      () => stateOf(queue, 'test.alongside', id!),
      (s) => s === 'completed',
    );
  });
});

describe(`Database.rawQuery, the queue's way in, on ${dbKind}`, () => {
  it('answers the rows of every statement in a BEGIN … COMMIT block', async () => {
    const result = await database.rawQuery(`
      BEGIN;
      CREATE TEMP TABLE raw_probe (n int);
      INSERT INTO raw_probe VALUES (1), (2) RETURNING n;
      COMMIT;`);
    expect(result.rows).toEqual([{ n: 1 }, { n: 2 }]);
    expect((await database.rawQuery('SELECT $1::int + 1 AS n', [41])).rows).toEqual([{ n: 42 }]);
  });

  it('rolls a failed block back, and the next statement runs normally', async () => {
    await expect(database.rawQuery('BEGIN; CREATE TABLE raw_half_done (n int); SELECT 1 / 0; COMMIT;')).rejects.toThrow(
      /division by zero/,
    );
    const table = await database.rawQuery("SELECT to_regclass('raw_half_done') AS t");
    expect(table.rows).toEqual([{ t: null }]);
    // A transaction of the application's starts clean afterwards.
    const rows = await database.db.transaction().execute((tx) => tx.selectFrom('controllers').select('id').execute());
    expect(rows).toEqual(expect.any(Array));
  });
});
