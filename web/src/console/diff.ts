/** A line diff of two texts (longest common subsequence), for comparing description versions. */

export type DiffLine =
  | { kind: 'same'; text: string; oldLine: number; newLine: number }
  | { kind: 'removed'; text: string; oldLine: number }
  | { kind: 'added'; text: string; newLine: number };

export function diffLines(before: string, after: string): DiffLine[] {
  const a = before.split('\n');
  const b = after.split('\n');
  // Common head and tail need no table: descriptions mostly change in a few places.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const n = endA - start;
  const m = endB - start;
  // lcs[i][j]: length of the common subsequence of a[start+i..endA) and b[start+j..endB)
  const width = m + 1;
  // Beyond ~25 million cells (two wholly different 5000-line texts) the table is too big: the
  // middle is then shown as removed and added, which is still true, just not minimal.
  const lcs = new Uint32Array(n * m > 25_000_000 ? 0 : (n + 1) * width);
  for (let i = lcs.length > 0 ? n - 1 : -1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] =
        a[start + i] === b[start + j]
          ? (lcs[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(lcs[(i + 1) * width + j] ?? 0, lcs[i * width + j + 1] ?? 0);
    }
  }
  const out: DiffLine[] = [];
  for (let k = 0; k < start; k++) out.push({ kind: 'same', text: a[k] ?? '', oldLine: k + 1, newLine: k + 1 });
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    const ai = a[start + i];
    const bj = b[start + j];
    if (i < n && j < m && ai === bj) {
      out.push({ kind: 'same', text: ai ?? '', oldLine: start + i + 1, newLine: start + j + 1 });
      i++;
      j++;
    } else if (i < n && (j === m || (lcs[(i + 1) * width + j] ?? 0) >= (lcs[i * width + j + 1] ?? 0))) {
      out.push({ kind: 'removed', text: ai ?? '', oldLine: start + i + 1 });
      i++;
    } else {
      out.push({ kind: 'added', text: bj ?? '', newLine: start + j + 1 });
      j++;
    }
  }
  for (let k = 0; k < a.length - endA; k++) {
    out.push({ kind: 'same', text: a[endA + k] ?? '', oldLine: endA + k + 1, newLine: endB + k + 1 });
  }
  return out;
}

export type Hunk = { kind: 'lines'; lines: DiffLine[] } | { kind: 'skipped'; count: number };

/** Changed lines with `context` unchanged lines around them; longer unchanged runs are folded. */
export function foldUnchanged(lines: DiffLine[], context = 3): Hunk[] {
  const keep = lines.map(() => false);
  lines.forEach((line, index) => {
    if (line.kind === 'same') return;
    for (let k = Math.max(0, index - context); k <= Math.min(lines.length - 1, index + context); k++) keep[k] = true;
  });
  const hunks: Hunk[] = [];
  let skipped = 0;
  lines.forEach((line, index) => {
    if (keep[index]) {
      if (skipped) hunks.push({ kind: 'skipped', count: skipped });
      skipped = 0;
      const last = hunks.at(-1);
      if (last?.kind === 'lines') last.lines.push(line);
      else hunks.push({ kind: 'lines', lines: [line] });
    } else {
      skipped++;
    }
  });
  if (skipped) hunks.push({ kind: 'skipped', count: skipped });
  return hunks;
}
