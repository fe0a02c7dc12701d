import { LANGUAGES, type Language } from '../registers/localized.ts';
import type { DiffItem, NoticeDiff } from './notice-diff.ts';
import { noticeWords, type Notice, type NoticeItem } from './notice-model.ts';

/**
 * The public notice page: plain server-rendered HTML without scripts, like the unsubscribe and
 * request-form pages, so that it reads in any browser and prints as it is.
 */

export interface NoticeVersionEntry {
  version: number;
  /** YYYY-MM-DD in Finland. */
  publishedOn: string;
  /** The differences from the version before; null for the first. */
  diff: NoticeDiff | null;
}

export interface NoticePageOptions {
  /** Every version, any order. */
  versions: NoticeVersionEntry[];
  /** The version in force (the register's current version). */
  currentVersion: number;
  /** true: the permanent page of one version (/notices/{id}/versions/{n}), which shows its differences. */
  permanent: boolean;
}

export const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c as '&' | '<' | '>' | '"' | "'"],
  );
const e = escapeHtml;

export const noticePath = (registerId: string, version: number | null, lang: Language, format?: 'md' | 'pdf') =>
  `/notices/${registerId}${version === null ? '' : `/versions/${version}`}?lang=${lang}${format ? `&format=${format}` : ''}`;

const STYLE = `
      body { font-family: system-ui, sans-serif; margin: 0; color: #1a1a1a; background: #fff; line-height: 1.5; }
      header, main, footer { max-width: 46rem; margin: 0 auto; padding: 1rem; }
      nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 1rem; padding: 0; margin: 0; }
      a { color: #0b4f8a; }
      a:focus-visible { outline: 3px solid #0b4f8a; outline-offset: 2px; }
      h1 { line-height: 1.2; }
      h2 { margin-top: 2rem; border-top: 1px solid #767676; padding-top: 1rem; }
      .meta { color: #3d3d3d; }
      .toc ol { columns: 2; padding-left: 1.5rem; }
      ul.items > li { margin-bottom: 0.6rem; }
      ul.items > li > p { margin: 0; }
      ul.details { margin: 0.2rem 0 0; color: #3d3d3d; }
      .enforced { margin: 0.3rem 0 0; padding: 0.3rem 0.6rem; border-left: 4px solid #1b6e3a; background: #eef7f1; }
      table { border-collapse: collapse; width: 100%; }
      th, td { text-align: left; vertical-align: top; border-bottom: 1px solid #767676; padding: 0.4rem; }
      .diff h3 { margin-bottom: 0.2rem; }
      @media print { nav, .formats { display: none; } a { color: inherit; } }
`;

function itemHtml(i: NoticeItem, prefix: string): string {
  const details = i.details.length
    ? `<ul class="details">${i.details.map((d) => `<li>${e(d)}</li>`).join('')}</ul>`
    : '';
  const links = i.links.length
    ? `<p>${i.links.map((l) => `<a href="${e(l.href)}">${e(l.label)}</a>`).join(' · ')}</p>`
    : '';
  const enforced = i.enforced.map((x) => `<p class="enforced"><strong>${e(prefix)}</strong> ${e(x)}</p>`).join('');
  return `<li><p>${e(i.text)}</p>${details}${links}${enforced}</li>`;
}

const diffItemText = (i: DiffItem) => [i.text, ...i.details].join(' — ');

export function diffHtml(diff: NoticeDiff, lang: Language, headingLevel = 2): string {
  const w = noticeWords(lang);
  const h = `h${headingLevel}`;
  const sub = `h${headingLevel + 1}`;
  const body = diff.sections.length
    ? diff.sections
        .map((s) => {
          const parts: string[] = [];
          if (s.added.length)
            parts.push(
              `<p><strong>${e(w.added)}</strong></p><ul>${s.added.map((i) => `<li>${e(diffItemText(i))}</li>`).join('')}</ul>`,
            );
          if (s.removed.length)
            parts.push(
              `<p><strong>${e(w.removed)}</strong></p><ul>${s.removed.map((i) => `<li>${e(diffItemText(i))}</li>`).join('')}</ul>`,
            );
          if (s.changed.length)
            parts.push(
              `<p><strong>${e(w.changed)}</strong></p><ul>${s.changed
                .map(
                  (c) =>
                    `<li><p>${e(w.before)}: ${e(diffItemText(c.before))}</p><p>${e(w.after)}: ${e(diffItemText(c.after))}</p></li>`,
                )
                .join('')}</ul>`,
            );
          return `<${sub}>${e(s.heading)}</${sub}>${parts.join('')}`;
        })
        .join('\n')
    : `<p>${e(w.noChanges)}</p>`;
  return `<section class="diff" id="changes" aria-labelledby="changes-heading"><${h} id="changes-heading">${e(w.changesHeading(diff.from))}</${h}>${body}</section>`;
}

