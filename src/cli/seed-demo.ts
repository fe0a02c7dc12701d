import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { Config } from '../config.ts';
import { openRuntime } from '../runtime.ts';
import { controllerService } from '../modules/controllers/controller.service.ts';
import { registerService } from '../modules/registers/register.service.ts';
import { apiKeyService } from '../modules/apikeys/api-key.service.ts';
import { orderService, hashRequest } from '../modules/orders/order.service.ts';
import { Readable } from 'node:stream';
import { demoOrder, demoPerson } from '../modules/demo/demo-data.ts';
import { importCustomers } from '../modules/imports/import.service.ts';
import { staffService } from '../modules/staff/staff.service.ts';
import { inTenant } from '../db/tenant.ts';
import { subjectControl } from '../modules/retention/subject-control.service.ts';
import { todayInFinland } from '../finnish-time.ts';
import { parse } from './args.ts';
import { print, say } from './io.ts';

const EXAMPLES_DIR = fileURLToPath(new URL('../../examples/registers', import.meta.url));
/** The demo controller's business ID (a valid Y-tunnus); finding it means the demo is loaded. */
const DEMO_BUSINESS_ID = '0112038-9';
/** A second merchant, so that the portal shows one person's data at two. */
const SECOND_BUSINESS_ID = '2345678-0';
const SECOND_REGISTER_FILE = 'webshop-users.json';
/** The demo person of the consumer portal: customers at both demo merchants. */
export const PORTAL_DEMO_EMAIL = 'oma.demo@example.fi';

