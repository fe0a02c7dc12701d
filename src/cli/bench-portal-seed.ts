import { Readable } from 'node:stream';
import { sql, type Kysely } from 'kysely';
import type { ActorType, DB } from '../db/schema.ts';
import type { Runtime } from '../runtime.ts';
import { eventHash } from '../modules/audit/audit-chain.ts';
import { controllerService } from '../modules/controllers/controller.service.ts';
import { demoOrder, demoPerson, rng } from '../modules/demo/demo-data.ts';
import { importCustomers } from '../modules/imports/import.service.ts';
import { FIELD_KEYS } from '../modules/registers/field-catalogue.ts';
import { registerService } from '../modules/registers/register.service.ts';
import { presentFields } from '../modules/subjects/subject-fields.ts';
import { benchDescription } from './bench-description.ts';
import { say } from './io.ts';

/**
 * The consumer portal's benchmark world: ten merchants with two registers each, holding the
 * run's customers between them, and one person who is a customer in all twenty registers with
 * fifty orders in each, a consent ledger and a processing history.
 */

export const MERCHANTS = 10;
export const REGISTERS_PER_MERCHANT = 2;
export const ORDERS_PER_REGISTER = 50;
/** The person's consent events per register, and the weeks of contact checks before newsletters. */
const CONSENT_EVENTS = 12;
const CONTACT_CHECK_WEEKS = 52;
const DAY = 86_400_000;

const t = (fi: string, en: string, sv: string) => ({ fi, sv, en });
const REGISTER_NAMES = [
  t('Verkkokaupan asiakasrekisteri', 'Web shop customers', 'Webbutikens kundregister'),
  t('Kanta-asiakasrekisteri', 'Loyalty programme', 'Stamkundsregister'),
];
/** Who the merchants hand data to; each is told of corrections (GDPR 19), which the overview shows. */
const RECIPIENTS = [
  {
    name: 'Kuljetusyhtiöt',
    category: t('Tilausten toimitus', 'Delivery of orders', 'Leverans av beställningar'),
    country: 'FI',
    fields: ['firstName', 'lastName', 'address.street', 'address.postalCode', 'address.city', 'phone', 'email'],
    purposes: ['customer_relationship'],
  },
  {
    name: 'Maksunvälittäjä',
    category: t('Maksunvälitys', 'Payment services', 'Betalningsförmedling'),
    country: 'FI',
    fields: ['firstName', 'lastName', 'email', 'orders'],
    purposes: ['customer_relationship'],
  },
];
/** The share of customers whose recipients have been told of a correction, in per cent. */
const NOTIFIED_PERCENT = 10;
const CSV_HEADER =
  'firstName,lastName,email,phone,address.street,address.postalCode,address.city,address.country,birthDate\n';

/** The person's consent history in one register, oldest first: what a shop's customer of two years says. */
const LEDGER: Array<{
  kind: 'consent_given' | 'consent_withdrawn' | 'prohibition_set' | 'prohibition_lifted' | 'objection';
  channel: 'email' | 'sms' | 'post' | 'phone' | null;
  purpose: string;
  source: 'order' | 'portal' | 'unsubscribe' | 'console_letter';
}> = [
  { kind: 'consent_given', channel: 'email', purpose: 'direct_marketing', source: 'order' },
  { kind: 'consent_given', channel: 'sms', purpose: 'direct_marketing', source: 'order' },
  { kind: 'prohibition_set', channel: 'phone', purpose: 'direct_marketing', source: 'console_letter' },
  { kind: 'consent_withdrawn', channel: 'sms', purpose: 'direct_marketing', source: 'unsubscribe' },
  { kind: 'consent_given', channel: 'email', purpose: 'market_research', source: 'portal' },
  { kind: 'consent_given', channel: 'post', purpose: 'direct_marketing', source: 'order' },
  { kind: 'consent_withdrawn', channel: 'email', purpose: 'market_research', source: 'unsubscribe' },
  { kind: 'prohibition_set', channel: 'post', purpose: 'directories', source: 'console_letter' },
  { kind: 'consent_given', channel: 'sms', purpose: 'direct_marketing', source: 'portal' },
  { kind: 'consent_withdrawn', channel: 'post', purpose: 'direct_marketing', source: 'portal' },
  { kind: 'objection', channel: null, purpose: 'opinion_research', source: 'portal' },
  { kind: 'consent_given', channel: 'email', purpose: 'distance_selling', source: 'order' },
];

