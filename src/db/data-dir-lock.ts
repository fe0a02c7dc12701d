import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export interface DataDirLock {
  release(): void;
}

export class DataDirBusyError extends Error {
  constructor(
    public readonly dataDir: string,
    public readonly pid: number,
    public readonly owner: string,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by process ${pid} (omadata ${owner}). ` +
        'The embedded database serves one process at a time: stop that process first, ' +
        'or point DATABASE_URL at PostgreSQL to run several.',
    );
    this.name = 'DataDirBusyError';
  }
}

/**
 * PGlite keeps the whole database in one process's memory and writes it back to DATA_DIR;
 * two processes on one directory would overwrite each other's work. The lock file names the
 * holder so that a second process can refuse with a useful message, and a holder that died
 * (its pid is gone) does not block the next start.
 */
export function acquireDataDirLock(dataDir: string, owner: string): DataDirLock {
  const path = join(dataDir, 'omadata.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, JSON.stringify({ pid: process.pid, owner, startedAt: new Date().toISOString() }));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          const held = JSON.parse(readFileSync(path, 'utf8')) as { pid?: number };
          if (held.pid === process.pid) rmSync(path, { force: true });
        } catch {
          // Already gone.
        }
      };
      process.once('exit', release);
      return { release };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let holder: { pid?: number; owner?: string } = {};
      try {
        holder = JSON.parse(readFileSync(path, 'utf8')) as typeof holder;
      } catch {
        // A lock file being written right now, or a torn one: treat as stale below if no pid.
      }
      if (holder.pid && isAlive(holder.pid)) {
        throw new DataDirBusyError(dataDir, holder.pid, holder.owner ?? 'unknown');
      }
      rmSync(path, { force: true });
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
