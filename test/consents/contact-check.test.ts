import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../../src/app.ts';
import type { Database } from '../../src/db/database.ts';
import { readAuditFor } from '../../src/modules/audit/read-audit.ts';
import { importCustomers } from '../../src/modules/imports/import.service.ts';
import { registerService } from '../../src/modules/registers/register.service.ts';
import { createTestDatabase } from '../db.ts';
import { newShop, postOrderAs, testDeps, validOrder } from '../factories.ts';
import { description } from '../fixtures/descriptions.ts';

let database: Database;
let app: FastifyInstance;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testDeps(database));
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

type Shop = Awaited<ReturnType<typeof newShop>>;

const postOrder = (shop: Shop, order: Record<string, unknown>) => postOrderAs(app, shop, order);

async function check(shop: Shop, query: Record<string, string>) {
  const res = await app.inject({
    method: 'GET',
    url: `/api/v1/registers/${shop.register.id}/contact-check?${new URLSearchParams(query)}`,
    headers: shop.auth,
  });
  return res;
}

async function ledger(subjectId: string) {
  const r = await sql<{
    kind: string;
    channel: string | null;
    purpose: string;
    source: string;
    ip: string | null;
    notice_version: number | null;
    evidence: Record<string, unknown>;
  }>`SELECT kind, channel, purpose, source, host(ip) AS ip, notice_version, evidence FROM consent_events
     WHERE subject_id = ${subjectId} ORDER BY seq`.execute(database.db);
  return r.rows;
}

const countEvents = async () =>
  Number((await sql<{ n: string }>`SELECT count(*) AS n FROM consent_events`.execute(database.db)).rows[0]!.n);

const path = (url: string) => new URL(url).pathname;

