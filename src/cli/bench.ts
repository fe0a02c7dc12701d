import { Readable } from 'node:stream';
import { sql } from 'kysely';
import type { Config } from '../config.ts';
import { openRuntime, type Runtime } from '../runtime.ts';
import { controllerService } from '../modules/controllers/controller.service.ts';
import { registerService } from '../modules/registers/register.service.ts';
import { apiKeyService } from '../modules/apikeys/api-key.service.ts';
import { importCustomers } from '../modules/imports/import.service.ts';
import { demoOrder, demoPerson } from '../modules/demo/demo-data.ts';
import { FIELD_KEYS } from '../modules/registers/field-catalogue.ts';
import { benchDescription } from './bench-description.ts';
import { staffService } from '../modules/staff/staff.service.ts';
import { parse, UsageError } from './args.ts';
import { sweepRegister } from '../modules/retention/sweep.service.ts';
import { say } from './io.ts';
import {
  freePort,
  load,
  pct,
  percentile,
  report,
  round,
  startServer,
  stopServer,
  type Figures,
  type Row,
} from './bench-harness.ts';
import { portalBench, portalRows } from './bench-portal.ts';

const STAFF_PASSWORD = 'benchmark passphrase 2026';
const CSV_COLUMNS = [
  'firstName',
  'lastName',
  'email',
  'phone',
  'address.street',
  'address.postalCode',
  'address.city',
  'address.country',
  'birthDate',
];

function* customerRows(from: number, to: number) {
  for (let i = from; i < to; i++) {
    const p = demoPerson(i, 'bench.example.fi');
    yield [p.firstName, p.lastName, p.email, p.phone, p.street, p.postalCode, p.city, p.country, p.birthDate];
  }
}

function* customerCsv(n: number) {
  yield `${CSV_COLUMNS.join(',')}\n`;
  const chunk = 5000;
  for (let from = 0; from < n; from += chunk) {
    let text = '';
    for (const row of customerRows(from, Math.min(n, from + chunk))) text += `${row.join(',')}\n`;
    yield text;
  }
}

