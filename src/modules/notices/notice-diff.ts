import type { Notice, NoticeItem, SectionId } from './notice-model.ts';

/** One item as a reader sees it, without the live settings that change between days, not versions. */
export interface DiffItem {
  key: string;
  text: string;
  details: string[];
}

export interface SectionDiff {
  id: SectionId;
  heading: string;
  added: DiffItem[];
  removed: DiffItem[];
  changed: Array<{ before: DiffItem; after: DiffItem }>;
}

export interface NoticeDiff {
  from: number;
  to: number;
  /** Only the sections with a difference, in the notice's order. */
  sections: SectionDiff[];
  /** Added, removed and changed items in all. */
  count: number;
}

const plain = (i: NoticeItem): DiffItem => ({ key: i.key, text: i.text, details: i.details });
const same = (a: DiffItem, b: DiffItem) =>
  a.text === b.text && a.details.length === b.details.length && a.details.every((d, i) => d === b.details[i]);

/**
 * The differences between two versions of a notice in the same language, section by section:
 * items are matched by their key (a purpose, a field, a retention rule), so an edited retention
 * rule is one changed item rather than one removed and one added. What the software enforces
 * ("enforcement", and each item's live notes) is not part of a version and is not compared.
 */
export function diffNotices(older: Notice, newer: Notice): NoticeDiff {
  const sections: SectionDiff[] = [];
  for (const section of newer.sections) {
    if (section.id === 'enforcement') continue;
    const before = new Map(
      (older.sections.find((s) => s.id === section.id)?.items ?? []).map((i) => [i.key, plain(i)] as const),
    );
    const after = new Map(section.items.map((i) => [i.key, plain(i)] as const));
    const added = [...after.values()].filter((i) => !before.has(i.key));
    const removed = [...before.values()].filter((i) => !after.has(i.key));
    const changed = [...after.values()].flatMap((a) => {
      const b = before.get(a.key);
      return b && !same(a, b) ? [{ before: b, after: a }] : [];
    });
    if (added.length || removed.length || changed.length)
      sections.push({ id: section.id, heading: section.heading, added, removed, changed });
  }
  return {
    from: older.version,
    to: newer.version,
    sections,
    count: sections.reduce((n, s) => n + s.added.length + s.removed.length + s.changed.length, 0),
  };
}