describe('consent from an order, the contact check and the unsubscribe link', () => {
  it('allows with the consent as basis, then refuses with the withdrawal once the link is clicked', async () => {
    const shop = await newShop(database);
    const order = validOrder({ marketingOptIn: { email: true } });
    const email = (order.customer as { email: string }).email;
    const { subjectId } = await postOrder(shop, order);

    const allowed = await check(shop, { email, channel: 'email', purpose: 'direct_marketing' });
    expect(allowed.statusCode).toBe(200);
    const a = allowed.json();
    expect(a).toMatchObject({
      allowed: true,
      reason: 'consent',
      subjectId,
      basis: {
        event: {
          kind: 'consent_given',
          channel: 'email',
          purpose: 'direct_marketing',
          source: 'order',
          noticeVersion: 1,
        },
      },
    });
    expect(a.basis.rule).toContain('917/2014 200 §');
    expect(a.unsubscribeUrl).toMatch(/^http:\/\/localhost:\d+\/unsubscribe\/[\w-]+\.[\w-]+$/);
    expect(await ledger(subjectId)).toEqual([
      {
        kind: 'consent_given',
        channel: 'email',
        purpose: 'direct_marketing',
        source: 'order',
        ip: '192.0.2.10',
        notice_version: 1,
        evidence: { orderId: order.orderId },
      },
    ]);

    const page = await app.inject({
      method: 'GET',
      url: path(a.unsubscribeUrl),
      headers: { 'accept-language': 'sv-FI,sv;q=0.9,en;q=0.5' },
      remoteAddress: '198.51.100.7',
    });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('<html lang="sv">');
    expect(page.body).toContain('Avbeställningen är gjord');
    expect(page.body).toContain('Testikauppa Oy');

    const refused = (await check(shop, { email, channel: 'email', purpose: 'direct_marketing' })).json();
    expect(refused).toMatchObject({
      allowed: false,
      reason: 'withdrawal',
      unsubscribeUrl: null,
      basis: { rule: 'GDPR 7(3)', event: { kind: 'consent_withdrawn', source: 'unsubscribe' } },
    });
    const events = await ledger(subjectId);
    expect(events[1]).toMatchObject({
      kind: 'consent_withdrawn',
      channel: 'email',
      source: 'unsubscribe',
      ip: '198.51.100.7',
      evidence: { method: 'link' },
    });

    // Clicking again changes nothing and says so.
    const again = await app.inject({ method: 'GET', url: `${path(a.unsubscribeUrl)}?lang=en` });
    expect(again.body).toContain('<html lang="en">');
    expect(again.body).toContain('You were already unsubscribed');
    expect(await ledger(subjectId)).toHaveLength(2);
  });

  it('keeps the withdrawal through later orders and re-imports; only a new opt-in turns it back on', async () => {
    const shop = await newShop(database);
    const first = validOrder({ marketingOptIn: { email: true }, placedAt: '2026-11-01T10:00:00+02:00' });
    const email = (first.customer as { email: string }).email;
    await postOrder(shop, first);
    const url = (await check(shop, { email, channel: 'email', purpose: 'direct_marketing' })).json().unsubscribeUrl;
    // RFC 8058: the mail program posts the form itself.
    const post = await app.inject({
      method: 'POST',
      url: path(url),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(post.statusCode).toBe(200);

    await postOrder(shop, validOrder({ customer: { ...first.customer }, marketingOptIn: { email: false } }));
    await postOrder(shop, validOrder({ customer: { ...first.customer }, marketingOptIn: null }));
    const csv = `Customer ID,First Name,Last Name,Email,Accepts Email Marketing\n1001,Maija,Meikäläinen,${email},yes\n`;
    const report = await importCustomers({
      database,
      secretBox: testDeps(database).secretBox,
      registerId: shop.register.id,
      fileName: 'customers_export.csv',
      input: Readable.from([csv]),
    });
    expect(report).toMatchObject({ format: 'shopify', updated: 1, undeclaredFields: [] });
    const stillNo = (await check(shop, { email, channel: 'email', purpose: 'direct_marketing' })).json();
    expect(stillNo).toMatchObject({ allowed: false, reason: 'withdrawal' });
    const subjectId = stillNo.subjectId as string;
    expect((await ledger(subjectId)).map((e) => `${e.kind}/${e.source}`)).toEqual([
      'consent_given/order',
      'consent_withdrawn/unsubscribe',
      'consent_given/import',
    ]);
    expect((await ledger(subjectId))[1]!.evidence).toEqual({ method: 'one_click_post' });

    // The same file again writes nothing more.
    await importCustomers({
      database,
      secretBox: testDeps(database).secretBox,
      registerId: shop.register.id,
      fileName: 'customers_export.csv',
      input: Readable.from([csv]),
    });
    expect(await ledger(subjectId)).toHaveLength(3);

    const now = new Date().toISOString();
    await postOrder(
      shop,
      validOrder({ customer: { ...first.customer }, marketingOptIn: { email: true }, placedAt: now }),
    );
    expect((await check(shop, { email, channel: 'email', purpose: 'direct_marketing' })).json()).toMatchObject({
      allowed: true,
      reason: 'consent',
      basis: { event: { source: 'order' } },
    });
  });

  it('follows the Finnish rules for channels, organisations, existing customers and the register purposes', async () => {
    const shop = await newShop(database);
    const order = validOrder({ marketingOptIn: { email: true, sms: false } });
    const email = (order.customer as { email: string }).email;
    await postOrder(shop, order);
    const ask = async (q: Record<string, string>) => (await check(shop, { email, ...q })).json();
    expect(await ask({ channel: 'sms', purpose: 'direct_marketing' })).toMatchObject({
      allowed: false,
      reason: 'no_consent',
      unsubscribeUrl: null,
    });
    expect(await ask({ channel: 'post', purpose: 'direct_marketing' })).toMatchObject({
      allowed: true,
      reason: 'not_prohibited',
    });
    expect(await ask({ channel: 'email', purpose: 'email_marketing' })).toMatchObject({
      allowed: false,
      reason: 'no_consent',
    });
    expect(await ask({ channel: 'email', purpose: 'customer_relationship' })).toMatchObject({
      allowed: true,
      reason: 'legal_basis',
    });
    expect(
      (await check(shop, { phone: '+358 40 1234567', channel: 'post', purpose: 'directories' })).json(),
    ).toMatchObject({ allowed: true });

    const org = validOrder({
      marketingOptIn: null,
      customer: { ...validOrder().customer, organisation: { name: 'Yritys Oy', businessId: '0737546-2' } },
    });
    const orgEmail = (org.customer as { email: string }).email;
    await postOrder(shop, org);
    expect(
      (await check(shop, { email: orgEmail, channel: 'email', purpose: 'direct_marketing' })).json(),
    ).toMatchObject({
      allowed: true,
      reason: 'organisation_opt_out',
      basis: { rule: '917/2014 202 §', event: null },
    });

    // The existing-customer exception needs the register to allow it.
    const soft = await newShop(database);
    await database.db
      .transaction()
      .execute((tx) =>
        registerService(tx).publishVersion(
          soft.controller.id,
          soft.register.id,
          description(undefined, { existingCustomerMarketing: true }),
        ),
      );
    const buyer = validOrder({ marketingOptIn: null });
    await postOrder(soft, buyer);
    const buyerEmail = (buyer.customer as { email: string }).email;
    expect(
      (await check(soft, { email: buyerEmail, channel: 'email', purpose: 'direct_marketing' })).json(),
    ).toMatchObject({ allowed: true, reason: 'existing_customer' });
    expect(
      (await check(soft, { email: buyerEmail, channel: 'email', purpose: 'market_research' })).json(),
    ).toMatchObject({ allowed: false, reason: 'no_consent' });
    expect(
      (await check(soft, { email: 'nobody@example.fi', channel: 'post', purpose: 'direct_marketing' })).json(),
    ).toMatchObject({ allowed: false, reason: 'no_relationship', subjectId: null });
  });

  it('never lets a restricted or erased customer be contacted', async () => {
    const shop = await newShop(database);
    const order = validOrder({ marketingOptIn: { email: true } });
    const email = (order.customer as { email: string }).email;
    const { subjectId } = await postOrder(shop, order);
    await sql`UPDATE subjects SET restricted_at = now() WHERE id = ${subjectId}`.execute(database.db);
    expect((await check(shop, { email, channel: 'email', purpose: 'direct_marketing' })).json()).toMatchObject({
      allowed: false,
      reason: 'restriction',
      unsubscribeUrl: null,
    });
    await sql`UPDATE subjects SET erased_at = now() WHERE id = ${subjectId}`.execute(database.db);
    expect((await check(shop, { subjectId, channel: 'post', purpose: 'direct_marketing' })).json()).toMatchObject({
      allowed: false,
      reason: 'erased',
    });
  });

  it('answers a batch in the order asked, and refuses one over 10,000', async () => {
    const shop = await newShop(database);
    const yes = validOrder({ marketingOptIn: { email: true } });
    const no = validOrder({ marketingOptIn: null });
    const y = await postOrder(shop, yes);
    await postOrder(shop, no);
    const emails = [
      (no.customer as { email: string }).email,
      'stranger@example.fi',
      (yes.customer as { email: string }).email,
    ];
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/registers/${shop.register.id}/contact-check`,
      headers: { ...shop.auth, 'content-type': 'application/json' },
      payload: JSON.stringify({ channel: 'email', purpose: 'direct_marketing', emails, subjectIds: [y.subjectId] }),
    });
    expect(res.statusCode, res.body).toBe(200);
    const results = res.json().results as Array<Record<string, unknown>>;
    expect(results.map((r) => [r.email ?? r.subjectId, r.allowed, r.reason])).toEqual([
      [emails[0], false, 'no_consent'],
      [emails[1], false, 'no_relationship'],
      [emails[2], true, 'consent'],
      [y.subjectId, true, 'consent'],
    ]);
    expect(results[2]!.unsubscribeUrl).toMatch(/\/unsubscribe\//);

    const many = Array.from({ length: 10_000 }, (_, i) => `asiakas${i}@example.fi`);
    const full = await app.inject({
      method: 'POST',
      url: `/api/v1/registers/${shop.register.id}/contact-check`,
      headers: { ...shop.auth, 'content-type': 'application/json' },
      payload: JSON.stringify({ channel: 'email', purpose: 'direct_marketing', emails: many }),
    });
    expect(full.statusCode).toBe(200);
    expect(full.json().results).toHaveLength(10_000);

    const over = await app.inject({
      method: 'POST',
      url: `/api/v1/registers/${shop.register.id}/contact-check`,
      headers: { ...shop.auth, 'content-type': 'application/json' },
      payload: JSON.stringify({ channel: 'email', purpose: 'direct_marketing', emails: [...many, 'one@example.fi'] }),
    });
    expect(over.statusCode).toBe(422);
    expect(over.headers['content-type']).toContain('application/problem+json');
    expect(over.json().errors.map((e: { field: string }) => e.field)).toContain('emails');
  });

  it('records each check in the audit trail with the purpose asked', async () => {
    const shop = await newShop(database);
    const order = validOrder({ marketingOptIn: { email: true } });
    const { subjectId } = await postOrder(shop, order);
    await check(shop, { subjectId, channel: 'email', purpose: 'distance_selling' });
    await readAuditFor(database.db).flush();
    const events = await database.db
      .selectFrom('processing_events')
      .select(['action', 'purpose', 'actor_type', 'fields'])
      .where('subject_id', '=', subjectId)
      .where('action', '=', 'contact.checked')
      .execute();
    expect(events).toEqual([
      {
        action: 'contact.checked',
        purpose: 'distance_selling',
        actor_type: 'api_key',
        fields: ['marketingPermissions'],
      },
    ]);
  });
});

describe('bad input to the contact check and the unsubscribe link', () => {
  it('names each bad field, writes nothing, and hides another controller’s register', async () => {
    const shop = await newShop(database);
    const order = validOrder({ marketingOptIn: { email: true } });
    const email = (order.customer as { email: string }).email;
    await postOrder(shop, order);
    const before = await countEvents();
    const bad = async (q: Record<string, string>, fields: string[]) => {
      const res = await check(shop, q);
      expect(res.statusCode, JSON.stringify(q)).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(
        res
          .json()
          .errors.map((e: { field: string }) => e.field)
          .sort(),
      ).toEqual(fields);
    };
    await bad({ email, channel: 'fax', purpose: 'direct_marketing' }, ['channel']);
    await bad({ email, channel: 'email', purpose: 'astrology' }, ['purpose']);
    await bad({ channel: 'email', purpose: 'direct_marketing' }, ['email']);
    await bad({ email, phone: '0401234567', channel: 'email', purpose: 'direct_marketing' }, ['phone']);
    await bad({ phone: '12', channel: 'sms', purpose: 'direct_marketing' }, ['phone']);
    await bad({ subjectId: 'not-an-id', channel: 'sms', purpose: 'direct_marketing' }, ['subjectId']);

    const other = await newShop(database);
    const foreign = await app.inject({
      method: 'GET',
      url: `/api/v1/registers/${shop.register.id}/contact-check?email=${encodeURIComponent(email)}&channel=email&purpose=direct_marketing`,
      headers: other.auth,
    });
    expect(foreign.statusCode).toBe(404);
    const noKey = await app.inject({
      method: 'GET',
      url: `/api/v1/registers/${shop.register.id}/contact-check?email=${encodeURIComponent(email)}&channel=email&purpose=direct_marketing`,
    });
    expect(noKey.statusCode).toBe(401);
    expect(await countEvents()).toBe(before);
  });

  it('shows a readable page for a malformed or forged link and writes nothing', async () => {
    const shop = await newShop(database);
    const order = validOrder({ marketingOptIn: { email: true } });
    const email = (order.customer as { email: string }).email;
    await postOrder(shop, order);
    const url = path(
      (await check(shop, { email, channel: 'email', purpose: 'direct_marketing' })).json().unsubscribeUrl,
    );
    const token = url.split('/').pop()!;
    const [body, signature] = token.split('.');
    // The same scope for another customer, signed with a guess.
    const forgedBody = Buffer.from(
      Buffer.from(body!, 'base64url')
        .toString()
        .replace(/~[0-9a-f-]{36}~email/, `~${crypto.randomUUID()}~email`),
    ).toString('base64url');
    const before = await countEvents();
    for (const bad of [
      `${forgedBody}.${signature}`,
      `${body}.${signature!.slice(0, -2)}AA`,
      'not-a-token',
      `${body}`,
      `${body}.${signature}.extra`,
    ]) {
      const res = await app.inject({ method: 'GET', url: `/unsubscribe/${bad}?lang=fi` });
      expect(res.statusCode, bad).toBe(400);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('Linkki ei kelpaa');
      const posted = await app.inject({
        method: 'POST',
        url: `/unsubscribe/${bad}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'List-Unsubscribe=One-Click',
      });
      expect(posted.statusCode).toBe(400);
    }
    expect(await countEvents()).toBe(before);
  });
});