function ingestLoad(
  base: string,
  registerId: string,
  apiKey: string,
  customers: number,
  connections: number,
  duration: number,
  offset: number,
) {
  const declared = new Set(FIELD_KEYS);
  let n = offset;
  return load({
    url: `${base}/api/v1/registers/${registerId}/orders`,
    connections,
    duration,
    method: 'POST',
    requests: [
      {
        setupRequest: (req) => {
          const i = n++;
          // Half the orders come from existing customers, half from new ones.
          const customer = i % 2 === 0 ? i % customers : customers + i;
          const order = { ...demoOrder(customer, 0, declared), orderId: `BENCH-${i}` };
          return {
            ...req,
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${apiKey}`,
              'idempotency-key': `bench-${i}`,
            },
            body: JSON.stringify(order),
          };
        },
      },
    ],
  });
}

export async function benchCommand(argv: string[], config: Config): Promise<number> {
  const { values } = parse(argv, {
    customers: { type: 'string', default: '100000' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '32' },
    'ledger-events': { type: 'string', default: '10' },
    only: { type: 'string' },
    out: { type: 'string' },
  });
  if (values.only !== undefined && values.only !== 'portal') throw new UsageError('--only takes one section: portal');
  const ledgerPerCustomer = Math.max(0, Math.min(50, Number(values['ledger-events'])));
  const customers = Math.max(1000, Number(values.customers));
  const duration = Math.max(2, Number(values.duration));
  const connections = Math.max(1, Number(values.connections));
  const figures: Figures = { database: config.database.kind, customers, connections, durationSeconds: duration };

  say(
    `Benchmark on ${config.database.kind === 'postgres' ? 'PostgreSQL' : 'the embedded database (PGlite)'}, ${customers} customers`,
  );
  if (values.only === 'portal') {
    Object.assign(figures, await portalBench(config, { customers, connections, duration, ledgerPerCustomer }));
    return report(portalRows(figures), figures, values.out);
  }
  const runtime: Runtime = await openRuntime(config, { owner: 'bench' });
  let registerId: string;
  let apiKey: string;
  let controllerId: string;
  const staffEmail = `bench-${Date.now()}@example.fi`;
  try {
    const db = runtime.database.db;
    const controller = await controllerService(db).create({
      name: `Bench ${new Date().toISOString()}`,
      businessId: '2077474-0',
    });
    const register = await db
      .transaction()
      .execute((tx) => registerService(tx).create(controller.id, benchDescription()));
    registerId = register.id;
    apiKey = (await apiKeyService(db).create(controller.id, 'bench')).key;
    const account = await staffService(db, runtime.secretBox).createAccount({
      email: staffEmail,
      password: STAFF_PASSWORD,
    });
    await staffService(db, runtime.secretBox).addMember(controller.id, account.id, 'staff');
    controllerId = controller.id;

    // Raw COPY of the same rows into a bare table: the baseline for import.
    await sql`DROP TABLE IF EXISTS bench_copy_baseline`.execute(db);
    await sql`CREATE TABLE bench_copy_baseline (first_name text, last_name text, email text, phone text, street text, postal_code text, city text, country text, birth_date date)`.execute(
      db,
    );
    const copyStart = performance.now();
    const chunk = 5000;
    for (let from = 0; from < customers; from += chunk) {
      const rows = [...customerRows(from, Math.min(customers, from + chunk))];
      await runtime.database.withConnection((conn) =>
        conn.copyInto(
          'bench_copy_baseline',
          ['first_name', 'last_name', 'email', 'phone', 'street', 'postal_code', 'city', 'country', 'birth_date'],
          rows,
        ),
      );
    }
    const copySeconds = (performance.now() - copyStart) / 1000;
    await sql`DROP TABLE bench_copy_baseline`.execute(db);
    figures.copyRowsPerSecond = Math.round(customers / copySeconds);

    const importStart = performance.now();
    const report = await importCustomers({
      database: runtime.database,
      secretBox: runtime.secretBox,
      registerId,
      fileName: 'bench.csv',
      input: Readable.from(customerCsv(customers)),
    });
    const importSeconds = (performance.now() - importStart) / 1000;
    if (report.inserted !== customers) throw new Error(`import stored ${report.inserted} of ${customers}`);
    figures.importRowsPerSecond = Math.round(customers / importSeconds);
    figures.importVsCopy = round(figures.importRowsPerSecond / figures.copyRowsPerSecond);

    // One past order per customer, so that the register looks like a shop's.
    await sql`
      INSERT INTO orders (controller_id, register_id, subject_id, order_ref, placed_at, items, total_amount, currency, payment_method)
      SELECT controller_id, register_id, id, 'PAST-' || id, now() - interval '30 days', '[{"sku":"TEA-01","name":"Tee","quantity":1,"unitPrice":"9.90"}]', 9.90, 'EUR', 'card'
      FROM subjects WHERE register_id = ${registerId}`.execute(db);
    // A consent ledger of --ledger-events events per customer (10 by default: 10,000,000 for a
    // million customers), mixed so that the contact check meets every rule.
    say(`Consent ledger: ${customers * ledgerPerCustomer} events…`);
    const ledgerStart = performance.now();
    const slice = 100_000;
    for (let from = 0; from < customers; from += slice) {
      await sql`
        WITH s AS (
          SELECT id, controller_id, register_id, abs(hashtext(id::text)) AS h FROM subjects
          WHERE register_id = ${registerId} ORDER BY id OFFSET ${from} LIMIT ${slice}
        )
        INSERT INTO consent_events (controller_id, register_id, subject_id, kind, channel, purpose, source,
                                    notice_version, occurred_at, evidence)
        SELECT s.controller_id, s.register_id, s.id,
          (ARRAY['consent_given','consent_withdrawn','consent_given','prohibition_set','prohibition_lifted',
                 'consent_given','objection'])[1 + (s.h + k * 7) % 7],
          (ARRAY['email','sms','post','phone'])[1 + (s.h + k) % 4],
          (ARRAY['direct_marketing','distance_selling','market_research','opinion_research','directories'])[1 + (s.h / 7 + k) % 5],
          (ARRAY['order','portal','console_letter','unsubscribe','import'])[1 + (s.h / 3 + k) % 5],
          1, now() - make_interval(days => 400 - k * 30, secs => (s.h % 86400)), '{}'::jsonb
        FROM s CROSS JOIN generate_series(0, ${ledgerPerCustomer - 1}) AS k`.execute(db);
    }
    // As autovacuum would by the time a ledger this size had been written.
    await sql`VACUUM (ANALYZE) consent_events`.execute(db);
    figures.ledgerEvents = customers * ledgerPerCustomer;
    figures.ledgerEventsPerSecond = Math.round(figures.ledgerEvents / ((performance.now() - ledgerStart) / 1000));
    await sql`ANALYZE`.execute(db);
  } finally {
    await runtime.close();
  }

  const port = await freePort();
  const server = await startServer(config, port);
  const base = `http://127.0.0.1:${port}`;
  try {
    say('Bare JSON route…');
    const bare = await load({ url: `${base}/bench/baseline`, connections, duration });
    figures.bareRequestsPerSecond = Math.round(bare.requests.average);
    figures.bareP99Ms = bare.latency.p99;

    say('Order ingestion…');
    const ingest = await ingestLoad(base, registerId, apiKey, customers, connections, duration, 0);
    figures.ingestOrdersPerSecond = Math.round(ingest.requests.average);
    figures.ingestP99Ms = ingest.latency.p99;
    figures.ingestNon2xx = ingest.non2xx;
    figures.ingestVsBare = round(figures.ingestOrdersPerSecond / figures.bareRequestsPerSecond);

    say('Look-up by email…');
    const latencies: number[] = [];
    // The first 200 look-ups warm up the JIT and the connection pool and are not counted.
    for (let i = -200; i < 2000; i++) {
      const email = demoPerson(Math.floor(((i + 200) * 7919) % customers), 'bench.example.fi').email;
      const t = performance.now();
      const res = await fetch(`${base}/api/v1/registers/${registerId}/subjects?email=${encodeURIComponent(email)}`, {
        headers: { authorization: `Bearer ${apiKey}` },
      });
      const body = (await res.json()) as { items: unknown[] };
      if (i >= 0) latencies.push(performance.now() - t);
      if (body.items.length !== 1) throw new Error('look-up did not find a customer');
    }
    latencies.sort((a, b) => a - b);
    figures.lookupP50Ms = round(percentile(latencies, 50));
    figures.lookupP99Ms = round(percentile(latencies, 99));

    say('Contact check…');
    const asks = [
      ['email', 'direct_marketing'],
      ['sms', 'direct_marketing'],
      ['post', 'market_research'],
      ['phone', 'directories'],
    ] as const;
    let k = 0;
    const contact = await load({
      url: `${base}/api/v1/registers/${registerId}/contact-check`,
      connections,
      duration,
      requests: [
        {
          setupRequest: (req) => {
            const i = k++;
            const email = demoPerson(Math.floor((i * 7919) % customers), 'bench.example.fi').email;
            const [channel, purpose] = asks[i % asks.length]!;
            return {
              ...req,
              path: `/api/v1/registers/${registerId}/contact-check?email=${encodeURIComponent(email)}&channel=${channel}&purpose=${purpose}`,
              headers: { authorization: `Bearer ${apiKey}` },
            };
          },
        },
      ],
    });
    figures.contactCheckRequestsPerSecond = Math.round(contact.requests.average);
    figures.contactCheckP99Ms = contact.latency.p99;
    figures.contactCheckNon2xx = contact.non2xx;
    figures.contactCheckVsBare = round(figures.contactCheckRequestsPerSecond / figures.bareRequestsPerSecond);

    say('Contact check, batches of 10,000…');
    const batchTimes: number[] = [];
    for (let b = -1; b < 10; b++) {
      const emails = Array.from(
        { length: 10_000 },
        (_, i) => demoPerson(Math.floor(((b + 1) * 10_000 + i) * 104729) % customers, 'bench.example.fi').email,
      );
      const t = performance.now();
      const res = await fetch(`${base}/api/v1/registers/${registerId}/contact-check`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ channel: 'email', purpose: 'direct_marketing', emails }),
      });
      const body = (await res.json()) as { results?: unknown[] };
      if (!res.ok || body.results?.length !== 10_000) throw new Error(`batch contact check failed: ${res.status}`);
      if (b >= 0) batchTimes.push(performance.now() - t);
    }
    batchTimes.sort((a, b) => a - b);
    figures.contactBatchP50Ms = round(percentile(batchTimes, 50));
    figures.contactBatchMaxMs = round(batchTimes[batchTimes.length - 1]!);

    say('Console customer search…');
    const login = await fetch(`${base}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: staffEmail, password: STAFF_PASSWORD }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const search = async (q: string) => {
      const t = performance.now();
      const res = await fetch(
        `${base}/api/v1/controllers/${controllerId}/registers/${registerId}/customers?q=${encodeURIComponent(q)}&limit=50`,
        { headers: { cookie } },
      );
      const body = (await res.json()) as { items?: unknown[] };
      if (!res.ok || !body.items) throw new Error(`search failed: ${res.status}`);
      return { ms: performance.now() - t, found: body.items.length };
    };
    const emailTimes: number[] = [];
    for (let i = -50; i < 500; i++) {
      const r = await search(demoPerson(Math.floor(((i + 50) * 104729) % customers), 'bench.example.fi').email);
      if (i >= 0) emailTimes.push(r.ms);
    }
    const nameTimes: number[] = [];
    for (let i = -20; i < 300; i++) {
      const r = await search(demoPerson(i + 20, 'bench.example.fi').lastName.slice(0, 3));
      if (i >= 0) nameTimes.push(r.ms);
    }
    emailTimes.sort((a, b) => a - b);
    nameTimes.sort((a, b) => a - b);
    figures.searchEmailP50Ms = round(percentile(emailTimes, 50));
    figures.searchEmailP99Ms = round(percentile(emailTimes, 99));
    figures.searchNameP50Ms = round(percentile(nameTimes, 50));
    figures.searchNameP99Ms = round(percentile(nameTimes, 99));
  } finally {
    await stopServer(server);
  }

  // The same ingestion with the audit trail switched off, for its cost.
  const noAudit = await startServer(config, port, { OMADATA_BENCH_WITHOUT_AUDIT: '1' });
  try {
    say('Order ingestion without the audit trail…');
    const plain = await ingestLoad(base, registerId, apiKey, customers, connections, duration, 10_000_000);
    figures.ingestWithoutAuditOrdersPerSecond = Math.round(plain.requests.average);
    figures.auditSlowdown = round(1 - figures.ingestOrdersPerSecond / figures.ingestWithoutAuditOrdersPerSecond);
  } finally {
    await stopServer(noAudit);
  }

  // Retention: erasure of customers with 1,000 orders each in a small and in the large register,
  // then a sweep of the large register with 20% of its customers due, beside a raw DELETE.
  say('Retention: preparing customers with 1,000 orders each…');
  const ERASED = 25;
  const prep = await openRuntime(config, { owner: 'bench' });
  let smallRegisterId: string;
  const heavy: Record<'small' | 'large', string[]> = { small: [], large: [] };
  try {
    const db = prep.database.db;
    const small = await db.transaction().execute((tx) => registerService(tx).create(controllerId, benchDescription()));
    smallRegisterId = small.id;
    await importCustomers({
      database: prep.database,
      secretBox: prep.secretBox,
      registerId: small.id,
      fileName: 'bench-small.csv',
      input: Readable.from(customerCsv(10_000)),
    });
    for (const [size, reg] of [
      ['small', small.id],
      ['large', registerId],
    ] as const) {
      const picked = await sql<{ id: string }>`
        SELECT id FROM subjects WHERE register_id = ${reg} AND erased_at IS NULL ORDER BY id LIMIT ${ERASED}`.execute(
        db,
      );
      heavy[size] = picked.rows.map((r) => r.id);
      await sql`
        INSERT INTO orders (controller_id, register_id, subject_id, order_ref, placed_at, items, total_amount, currency, payment_method, ip)
        SELECT ${controllerId}, ${reg}, s.id, 'HEAVY-' || s.id || '-' || i, now() - make_interval(days => i),
               '[{"sku":"TEA-01","name":"Tee","quantity":1,"unitPrice":"9.90"}]', 9.90, 'EUR', 'card', '192.0.2.1'
        FROM unnest(${heavy[size]}::uuid[]) AS s(id) CROSS JOIN generate_series(1, 1000) AS i`.execute(db);
    }
    await sql`ANALYZE`.execute(db);
  } finally {
    await prep.close();
  }
  const eraseServer = await startServer(config, port);
  try {
    for (const size of ['small', 'large'] as const) {
      say(`Erasure of a customer with 1,000 orders (${size === 'small' ? '10,000' : customers} customers)…`);
      const reg = size === 'small' ? smallRegisterId : registerId;
      const times: number[] = [];
      for (const subjectId of heavy[size]) {
        const t = performance.now();
        const res = await fetch(`${base}/api/v1/registers/${reg}/subjects/${subjectId}/erasure`, {
          method: 'POST',
          headers: { authorization: `Bearer ${apiKey}` },
        });
        if (!res.ok) throw new Error(`erasure failed: ${res.status} ${await res.text()}`);
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      figures[`erasure${size === 'small' ? 'Small' : 'Large'}P50Ms`] = round(percentile(times, 50));
      figures[`erasure${size === 'small' ? 'Small' : 'Large'}P99Ms`] = round(percentile(times, 99));
    }
    figures.erasureLargeVsSmall = round(Number(figures.erasureLargeP99Ms) / Number(figures.erasureSmallP99Ms));
  } finally {
    await stopServer(eraseServer);
  }

  say('Retention sweep with 20% of the customers due…');
  const sweepRuntime = await openRuntime(config, { owner: 'bench' });
  try {
    const db = sweepRuntime.database.db;
    await sql`
      UPDATE subjects SET last_activity_at = now() - interval '3 years'
      WHERE register_id = ${registerId} AND erased_at IS NULL AND abs(hashtext(id::text)) % 5 = 0`.execute(db);
    await sql`
      UPDATE orders o SET placed_at = now() - interval '3 years' FROM subjects s
      WHERE s.id = o.subject_id AND s.register_id = ${registerId} AND s.last_activity_at < now() - interval '2 years'`.execute(
      db,
    );
    // The baseline: a plain DELETE of the same customers' rows from a copy of the table.
    await sql`DROP TABLE IF EXISTS bench_sweep_baseline`.execute(db);
    await sql`CREATE TABLE bench_sweep_baseline AS SELECT * FROM subjects WHERE register_id = ${registerId}`.execute(
      db,
    );
    await sql`CREATE INDEX ON bench_sweep_baseline (id)`.execute(db);
    await sql`ANALYZE`.execute(db);
    const deleteStart = performance.now();
    const deleted = await sql`
      DELETE FROM bench_sweep_baseline WHERE erased_at IS NULL AND last_activity_at < now() - interval '2 years'`.execute(
      db,
    );
    const deleteSeconds = (performance.now() - deleteStart) / 1000;
    await sql`DROP TABLE bench_sweep_baseline`.execute(db);
    const due = Number(deleted.numAffectedRows ?? 0);
    figures.sweepDue = due;
    figures.rawDeleteRowsPerSecond = Math.round(due / deleteSeconds);
    const register = await registerService(db).loadAny(registerId);
    const sweepStart = performance.now();
    const report = await sweepRegister(sweepRuntime.database, sweepRuntime.secretBox, register, {
      asOf: new Date(),
      dryRun: false,
    });
    const sweepSeconds = (performance.now() - sweepStart) / 1000;
    if (report.erased.count !== due) throw new Error(`the sweep erased ${report.erased.count} of ${due} due customers`);
    figures.sweepRowsPerSecond = Math.round(due / sweepSeconds);
    figures.sweepVsDelete = round(figures.sweepRowsPerSecond / figures.rawDeleteRowsPerSecond);
  } finally {
    await sweepRuntime.close();
  }

  const rows: Row[] = [
    ['bare JSON route', `${figures.bareRequestsPerSecond} req/s`, `p99 ${figures.bareP99Ms} ms`],
    [
      'order ingestion',
      `${figures.ingestOrdersPerSecond} orders/s`,
      `p99 ${figures.ingestP99Ms} ms · ${pct(figures.ingestVsBare)} of bare (target ≥ 8%)`,
    ],
    ['raw COPY', `${figures.copyRowsPerSecond} rows/s`, ''],
    ['bulk import', `${figures.importRowsPerSecond} rows/s`, `${pct(figures.importVsCopy)} of COPY (target ≥ 30%)`],
    ['look-up by email', `p50 ${figures.lookupP50Ms} ms`, `p99 ${figures.lookupP99Ms} ms (target < 5 ms)`],
    [
      'contact check',
      `${figures.contactCheckRequestsPerSecond} req/s`,
      `p99 ${figures.contactCheckP99Ms} ms · ${pct(figures.contactCheckVsBare)} of bare (target ≥ 25%, p99 < 10 ms)`,
    ],
    [
      'contact check ×10,000',
      `p50 ${figures.contactBatchP50Ms} ms`,
      `max ${figures.contactBatchMaxMs} ms of 10 batches (target < 1000 ms)`,
    ],
    ['search: exact email', `p50 ${figures.searchEmailP50Ms} ms`, `p99 ${figures.searchEmailP99Ms} ms (target < 5 ms)`],
    ['search: name prefix', `p50 ${figures.searchNameP50Ms} ms`, `p99 ${figures.searchNameP99Ms} ms (target < 50 ms)`],
    [
      'erasure, 1,000 orders',
      `p99 ${figures.erasureSmallP99Ms} ms (10,000)`,
      `p99 ${figures.erasureLargeP99Ms} ms (${customers}) · ×${figures.erasureLargeVsSmall} (target p99 < 200 ms, ≤ ×1.5)`,
    ],
    ['raw DELETE', `${figures.rawDeleteRowsPerSecond} rows/s`, `${figures.sweepDue} customers due`],
    [
      'retention sweep',
      `${figures.sweepRowsPerSecond} rows/s`,
      `${pct(figures.sweepVsDelete)} of DELETE (target ≥ 30%)`,
    ],
    [
      'ingestion, no audit',
      `${figures.ingestWithoutAuditOrdersPerSecond} orders/s`,
      `audit trail costs ${pct(figures.auditSlowdown)} (target < 25%)`,
    ],
  ];
  Object.assign(figures, await portalBench(config, { customers, connections, duration, ledgerPerCustomer }));
  rows.push(...portalRows(figures));
  return report(rows, figures, values.out);
}
