import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cliWorkspace } from './harness.ts';
import { sql } from 'kysely';
import { openDatabase } from '../../src/db/database.ts';
import { dbKind } from '../db.ts';
import { description } from '../fixtures/descriptions.ts';

const EXAMPLE = fileURLToPath(new URL('../../examples/registers/webshop-users.json', import.meta.url));
const SHOPIFY = fileURLToPath(new URL('../fixtures/csv/shopify-customers.csv', import.meta.url));

const cli = cliWorkspace('omadata-cli-');
const omadata = (...args: string[]) => cli.run(...args);

const lastLine = (s: string) => s.trim().split('\n').at(-1)!;

describe('the omadata command', () => {
  it('creates a controller, a register and a key, imports a file, and prints each new id last', async () => {
    const controller = await omadata('controller', 'create', '--name', 'Esimerkki Oy', '--business-id', '2077474-0');
    expect(controller.code, controller.stderr).toBe(0);
    const controllerId = lastLine(controller.stdout);
    expect(controllerId).toMatch(/^[0-9a-f-]{36}$/);

    const register = await omadata('register', 'create', '--controller', controllerId, '--description', EXAMPLE);
    expect(register.code, register.stderr).toBe(0);
    const registerId = lastLine(register.stdout);
    expect(registerId).toMatch(/^[0-9a-f-]{36}$/);

    const key = await omadata('apikey', 'create', '--controller', controllerId);
    expect(key.code, key.stderr).toBe(0);
    expect(lastLine(key.stdout)).toMatch(/^omk_[A-Za-z0-9]{8}_/);

    const rejects = join(cli.dir, 'rejects.csv');
    const imported = await omadata('import', '--register', registerId, SHOPIFY, '--rejects', rejects);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toMatch(/Format: shopify/);
    expect(imported.stderr).toMatch(/rejected: 3/);
    expect(lastLine(imported.stdout)).toMatch(/^[0-9a-f-]{36}$/);
    expect(readFileSync(rejects, 'utf8').trim().split('\n')).toHaveLength(4);

    // Decades on, every imported customer's retention has run out: the dry run lists them all and changes nothing.
    const dry = await omadata(
      'retention',
      'run',
      '--dry-run',
      '--register',
      registerId,
      '--as-of',
      '2060-01-01',
      '--json',
    );
    expect(dry.code, dry.stderr).toBe(0);
    const [report] = JSON.parse(dry.stdout) as Array<{
      registerId: string;
      dryRun: boolean;
      erased: { count: number };
    }>;
    expect(report).toMatchObject({ registerId, dryRun: true, erased: { count: 3 } });
    const again = await omadata('retention', 'run', '--dry-run', '--register', registerId, '--as-of', '2060-01-01');
    expect(again.stdout).toMatch(/3 customers would be erased/);
  });

  it('creates an operator, and audit verify passes until an event is edited by hand', async () => {
    const admin = await omadata(
      'admin',
      'create',
      '--email',
      'operaattori@example.fi',
      '--password',
      'a long enough passphrase',
    );
    expect(admin.code, admin.stderr).toBe(0);
    expect(lastLine(admin.stdout)).toMatch(/^[0-9a-f-]{36}$/);
    const controllers = await omadata('controller', 'list');
    const controllerId = controllers.stdout.trim().split('\n')[0]!.split('\t')[0]!;
    const added = await omadata(
      'staff',
      'add',
      '--controller',
      controllerId,
      '--email',
      'operaattori@example.fi',
      '--role',
      'owner',
    );
    expect(added.code, added.stderr).toBe(0);
    expect(
      (await omadata('staff', 'add', '--controller', controllerId, '--email', 'nobody@example.fi', '--role', 'owner'))
        .code,
    ).toBe(1);
    expect(
      (
        await omadata(
          'staff',
          'add',
          '--controller',
          controllerId,
          '--email',
          'operaattori@example.fi',
          '--role',
          'king',
        )
      ).code,
    ).toBe(2);
    const ok = await omadata('audit', 'verify');
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).toMatch(/intact: [1-9]\d* events/);

    const database = cli.env.DATABASE_URL
      ? await openDatabase({ kind: 'postgres', url: cli.env.DATABASE_URL })
      : await openDatabase({ kind: 'pglite', dataDir: cli.env.DATA_DIR! });
    try {
      await sql`UPDATE processing_events SET purpose = 'edited by hand' WHERE seq = 2`.execute(database.db);
    } finally {
      await database.close();
    }
    const broken = await omadata('audit', 'verify');
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/event 2 \(changed\)/);
  });

  it('names every problem of an invalid description and creates nothing', async () => {
    const controller = await omadata('controller', 'create', '--name', 'Toinen Oy', '--business-id', '0112038-9');
    const controllerId = lastLine(controller.stdout);
    const bad = { ...description(), purposes: [], retention: [] };
    const file = join(cli.dir, 'bad.json');
    writeFileSync(file, JSON.stringify(bad));
    const res = await omadata('register', 'create', '--controller', controllerId, '--description', file);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/purposes/);
    expect(res.stderr).toMatch(/retention/);
    expect(res.stdout.trim()).toBe('');
  });

  it('refuses a bad business ID and an unknown command', async () => {
    const res = await omadata('controller', 'create', '--name', 'X', '--business-id', '1572866-0');
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/businessId: is not a valid Y-tunnus/);
    const unknown = await omadata('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown command/);
  });

  it('names every bad configuration value', async () => {
    const saved = cli.env;
    cli.env = { ...cli.env, PORT: 'abc', ENCRYPTION_KEY: 'short', DATABASE_URL: 'mysql://x' };
    const res = await omadata('migrate');
    cli.env = saved;
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/PORT/);
    expect(res.stderr).toMatch(/ENCRYPTION_KEY: must be 64 hexadecimal characters/);
    expect(res.stderr).toMatch(/DATABASE_URL/);
  });

  // Only the embedded database has a single-process lock; PostgreSQL serves any number of processes.
  it.skipIf(dbKind === 'postgres')(
    'says clearly that the embedded database is in use by another process (embedded database only)',
    async () => {
      // Hold the data directory the way a running server does.
      const held = await openDatabase({ kind: 'pglite', dataDir: cli.env.DATA_DIR!, lockOwner: 'serve' });
      try {
        const res = await omadata('controller', 'list');
        expect(res.code).toBe(1);
        expect(res.stderr).toMatch(/in use by process \d+ \(omadata serve\)/);
      } finally {
        await held.close();
      }
      const after = await omadata('controller', 'list');
      expect(after.code, after.stderr).toBe(0);
      expect(after.stdout).toMatch(/Esimerkki Oy/);
    },
  );
});
