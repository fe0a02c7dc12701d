import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration, type JWK } from 'oidc-provider';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type AppDeps } from '../../src/app.ts';
import { ConfigError, loadConfig } from '../../src/config.ts';
import type { Database } from '../../src/db/database.ts';
import { createTestDatabase } from '../db.ts';
import { newShop, postOrderAs, TEST_KEY, testDeps, validOrder } from '../factories.ts';

const CLIENT_ID = 'omadata-portal';
const CLIENT_SECRET = 'a-client-secret-for-the-tests-only';
const HETU = '131052-308T';
const PHONE = '+358401234567';

/** What the test identity provider knows of each person it can identify. */
const accounts: Record<string, Record<string, unknown>> = {
  liisa: {
    email: `liisa.eid.${Date.now()}@example.fi`,
    email_verified: true,
    phone_number: PHONE,
    phone_number_verified: true,
    personal_identity_code: HETU,
  },
  // Claims the provider has not verified, matching customers by email and phone: they open nothing.
  pekka: {
    email: `pekka.shop.${Date.now()}@example.fi`,
    email_verified: false,
    phone_number: '+358405556666',
    phone_number_verified: false,
    personal_identity_code: '010101A123N',
  },
  // Nothing verified and no identity code: nothing to find anyone by.
  nobody: { email: 'nobody@example.fi', email_verified: false },
};

let database: Database;
let deps: AppDeps;
let app: FastifyInstance;
let appUrl: string;
let idpServer: Server;
let idpUrl: string;
let provider: Provider;
type Shop = Awaited<ReturnType<typeof newShop>>;
let shopA: Shop;
let shopB: Shop;
let shopC: Shop;

/** Who logs in at the provider next, and whether they refuse the consent. */
const at = { account: 'liisa', denyConsent: false };

/**
 * The provider's login and consent pages, answered at once as the person would: the interaction
 * API of oidc-provider, so that everything between the app and the provider stays the real protocol.
 */
async function interact(req: IncomingMessage, res: ServerResponse) {
  const details = await provider.interactionDetails(req, res);
  const { prompt, params, session, grantId } = details;
  if (prompt.name === 'login') {
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: at.account } },
      { mergeWithLastSubmission: false },
    );
    return;
  }
  if (at.denyConsent) {
    await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'declined' });
    return;
  }
  const grant = grantId
    ? (await provider.Grant.find(grantId))!
    : new provider.Grant({ accountId: session!.accountId, clientId: String(params.client_id) });
  const missing = prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  const saved = await grant.save();
  await provider.interactionFinished(req, res, { consent: { grantId: saved } }, { mergeWithLastSubmission: true });
}

/** A browser of one person: cookies by path (host-wide, as browsers keep them), redirects followed by hand. */
class Browser {
  private readonly cookies = new Map<string, { value: string; path: string }>();

  cookie(name: string): string | undefined {
    return this.cookies.get(name)?.value;
  }

  setCookie(name: string, value: string, path: string) {
    this.cookies.set(name, { value, path });
  }

  async get(url: string): Promise<Response> {
    const target = new URL(url);
    const cookie = [...this.cookies]
      .filter(([, c]) => target.pathname.startsWith(c.path))
      .map(([name, c]) => `${name}=${c.value}`)
      .join('; ');
    const res = await fetch(target, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';').map((s) => s.trim());
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      const path = attributes.find((a) => /^path=/i.test(a))?.slice(5) ?? '/';
      const expired = attributes.some((a) => /^max-age=0$/i.test(a) || /^expires=thu, 01 jan 1970/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, { value, path });
    }
    return res;
  }

  /** Follows redirects until one leads to `stop` (not fetched), or a page answers without one. */
  async follow(url: string, stop: (next: URL) => boolean): Promise<{ location: URL | null; res: Response }> {
    let next = new URL(url);
    for (let hop = 0; hop < 20; hop++) {
      const res = await this.get(next.href);
      const location = res.headers.get('location');
      if (!location || res.status < 300 || res.status >= 400) return { location: null, res };
      next = new URL(location, next);
      if (stop(next)) return { location: next, res };
    }
    throw new Error('too many redirects');
  }
}