describe('stop all marketing, and Global Privacy Control', () => {
  it('records an objection on every channel, and a GPC signal as an objection to sale and sharing, once', async () => {
    const shop = await newShop(database);
    const order = validOrder({ marketingOptIn: { email: true, sms: true } });
    const email = (order.customer as { email: string }).email;
    const { subjectId } = await postOrder(shop, order);
    const url = path((await check(shop, { email, channel: 'sms', purpose: 'direct_marketing' })).json().unsubscribeUrl);

    const page = await app.inject({ method: 'GET', url, headers: { 'sec-gpc': '1', 'accept-language': 'fi' } });
    expect(page.body).toContain('Global Privacy Control');
    expect(page.body).toContain(`action="${url}/all?lang=fi"`);
    const all = await app.inject({
      method: 'POST',
      url: `${url}/all?lang=en`,
      headers: { 'sec-gpc': '1', 'content-type': 'application/x-www-form-urlencoded' },
      payload: '',
    });
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain('All marketing is forbidden');
    // Its language links show the same page again and record nothing more.
    const again = await app.inject({ method: 'GET', url: `${url}/all?lang=sv` });
    expect(again.body).toContain('All marknadsföring är förbjuden');
    const rows = (await ledger(subjectId)).map((e) => [e.kind, e.channel, e.purpose, e.source]);
    // The order's two opt-ins are written together, in no particular order.
    expect(
      rows
        .slice(0, 2)
        .map((r) => r[1])
        .sort(),
    ).toEqual(['email', 'sms']);
    expect(rows.slice(2)).toEqual([
      ['consent_withdrawn', 'sms', 'direct_marketing', 'unsubscribe'],
      ['objection', null, 'sale_and_sharing', 'gpc'],
      ['objection', null, 'direct_marketing', 'unsubscribe'],
    ]);
    const ask = async (channel: string, purpose: string) => (await check(shop, { subjectId, channel, purpose })).json();
    expect(await ask('email', 'direct_marketing')).toMatchObject({ allowed: false, reason: 'objection' });
    expect(await ask('post', 'distance_selling')).toMatchObject({ allowed: false, reason: 'objection' });
    expect(await ask('post', 'directories')).toMatchObject({ allowed: false, reason: 'gpc' });
    expect(await ask('post', 'market_research')).toMatchObject({ allowed: true });
  });
});

