import { writeFileSync } from 'node:fs';
import type { Config } from '../config.ts';
import { LANGUAGES, type Language } from '../modules/registers/localized.ts';
import { noticePath, renderNoticePage } from '../modules/notices/notice-html.ts';
import { renderNoticeMarkdown } from '../modules/notices/notice-markdown.ts';
import { renderNoticePdf } from '../modules/notices/notice-pdf.ts';
import { noticeService } from '../modules/notices/notice.service.ts';
import { pathId } from '../http/ids.ts';
import { openRuntime } from '../runtime.ts';
import { parse, required, UsageError } from './args.ts';
import { say } from './io.ts';

const USAGE = 'notice render --register ID [--version N] [--lang fi|sv|en] [--format html|md|pdf] [--out FILE]';
const FORMATS = ['html', 'md', 'pdf'] as const;

/**
 * `omadata notice render`: the register's privacy notice (the version in force, or --version N)
 * to standard output or to --out FILE, in Finnish unless --lang says otherwise, as Markdown
 * unless --format says otherwise. Links are absolute, to PUBLIC_URL.
 */
export async function noticeCommand(argv: string[], config: Config): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'render') throw new UsageError(USAGE);
  const { values } = parse(rest, {
    register: { type: 'string' },
    version: { type: 'string' },
    lang: { type: 'string', default: 'fi' },
    format: { type: 'string', default: 'md' },
    out: { type: 'string' },
  });
  const registerId = pathId(required(values.register, 'register'), 'Register');
  const lang = values.lang as Language;
  if (!LANGUAGES.includes(lang)) throw new UsageError('--lang must be fi, sv or en');
  const format = values.format as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) throw new UsageError('--format must be html, md or pdf');
  let version: number | null = null;
  if (values.version !== undefined) {
    if (!/^[1-9]\d{0,8}$/.test(values.version)) throw new UsageError('--version must be a version number, e.g. 2');
    version = Number(values.version);
  }

  const runtime = await openRuntime(config, { owner: 'notice render' });
  let output: string | Buffer;
  let shown: number;
  try {
    const loaded = await noticeService(runtime.database.db).load(registerId, version, lang, config.publicUrl);
    const { notice } = loaded;
    shown = notice.version;
    const url = `${config.publicUrl.replace(/\/+$/, '')}${noticePath(registerId, notice.version, lang)}`;
    const diff = version === null ? null : loaded.diff;
    output =
      format === 'html'
        ? renderNoticePage(notice, {
            versions: loaded.versions,
            currentVersion: loaded.currentVersion,
            permanent: version !== null,
          })
        : format === 'md'
          ? renderNoticeMarkdown(notice, { url, diff })
          : await renderNoticePdf(notice, { url, diff });
  } finally {
    await runtime.close();
  }
  if (values.out) {
    writeFileSync(values.out, output);
    say(`Wrote version ${shown} of the notice (${lang}, ${format}) to ${values.out}`);
  } else {
    await new Promise<void>((resolve, reject) =>
      process.stdout.write(output, (error) => (error ? reject(error) : resolve())),
    );
  }
  return 0;
}