const isCallback = (u: URL) => u.href.startsWith(`${appUrl}/oma/oidc/callback`);
const isPortal = (u: URL) => u.href.startsWith(`${appUrl}/oma?`);

/** Starts a sign-in and goes through the provider until it sends the browser back to the app. */
async function toCallback(browser: Browser, lang = 'sv'): Promise<URL> {
  const { location } = await browser.follow(`${appUrl}/oma/oidc/start?lang=${lang}`, isCallback);
  if (!location) throw new Error('the provider did not send the browser back');
  return location;
}

/** The whole sign-in as a person: start, the provider, the callback, the portal page it lands on. */
async function signIn(account: string, browser = new Browser()): Promise<{ browser: Browser; landing: URL }> {
  at.account = account;
  const callback = await toCallback(browser);
  const { location } = await browser.follow(callback.href, isPortal);
  return { browser, landing: location! };
}

async function portalGet(browser: Browser, path: string) {
  const res = await browser.get(`${appUrl}${path}`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const countSessions = async () =>
  Number(
    (
      await database.db
        .selectFrom('portal_sessions')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function startIdentityProvider(redirectUri: string) {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const configuration: Configuration = {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [redirectUri],
        token_endpoint_auth_method: 'client_secret_basic',
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [{ ...(privateKey.export({ format: 'jwk' }) as JWK), kid: 'test', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: ['cookie-key-for-the-tests'] },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      phone: ['phone_number', 'phone_number_verified'],
      // Released when asked for by name (the claims parameter), as the app does.
      personal_identity_code: null,
    },
    features: { claimsParameter: { enabled: true }, devInteractions: { enabled: false } },
    pkce: { required: () => true },
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 600, IdToken: 600, Interaction: 600, Session: 600 },
    async findAccount(_ctx, sub) {
      const claims = accounts[sub];
      if (!claims) return undefined;
      return { accountId: sub, claims: () => ({ sub, ...claims }) };
    },
  };
  provider = new Provider(idpUrl, configuration);
  // Quiet: the provider reports every refused request (the tests make some on purpose).
  provider.on('server_error', (_ctx, error) => console.error('identity provider error', error));
}

beforeAll(async () => {
  database = await createTestDatabase();
  // The provider's address is needed by the app's configuration, and the app's by the provider's client.
  idpServer = createServer((req, res) => {
    if (req.url?.startsWith('/interaction/')) {
      interact(req, res).catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
    } else void provider.callback()(req, res);
  });
  await new Promise<void>((resolve) => idpServer.listen(0, '127.0.0.1', resolve));
  idpUrl = `http://127.0.0.1:${(idpServer.address() as AddressInfo).port}`;

  deps = testDeps(database);
  deps.config.oidc = {
    issuer: idpUrl,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    hetuClaim: 'personal_identity_code',
    name: 'Testi-ID',
  };
  app = await buildApp(deps);
  await app.listen({ port: 0, host: '127.0.0.1' });
  appUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  deps.config.publicUrl = appUrl;
  await startIdentityProvider(`${appUrl}/oma/oidc/callback`);

  shopA = await newShop(database);
  shopB = await newShop(database);
  shopC = await newShop(database);
  // Merchant A knows Liisa only by her henkilötunnus (an invoice order, another email and phone).
  await postOrderAs(
    app,
    shopA,
    validOrder({
      payment: { method: 'invoice' },
      customer: {
        ...validOrder().customer,
        email: `liisa.invoice.${Date.now()}@example.fi`,
        phone: '050 765 4321',
        personalIdentityCode: HETU,
      },
    }),
  );
  // Merchant B knows her only by her phone number, written as people write it.
  await postOrderAs(
    app,
    shopB,
    validOrder({
      customer: { ...validOrder().customer, email: `l.b.${Date.now()}@example.fi`, phone: '040 123 4567' },
    }),
  );
  // Merchant C holds Pekka's email and phone, which his provider has not verified.
  await postOrderAs(
    app,
    shopC,
    validOrder({
      customer: { ...validOrder().customer, email: accounts.pekka!.email, phone: '040 555 6666' },
    }),
  );
});

afterAll(async () => {
  await app?.close();
  if (idpServer) {
    idpServer.closeAllConnections();
    await new Promise((resolve) => idpServer.close(resolve));
  }
  await database?.close();
});

describe('portal sign-in by e-ID (OpenID Connect)', () => {
  it('says that e-ID is offered, and under which name', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/portal/config' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ oidc: { name: 'Testi-ID' } });
  });

  it('sends the browser to the provider with PKCE S256, state, nonce and the identity code asked for', async () => {
    const browser = new Browser();
    const res = await browser.get(`${appUrl}/oma/oidc/start?lang=fi`);
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(location.origin).toBe(idpUrl);
    const q = location.searchParams;
    expect(q.get('client_id')).toBe(CLIENT_ID);
    expect(q.get('response_type')).toBe('code');
    expect(q.get('redirect_uri')).toBe(`${appUrl}/oma/oidc/callback`);
    expect(q.get('scope')!.split(' ').sort()).toEqual(['email', 'openid', 'phone']);
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('state')).toBeTruthy();
    expect(q.get('nonce')).toBeTruthy();
    expect(JSON.parse(q.get('claims')!)).toMatchObject({ id_token: { personal_identity_code: { essential: true } } });
    // The verifier never leaves the server but in the signed, HttpOnly cookie for the callback only.
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('omadata_oidc='))!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/Path=\/oma\/oidc/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(res.headers.get('location')).not.toContain(browser.cookie('omadata_oidc')!.split('.')[0]!);
  });

  it('finds the person at every merchant by the verified henkilötunnus and phone number', async () => {
    const before = await countSessions();
    const { browser, landing } = await signIn('liisa');
    expect(landing.pathname).toBe('/oma');
    expect(landing.searchParams.get('signedIn')).toBe('oidc');
    expect(landing.searchParams.get('lang')).toBe('sv');
    expect(await countSessions()).toBe(before + 1);
    // The flow cookie is spent.
    expect(browser.cookie('omadata_oidc')).toBeUndefined();

    const me = await portalGet(browser, '/api/v1/portal/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: (accounts.liisa!.email as string).toLowerCase(), method: 'oidc' });

    const row = await database.db
      .selectFrom('portal_sessions')
      .select(['email_key', 'phone', 'hetu_lookup', 'method'])
      .where('method', '=', 'oidc')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(row.phone).toBe(PHONE);
    expect(row.hetu_lookup).toBeTruthy();
    expect(JSON.stringify(row)).not.toContain('308T');

    const overview = await portalGet(browser, '/api/v1/portal/overview');
    expect(overview.status).toBe(200);
    const merchants = (overview.body.merchants as Array<{ controller: { id: string } }>).map((m) => m.controller.id);
    expect(merchants.sort()).toEqual([shopA.controller.id, shopB.controller.id].sort());

    // The session acts as the person: an objection at merchant A, with the CSRF token from /me.
    const registers = (
      overview.body.merchants as Array<{ registers: Array<{ registerId: string; subject: { id: string } }> }>
    )
      .flatMap((m) => m.registers)
      .filter((r) => r.registerId === shopA.register.id);
    expect(registers).toHaveLength(1);
    const cookie = `omadata_portal=${browser.cookie('omadata_portal')!}`;
    const objected = await app.inject({
      method: 'POST',
      url: `/api/v1/portal/registers/${shopA.register.id}/subjects/${registers[0]!.subject.id}/objection`,
      headers: { cookie, 'x-csrf-token': me.body.csrfToken as string },
    });
    expect(objected.statusCode, objected.body).toBe(200);
  });

  it('matches nothing on an email or phone number the provider has not verified', async () => {
    const { browser, landing } = await signIn('pekka');
    expect(landing.searchParams.get('signedIn')).toBe('oidc');
    const me = await portalGet(browser, '/api/v1/portal/me');
    expect(me.body).toMatchObject({ email: null, method: 'oidc' });
    const overview = await portalGet(browser, '/api/v1/portal/overview');
    expect(overview.status).toBe(200);
    expect(overview.body).toEqual({ email: null, merchants: [] });
  });

  it('opens no session when the provider vouches for nothing to find the person by', async () => {
    const before = await countSessions();
    const { browser, landing } = await signIn('nobody');
    expect(landing.searchParams.get('loginError')).toBe('oidc');
    expect(browser.cookie('omadata_portal')).toBeUndefined();
    expect(await countSessions()).toBe(before);
  });

  it('refuses a tampered state, and a replayed answer, without opening a session', async () => {
    at.account = 'liisa';
    const browser = new Browser();
    const callback = await toCallback(browser);
    const flowCookie = browser.cookie('omadata_oidc')!;
    const before = await countSessions();

    const tampered = new URL(callback);
    tampered.searchParams.set('state', `${callback.searchParams.get('state')}x`);
    const refused = await browser.get(tampered.href);
    expect(refused.status).toBe(302);
    expect(new URL(refused.headers.get('location')!, appUrl).searchParams.get('loginError')).toBe('oidc');
    expect(browser.cookie('omadata_portal')).toBeUndefined();
    expect(await countSessions()).toBe(before);

    // The genuine answer, replayed after the flow was spent: the browser no longer has the flow.
    const replay = await browser.get(callback.href);
    expect(new URL(replay.headers.get('location')!, appUrl).searchParams.get('loginError')).toBe('oidc');
    expect(await countSessions()).toBe(before);

    // Even with a copy of the flow cookie, the code works once: the first use signs in, the second does not.
    const first = new Browser();
    first.setCookie('omadata_oidc', flowCookie, '/oma/oidc');
    const ok = await first.get(callback.href);
    expect(new URL(ok.headers.get('location')!, appUrl).searchParams.get('signedIn')).toBe('oidc');
    expect(await countSessions()).toBe(before + 1);
    const again = new Browser();
    again.setCookie('omadata_oidc', flowCookie, '/oma/oidc');
    const replayed = await again.get(callback.href);
    expect(new URL(replayed.headers.get('location')!, appUrl).searchParams.get('loginError')).toBe('oidc');
    expect(again.cookie('omadata_portal')).toBeUndefined();
    expect(await countSessions()).toBe(before + 1);
  });

  it('refuses a flow cookie that is not ours', async () => {
    at.account = 'liisa';
    const browser = new Browser();
    const callback = await toCallback(browser);
    const [payload] = browser.cookie('omadata_oidc')!.split('.');
    browser.setCookie('omadata_oidc', `${payload}.forged`, '/oma/oidc');
    const res = await browser.get(callback.href);
    expect(new URL(res.headers.get('location')!, appUrl).searchParams.get('loginError')).toBe('oidc');
    expect(browser.cookie('omadata_portal')).toBeUndefined();
  });

  it('sends the person back with loginError when they decline at the provider', async () => {
    at.denyConsent = true;
    try {
      const before = await countSessions();
      const { browser, landing } = await signIn('liisa');
      expect(landing.pathname).toBe('/oma');
      expect(landing.searchParams.get('loginError')).toBe('oidc');
      expect(landing.searchParams.get('lang')).toBe('sv');
      expect(browser.cookie('omadata_portal')).toBeUndefined();
      expect(await countSessions()).toBe(before);
    } finally {
      at.denyConsent = false;
    }
  });

  it('answers a callback without any flow with loginError, never a 500', async () => {
    const res = await app.inject({ method: 'GET', url: '/oma/oidc/callback?code=x&state=y' });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/oma?loginError=oidc');
    const bad = await app.inject({ method: 'GET', url: '/oma/oidc/start?lang=de' });
    expect(bad.statusCode).toBe(422);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
    expect(bad.json<{ errors: Array<{ field: string }> }>().errors.map((e) => e.field)).toEqual(['lang']);
  });

  it('sends the person back with loginError when the provider cannot be reached', async () => {
    const down = testDeps(database);
    // Port 1 on this machine: nothing listens there, so discovery is refused at once.
    down.config.oidc = { ...deps.config.oidc!, issuer: 'http://127.0.0.1:1' };
    const other = await buildApp(down);
    try {
      const res = await other.inject({ method: 'GET', url: '/oma/oidc/start?lang=en' });
      expect(res.statusCode).toBe(302);
      expect(res.headers.location).toBe('/oma?loginError=oidc&lang=en');
    } finally {
      await other.close();
    }
  });
});

describe('portal without an identity provider', () => {
  it('offers no e-ID and answers its routes 404', async () => {
    const plain = await buildApp(testDeps(database));
    try {
      const config = await plain.inject({ method: 'GET', url: '/api/v1/portal/config' });
      expect(config.json()).toEqual({ oidc: null });
      for (const url of ['/oma/oidc/start?lang=fi', '/oma/oidc/callback?code=x&state=y']) {
        const res = await plain.inject({ method: 'GET', url });
        expect(res.statusCode).toBe(404);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      }
    } finally {
      await plain.close();
    }
  });
});

describe('e-ID configuration', () => {
  const base = { NODE_ENV: 'test', ENCRYPTION_KEY: TEST_KEY, DATA_DIR: '/nonexistent' } as const;
  const problemsOf = (env: Record<string, string>) => {
    try {
      loadConfig({ ...base, ...env });
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
    return [];
  };

  it('names every missing variable of a partial set', () => {
    const problems = problemsOf({ OIDC_ISSUER: 'https://tunnistus.example.fi' });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^OIDC_CLIENT_ID: required/);
    expect(problems[1]).toMatch(/^OIDC_CLIENT_SECRET: required/);
    expect(problemsOf({ OIDC_CLIENT_SECRET: 's' }).map((p) => p.split(':')[0])).toEqual([
      'OIDC_ISSUER',
      'OIDC_CLIENT_ID',
    ]);
  });

  it('reports a partial set together with other bad values', () => {
    const problems = problemsOf({ OIDC_CLIENT_ID: 'oma', PORT: 'x' });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['OIDC_CLIENT_SECRET', 'OIDC_ISSUER', 'PORT']);
  });

  it('wants the provider over https, except on this machine', () => {
    const set = { OIDC_CLIENT_ID: 'oma', OIDC_CLIENT_SECRET: 's' };
    expect(problemsOf({ ...set, OIDC_ISSUER: 'http://tunnistus.example.fi' })).toEqual([
      expect.stringMatching(/^OIDC_ISSUER: must be an https:\/\/ URL/),
    ]);
    expect(problemsOf({ ...set, OIDC_ISSUER: 'http://127.0.0.1:4000' })).toEqual([]);
  });

  it('reads the full set, the Suomi.fi claim name and the button label', () => {
    const config = loadConfig({
      ...base,
      OIDC_ISSUER: 'https://tunnistus.example.fi/oidc',
      OIDC_CLIENT_ID: 'oma',
      OIDC_CLIENT_SECRET: 'salaisuus',
      OIDC_HETU_CLAIM: 'nationalIdentificationNumber',
      OIDC_NAME: 'Suomi.fi',
    });
    expect(config.oidc).toEqual({
      issuer: 'https://tunnistus.example.fi/oidc',
      clientId: 'oma',
      clientSecret: 'salaisuus',
      hetuClaim: 'nationalIdentificationNumber',
      name: 'Suomi.fi',
    });
    expect(loadConfig(base).oidc).toBeNull();
    expect(
      loadConfig({ ...base, OIDC_ISSUER: 'https://id.example.fi', OIDC_CLIENT_ID: 'a', OIDC_CLIENT_SECRET: 'b' }).oidc,
    ).toMatchObject({ hetuClaim: 'personal_identity_code', name: 'id.example.fi' });
  });
});