describe('the ledger', () => {
  it('cannot be edited or deleted, not even by the tables’ owner', async () => {
    const shop = await newShop(database);
    const { subjectId } = await postOrder(shop, validOrder({ marketingOptIn: { email: true } }));
    await expect(
      sql`UPDATE consent_events SET kind = 'consent_withdrawn' WHERE subject_id = ${subjectId}`.execute(database.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM consent_events WHERE subject_id = ${subjectId}`.execute(database.db)).rejects.toThrow(
      /append-only/,
    );
    expect(await ledger(subjectId)).toHaveLength(1);
  });

  it('is read for the contact check under row-level security, whatever the statement says', async () => {
    const shop = await newShop(database);
    const other = await newShop(database);
    const { subjectId } = await postOrder(shop, validOrder({ marketingOptIn: { email: true } }));
    // A statement that forgets its controller filter still sees only the controller it runs for.
    const careless = {
      name: 'test_careless_read',
      text: 'SELECT id FROM consent_events WHERE subject_id = $1',
      values: [subjectId],
    };
    expect(await database.tenantRead(shop.controller.id, careless)).toHaveLength(1);
    expect(await database.tenantRead(other.controller.id, careless)).toHaveLength(0);
    expect(await database.tenantRead(shop.controller.id, careless)).toHaveLength(1);
  });

  it('refuses an order placed in the future, so no consent can outrank a later withdrawal', async () => {
    const shop = await newShop(database);
    const before = await countEvents();
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/registers/${shop.register.id}/orders`,
      headers: { ...shop.auth, 'idempotency-key': 'future', 'content-type': 'application/json' },
      payload: JSON.stringify(validOrder({ placedAt: '2099-01-01T00:00:00Z' })),
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([{ field: 'placedAt', code: 'in_the_future', message: 'is in the future' }]);
    expect(await countEvents()).toBe(before);
  });
});
