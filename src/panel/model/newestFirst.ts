import type { FoldedRows } from './traceFolds';

/**
 * The listed rows newest first. Entries are reversed, not rows: a stack trace's frames stay under its first
 * line, in their order. A continuation row (size -1) belongs to the latest entry of its source listed before it
 * (as foldRows found it); `sourceOf` gives a store row's source.
 */
export function newestFirst(folded: FoldedRows, sourceOf: (row: number) => number): FoldedRows {
  const { rows, matches, sizes, expanded } = folded;
  const n = rows.length;
  const order = new Int32Array(n);
  if (!sizes) {
    for (let p = 0; p < n; p++) {
      order[p] = n - 1 - p;
    }
  } else {
    // each entry's continuation rows as a linked list, in order
    const firstMember = new Int32Array(n).fill(-1);
    const lastMember = new Int32Array(n).fill(-1);
    const nextMember = new Int32Array(n).fill(-1);
    const isMember = new Uint8Array(n);
    const latest = new Map<number, number>();
    for (let p = 0; p < n; p++) {
      const source = sourceOf(rows[p]);
      const rep = latest.get(source);
      if (sizes[p] === -1 && rep !== undefined) {
        if (lastMember[rep] < 0) {
          firstMember[rep] = p;
        } else {
          nextMember[lastMember[rep]] = p;
        }
        lastMember[rep] = p;
        isMember[p] = 1;
      } else {
        latest.set(source, p);
      }
    }
    let m = 0;
    for (let p = n - 1; p >= 0; p--) {
      if (isMember[p]) {
        continue;
      }
      order[m++] = p;
      for (let q = firstMember[p]; q >= 0; q = nextMember[q]) {
        order[m++] = q;
      }
    }
  }
  const position = new Int32Array(n);
  const outRows = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    outRows[k] = rows[order[k]];
    position[order[k]] = k;
  }
  const outMatches = Int32Array.from(matches, (p) => position[p]).sort();
  return {
    rows: outRows,
    matches: outMatches,
    sizes: sizes && Int32Array.from(order, (p) => sizes[p]),
    expanded: expanded && Uint8Array.from(order, (p) => expanded[p]),
  };
}
