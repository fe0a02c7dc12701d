import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { purgeExpiredPortalLogins } from '../../src/modules/portal/portal-auth.service.ts';
import { createTestDatabase } from '../db.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe('portal housekeeping', () => {
  it('deletes used and expired login links and ended sessions, and keeps the live ones', async () => {
    const hour = 3_600_000;
    const now = Date.now();
    await database.db
      .insertInto('portal_login_tokens')
      .values([
        { token_hash: 'used', email_key: 'a@example.fi', expires_at: new Date(now + hour), used_at: new Date() },
        { token_hash: 'expired', email_key: 'b@example.fi', expires_at: new Date(now - hour), used_at: null },
        { token_hash: 'live', email_key: 'c@example.fi', expires_at: new Date(now + hour), used_at: null },
      ])
      .execute();
    await database.db
      .insertInto('portal_sessions')
      .values([
        { token_hash: 'ended', email_key: 'a@example.fi', csrf_token: 'x', expires_at: new Date(now - hour) },
        { token_hash: 'open', email_key: 'c@example.fi', csrf_token: 'y', expires_at: new Date(now + hour) },
      ])
      .execute();
    expect(await purgeExpiredPortalLogins(database.db)).toEqual({ sessions: 1, loginTokens: 2 });
    expect(await database.db.selectFrom('portal_login_tokens').select('token_hash').execute()).toEqual([
      { token_hash: 'live' },
    ]);
    expect(await database.db.selectFrom('portal_sessions').select('token_hash').execute()).toEqual([
      { token_hash: 'open' },
    ]);
    expect(await purgeExpiredPortalLogins(database.db)).toEqual({ sessions: 0, loginTokens: 0 });
  });
});
