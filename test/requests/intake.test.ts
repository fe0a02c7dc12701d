/**
 * The public intake of a register: POST /api/v1/registers/{registerId}/requests, the HTML form at
 * /requests/new and the email round-trip at /requests/confirm.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import type { Database } from '../../src/db/database.ts';
import { addMonths, todayInFinland } from '../../src/finnish-time.ts';
import { createTestDatabase } from '../db.ts';
import { newShop, postOrderAs, testDeps, validOrder } from '../factories.ts';
import { nextIp } from '../portal/client.ts';

let database: Database;
let app: FastifyInstance;
let shop: Awaited<ReturnType<typeof newShop>>;
let publicUrl: string;
const customerEmail = `maija.${randomUUID().slice(0, 8)}@example.fi`;
let customerId: string;

const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');
const unique = (who = 'pyytaja') => `${who}.${randomUUID().slice(0, 8)}@example.fi`;

function body(overrides: Record<string, unknown> = {}) {
  return {
    types: ['access', 'erasure'],
    email: unique(),
    name: 'Pertti Pyytäjä',
    message: 'Haluan nähdä tietoni ja että ne poistetaan.',
    lang: 'en',
    ...overrides,
  };
}

function send(payload: unknown, registerId = shop.register.id, ip = nextIp()): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: `/api/v1/registers/${registerId}/requests`,
    remoteAddress: ip,
    payload: payload as object,
  });
}

const counts = async () => ({
  requests: Number(
    (
      await database.db
        .selectFrom('requests')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  ),
  outbox: Number(
    (
      await database.db
        .selectFrom('outbox')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  ),
});

const stored = (id: string) =>
  database.db.selectFrom('requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/** The confirmation link mailed to an address (the newest), from the outbox. */
async function mailTo(address: string) {
  const row = await database.db
    .selectFrom('outbox')
    .selectAll()
    .where('to_address', '=', address)
    .where('kind', '=', 'request_confirm')
    .orderBy('seq', 'desc')
    .executeTakeFirst();
  if (!row) return null;
  const link = /(\S+\/requests\/confirm\?token=([A-Za-z0-9_-]+)&lang=(fi|sv|en))/.exec(row.text_body);
  return { row, link: link?.[1] ?? null, token: link?.[2] ?? null, lang: link?.[3] ?? null };
}

const confirmGet = (token: string, lang = 'en') =>
  app.inject({ method: 'GET', url: `/requests/confirm?token=${encodeURIComponent(token)}&lang=${lang}` });
