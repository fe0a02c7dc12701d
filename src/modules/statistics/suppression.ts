/**
 * Small-group suppression (k-anonymity) for tables of counts that are margins of one another.
 *
 * A cell is hidden when fewer than k distinct customers are behind it (primary suppression). A
 * hidden cell could still be worked out by subtraction: the customers by month add up to the same
 * total as the customers by postal area, and a row of the month × area table adds up to that
 * month. So in every line whose sum can be known (a whole one-way table, a row or a column of the
 * two-way table), the hidden cells together must stand for at least k distinct customers; when
 * they do not, the smallest cell still shown in that line is hidden too (secondary suppression),
 * until nothing changes. One shown cell already has k customers, so one more is always enough.
 */

export interface Cell {
  /** Distinct customers behind the cell. */
  customers: number;
  /** Their ids when fewer than k (to tell how many distinct people hidden cells stand for together); never answered. */
  small: readonly string[] | null;
}

/** The cells to hide, given the lines whose sums are known or can be worked out. */
export function suppress<C extends Cell>(cells: readonly C[], lines: ReadonlyArray<readonly C[]>, k: number): Set<C> {
  const hidden = new Set(cells.filter((c) => c.customers < k));
  const enough = (line: readonly C[]) => {
    const people = new Set<string>();
    for (const c of line) {
      if (!hidden.has(c)) continue;
      if (c.customers >= k || !c.small) return true;
      for (const id of c.small) people.add(id);
    }
    return people.size === 0 || people.size >= k;
  };
  for (let changed = true; changed;) {
    changed = false;
    for (const line of lines) {
      if (enough(line)) continue;
      const next = line.filter((c) => !hidden.has(c)).sort((a, b) => a.customers - b.customers)[0];
      if (!next) continue;
      hidden.add(next);
      changed = true;
    }
  }
  return hidden;
}

/** Groups cells into lines by a key (the month of a row, the area of a column). */
export function linesBy<C>(cells: readonly C[], key: (c: C) => string): C[][] {
  const lines = new Map<string, C[]>();
  for (const c of cells) {
    const k = key(c);
    lines.set(k, [...(lines.get(k) ?? []), c]);
  }
  return [...lines.values()];
}
