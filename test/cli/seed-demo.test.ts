import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { PORTAL_DEMO_EMAIL } from '../../src/cli/seed-demo.ts';
import { dbKind } from '../db.ts';
import { cliWorkspace } from './harness.ts';

const cli = cliWorkspace('omadata-demo-', 120_000);
const omadata = (...args: string[]) => cli.run(...args);
describe('omadata seed-demo', () => {
  it('loads a portal person with data at two merchants and says how to sign in as them', async () => {
    const run = await omadata('seed-demo', '--customers', '2');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('/oma');
    expect(run.stderr).toContain(PORTAL_DEMO_EMAIL);
    expect(run.stderr).toContain('/console/outbox');

    const database =
      dbKind === 'postgres'
        ? await openDatabase({ kind: 'postgres', url: cli.env.DATABASE_URL! })
        : await openDatabase({ kind: 'pglite', dataDir: cli.env.DATA_DIR! });
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
