import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Database } from '../../src/db/database.ts';

export interface PortalClient {
  cookie: string;
  csrf: string;
}

let ipSeq = 0;
/** A fresh client address per login, so that the per-IP throttle is tested only where meant. */
export const nextIp = () => `198.51.100.${(++ipSeq % 250) + 1}`;

/** The newest login link mailed to the address, read from the outbox (the development mailbox). */
export async function latestLoginToken(database: Database, address: string): Promise<string | null> {
  const [latest] = await database.db
    .selectFrom('outbox')
    .select(['text_body'])
    .where('to_address', '=', address)
    .where('kind', '=', 'portal_login')
    .orderBy('seq', 'desc')
    .limit(1)
    .execute();
  return /token=([A-Za-z0-9_-]+)/.exec(latest?.text_body ?? '')?.[1] ?? null;
}

/**
 * Logs in to the portal the way a person does: asks for a link, takes it from the outbox, spends it.
 * The address's login throttle is cleared first so that tests may log in often.
 */
export async function portalLogin(app: FastifyInstance, database: Database, address: string): Promise<PortalClient> {
  await database.db.deleteFrom('login_throttle').where('key', 'like', 'portal-email:%').execute();
  const before = await latestLoginToken(database, address);
  const asked = await app.inject({
    method: 'POST',
    url: '/api/v1/portal/login',
    remoteAddress: nextIp(),
    payload: { email: address, lang: 'en' },
  });
  if (asked.statusCode !== 202) throw new Error(`login answered ${asked.statusCode}: ${asked.body}`);
  // The mail is handed over after the answer.
  let token = await latestLoginToken(database, address);
  for (let i = 0; i < 200 && (token === null || token === before); i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    token = await latestLoginToken(database, address);
  }
  if (token === null || token === before) throw new Error(`no login link was mailed to ${address}`);
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/portal/session',
    remoteAddress: nextIp(),
    payload: { token },
  });
  if (res.statusCode !== 200) throw new Error(`session answered ${res.statusCode}: ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'omadata_portal');
  if (!cookie) throw new Error('no portal cookie');
  return { cookie: `omadata_portal=${cookie.value}`, csrf: res.json<{ csrfToken: string }>().csrfToken };
}

/** A portal request with the session cookie and the CSRF token. */
export function portalCall(
  app: FastifyInstance,
  client: PortalClient,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  payload?: unknown,
  extra: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method,
    url,
    headers: { cookie: client.cookie, 'x-csrf-token': client.csrf, ...extra },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}