export interface PortalWorld {
  email: string;
  registerIds: string[];
}

/** A valid Y-tunnus near 2,000,000 + n·7919 (check digit by the weights 7, 9, 10, 5, 8, 4, 2). */
function businessId(n: number): string {
  for (let base = 2_000_000 + n * 7919; ; base++) {
    const digits = String(base);
    const sum = [7, 9, 10, 5, 8, 4, 2].reduce((s, w, i) => s + w * Number(digits[i]), 0);
    const r = sum % 11;
    if (r !== 1) return `${digits}-${r === 0 ? 0 : 11 - r}`;
  }
}

function* customerCsv(from: number, to: number) {
  yield CSV_HEADER;
  for (let start = from; start < to; start += 5000) {
    let text = '';
    for (let i = start; i < Math.min(to, start + 5000); i++) {
      const p = demoPerson(i, 'bench.example.fi');
      text += `${[p.firstName, p.lastName, p.email, p.phone, p.street, p.postalCode, p.city, p.country, p.birthDate].join(',')}\n`;
    }
    yield text;
  }
}

/** Ten merchants, two registers each, and `customers` customers imported into them in equal parts. */
async function seedMerchants(runtime: Runtime, customers: number, ledgerPerCustomer: number, runId: number) {
  const db = runtime.database.db;
  const registers: Array<{ id: string; controllerId: string }> = [];
  for (let m = 0; m < MERCHANTS; m++) {
    const controller = await controllerService(db).create({
      name: `Kauppa ${m + 1} Oy (bench ${runId})`,
      businessId: businessId(m),
    });
    await db
      .updateTable('controllers')
      .set({
        contact: JSON.stringify({
          name: 'Tietosuojavastaava',
          email: `tietosuoja@kauppa${m + 1}.example.fi`,
          phone: '+358 9 1234 5678',
          address: 'Kauppakatu 1, 00100 Helsinki',
        }),
      })
      .where('id', '=', controller.id)
      .execute();
    for (let r = 0; r < REGISTERS_PER_MERCHANT; r++) {
      const register = await db.transaction().execute((tx) =>
        registerService(tx).create(controller.id, {
          ...benchDescription(),
          name: REGISTER_NAMES[r]!,
          recipients: RECIPIENTS,
        }),
      );
      registers.push({ id: register.id, controllerId: controller.id });
    }
  }
  const started = performance.now();
  const share = Math.ceil(customers / registers.length);
  for (const [k, register] of registers.entries()) {
    const from = k * share;
    const to = Math.min(customers, from + share);
    if (to <= from) break;
    say(`  register ${k + 1}/${registers.length}: importing ${to - from} customers…`);
    const report = await importCustomers({
      database: runtime.database,
      secretBox: runtime.secretBox,
      registerId: register.id,
      fileName: 'bench-portal.csv',
      input: Readable.from(customerCsv(from, to)),
    });
    if (report.inserted !== to - from) throw new Error(`the import stored ${report.inserted} of ${to - from}`);
  }
  const ids = registers.map((r) => r.id);
  // One past order per customer, and a mixed consent ledger, as in the rest of the benchmark.
  await sql`
    INSERT INTO orders (controller_id, register_id, subject_id, order_ref, placed_at, items, total_amount, currency, payment_method)
    SELECT controller_id, register_id, id, 'PAST-' || id, now() - interval '30 days', '[{"sku":"TEA-01","name":"Tee","quantity":1,"unitPrice":"9.90"}]', 9.90, 'EUR', 'card'
    FROM subjects WHERE register_id = ANY(${ids}::uuid[])`.execute(db);
  // A tenth of the customers have corrected their details once, and both recipients were told.
  await sql`
    INSERT INTO recipient_notifications (controller_id, register_id, subject_id, recipient, event, fields, created_at, delivered_at)
    SELECT s.controller_id, s.register_id, s.id, r.name, 'rectified', r.fields,
           now() - make_interval(days => abs(hashtext(s.id::text)) % 700), now() - make_interval(days => abs(hashtext(s.id::text)) % 700)
    FROM subjects s CROSS JOIN jsonb_to_recordset(${JSON.stringify(RECIPIENTS)}::jsonb) AS r(name text, fields text[])
    WHERE s.register_id = ANY(${ids}::uuid[]) AND abs(hashtext(s.id::text)) % 100 < ${NOTIFIED_PERCENT}`.execute(db);
  if (ledgerPerCustomer > 0) {
    for (const id of ids) {
      await sql`
        WITH s AS (SELECT id, controller_id, register_id, abs(hashtext(id::text)) AS h FROM subjects WHERE register_id = ${id})
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
  }
  say(`  ${customers} customers in ${Math.round((performance.now() - started) / 1000)} s`);
  return registers;
}

interface ChainRow {
  registerId: string;
  subjectId: string;
  actorType: ActorType;
  action: string;
  purpose: string;
  fields: string[];
  at: Date;
}

/** Appends events with their own times to the controller's hash chain, so that the chain stays valid. */
async function appendDated(db: Kysely<DB>, controllerId: string, events: ChainRow[]) {
  await db.transaction().execute(async (tx) => {
    const head = await tx
      .selectFrom('audit_heads')
      .select(['seq', 'hash'])
      .where('controller_id', '=', controllerId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    let seq = Number(head.seq);
    let prev = head.hash;
    const rows = events
      .sort((a, b) => a.at.getTime() - b.at.getTime())
      .map((e) => {
        seq += 1;
        const hash = eventHash(prev, {
          controllerId,
          seq,
          registerId: e.registerId,
          subjectId: e.subjectId,
          actorType: e.actorType,
          actorId: null,
          action: e.action,
          purpose: e.purpose,
          fields: e.fields,
          at: e.at,
        });
        const row = {
          controller_id: controllerId,
          seq,
          register_id: e.registerId,
          subject_id: e.subjectId,
          actor_type: e.actorType,
          actor_id: null,
          action: e.action,
          purpose: e.purpose,
          fields: e.fields,
          at: e.at,
          prev_hash: prev,
          hash,
        };
        prev = hash;
        return row;
      });
    for (let i = 0; i < rows.length; i += 1000) {
      await tx
        .insertInto('processing_events')
        .values(rows.slice(i, i + 1000))
        .execute();
    }
    await tx.updateTable('audit_heads').set({ seq, hash: prev }).where('controller_id', '=', controllerId).execute();
  });
}

/** The person: a customer in every register, with orders, a consent ledger and a processing history. */
async function seedPerson(db: Kysely<DB>, registers: Array<{ id: string; controllerId: string }>, runId: number) {
  const seed = runId % 1_000_000;
  const person = demoPerson(seed, 'oma.example.fi');
  const email = `${person.email.split('@')[0]}.${runId}@oma.example.fi`;
  const declared = new Set(FIELD_KEYS);
  const now = Date.now();
  const byController = new Map<string, ChainRow[]>();
  for (const [k, register] of registers.entries()) {
    const orders = Array.from({ length: ORDERS_PER_REGISTER }, (_, n) => demoOrder(seed + k, n, declared, now));
    const placed = orders.map((o) => new Date(o.placedAt).getTime()).sort((a, b) => a - b);
    const first = placed[0]!;
    const subjectRow = {
      controller_id: register.controllerId,
      register_id: register.id,
      kind: 'person' as const,
      first_name: person.firstName,
      last_name: person.lastName,
      email,
      email_key: email.toLowerCase(),
      phone: person.phone,
      street: person.street,
      postal_code: person.postalCode,
      city: person.city,
      country: person.country,
      birth_date: person.birthDate,
      interests: k % 2 === 1 ? ['tee', 'kirjat', 'käsityöt'] : null,
      ip: '198.51.100.23',
      source_page: 'https://kauppa.example.fi/kassa',
      source: 'order',
      created_at: new Date(first),
      last_activity_at: new Date(placed.at(-1)!),
    };
    const subject = await db.insertInto('subjects').values(subjectRow).returning('id').executeTakeFirstOrThrow();
    await db
      .insertInto('orders')
      .values(
        orders.map((o) => ({
          controller_id: register.controllerId,
          register_id: register.id,
          subject_id: subject.id,
          order_ref: o.orderId,
          placed_at: o.placedAt,
          items: JSON.stringify(o.items),
          total_amount: o.total.amount,
          currency: o.total.currency,
          payment_method: o.payment.method,
          source_page: o.sourcePage ?? null,
          ip: o.ip ?? null,
          terms_accepted: o.termsAccepted ?? null,
          marketing_opt_in: o.marketingOptIn ? JSON.stringify(o.marketingOptIn) : null,
        })),
      )
      .execute();
    const span = now - first;
    await db
      .insertInto('consent_events')
      .values(
        LEDGER.slice(0, CONSENT_EVENTS).map((e, i) => ({
          controller_id: register.controllerId,
          register_id: register.id,
          subject_id: subject.id,
          ...e,
          notice_version: 1,
          occurred_at: new Date(first + Math.floor((span * i) / CONSENT_EVENTS)),
          ip: '198.51.100.23',
          evidence: JSON.stringify({ page: e.source === 'order' ? 'checkout' : e.source }),
        })),
      )
      .execute();
    const moved = new Date(first + Math.floor(span / 2));
    await db
      .insertInto('recipient_notifications')
      .values(
        RECIPIENTS.map((rc) => ({
          controller_id: register.controllerId,
          register_id: register.id,
          subject_id: subject.id,
          recipient: rc.name,
          event: 'rectified' as const,
          fields: rc.fields,
          created_at: moved,
          delivered_at: moved,
        })),
      )
      .execute();
    const fields = presentFields(subjectRow);
    const chain = byController.get(register.controllerId) ?? [];
    const r = rng(seed + k);
    const base = { registerId: register.id, subjectId: subject.id };
    for (const at of placed) {
      chain.push({
        ...base,
        actorType: 'api_key',
        action: 'order.received',
        purpose: 'order_handling',
        fields,
        at: new Date(at),
      });
    }
    for (let w = 1; w <= CONTACT_CHECK_WEEKS; w++) {
      chain.push({
        ...base,
        actorType: 'api_key',
        action: 'contact.checked',
        purpose: 'direct_marketing',
        fields: ['marketingPermissions'],
        at: new Date(now - w * 7 * DAY + Math.floor(r() * DAY)),
      });
    }
    for (const ago of [200, 40]) {
      chain.push({
        ...base,
        actorType: 'staff',
        action: 'customer.viewed',
        purpose: 'customer_service',
        fields,
        at: new Date(now - ago * DAY),
      });
    }
    byController.set(register.controllerId, chain);
  }
  for (const [controllerId, events] of byController) await appendDated(db, controllerId, events);
  return email;
}

export async function seedPortalWorld(
  runtime: Runtime,
  options: { customers: number; ledgerPerCustomer: number },
): Promise<PortalWorld> {
  const runId = Date.now();
  const db = runtime.database.db;
  const registers = await seedMerchants(runtime, options.customers, options.ledgerPerCustomer, runId);
  const email = await seedPerson(db, registers, runId);
  // As autovacuum would by the time tables this size had been written.
  for (const table of ['subjects', 'orders', 'consent_events', 'processing_events', 'recipient_notifications']) {
    await sql`VACUUM (ANALYZE) ${sql.table(table)}`.execute(db);
  }
  return { email, registerIds: registers.map((r) => r.id) };
}
