import type { NoticeDiff } from './notice-diff.ts';
import { noticeWords, type Notice } from './notice-model.ts';

/** Characters that would start markup in running text (CommonMark). */
const md = (s: string) => s.replace(/([\\`*_[\]<>#|])/g, '\\$1').replace(/\s*\n\s*/g, ' ');

/**
 * The notice as Markdown (CommonMark), for a merchant's own site or repository. Links are
 * absolute: the caller builds the notice with absolute links (noticeLinks(publicUrl, …)).
 */
export function renderNoticeMarkdown(notice: Notice, options: { url?: string; diff?: NoticeDiff | null } = {}): string {
  const w = noticeWords(notice.lang);
  const out: string[] = [
    `# ${md(notice.title)}`,
    '',
    `${md(notice.controllerName)} · ${md(w.version(notice.version))} · ${md(w.published)} ${md(w.date(notice.publishedOn))}`,
    '',
  ];
  if (options.url) out.push(`${md(w.permanentLink)}: <${options.url}>`, '');
  for (const section of notice.sections) {
    out.push(`## ${md(section.heading)}`, '');
    for (const p of section.intro) out.push(md(p), '');
    for (const item of section.items) {
      out.push(`- ${md(item.text)}`);
      for (const d of item.details) out.push(`  - ${md(d)}`);
      for (const l of item.links) if (!item.text.includes(l.href)) out.push(`  - [${md(l.label)}](<${l.href}>)`);
      for (const x of item.enforced) out.push(`  - **${md(w.enforcement.enforcedPrefix)}** ${md(x)}`);
    }
    if (section.items.length) out.push('');
  }
  if (options.diff) {
    out.push(`## ${md(w.changesHeading(options.diff.from))}`, '');
    if (options.diff.sections.length === 0) out.push(md(w.noChanges), '');
    for (const s of options.diff.sections) {
      out.push(`### ${md(s.heading)}`, '');
      for (const i of s.added) out.push(`- ${md(w.added)}: ${md([i.text, ...i.details].join(' — '))}`);
      for (const i of s.removed) out.push(`- ${md(w.removed)}: ${md([i.text, ...i.details].join(' — '))}`);
      for (const c of s.changed) {
        out.push(`- ${md(w.changed)}:`);
        out.push(`  - ${md(w.before)}: ${md([c.before.text, ...c.before.details].join(' — '))}`);
        out.push(`  - ${md(w.after)}: ${md([c.after.text, ...c.after.details].join(' — '))}`);
      }
      out.push('');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}