function versionsTable(notice: Notice, options: NoticePageOptions): string {
  const w = noticeWords(notice.lang);
  const rows = [...options.versions]
    .sort((a, b) => b.version - a.version)
    .map((v) => {
      const label = `${w.version(v.version)}${v.version === options.currentVersion ? ` (${w.currentLink.toLowerCase()})` : ''}`;
      const link =
        v.version === notice.version && options.permanent
          ? `<span aria-current="page">${e(label)}</span>`
          : `<a href="${e(noticePath(notice.registerId, v.version, notice.lang))}">${e(label)}</a>`;
      const changes = !v.diff
        ? w.firstVersion
        : v.diff.count === 0
          ? w.noChanges
          : w.changesCount(v.diff.count, v.diff.sections.map((s) => s.heading).join(', '));
      return `<tr><th scope="row">${link}</th><td>${e(w.date(v.publishedOn))}</td><td>${e(changes)}</td></tr>`;
    })
    .join('');
  return `<section aria-labelledby="versions-heading">
      <h2 id="versions-heading">${e(w.versions)}</h2>
      <table><caption>${e(w.versionsCaption)}</caption>
        <thead><tr><th scope="col">${e(w.versionColumn)}</th><th scope="col">${e(w.dateColumn)}</th><th scope="col">${e(w.changesColumn)}</th></tr></thead>
        <tbody>${rows}</tbody>
      </table>
    </section>`;
}

/** The notice of one version as a whole page in its language. */
export function renderNoticePage(notice: Notice, options: NoticePageOptions): string {
  const w = noticeWords(notice.lang);
  const lang = notice.lang;
  const self = options.permanent ? notice.version : null;
  const languages = LANGUAGES.map((l) =>
    l === lang
      ? `<li><span aria-current="true" lang="${l}">${l.toUpperCase()}</span></li>`
      : `<li><a href="${e(noticePath(notice.registerId, self, l))}" lang="${l}" hreflang="${l}">${l.toUpperCase()}</a></li>`,
  ).join('');
  const entry = options.versions.find((v) => v.version === notice.version);
  const diff = options.permanent && entry?.diff ? diffHtml(entry.diff, lang) : '';
  const toc = notice.sections
    .map((s) => `<li><a href="#${s.id}">${e(s.heading)}</a></li>`)
    .concat(diff ? [`<li><a href="#changes">${e(w.changesLink)}</a></li>`] : [])
    .join('');
  const sections = notice.sections
    .map(
      (s) => `
      <section aria-labelledby="${s.id}">
        <h2 id="${s.id}">${e(s.heading)}</h2>
        ${s.intro.map((p) => `<p>${e(p)}</p>`).join('')}
        ${s.items.length ? `<ul class="items">${s.items.map((i) => itemHtml(i, w.enforcement.enforcedPrefix)).join('')}</ul>` : ''}
      </section>`,
    )
    .join('');
  const permanentHref = noticePath(notice.registerId, notice.version, lang);
  const linkLine = options.permanent
    ? notice.version === options.currentVersion
      ? ''
      : `<p><a href="${e(noticePath(notice.registerId, null, lang))}">${e(w.currentLink)}</a></p>`
    : `<p>${e(w.permanentLink)}: <a href="${e(permanentHref)}">${e(w.version(notice.version))}</a></p>`;

  return `<!doctype html>
<html lang="${lang}">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="referrer" content="no-referrer">
    <title>${e(notice.title)} – ${e(w.version(notice.version))}</title>
    <style>${STYLE}</style>
  </head>
  <body>
    <header>
      <nav aria-label="${e(w.language)}"><ul>${languages}</ul></nav>
    </header>
    <main>
      <h1>${e(notice.title)}</h1>
      <p class="meta">${e(notice.controllerName)} · ${e(w.version(notice.version))} · ${e(w.published)} ${e(w.date(notice.publishedOn))}</p>
      ${linkLine}
      <p class="formats">${e(w.formats)}: <a href="${e(noticePath(notice.registerId, notice.version, lang, 'md'))}">${e(w.markdown)}</a> · <a href="${e(noticePath(notice.registerId, notice.version, lang, 'pdf'))}">${e(w.pdf)}</a></p>
      <nav class="toc" aria-labelledby="toc-heading"><h2 id="toc-heading">${e(w.contents)}</h2><ol>${toc}</ol></nav>
      ${diff}
      ${sections}
      ${versionsTable(notice, options)}
    </main>
  </body>
</html>`;
}

export function renderNoticeNotFound(lang: Language): string {
  const w = noticeWords(lang);
  return `<!doctype html>
<html lang="${lang}">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="robots" content="noindex">
    <title>${e(w.notFound)}</title>
    <style>${STYLE}</style>
  </head>
  <body>
    <main>
      <h1>${e(w.notFound)}</h1>
      <p>${e(w.notFoundBody)}</p>
    </main>
  </body>
</html>`;
}
