import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { createTestDatabase, dbKind } from '../db.ts';
import { TEST_KEY } from '../factories.ts';

export const BIN = fileURLToPath(new URL('../../bin/omadata.mjs', import.meta.url));

export interface CliWorkspace {
  /** The environment the binary runs with: its own data directory, or its own PostgreSQL database. */
  env: NodeJS.ProcessEnv;
  dir: string;
  run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
}

/**
 * The real `omadata` binary in a throwaway workspace, set up before the file's tests and removed
 * after them: a temporary data directory on PGlite, a fresh database on PostgreSQL.
 */
export function cliWorkspace(prefix: string, timeoutMs = 60_000): CliWorkspace {
  let close = async () => {};
  const workspace: CliWorkspace = {
    env: {},
    dir: '',
    run: (...args) =>
      new Promise((resolve) => {
        execFile(
          process.execPath,
          [BIN, ...args],
          { env: workspace.env, timeout: timeoutMs },
          (error, stdout, stderr) => {
            resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
          },
        );
      }),
  };
  beforeAll(async () => {
    workspace.dir = mkdtempSync(join(tmpdir(), prefix));
    workspace.env = {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      ENCRYPTION_KEY: TEST_KEY,
      DATA_DIR: join(workspace.dir, 'data'),
    };
    if (dbKind === 'postgres') {
      const database = await createTestDatabase();
      workspace.env.DATABASE_URL = database.url;
      close = () => database.close();
    }
  });
  afterAll(async () => {
    await close();
    rmSync(workspace.dir, { recursive: true, force: true });
  });
  return workspace;
}
