import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import type { Config } from '../config.ts';
import { print, say } from './io.ts';

/** What `omadata bench` shares between its sections: the server it measures, the load, the report. */

const BIN = fileURLToPath(new URL('../../bin/omadata.mjs', import.meta.url));

export interface Figures {
  [name: string]: number | string;
}

/** A line of the printed table: what, the figure, and how it compares. */
export type Row = [string, string, string];

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function startServer(
  config: Config,
  port: number,
  extraEnv: Record<string, string> = {},
): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      ...(process.env.OMADATA_BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.OMADATA_BENCH_PROFILE] : []),
      BIN,
      'serve',
    ],
    {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        OMADATA_BENCH_BASELINE: '1',
        DATA_DIR: config.dataDir,
        ...extraEnv,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}/healthz`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error('The server exited during start');
    try {
      if ((await fetch(url)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGTERM');
  throw new Error('The server did not start');
}

export async function stopServer(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

export function load(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (err: unknown, result) =>
      err ? reject(err instanceof Error ? err : new Error('autocannon failed', { cause: err })) : resolve(result),
    );
  });
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const round = (x: number) => Math.round(x * 1000) / 1000;
export const pct = (x: number | string) => `${(Number(x) * 100).toFixed(1)}%`;

/** CPU time (user + system) a process has used, in ms; null where /proc cannot tell (not Linux, another host). */
function cpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime, in clock ticks of 10 ms (USER_HZ is 100 on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/**
 * The CPU time the server process and its PostgreSQL connections use between start() and
 * stop(): on a machine shared with other work, a steadier measure of the cost of a request than
 * its latency. Figures are null where they cannot be read.
 */
export async function cpuMeter(config: Config, serverPid: number | undefined) {
  let backends: number[] = [];
  if (config.database.kind === 'postgres') {
    const client = new pg.Client({ connectionString: config.database.url });
    await client.connect();
    try {
      const rows = await client.query<{ pid: number }>(
        'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
      );
      backends = rows.rows.map((r) => r.pid);
    } finally {
      await client.end();
    }
  }
  const read = () => new Map([serverPid ?? -1, ...backends].map((pid) => [pid, cpuMs(pid)]));
  const start = read();
  return {
    /** CPU ms per request over `requests` requests since the meter was made. */
    perRequest(requests: number): { server: number | null; database: number | null } {
      const end = read();
      const used = (pid: number) => {
        const [a, b] = [start.get(pid), end.get(pid)];
        return a === null || a === undefined || b === null || b === undefined ? null : b - a;
      };
      const server = used(serverPid ?? -1);
      // A connection that closed in between is left out; one that stayed counts.
      const database = backends.map(used).filter((t) => t !== null);
      return {
        server: server === null ? null : round(server / requests),
        database: database.length === 0 ? null : round(database.reduce((a, b) => a + b, 0) / requests),
      };
    },
  };
}

/** Prints the table and writes the figures as JSON (to `out`, or a new file in bench-results/). */
export function report(rows: Row[], figures: Figures, out: string | undefined): number {
  const width = Math.max(...rows.map((r) => r[0].length));
  print('');
  for (const [name, value, note] of rows) print(`${name.padEnd(width)}  ${value.padStart(18)}  ${note}`);
  const file = out ?? `bench-results/bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), ...figures }, null, 2)}\n`);
  say(`Figures written to ${file}`);
  return 0;
}
