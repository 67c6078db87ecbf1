import type { LogStore } from './logStore';

/** A stack trace with more continuation lines than this starts collapsed to its first line. */
export const EXPANDED_MAX_LINES = 5;

export interface FoldedRows {
  /** store rows to list: the filtered rows without the continuation rows of collapsed groups */
  rows: Int32Array;
  /** positions in `rows` of search matches (a match inside a collapsed group is not listed) */
  matches: Int32Array;
  /**
   * per position in `rows`: the number of continuation rows of a group's head (> 0), -1 for a continuation row,
   * 0 for a line of its own; undefined when no group has continuation rows
   */
  sizes?: Int32Array;
  /** per position in `rows`: whether the group headed there is expanded (heads only) */
  expanded?: Uint8Array;
}

/**
 * Whether a group starts expanded: short traces (at most EXPANDED_MAX_LINES continuation lines) do, and so does
 * any trace with a search match, so matches are never hidden until the reader collapses them.
 */
function expandedByDefault(more: number, hasMatch: boolean): boolean {
  return more <= EXPANDED_MAX_LINES || hasMatch;
}

/**
 * Folds the filtered rows into groups: finds each listed row's group (a continuation row belongs to the latest
 * group of its source), counts continuation rows per head, and leaves out the continuation rows of collapsed
 * groups. `toggled` holds the reader's choice by the head's seq (true: expanded), so it survives new lines.
 */
export function foldRows(
  store: LogStore,
  rows: Int32Array,
  matches: Int32Array,
  toggled: ReadonlyMap<number, boolean>
): FoldedRows {
  const n = rows.length;
  const { heads, sources, dropped, seqs } = store;
  // per source (small integers): the head of its latest group listed, and where that group's first row is
  const lastHead = new Float64Array(store.sourceTable.size + 1).fill(NaN);
  const lastPos = new Int32Array(store.sourceTable.size + 1);
  let repPos: Int32Array | undefined;
  let sizes: Int32Array | undefined;
  for (let p = 0; p < n; p++) {
    const r = rows[p];
    const head = heads[r];
    const source = sources[r];
    if (head !== dropped + r && lastHead[source] === head) {
      if (!sizes) {
        sizes = new Int32Array(n);
        repPos = new Int32Array(n);
        for (let q = 0; q < p; q++) {
          repPos[q] = q;
        }
      }
      const at = lastPos[source];
      sizes[at]++;
      sizes[p] = -1;
      repPos![p] = at;
    } else {
      // a head, or the first listed row of a group whose head is not held: it stands for the group
      lastHead[source] = head;
      lastPos[source] = p;
      if (repPos) {
        repPos[p] = p;
      }
    }
  }
  if (!sizes || !repPos) {
    return { rows, matches };
  }
  const hasMatch = new Uint8Array(n);
  for (let k = 0; k < matches.length; k++) {
    hasMatch[repPos[matches[k]]] = 1;
  }
  const expanded = new Uint8Array(n);
  for (let p = 0; p < n; p++) {
    if (sizes[p] > 0) {
      expanded[p] = Number(toggled.get(seqs[rows[p]]) ?? expandedByDefault(sizes[p], hasMatch[p] === 1));
    }
  }
  const outRows = new Int32Array(n);
  const outSizes = new Int32Array(n);
  const outExpanded = new Uint8Array(n);
  const newPos = new Int32Array(n);
  let m = 0;
  for (let p = 0; p < n; p++) {
    if (sizes[p] === -1 && !expanded[repPos[p]]) {
      newPos[p] = -1;
      continue;
    }
    newPos[p] = m;
    outRows[m] = rows[p];
    outSizes[m] = sizes[p];
    outExpanded[m] = expanded[p];
    m++;
  }
  const outMatches: number[] = [];
  for (let k = 0; k < matches.length; k++) {
    const at = newPos[matches[k]];
    if (at >= 0) {
      outMatches.push(at);
    }
  }
  return {
    rows: m === n ? rows : outRows.subarray(0, m),
    matches: Int32Array.from(outMatches),
    sizes: outSizes.subarray(0, m),
    expanded: outExpanded.subarray(0, m),
  };
}

/** The store rows of the group headed (or stood for) by store row `row`, in order: what copying a head copies. */
export function groupMembers(store: LogStore, row: number): number[] {
  const { heads, sources } = store;
  const head = heads[row];
  const source = sources[row];
  const out = [row];
  // a source's rows of one group are consecutive among that source's rows: stop at its first row outside it
  for (let j = row + 1; j < store.length; j++) {
    if (sources[j] !== source) {
      continue;
    }
    if (heads[j] !== head) {
      break;
    }
    out.push(j);
  }
  return out;
}
