import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { buildApp } from '../../src/app.ts';
import { openDatabase, type Database, type DatabaseOptions } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { inTenant } from '../../src/db/tenant.ts';
import { registerService } from '../../src/modules/registers/register.service.ts';
import { subjectControl } from '../../src/modules/retention/subject-control.service.ts';
import { createTestDatabase, dbKind } from '../db.ts';
import { newShop, TEST_KEY, testDeps, validOrder } from '../factories.ts';

const CHILD = fileURLToPath(new URL('./erase-child.ts', import.meta.url));
const ROUNDS = 5;
const ORDERS = 400;

/** Everything an erasure touches, to tell "untouched" from "finished". */
async function snapshot(db: Database['db'], subjectId: string) {
  const subject = await db.selectFrom('subjects').selectAll().where('id', '=', subjectId).executeTakeFirstOrThrow();
  const orders = await sql<{ n: number; with_ip: number }>`
    SELECT count(*)::int AS n, count(ip)::int AS with_ip FROM orders WHERE subject_id = ${subjectId}`.execute(db);
  const ledger = await sql<{ with_ip: number }>`
    SELECT count(ip)::int AS with_ip FROM consent_events WHERE subject_id = ${subjectId}`.execute(db);
  const retained = await db.selectFrom('retained_fields').select('field').where('subject_id', '=', subjectId).execute();
  const erasure = await db
    .selectFrom('erasures')
    .select('report')
    .where('subject_id', '=', subjectId)
    .executeTakeFirst();
  const events = await db
    .selectFrom('processing_events')
    .select('action')
    .where('subject_id', '=', subjectId)
    .where('action', '=', 'subject.erased')
    .execute();
  return {
    subject,
    orders: orders.rows[0]!,
    ledgerIps: ledger.rows[0]!.with_ip,
    retained: retained.length,
    erasure,
    events: events.length,
  };
}

/** A customer with an open invoice, many orders and consents, ready to be erased. */
async function prepare(database: Database) {
  const app = await buildApp(testDeps(database));
  try {
    const shop = await newShop(database);
    const order = validOrder({
      payment: { method: 'invoice' },
      customer: { ...validOrder().customer, personalIdentityCode: '131052-308T' },
      marketingOptIn: { email: true, sms: true },
    });
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/registers/${shop.register.id}/orders`,
      headers: { ...shop.auth, 'idempotency-key': 'crash', 'content-type': 'application/json' },
      payload: JSON.stringify(order),
    });
    const { subjectId } = res.json<{ subjectId: string }>();
    await sql`
      INSERT INTO orders (controller_id, register_id, subject_id, order_ref, placed_at, items, total_amount, currency, payment_method, ip, source_page)
      SELECT ${shop.controller.id}, ${shop.register.id}, ${subjectId}, 'CRASH-' || i, now() - make_interval(days => i),
             '[{"sku":"A","name":"Tee","quantity":1,"unitPrice":"5.00"}]', 5.00, 'EUR', 'card', '192.0.2.1', 'https://kauppa.example.fi'
      FROM generate_series(1, ${ORDERS}) AS i`.execute(database.db);
    const register = await registerService(database.db).loadAny(shop.register.id);
    await inTenant(database.db, shop.controller.id, (tx) =>
      subjectControl(tx, register).addHold(
        subjectId,
        { kind: 'open_invoice', reason: 'Lasku auki', until: '2027-03-31', orderId: order.orderId },
        { type: 'system', id: 'test' },
      ),
    );
    return { registerId: shop.register.id, subjectId };
  } finally {
    await app.close();
  }
}

function runChild(job: object, killAfterMs: number): Promise<'done' | 'killed'> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      env: { ...process.env, OMADATA_ERASE_JOB: JSON.stringify(job) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | null = null;
    child.stdout.on('data', (d: Buffer) => {
      out += String(d);
      if (out.includes('start') && !timer) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.stderr.on('data', (d: Buffer) => (err += String(d)));
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (out.includes('done')) resolve('done');
      else if (signal === 'SIGKILL') resolve('killed');
      else reject(new Error(`child exited ${code}: ${err}`));
    });
  });
}

describe('erasure killed part way', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('leaves the old state or the finished one, and finishes when run again', async () => {
    let options: DatabaseOptions;
    let shared: (Database & { url?: string }) | null = null;
    if (dbKind === 'postgres') {
      shared = await createTestDatabase();
      options = { kind: 'postgres', url: shared.url!, poolSize: 2 };
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'omadata-crash-'));
      dirs.push(dir);
      options = { kind: 'pglite', dataDir: dir };
      const db = await openDatabase(options);
      await migrateToLatest(db.db);
      await db.close();
    }
    const open = async () => (shared ? shared : await openDatabase(options));
    const release = async (db: Database) => {
      if (!shared) await db.close();
    };
    const outcomes: string[] = [];
    try {
      for (let round = 0; round < ROUNDS; round++) {
        let db = await open();
        const { registerId, subjectId } = await prepare(db);
        const before = await snapshot(db.db, subjectId);
        await release(db);

        // Kill it at a random point: before, during or after the transaction.
        const outcome = await runChild(
          { database: options, registerId, subjectId, key: TEST_KEY },
          Math.floor(Math.random() * (dbKind === 'postgres' ? 150 : 2500)),
        );
        db = await open();
        const after = await snapshot(db.db, subjectId);
        if (after.erasure) {
          outcomes.push(`${outcome}:finished`);
          expect(after.subject.first_name).toBeNull();
          expect(after.subject.erased_at).not.toBeNull();
          expect(after.orders).toEqual({ n: ORDERS + 1, with_ip: 0 });
          expect(after.ledgerIps).toBe(0);
          expect(after.retained).toBeGreaterThan(0);
          expect(after.events).toBe(1);
        } else {
          expect(outcome).toBe('killed');
          outcomes.push('killed:untouched');
          expect(after).toEqual(before);
        }
        // Run again: it finishes, or says it had finished, and nothing is done twice.
        const register = await registerService(db.db).loadAny(registerId);
        const report = await inTenant(db.db, register.controllerId, (tx) =>
          subjectControl(tx, register).erase(subjectId, {
            secretBox: testDeps(db).secretBox,
            cause: 'request',
            actor: { type: 'system', id: 'test' },
            now: new Date(),
          }),
        );
        expect(report.alreadyErased).toBe(!!after.erasure);
        const finished = await snapshot(db.db, subjectId);
        expect(finished.events).toBe(1);
        expect(finished.orders).toEqual({ n: ORDERS + 1, with_ip: 0 });
        expect(finished.retained).toBe(report.kept.filter((k) => k.field !== 'orders').length);
        await release(db);
      }
    } finally {
      await shared?.close();
    }
    // Which rounds ended how, for the record (random by design).
    console.info(`erasure crash rounds on ${dbKind}: ${outcomes.join(', ')}`);
  }, 180_000);
});
