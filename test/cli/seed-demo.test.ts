import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { PORTAL_DEMO_EMAIL } from '../../src/cli/seed-demo.ts';
import { createTestDatabase, dbKind } from '../db.ts';
import { TEST_KEY } from '../factories.ts';

const BIN = fileURLToPath(new URL('../../bin/omadata.mjs', import.meta.url));

let dir: string;
let env: NodeJS.ProcessEnv;
let close = async () => {};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'omadata-demo-'));
  env = { PATH: process.env.PATH, NODE_ENV: 'test', ENCRYPTION_KEY: TEST_KEY, DATA_DIR: join(dir, 'data') };
  if (dbKind === 'postgres') {
    const database = await createTestDatabase();
    env.DATABASE_URL = database.url;
    close = () => database.close();
  }
});
afterAll(async () => {
  await close();
  rmSync(dir, { recursive: true, force: true });
});

function omadata(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('omadata seed-demo', () => {
  it('loads a portal person with data at two merchants and says how to sign in as them', async () => {
    const run = await omadata('seed-demo', '--customers', '2');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('/oma');
    expect(run.stderr).toContain(PORTAL_DEMO_EMAIL);
    expect(run.stderr).toContain('/console/outbox');

    const database =
      dbKind === 'postgres'
        ? await openDatabase({ kind: 'postgres', url: env.DATABASE_URL! })
        : await openDatabase({ kind: 'pglite', dataDir: env.DATA_DIR! });
    try {
      const rows = await database.db
        .selectFrom('subjects')
        .innerJoin('controllers', 'controllers.id', 'subjects.controller_id')
        .select(['controllers.name', 'subjects.register_id'])
        .where('subjects.email_key', '=', PORTAL_DEMO_EMAIL)
        .execute();
      expect(new Set(rows.map((r) => r.name)).size).toBe(2);
      expect(new Set(rows.map((r) => r.register_id)).size).toBe(3);
    } finally {
      await database.close();
    }

    // A second run finds the demo loaded and changes nothing.
    const again = await omadata('seed-demo', '--customers', '2');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('already loaded');
  }, 180_000);
});
