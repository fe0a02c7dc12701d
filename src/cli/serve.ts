import { fileURLToPath } from 'node:url';
import { buildApp } from '../app.ts';
import type { Config } from '../config.ts';
import { openRuntime } from '../runtime.ts';
import { say } from './io.ts';
import { staffService } from '../modules/staff/staff.service.ts';
import { switchOffOrderAuditForBenchmark } from '../modules/orders/order-writer.ts';

export async function serve(config: Config): Promise<number> {
  const runtime = await openRuntime(config, { owner: 'serve', jobs: true });
  if (process.env.OMADATA_BENCH_WITHOUT_AUDIT === '1') switchOffOrderAuditForBenchmark();
  const webDistDir = fileURLToPath(new URL('../../dist/web', import.meta.url));
  // OMADATA_BENCH_BASELINE adds the bare route that `omadata bench` compares against.
  const app = await buildApp(runtime, {
    logger: true,
    webDistDir,
    benchBaseline: process.env.OMADATA_BENCH_BASELINE === '1',
  });
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info(`${signal}: shutting down`);
    try {
      await app.close();
      // Waits for the jobs this process is running, then closes the database.
      await runtime.close();
    } catch (error) {
      app.log.error(error, 'shutdown failed');
      process.exit(1);
    }
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  say(
    `Omadata is running at ${config.publicUrl} (database: ${runtime.database.kind === 'pglite' ? `embedded, ${config.dataDir}` : 'PostgreSQL'})`,
  );
  say(`  API docs ${config.publicUrl}/docs · health ${config.publicUrl}/healthz · console ${config.publicUrl}/console`);
  const setupToken = await staffService(runtime.database.db, runtime.secretBox).issueSetupToken();
  if (setupToken) {
    say('');
    say('No platform operator exists yet. Create the first one in the browser (the link works once, for 24 hours):');
    say(`  ${config.publicUrl}/console/setup?token=${setupToken}`);
    say('or with the command line: omadata admin create --email you@example.fi --password …');
  }
  return new Promise<number>(() => {});
}
