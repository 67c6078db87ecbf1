import { type FieldFilter, passesFieldFilters } from './fieldFilters';
import { CONTINUATION, Deduper, type DedupRows, PLAIN, type RowKind, UNIQUE } from './dedup';
import type { DedupMode } from './dedupKeys';
import { IntColumn, lowerBound } from './intColumn';
import { LEVEL_COUNT } from './levels';
import { lineFields } from './lineFields';
import type { Compilers, Matcher, Range } from './search';
import { inWindow, sameWindow, type TimeWindow } from './timeWindow';
import { type Volume, VolumeCounts } from './volume';

export { lowerBound } from './intColumn';

/**
 * Search, exclude, level and source filters with level counts, over rows that keep arriving. Pure and
 * resumable: the panel runs it in a Web Worker (tools: `logs.worker.ts`), or on the main thread in slices of a
 * few milliseconds where no worker can start. Rows are named by absolute index (the store's dropped count plus
 * the index held), so results stay meaningful while the store appends and drops.
 *
 * Stack traces are groups (a head row and its continuation rows, LogStore.heads) kept together: a group is shown
 * when its head passes the source, exclude and level filters (continuation rows share the head's source and
 * level), and with "only matching" when any of its rows matches the search; only the rows that match are in
 * `matches`. Level counts count groups, once at the head: 40 frames under an error are one error.
 *
 * Deduplication (dedup.ts) runs last, over the rows that pass: adjacent duplicates are listed once with a
 * count. Level counts and matches are not deduplicated (they count entries that pass the filters).
 */

/** What the reader asked for. Patterns arrive already checked by the main thread (the last valid ones). */
export interface FilterSpec {
  search: string;
  exclude: string[];
  regex: boolean;
  caseSensitive: boolean;
  /** drop lines that do not match the search */
  onlyMatching: boolean;
  /** by level index; true hides the level */
  hiddenLevels: boolean[];
  /** by source index; true hides the source */
  hiddenSources: boolean[];
  /** collapse adjacent duplicates among the rows that pass; absent: none */
  dedup?: DedupMode;
  /**
   * field filters from the log details (fieldFilters.ts), tested on a group's head line; absent or empty: none.
   * Like exclude patterns they never hide a marker row.
   */
  fields?: FieldFilter[];
  /** by label set index (RowsDelta.labelSets); true hides the stream's rows, as a hidden source does */
  hiddenLabelSets?: boolean[];
  /**
   * the label filters hide rows whose frame carries no stream labels (a flattened Elasticsearch document):
   * "filter for app=web" keeps only lines with app=web, and these have none
   */
  hideUnlabelled?: boolean;
  /** nav: only entries whose (head's) time is in this range; absent: every time (model/timeWindow.ts) */
  timeWindow?: TimeWindow;
}

export const NO_FILTER: FilterSpec = {
  search: '',
  exclude: [],
  regex: false,
  caseSensitive: false,
  onlyMatching: false,
  hiddenLevels: [],
  hiddenSources: [],
};

/** New rows from the store: every held row from `from` on is replaced by these. */
export interface RowsDelta {
  /** the store's generation: a new one means everything held before is gone */
  generation: number;
  /** absolute index of texts[0] */
  from: number;
  /** the line text without terminal escapes */
  texts: string[];
  levels: number[];
  sources: number[];
  /** absolute index of each row's group head (itself for a line of its own); absent: every row is its own */
  heads?: number[];
  /** absolute index of the oldest row the store still holds */
  dropped: number;
  /** each row's label set (LogStore.labelSets); absent: none */
  labelSets?: number[];
  /**
   * label sets of marker streams (restart markers, pod events): their rows pass the level and source filters by
   * their own level and source, and are never hidden by search, exclude patterns or field filters
   */
  markerSets?: number[];
  /** nav: each row's time (ms, NaN without one), for the time range and the volume; absent: NaN for all */
  times?: number[];
}