const confirmPost = (token: string, lang = 'en') =>
  app.inject({
    method: 'POST',
    url: `/requests/confirm?lang=${lang}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ token }).toString(),
  });

const eventsOf = (requestId: string) =>
  database.db.selectFrom('request_events').selectAll().where('request_id', '=', requestId).orderBy('at').execute();
const processing = (action: string) =>
  database.db
    .selectFrom('processing_events')
    .selectAll()
    .where('controller_id', '=', shop.controller.id)
    .where('action', '=', action)
    .execute();

beforeAll(async () => {
  database = await createTestDatabase();
  const deps = testDeps(database);
  publicUrl = deps.config.publicUrl;
  app = await buildApp(deps);
  shop = await newShop(database);
  const order = validOrder();
  ({ subjectId: customerId } = await postOrderAs(app, shop, {
    ...order,
    customer: { ...order.customer, email: customerEmail },
  }));
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('POST /api/v1/registers/{registerId}/requests', () => {
  it('answers 202 with the due date a month away, stores the request unverified with a part per type, and mails a link', async () => {
    const payload = body({ types: ['access', 'erasure', 'access'] });
    const res = await send(payload);
    expect(res.statusCode, res.body).toBe(202);
    const answer = res.json<{ requestId: string; receivedAt: string; dueDate: string }>();
    expect(Object.keys(answer).sort()).toEqual(['dueDate', 'receivedAt', 'requestId']);
    expect(answer.dueDate).toBe(addMonths(todayInFinland(), 1));
    expect(Math.abs(Date.parse(answer.receivedAt) - Date.now())).toBeLessThan(60_000);

    const row = await stored(answer.requestId);
    expect(row).toMatchObject({
      controller_id: shop.controller.id,
      register_id: shop.register.id,
      subject_id: null,
      channel: 'form',
      status: 'received',
      identity_status: 'unverified',
      identity_method: null,
      language: 'en',
      email: payload.email,
      name: 'Pertti Pyytäjä',
      message: payload.message,
      due_date: answer.dueDate,
    });
    expect(row.types).toEqual(['access', 'erasure']);
    const expires = new Date(row.confirm_expires_at!).getTime() - Date.now();
    expect(expires).toBeGreaterThan(7 * 24 * 3600_000 - 60_000);
    expect(expires).toBeLessThanOrEqual(7 * 24 * 3600_000);

    const parts = await database.db
      .selectFrom('request_parts')
      .select(['type', 'status'])
      .where('request_id', '=', answer.requestId)
      .orderBy('type')
      .execute();
    expect(parts).toEqual([
      { type: 'access', status: 'open' },
      { type: 'erasure', status: 'open' },
    ]);

    const mail = await mailTo(payload.email);
    expect(mail).not.toBeNull();
    expect(mail!.row.controller_id).toBe(shop.controller.id);
    expect(mail!.row.subject).toBe('Confirm your request – Testikauppa Oy');
    expect(mail!.link).toBe(`${publicUrl}/requests/confirm?token=${mail!.token}&lang=en`);
    // Only the token's hash is kept.
    expect(row.confirm_token_hash).toBe(sha256(mail!.token!));
    expect(row.confirm_token_hash).not.toContain(mail!.token!);
    expect(mail!.row.text_body).toContain('- Access to data\n- Erasure');
    // Nothing the sender typed goes into a mail to the address.
    expect(mail!.row.text_body).not.toContain('Pertti');
    expect(mail!.row.text_body).not.toContain(payload.message);

    const received = await processing('request.received');
    expect(received.some((e) => e.fields.join() === 'access,erasure' && e.subject_id === null)).toBe(true);
  });

  it('writes the mail in the language asked for, else the browser’s', async () => {
    const fi = body({ lang: 'fi' });
    expect((await send(fi)).statusCode).toBe(202);
    const mail = await mailTo(fi.email);
    expect(mail!.lang).toBe('fi');
    expect(mail!.row.subject).toBe('Vahvista pyyntösi – Testikauppa Oy');
    expect(mail!.row.text_body).toContain('Tietojen tarkastus');

    const { lang: _lang, ...noLang } = body();
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/registers/${shop.register.id}/requests`,
      remoteAddress: nextIp(),
      headers: { 'accept-language': 'sv-FI,sv;q=0.9' },
      payload: noLang,
    });
    expect(res.statusCode, res.body).toBe(202);
    expect((await stored(res.json<{ requestId: string }>().requestId)).language).toBe('sv');
    expect((await mailTo(noLang.email))!.row.subject).toBe('Bekräfta din begäran – Testikauppa Oy');
  });

  it('answers a customer exactly as a stranger, and links the customer for the desk', async () => {
    const stranger = unique('vieras');
    const asCustomer = await send(body({ email: customerEmail.toUpperCase() }));
    const asStranger = await send(body({ email: stranger }));
    expect(asCustomer.statusCode).toBe(202);
    expect(asStranger.statusCode).toBe(202);
    const a = asCustomer.json<Record<string, string>>();
    const b = asStranger.json<Record<string, string>>();
    expect(Object.keys(a)).toEqual(Object.keys(b));
    expect(a.dueDate).toBe(b.dueDate);
    expect(asCustomer.headers['content-type']).toBe(asStranger.headers['content-type']);
    expect(asCustomer.body.length).toBe(asStranger.body.length);

    expect((await stored(a.requestId!)).subject_id).toBe(customerId);
    expect((await stored(b.requestId!)).subject_id).toBeNull();
    // Both get the same mail but for the link.
    const strip = (text: string) => text.replace(/token=[A-Za-z0-9_-]+/, 'token=…');
    const customerMail = await mailTo(customerEmail.toUpperCase());
    const strangerMail = await mailTo(stranger);
    expect(strip(customerMail!.row.text_body)).toBe(strip(strangerMail!.row.text_body));
    expect(customerMail!.row.subject).toBe(strangerMail!.row.subject);
  });

  it('does not link an erased customer', async () => {
    const email = unique('poistettu');
    const order = validOrder();
    const { subjectId } = await postOrderAs(app, shop, { ...order, customer: { ...order.customer, email } });
    await database.db.updateTable('subjects').set({ erased_at: new Date() }).where('id', '=', subjectId).execute();
    const res = await send(body({ email }));
    expect(res.statusCode).toBe(202);
    expect((await stored(res.json<{ requestId: string }>().requestId)).subject_id).toBeNull();
  });

  it('refuses bad bodies with 422 naming each field, and stores and mails nothing', async () => {
    const before = await counts();
    const res = await send({
      types: [],
      email: 'ei-osoite',
      name: '   ',
      message: 'x'.repeat(5001),
      lang: 'de',
      phone: '040 123 4567',
    });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const fields = res.json<{ errors: { field: string }[] }>().errors.map((e) => e.field);
    expect(fields.sort()).toEqual(['email', 'lang', 'message', 'name', 'phone', 'types'].sort());

    const badType = await send(body({ types: ['access', 'burn_it_all'] }));
    expect(badType.statusCode).toBe(422);
    expect(badType.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual(['types.1']);

    const missing = await send({});
    expect(missing.statusCode).toBe(422);
    expect(
      missing
        .json<{ errors: { field: string }[] }>()
        .errors.map((e) => e.field)
        .sort(),
    ).toEqual(['email', 'name', 'types']);

    const tooMany = await send(body({ types: Array(8).fill('access') }));
    expect(tooMany.statusCode).toBe(422);

    const nul = await send(body({ name: 'Pertti\u0000' }));
    expect(nul.statusCode).toBe(422);
    expect(nul.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual(['name']);

    const notJson = await app.inject({
      method: 'POST',
      url: `/api/v1/registers/${shop.register.id}/requests`,
      remoteAddress: nextIp(),
      headers: { 'content-type': 'application/json' },
      payload: '{"types": [',
    });
    expect(notJson.statusCode).toBe(400);

    expect(await counts()).toEqual(before);
  });

  it('answers 404 for an unknown or malformed register, storing nothing', async () => {
    const before = await counts();
    for (const id of [randomUUID(), 'not-a-register', '00000000-0000-0000-0000-00000000000g']) {
      const res = await send(body(), id);
      expect(res.statusCode, id).toBe(404);
      expect(res.json<{ code: string }>().code).toBe('not_found');
    }
    expect(await counts()).toEqual(before);
  });

  it('allows five requests an hour per address and twenty per client, then 429 with retryAfterSeconds', async () => {
    const email = unique('kiireinen');
    for (let i = 0; i < 5; i++) expect((await send(body({ email }))).statusCode).toBe(202);
    const before = await counts();
    const refused = await send(body({ email: email.toUpperCase() }));
    expect(refused.statusCode).toBe(429);
    const problem = refused.json<{ code: string; retryAfterSeconds: number }>();
    expect(problem.code).toBe('rate_limited');
    expect(problem.retryAfterSeconds).toBeGreaterThan(3000);
    expect(refused.headers['retry-after']).toBe(String(problem.retryAfterSeconds));
    expect(await counts()).toEqual(before);
    // Another address is not held up by this one.
    expect((await send(body())).statusCode).toBe(202);

    const ip = '203.0.113.77';
    for (let i = 0; i < 20; i++) expect((await send(body(), shop.register.id, ip)).statusCode).toBe(202);
    const fromIp = await send(body(), shop.register.id, ip);
    expect(fromIp.statusCode).toBe(429);
    expect((await send(body(), shop.register.id, '203.0.113.78')).statusCode).toBe(202);
  });

  it('is in the OpenAPI document with its body schema', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json<{
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>>;
    }>();
    const op = doc.paths['/api/v1/registers/{registerId}/requests']?.post;
    expect(op).toBeDefined();
    const schema = op!.requestBody!.content['application/json']!.schema as {
      properties: Record<string, unknown>;
      required: string[];
      additionalProperties: boolean;
    };
    expect(Object.keys(schema.properties).sort()).toEqual(['email', 'lang', 'message', 'name', 'types']);
    expect(schema.required.sort()).toEqual(['email', 'name', 'types']);
    expect(schema.additionalProperties).toBe(false);
  });
});