export async function seedDemo(argv: string[], config: Config): Promise<number> {
  const { values } = parse(argv, { customers: { type: 'string', default: '40' } });
  const perRegister = Math.max(1, Math.min(10_000, Number(values.customers) || 40));
  const runtime = await openRuntime(config, { owner: 'seed-demo' });
  try {
    const db = runtime.database.db;
    const existing = await db
      .selectFrom('controllers')
      .select('id')
      .where('business_id', '=', DEMO_BUSINESS_ID)
      .executeTakeFirst();
    if (existing) {
      say(`The demo data is already loaded (controller ${existing.id}).`);
      print(existing.id);
      return 0;
    }
    const controller = await controllerService(db).create({
      name: 'Esimerkkikauppa Oy (demo)',
      businessId: DEMO_BUSINESS_ID,
    });
    const files = readdirSync(EXAMPLES_DIR)
      .filter((f) => f.endsWith('.json'))
      .sort();
    let offset = 0;
    let heldCustomer: { registerId: string; subjectId: string } | null = null;
    for (const file of files) {
      const document: unknown = JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8'));
      const register = await db.transaction().execute((tx) => registerService(tx).create(controller.id, document));
      const loaded = await registerService(db).loadForController(controller.id, register.id);
      let orders = 0;
      if (loaded.declared.has('orders') && loaded.declared.has('email')) {
        for (let i = 0; i < perRegister; i++) {
          for (let n = 0; n < 1 + (i % 3); n++) {
            const order = demoOrder(offset + i, n, loaded.declared);
            await orderService(db).ingest(order, {
              actor: { type: 'system', id: 'seed-demo' },
              register: loaded,
              idempotencyKey: `demo-${order.orderId}`,
              requestHash: hashRequest(order),
              secretBox: runtime.secretBox,
              allowTemporaryIdentityCodes: false,
            });
            orders++;
          }
        }
      } else if (loaded.declared.has('email')) {
        await importCustomers({
          database: runtime.database,
          secretBox: runtime.secretBox,
          registerId: register.id,
          fileName: 'demo.csv',
          input: Readable.from(demoCsv(offset, perRegister)),
        });
      }
      offset += perRegister;
      say(`  ${register.name} (${file}): ${register.id}${orders ? `, ${orders} orders` : ''}`);
      // An unpaid invoice: its customer's data is held until it is paid, even if they ask to be forgotten.
      const invoice = await db
        .selectFrom('orders')
        .select(['subject_id', 'order_ref'])
        .where('register_id', '=', register.id)
        .where('invoice_state', '=', 'open')
        .orderBy('placed_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (invoice) {
        const due = new Date(Date.parse(`${todayInFinland()}T12:00:00Z`) + 45 * 86_400_000).toISOString().slice(0, 10);
        await inTenant(db, controller.id, (tx) =>
          subjectControl(tx, loaded).addHold(
            invoice.subject_id,
            {
              kind: 'open_invoice',
              reason: `Lasku ${invoice.order_ref} avoinna (demo)`,
              until: due,
              orderId: invoice.order_ref,
            },
            { type: 'system', id: 'seed-demo' },
          ),
        );
        heldCustomer ??= { registerId: register.id, subjectId: invoice.subject_id };
      }
    }
    const second = await controllerService(db).create({
      name: 'Toinen Puoti Oy (demo)',
      businessId: SECOND_BUSINESS_ID,
    });
    const secondRegister = await db
      .transaction()
      .execute((tx) =>
        registerService(tx).create(
          second.id,
          JSON.parse(readFileSync(join(EXAMPLES_DIR, SECOND_REGISTER_FILE), 'utf8')) as unknown,
        ),
      );
    say(`  ${second.name}: ${secondRegister.name} (${SECOND_REGISTER_FILE}): ${secondRegister.id}`);

    // The portal's demo person has bought at both merchants, in two registers of the first.
    const withOrders = [];
    for (const c of [controller.id, second.id]) {
      const ids = await db
        .selectFrom('registers')
        .select('id')
        .where('controller_id', '=', c)
        .orderBy('created_at')
        .execute();
      for (const { id } of ids) {
        const loaded = await registerService(db).loadForController(c, id);
        if (loaded.declared.has('orders') && loaded.declared.has('email')) withOrders.push(loaded);
      }
    }
    const portalRegisters = [
      ...withOrders.filter((r) => r.controllerId === controller.id).slice(0, 2),
      ...withOrders.filter((r) => r.controllerId === second.id),
    ];
    for (const [k, loaded] of portalRegisters.entries()) {
      for (let n = 0; n < 2; n++) {
        const base = demoOrder(900_000 + k, n, loaded.declared);
        const order = {
          ...base,
          orderId: `OMA-${k}-${n}`,
          customer: {
            ...base.customer,
            firstName: loaded.declared.has('firstName') ? 'Olivia' : null,
            lastName: loaded.declared.has('lastName') ? 'Oma' : null,
            email: PORTAL_DEMO_EMAIL,
          },
          payment: { method: 'card' as const },
          marketingOptIn: loaded.declared.has('marketingPermissions') ? { email: true, sms: false } : null,
        };
        await orderService(db).ingest(order, {
          actor: { type: 'system', id: 'seed-demo' },
          register: loaded,
          idempotencyKey: `demo-${order.orderId}`,
          requestHash: hashRequest(order),
          secretBox: runtime.secretBox,
          allowTemporaryIdentityCodes: false,
        });
      }
    }

    // Platform operators see a controller's customers only with a role in it: give them one here.
    const operators = await db
      .selectFrom('staff_accounts')
      .select(['id', 'email'])
      .where('is_operator', '=', true)
      .execute();
    for (const op of operators)
      for (const c of [controller.id, second.id])
        await staffService(db, runtime.secretBox).addMember(c, op.id, 'owner');
    if (operators.length > 0) say(`Owners of the demo controller: ${operators.map((o) => o.email).join(', ')}`);
    else
      say(
        `No operator yet: after creating one, run omadata staff add --controller ${controller.id} --email EMAIL --role owner`,
      );
    const key = await apiKeyService(db).create(controller.id, 'Demo key');
    say(`Demo controller ${controller.name}: ${controller.id}`);
    say(`Demo API key (shown once): ${key.key}`);
    const sample = await db
      .selectFrom('subjects')
      .innerJoin('orders', 'orders.subject_id', 'subjects.id')
      .select(['subjects.register_id', 'subjects.email', 'subjects.id'])
      .where('subjects.controller_id', '=', controller.id)
      .limit(1)
      .executeTakeFirst();
    if (sample?.email) {
      say('\nWith the server running (npm start), look at a demo customer:');
      say(
        `  curl -H "Authorization: Bearer ${key.key}" "${config.publicUrl}/api/v1/registers/${sample.register_id}/subjects?email=${encodeURIComponent(sample.email)}"`,
      );
    }
    if (heldCustomer) {
      say('\nA customer with an open invoice asks to be forgotten (the report says what stays, why and until when):');
      say(
        `  curl -X POST -H "Authorization: Bearer ${key.key}" "${config.publicUrl}/api/v1/registers/${heldCustomer.registerId}/subjects/${heldCustomer.subjectId}/erasure"`,
      );
    }
    say(
      '\nThe consumer portal: open ' +
        `${config.publicUrl}/oma` +
        ` and ask for a sign-in link for ${PORTAL_DEMO_EMAIL},`,
    );
    say(
      config.smtpUrl
        ? '  then open the link from that mailbox.'
        : `  then open the link from the development outbox: ${config.publicUrl}/console/outbox (as an operator).`,
    );
    say(`  ${PORTAL_DEMO_EMAIL} is a customer at ${controller.name} (2 registers) and ${second.name}.`);
    print(controller.id);
    return 0;
  } finally {
    await runtime.close();
  }
}

function* demoCsv(offset: number, count: number) {
  yield 'firstName,lastName,email,phone,address.street,address.postalCode,address.city,address.country\n';
  for (let i = offset; i < offset + count; i++) {
    const p = demoPerson(i);
    yield `${p.firstName},${p.lastName},${p.email},${p.phone},${p.street},${p.postalCode},${p.city},${p.country}\n`;
  }
}