export interface FilterResult {
  generation: number;
  /** the filter these rows answer (FilterEngine.setFilter's id) */
  filterId: number;
  /** the last delta applied (its sequence number as the caller counted them) */
  deltaSeq: number;
  /** absolute indices of the rows shown, oldest first (with dedup, the first row of each run of duplicates) */
  rows: Int32Array;
  /** with dedup: per row, the size of its run (1 for a row without duplicates) */
  duplicates?: Int32Array;
  /** with dedup: per row, the absolute index of its run's last row (the row itself without duplicates) */
  lastDuplicates?: Int32Array;
  /** absolute indices of the shown rows that match the search, oldest first */
  matches: Int32Array;
  /**
   * groups (a stack trace with the line that starts it, or a line of its own) per level that pass every filter
   * but the level filter, so hidden levels keep a count
   */
  levelCounts: Int32Array;
  /** rows examined so far and rows held: a scan in progress has scanned < held */
  scanned: number;
  held: number;
  /** why the newest search or exclude pattern does not compile; the last valid one stays applied */
  error?: string;
  /** nav: entries per level over time, over every row held (whatever the filters); undefined without times */
  volume?: Volume;
}

/** Bits of a tested row; 0 means not tested under the current search and exclude. */
const TESTED = 1;
const EXCLUDED = 2;
const HIT = 4;
/** Group heads passing source, exclude and "only matching": counted in levelCounts. */
const COUNTED = 8;
/** On a group's head: some row of the group scanned so far matches the search. */
const GROUP_HIT = 16;
/** On a group's head: a continuation row of it was scanned (the head of a stack trace, never deduplicated). */
const HAS_FRAMES = 32;

/** How often a scan looks at the clock: every this many rows, or sooner after this many characters. */
const CLOCK_ROWS = 256;
const CLOCK_CHARS = 256 * 1024;

