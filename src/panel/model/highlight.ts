import type { Matcher, Range } from './search';

export type { Range };

/** Enough for any line a person reads; a pathological one stops here instead of building huge arrays. */
export const MAX_RANGES = 1000;

/** Every non-empty match of the search in text (at most MAX_RANGES). */
export function matchRanges(text: string, matcher: Matcher | undefined): Range[] {
  return matcher ? matcher.ranges(text, MAX_RANGES) : [];
}

export interface Segment<T> {
  text: string;
  /** the data of the run this text came from */
  data: T;
  highlighted: boolean;
}

/**
 * Cuts styled runs (whose texts join to the line) at match boundaries, so highlights can cross colour changes
 * and colours can change inside a highlight.
 */
export function splitRuns<T>(runs: ReadonlyArray<{ text: string; data: T }>, ranges: Range[]): Array<Segment<T>> {
  if (ranges.length === 0) {
    return runs.map((r) => ({ text: r.text, data: r.data, highlighted: false }));
  }
  const out: Array<Segment<T>> = [];
  let offset = 0;
  let r = 0;
  for (const run of runs) {
    const end = offset + run.text.length;
    let pos = offset;
    while (pos < end) {
      while (r < ranges.length && ranges[r][1] <= pos) {
        r++;
      }
      const range = ranges[r];
      if (!range || range[0] >= end) {
        out.push({ text: run.text.slice(pos - offset), data: run.data, highlighted: false });
        pos = end;
      } else if (range[0] > pos) {
        out.push({ text: run.text.slice(pos - offset, range[0] - offset), data: run.data, highlighted: false });
        pos = range[0];
      } else {
        const stop = Math.min(range[1], end);
        out.push({ text: run.text.slice(pos - offset, stop - offset), data: run.data, highlighted: true });
        pos = stop;
      }
    }
    offset = end;
  }
  return out;
}
