import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { buildApp, type AppDeps } from '../../src/app.ts';
import type { Database } from '../../src/db/database.ts';
import { createTestDatabase } from '../db.ts';
import { testDeps } from '../factories.ts';

/** Debian's Chromium (`apt-get install chromium`); CI installs it, see .ci/run. */
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM_PATH);
export const noChromiumReason = `browser tests SKIPPED: no Chromium at ${CHROMIUM_PATH} (install it with: apt-get install chromium)`;

export const WEB_DIST_DIR = fileURLToPath(new URL('../../dist/web', import.meta.url));

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface TestServer {
  /** e.g. http://127.0.0.1:41234, without a trailing slash */
  url: string;
  /** The server's own database, e.g. for a setup token or an account made with the services. */
  database: Database;
  /** What the app was built with (config, secretBox, mailer). */
  deps: AppDeps;
  close(): Promise<void>;
}

/**
 * The real server (API, /healthz, /docs and the built web UI) on a free port, with a fresh database.
 * Its PUBLIC_URL is the address it listens on, so links in its mails (invitations) lead back to it.
 */
export async function startServer(): Promise<TestServer> {
  if (!existsSync(`${WEB_DIST_DIR}/index.html`)) {
    throw new Error(`The web UI is not built (${WEB_DIST_DIR}/index.html missing): run npm run build:web first`);
  }
  const database = await createTestDatabase();
  try {
    const deps = testDeps(database);
    const app = await buildApp(deps, { webDistDir: WEB_DIST_DIR });
    try {
      const url = await app.listen({ port: 0, host: '127.0.0.1' });
      // The port is known only now; the routes read the config when they build a link.
      deps.config.publicUrl = url;
      return {
        url,
        database,
        deps,
        async close() {
          await app.close();
          await database.close();
        },
      };
    } catch (error) {
      await app.close();
      throw error;
    }
  } catch (error) {
    await database.close();
    throw error;
  }
}