function sameList(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Whether two specs differ only in their dedup mode (no new scan needed, only a new dedup pass). */
function onlyDedupDiffers(a: FilterSpec, b: FilterSpec): boolean {
  return (
    a.search === b.search &&
    a.regex === b.regex &&
    a.caseSensitive === b.caseSensitive &&
    a.onlyMatching === b.onlyMatching &&
    sameList(a.exclude, b.exclude) &&
    sameList(a.hiddenLevels, b.hiddenLevels) &&
    sameList(a.hiddenSources, b.hiddenSources) &&
    sameList(a.fields ?? [], b.fields ?? []) &&
    sameList(a.hiddenLabelSets ?? [], b.hiddenLabelSets ?? []) &&
    Boolean(a.hideUnlabelled) === Boolean(b.hideUnlabelled) &&
    sameWindow(a.timeWindow, b.timeWindow)
  );
}

export class FilterEngine implements DedupRows {
  private generation = -1;
  /** absolute index of texts[0] */
  private base = 0;
  private texts: string[] = [];
  private levels = new IntColumn();
  private sources = new IntColumn();
  private flags = new IntColumn();
  private heads = new IntColumn();
  private labelSets = new IntColumn();
  /** by label set index: true for a marker stream */
  private markerSets: boolean[] = [];
  /** nav: row times (ms; NaN without one), parallel to texts */
  private times: number[] = [];
  /** nav: entries per level over time, kept as rows come and go */
  private readonly volume = new VolumeCounts();
  /** groups whose head was dropped: the old head's index to the group's first row still held, which stands for it */
  private orphans = new Map<number, number>();
  /** absolute index of the next row to examine */
  private next = 0;
  private rows = new IntColumn();
  private matches = new IntColumn();
  private levelCounts = new Int32Array(LEVEL_COUNT);
  private readonly dedup = new Deduper();

  private spec: FilterSpec = NO_FILTER;
  private filterId = 0;
  private deltaSeq = 0;
  private search?: Matcher;
  private exclude?: Matcher;
  private error?: string;

  constructor(private readonly compile: Compilers) {}

  /** Rows held, by absolute index: [base, base + texts.length). */
  get held(): number {
    return this.texts.length;
  }

  /** the filter the engine applies now */
  get currentFilter(): number {
    return this.filterId;
  }

  /** True while some held row is not examined under the current filter. */
  get pending(): boolean {
    return this.next < this.base + this.texts.length || this.dedup.pending(this.rows);
  }

  setFilter(spec: FilterSpec, id: number): void {
    const old = this.spec;
    this.spec = spec;
    this.filterId = id;
    if (onlyDedupDiffers(old, spec)) {
      this.dedup.reset(spec.dedup ?? 'none');
      return;
    }
    const patternsChanged =
      old.search !== spec.search ||
      old.regex !== spec.regex ||
      old.caseSensitive !== spec.caseSensitive ||
      !sameList(old.exclude, spec.exclude) ||
      !sameList(old.fields ?? [], spec.fields ?? []);
    if (patternsChanged) {
      const opts = { regex: spec.regex, caseSensitive: spec.caseSensitive };
      const search = this.compile.compileSearch(spec.search, opts);
      const exclude = this.compile.compileExclude(spec.exclude, opts);
      // a pattern that does not compile (half typed) leaves the last valid one applied, and says why
      if (search.ok) {
        this.search = search.matcher;
      }
      if (exclude.ok) {
        this.exclude = exclude.matcher;
      }
      this.error = !search.ok ? search.error : !exclude.ok ? `exclude pattern ${exclude.error}` : undefined;
      this.flags.clearValues();
    }
    this.restartScan();
  }

  apply(delta: RowsDelta, seq: number): void {
    this.deltaSeq = seq;
    if (delta.generation !== this.generation) {
      this.generation = delta.generation;
      this.base = delta.from;
      this.texts = [];
      this.levels = new IntColumn();
      this.sources = new IntColumn();
      this.flags = new IntColumn();
      this.heads = new IntColumn();
      this.labelSets = new IntColumn();
      this.times = [];
      this.volume.clear();
      this.orphans.clear();
      this.restartScan();
    }
    const end = this.base + this.texts.length;
    const from = Math.max(this.base, Math.min(delta.from, end));
    if (from < end) {
      this.truncate(from);
    }
    // rows the delta has beyond what is held (from > end only if a delta was lost: treat the gap as gone)
    const skip = Math.max(0, from - delta.from);
    const added = delta.texts.length - skip;
    if (added > 0) {
      const fresh = skip === 0 ? delta.texts : delta.texts.slice(skip);
      if (this.texts.length === 0) {
        this.texts = skip === 0 ? fresh.slice() : fresh;
      } else if (added < 1024) {
        for (let k = 0; k < added; k++) {
          this.texts.push(fresh[k]);
        }
      } else {
        this.texts = this.texts.concat(fresh);
      }
      this.levels.append(delta.levels, skip);
      this.sources.append(delta.sources, skip);
      if (delta.heads) {
        this.heads.append(delta.heads, skip);
      } else {
        for (let k = 0; k < added; k++) {
          this.heads.append1(from + k);
        }
      }
      this.flags.appendZeros(added);
      if (delta.labelSets) {
        this.labelSets.append(delta.labelSets, skip);
      } else {
        for (let k = 0; k < added; k++) {
          this.labelSets.append1(-1);
        }
      }
      this.appendTimes(delta, skip, from, added);
    }
    if (delta.markerSets) {
      for (const set of delta.markerSets) {
        this.markerSets[set] = true;
      }
    }
    this.dropBefore(delta.dropped);
  }

  /** Examines rows until done or `budgetMs` has passed; true when every held row is examined. */
  step(budgetMs: number, now: () => number = () => performance.now()): boolean {
    const start = now();
    const end = this.base + this.texts.length;
    const { search, exclude } = this;
    const { onlyMatching, hiddenLevels, hiddenSources, timeWindow } = this.spec;
    const fields = this.spec.fields && this.spec.fields.length > 0 ? this.spec.fields : undefined;
    const labelSets = this.labelSets.data;
    const markerSets = this.markerSets;
    const hiddenSets = this.spec.hiddenLabelSets ?? [];
    const hideUnlabelled = this.spec.hideUnlabelled === true;
    const hiddenStream = (r: number) =>
      hiddenSources[sources[r]] || (labelSets[r] < 0 ? hideUnlabelled : hiddenSets[labelSets[r]] === true);
    const times = this.times;
    const levels = this.levels.data;
    const sources = this.sources.data;
    const allFlags = this.flags.data;
    let sinceClock = 0;
    let chars = 0;
    while (this.next < end) {
      const abs = this.next++;
      const i = abs - this.base;
      const head = this.heads.data[i];
      // the row standing for the group: its head, or the first row held of a group whose head was dropped (a
      // head after its row, from a pod whose clock went back, leaves the row on its own)
      const rep = head >= abs ? abs : head >= this.base ? head : this.orphanRep(head, abs);
      let flags = allFlags[i];
      const marker = markerSets[labelSets[i]] === true;
      if (!(flags & TESTED)) {
        const text = this.texts[i];
        chars += text.length;
        flags = TESTED;
        // exclude looks at the head only: a frame that mentions an excluded word does not tear the trace apart;
        // markers are the data source's notes about the stream, which text and field filters never hide
        if (rep === abs && !marker && exclude !== undefined && exclude.test(text)) {
          flags |= EXCLUDED;
        } else if (rep === abs && !marker && fields !== undefined && !passesFieldFilters(lineFields(text), fields)) {
          flags |= EXCLUDED;
        } else if (search !== undefined && search.test(text)) {
          flags |= HIT;
        }
      }
      flags &= ~COUNTED;
      if (rep === abs) {
        if (flags & HIT) {
          flags |= GROUP_HIT;
        }
        const passes =
          !hiddenStream(i) &&
          !(flags & EXCLUDED) &&
          (!onlyMatching || !search || flags & GROUP_HIT || marker) &&
          inWindow(times[i], timeWindow);
        if (passes) {
          flags |= COUNTED;
          const level = levels[i];
          this.levelCounts[level]++;
          if (!hiddenLevels[level]) {
            this.rows.append1(abs);
            if (flags & HIT) {
              this.matches.append1(abs);
            }
          }
        }
        allFlags[i] = flags;
      } else {
        const r = rep - this.base;
        let repFlags = allFlags[r];
        repFlags |= HAS_FRAMES;
        if (flags & HIT && !(repFlags & GROUP_HIT)) {
          repFlags |= GROUP_HIT;
          if (onlyMatching && search && !hiddenStream(r) && !(repFlags & EXCLUDED) && inWindow(times[r], timeWindow)) {
            // the first match in a group that did not show: count it, and show the rows before this one
            repFlags |= COUNTED;
            this.levelCounts[levels[r]]++;
            if (!hiddenLevels[levels[r]]) {
              this.showEarlier(rep, abs, head);
            }
          }
        }
        allFlags[r] = repFlags;
        if (repFlags & COUNTED && !hiddenLevels[levels[r]]) {
          this.rows.append1(abs);
          if (flags & HIT) {
            this.matches.append1(abs);
          }
        }
        allFlags[i] = flags;
      }
      if (++sinceClock >= CLOCK_ROWS || chars >= CLOCK_CHARS) {
        sinceClock = 0;
        chars = 0;
        if (now() - start >= budgetMs) {
          break;
        }
      }
    }
    const scanned = this.next >= end;
    if (this.dedup.mode === 'none') {
      return scanned;
    }
    // at least a few hundred rows per call, so a scan that used the whole slice does not starve it
    const deduped = this.dedup.advance(this.rows, this, () => now() - start >= budgetMs);
    return scanned && deduped;
  }

  snapshot(): FilterResult {
    const deduped = this.dedup.mode === 'none' ? undefined : this.dedup.snapshot();
    return {
      generation: this.generation,
      filterId: this.filterId,
      deltaSeq: this.deltaSeq,
      rows: deduped ? deduped.rows : this.rows.data.slice(0, this.rows.length),
      duplicates: deduped?.duplicates,
      lastDuplicates: deduped?.lastDuplicates,
      matches: this.matches.data.slice(0, this.matches.length),
      levelCounts: this.levelCounts.slice(),
      scanned: this.next - this.base,
      held: this.texts.length,
      error: this.error,
      volume: this.volume.histogram(),
    };
  }

  /** Where the search matches in held rows (absolute indices), in the first `maxChars` of each. */
  ranges(rows: readonly number[], maxChars: number, maxRanges: number): Range[][] {
    return rows.map((abs) => {
      const text = this.texts[abs - this.base];
      if (text === undefined || !this.search) {
        return [];
      }
      return this.search.ranges(text.length > maxChars ? text.slice(0, maxChars) : text, maxRanges);
    });
  }

  text(abs: number): string {
    return this.texts[abs - this.base];
  }

  source(abs: number): number {
    return this.sources.data[abs - this.base];
  }

  kind(abs: number): RowKind {
    const i = abs - this.base;
    const head = this.heads.data[i];
    if (head === abs) {
      return this.flags.data[i] & HAS_FRAMES ? UNIQUE : PLAIN;
    }
    return this.rep(abs) === abs ? UNIQUE : CONTINUATION;
  }

  rep(abs: number): number {
    const head = this.heads.data[abs - this.base];
    return head >= abs ? abs : head >= this.base ? head : (this.orphans.get(head) ?? abs);
  }

  /** The row standing for a group whose head (`head`) was dropped: the first one held, met at `abs` or before. */
  private orphanRep(head: number, abs: number): number {
    const known = this.orphans.get(head);
    if (known !== undefined && known >= this.base && known <= abs && this.heads.data[known - this.base] === head) {
      return known;
    }
    this.orphans.set(head, abs);
    return abs;
  }

  /** Adds the rows of a group from its head `rep` up to `abs` (not included) to the rows shown, in order. */
  private showEarlier(rep: number, abs: number, head: number): void {
    const members: number[] = [rep];
    const heads = this.heads.data;
    for (let j = rep + 1; j < abs; j++) {
      if (heads[j - this.base] === head) {
        members.push(j);
      }
    }
    const rows = this.rows;
    const at = lowerBound(rows.data, rep, rows.length);
    this.dedup.rollback(at, rows.data);
    const tail = rows.data.slice(at, rows.length);
    rows.truncate(at);
    let a = 0;
    let b = 0;
    while (a < tail.length || b < members.length) {
      if (b >= members.length || (a < tail.length && tail[a] < members[b])) {
        rows.append1(tail[a++]);
      } else {
        rows.append1(members[b++]);
      }
    }
  }

  /** nav: holds the new rows' times, and counts the entries among them (group heads) in the volume. */
  private appendTimes(delta: RowsDelta, skip: number, from: number, added: number): void {
    const i0 = from - this.base;
    for (let k = 0; k < added; k++) {
      const time = delta.times ? delta.times[skip + k] : NaN;
      this.times.push(time);
      if (this.heads.data[i0 + k] === from + k) {
        this.volume.add(time, this.levels.data[i0 + k]);
      }
    }
  }

  /** nav: takes the entries among held rows [i, j) out of the volume, before they go. */
  private uncountVolume(i: number, j: number): void {
    for (let k = i; k < j; k++) {
      if (this.heads.data[k] === this.base + k) {
        this.volume.remove(this.times[k], this.levels.data[k]);
      }
    }
  }

  private restartScan(): void {
    this.next = this.base;
    this.dedup.reset(this.spec.dedup ?? 'none');
    this.rows = new IntColumn();
    this.matches = new IntColumn();
    this.levelCounts = new Int32Array(LEVEL_COUNT);
  }

  /** Forgets held rows from absolute index `from` on, and what the scan found in them. */
  private truncate(from: number): void {
    const i = from - this.base;
    for (let k = i; k < this.texts.length && this.base + k < this.next; k++) {
      if (this.flags.data[k] & COUNTED) {
        this.levelCounts[this.levels.data[k]]--;
      }
    }
    this.uncountVolume(i, this.texts.length);
    this.times.length = i;
    this.texts.length = i;
    this.levels.truncate(i);
    this.sources.truncate(i);
    this.flags.truncate(i);
    this.heads.truncate(i);
    this.labelSets.truncate(i);
    this.next = Math.min(this.next, from);
    this.rows.truncate(lowerBound(this.rows.data, from, this.rows.length));
    this.dedup.rollback(this.rows.length, this.rows.data);
    this.matches.truncate(lowerBound(this.matches.data, from, this.matches.length));
  }

  /** Forgets rows before absolute index `dropped`, as the store did. */
  private dropBefore(dropped: number): void {
    const n = Math.min(dropped - this.base, this.texts.length);
    if (n <= 0) {
      return;
    }
    for (let k = 0; k < n && this.base + k < this.next; k++) {
      if (this.flags.data[k] & COUNTED) {
        this.levelCounts[this.levels.data[k]]--;
      }
    }
    this.uncountVolume(0, n);
    this.times.splice(0, n);
    this.texts.splice(0, n);
    this.levels.dropFront(n);
    this.sources.dropFront(n);
    this.flags.dropFront(n);
    this.heads.dropFront(n);
    this.labelSets.dropFront(n);
    this.base += n;
    for (const [head, rep] of this.orphans) {
      if (rep < this.base) {
        this.orphans.delete(head);
      }
    }
    this.next = Math.max(this.next, this.base);
    const gone = lowerBound(this.rows.data, this.base, this.rows.length);
    this.dedup.dropFront(gone, this.rows.data);
    this.rows.dropFront(gone);
    this.matches.dropFront(lowerBound(this.matches.data, this.base, this.matches.length));
  }
}