describe('the email round-trip', () => {
  async function sent(overrides: Record<string, unknown> = {}) {
    const payload = body(overrides);
    const res = await send(payload);
    expect(res.statusCode).toBe(202);
    const requestId = res.json<{ requestId: string }>().requestId;
    const mail = await mailTo(payload.email);
    return { requestId, token: mail!.token!, dueDate: res.json<{ dueDate: string }>().dueDate };
  }

  it('shows the request with a button on GET, changing nothing; the POST verifies the identity and spends the link', async () => {
    const { requestId, token, dueDate } = await sent({ email: customerEmail });
    const shown = await confirmGet(token);
    expect(shown.statusCode).toBe(200);
    expect(shown.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(shown.headers['cache-control']).toBe('no-store');
    expect(shown.body).toContain('<html lang="en">');
    expect(shown.body).toContain('Confirm your request');
    expect(shown.body).toContain('Testikauppa Oy');
    expect(shown.body).toContain('Test register');
    expect(shown.body).toMatch(/<form method="post" action="\/requests\/confirm\?lang=en">/);
    expect(shown.body).not.toContain('<script');
    const untouched = await stored(requestId);
    expect(untouched.identity_status).toBe('unverified');
    expect(untouched.confirm_token_hash).toBe(sha256(token));
    const eventsBefore = (await eventsOf(requestId)).length;
    const verifiedBefore = (await processing('request.identity_verified')).length;

    const done = await confirmPost(token);
    expect(done.statusCode).toBe(200);
    const [y, m, d] = dueDate.split('-').map(Number) as [number, number, number];
    const longDate = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(Date.UTC(y, m - 1, d, 12)),
    );
    expect(done.body).toContain('Your request is confirmed');
    expect(done.body).toContain(`Testikauppa Oy answers by ${longDate}.`);

    const row = await stored(requestId);
    expect(row).toMatchObject({
      identity_status: 'verified',
      identity_method: 'email_round_trip',
      verified_by: 'email',
      status: 'received',
      confirm_token_hash: null,
      confirm_expires_at: null,
      subject_id: customerId,
    });
    expect(Math.abs(new Date(row.verified_at!).getTime() - Date.now())).toBeLessThan(60_000);
    const events = await eventsOf(requestId);
    expect(events).toHaveLength(eventsBefore + 1);
    expect(events.at(-1)).toMatchObject({
      from_status: 'received',
      to_status: 'received',
      note: 'email confirmed',
      actor_type: 'subject',
      actor_id: customerId,
    });
    const verified = await processing('request.identity_verified');
    expect(verified).toHaveLength(verifiedBefore + 1);
    expect(verified.at(-1)).toMatchObject({ subject_id: customerId, register_id: shop.register.id });

    // Spent: both the link and the button are refused, and nothing more is recorded.
    for (const again of [await confirmPost(token), await confirmGet(token)]) {
      expect(again.statusCode).toBe(400);
      expect(again.body).toContain('This link is not valid');
    }
    expect(await eventsOf(requestId)).toHaveLength(eventsBefore + 1);
    expect(await processing('request.identity_verified')).toHaveLength(verifiedBefore + 1);
  });

  it('speaks the language of the link', async () => {
    const { token, dueDate } = await sent({ lang: 'fi' });
    const shown = await confirmGet(token, 'fi');
    expect(shown.body).toContain('<html lang="fi">');
    expect(shown.body).toContain('Vahvista pyyntösi');
    expect(shown.body).toContain('Tietojen tarkastus');
    const done = await confirmPost(token, 'sv');
    expect(done.statusCode).toBe(200);
    const [y, m, d] = dueDate.split('-');
    expect(done.body).toContain(`Testikauppa Oy svarar senast ${Number(d)}.${Number(m)}.${y}.`);
  });

  it('refuses an expired link with a 400 page and changes nothing', async () => {
    const { requestId, token } = await sent();
    await database.db
      .updateTable('requests')
      .set({ confirm_expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', requestId)
      .execute();
    const eventsBefore = (await eventsOf(requestId)).length;
    for (const res of [await confirmGet(token, 'fi'), await confirmPost(token, 'fi')]) {
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('Linkki ei kelpaa');
    }
    const row = await stored(requestId);
    expect(row.identity_status).toBe('unverified');
    expect(row.confirm_token_hash).toBe(sha256(token));
    expect(await eventsOf(requestId)).toHaveLength(eventsBefore);
  });

  it('refuses a made-up, empty or missing token with a 400 page', async () => {
    for (const res of [
      await confirmGet('x'.repeat(43)),
      await confirmPost(''),
      await app.inject({ method: 'GET', url: '/requests/confirm' }),
      await app.inject({ method: 'POST', url: '/requests/confirm' }),
    ]) {
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    }
  });

  it('keeps an identity the desk has already verified by another method', async () => {
    const { requestId, token } = await sent();
    await database.db
      .updateTable('requests')
      .set({ identity_status: 'verified', identity_method: 'document', verified_by: 'staff', verified_at: new Date() })
      .where('id', '=', requestId)
      .execute();
    expect((await confirmPost(token)).statusCode).toBe(200);
    const row = await stored(requestId);
    expect(row.identity_method).toBe('document');
    expect(row.verified_by).toBe('staff');
    expect(row.confirm_token_hash).toBeNull();
  });
});

describe('the HTML form', () => {
  const post = (fields: [string, string][], ip = nextIp()) =>
    app.inject({
      method: 'POST',
      url: '/requests/new?lang=fi',
      remoteAddress: ip,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
    });

  it('shows the controller, the register and the deadline in each language', async () => {
    const fi = await app.inject({ method: 'GET', url: `/requests/new?register=${shop.register.id}&lang=fi` });
    expect(fi.statusCode).toBe(200);
    expect(fi.body).toContain('<html lang="fi">');
    expect(fi.body).toContain('Testikauppa Oy');
    expect(fi.body).toContain('Testirekisteri');
    expect(fi.body).toContain('kuukauden kuluessa');
    expect(fi.body).toContain('<legend>Mitä pyydät?</legend>');
    expect(fi.body.match(/type="checkbox"/g)).toHaveLength(7);
    expect(fi.body).not.toContain('<script');
    expect(fi.headers['content-security-policy']).toContain("default-src 'none'");

    const sv = await app.inject({ method: 'GET', url: `/requests/new?register=${shop.register.id}&lang=sv` });
    expect(sv.body).toContain('Testregister');
    expect(sv.body).toContain('inom en månad');
    const en = await app.inject({
      method: 'GET',
      url: `/requests/new?register=${shop.register.id}`,
      headers: { 'accept-language': 'en-GB,en;q=0.8' },
    });
    expect(en.body).toContain('<html lang="en">');
    expect(en.body).toContain('within one month');
  });

  it('answers a readable 404 page for an unknown or missing register', async () => {
    for (const url of [`/requests/new?register=${randomUUID()}&lang=en`, '/requests/new?lang=en']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.body).toContain('Form not found');
    }
  });

  it('names each bad field in the page’s language, keeps what was typed, and stores nothing', async () => {
    const before = await counts();
    const res = await post([
      ['register', shop.register.id],
      ['lang', 'fi'],
      ['name', 'Pertti <Pyytäjä>'],
      ['email', 'ei-osoite'],
      ['message', 'y'.repeat(5001)],
    ]);
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('<title>Virhe: ');
    expect(res.body).toContain('Valitse vähintään yksi pyyntö.');
    expect(res.body).toContain('Anna sähköpostiosoite muodossa nimi@esimerkki.fi.');
    expect(res.body).toContain('Viesti on liian pitkä (enintään 5 000 merkkiä).');
    expect(res.body).not.toContain('Kirjoita nimesi.');
    expect(res.body).toContain('value="Pertti &lt;Pyytäjä&gt;"');
    expect(res.body).toContain('value="ei-osoite" aria-describedby="email-hint email-error" aria-invalid="true"');
    expect(await counts()).toEqual(before);
  });

  it('stores the request and says to check the email', async () => {
    const email = unique('lomake');
    const res = await post([
      ['register', shop.register.id],
      ['lang', 'fi'],
      ['types', 'rectification'],
      ['types', 'objection'],
      ['name', 'Liisa Lomake'],
      ['email', ` ${email} `],
      ['message', 'Osoitteeni on väärin.'],
    ]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toContain('Vahvista pyyntösi sähköpostista');
    expect(res.body).toContain(`Lähetimme vahvistuslinkin osoitteeseen ${email}.`);
    const row = await database.db
      .selectFrom('requests')
      .selectAll()
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ channel: 'form', language: 'fi', name: 'Liisa Lomake', identity_status: 'unverified' });
    expect(row.types).toEqual(['rectification', 'objection']);
    expect((await mailTo(email))!.lang).toBe('fi');
  });

  it('tells in the page’s language when there were too many requests', async () => {
    const ip = '203.0.113.90';
    for (let i = 0; i < 20; i++) expect((await send(body(), shop.register.id, ip)).statusCode).toBe(202);
    const res = await post(
      [
        ['register', shop.register.id],
        ['lang', 'sv'],
        ['types', 'access'],
        ['name', 'Liisa'],
        ['email', unique()],
      ],
      ip,
    );
    expect(res.statusCode).toBe(429);
    expect(res.headers['retry-after']).toMatch(/^\d+$/);
    expect(res.body).toContain('För många begäranden');
  });
});
