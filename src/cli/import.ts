import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { finished } from 'node:stream/promises';
import cliProgress from 'cli-progress';
import type { Config } from '../config.ts';
import { importCustomers } from '../modules/imports/import.service.ts';
import { openRuntime } from '../runtime.ts';
import { parse, required, UsageError } from './args.ts';
import { print, say } from './io.ts';

export async function importCommand(argv: string[], config: Config): Promise<number> {
  const { values, positionals } = parse(argv, { register: { type: 'string' }, rejects: { type: 'string' } }, true);
  const registerId = required(values.register, 'register');
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError('import --register ID FILE');
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    say(`Cannot read ${file}`);
    return 1;
  }
  const rejectsPath = values.rejects ?? `${file}.rejected.csv`;
  const runtime = await openRuntime(config, { owner: 'import' });
  const rejects = createWriteStream(rejectsPath, { mode: 0o600 });
  const bar = process.stderr.isTTY
    ? new cliProgress.SingleBar(
        {
          format: 'Importing [{bar}] {percentage}% | {rows} rows | {eta_formatted} left',
          stream: process.stderr,
          hideCursor: true,
        },
        cliProgress.Presets.shades_classic,
      )
    : null;
  bar?.start(size, 0, { rows: 0 });
  try {
    const report = await importCustomers({
      database: runtime.database,
      secretBox: runtime.secretBox,
      registerId,
      fileName: basename(file),
      input: createReadStream(file),
      rejects,
      onProgress: ({ rows, bytes }) => bar?.update(bytes, { rows }),
    });
    bar?.update(size, { rows: report.rows });
    bar?.stop();
    rejects.end();
    await finished(rejects);
    say(`Format: ${report.format}`);
    say(
      `Rows: ${report.rows} · new customers: ${report.inserted} · updated: ${report.updated} · rejected: ${report.rejected}`,
    );
    if (report.rejected > 0) say(`Rejected rows with reasons: ${rejectsPath}`);
    if (report.undeclaredFields.length > 0) {
      say(`Not stored (the register description does not declare them): ${report.undeclaredFields.join(', ')}`);
    }
    if (report.ignoredColumns.length > 0) say(`Columns Omadata does not read: ${report.ignoredColumns.join(', ')}`);
    print(report.importId);
    return 0;
  } finally {
    bar?.stop();
    if (!rejects.closed) rejects.end();
    await runtime.close();
  }
}
