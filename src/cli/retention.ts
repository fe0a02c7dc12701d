import type { Config } from '../config.ts';
import { sweepAll, type SweepReport } from '../modules/retention/sweep.service.ts';
import { openRuntime } from '../runtime.ts';
import { parse, UsageError } from './args.ts';
import { print, say } from './io.ts';

const SHOWN = 20;

/** `omadata retention run [--dry-run] [--register ID] [--as-of ISO] [--json]` */
export async function retentionCommand(argv: string[], config: Config): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'run') throw new UsageError('retention run [--dry-run] [--register ID] [--as-of DATE] [--json]');
  const { values } = parse(rest, {
    'dry-run': { type: 'boolean', default: false },
    register: { type: 'string' },
    'as-of': { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  const asOf = values['as-of'] ? new Date(values['as-of']) : new Date();
  if (Number.isNaN(asOf.getTime())) throw new UsageError('--as-of must be a date or time, e.g. 2027-01-31');
  const dryRun = !!values['dry-run'];
  const runtime = await openRuntime(config, { owner: 'retention' });
  try {
    const results = await sweepAll(runtime.database, runtime.secretBox, {
      asOf,
      dryRun,
      ...(values.register ? { registerId: values.register } : {}),
    });
    if (values.json) {
      print(JSON.stringify(results, null, 2));
    } else {
      say(`${dryRun ? 'Dry run: nothing is changed.' : 'Retention sweep'} as of ${asOf.toISOString()}`);
      for (const r of results) {
        if ('error' in r) {
          print(`register ${r.registerId}: FAILED: ${r.error}`);
          continue;
        }
        printReport(r, dryRun);
      }
    }
    return results.some((r) => 'error' in r) ? 1 : 0;
  } finally {
    await runtime.close();
  }
}

function printReport(r: SweepReport, dryRun: boolean) {
  const verb = dryRun ? 'would be' : 'were';
  print(`register ${r.registerId}`);
  print(`  ${r.erased.count} customers ${verb} erased (retention ran out)`);
  for (const e of r.erased.items.slice(0, SHOWN)) {
    print(`    ${e.subjectId}: deleted ${e.deleted.join(', ') || '–'}; kept ${e.kept.join(', ') || '–'}`);
  }
  if (r.erased.count > SHOWN) print(`    … and ${r.erased.count - SHOWN} more`);
  print(`  ${r.held.count} customers kept by a hold`);
  for (const h of r.held.items.slice(0, SHOWN)) print(`    ${h.subjectId}: ${h.kinds.join(', ')} until ${h.until}`);
  print(
    `  ${r.orders.count} orders ${verb} deleted${r.orders.count ? `: ${r.orders.items.slice(0, SHOWN).join(', ')}` : ''}`,
  );
  print(`  ${r.retained.count} kept values ${verb} deleted (their date passed)`);
  for (const f of r.fields) print(`  ${f.field} ${verb} cleared from ${f.count} customers (its own rule is shorter)`);
}
