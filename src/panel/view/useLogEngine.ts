import { useCallback, useEffect, useMemo, useState } from 'react';

import { EngineClient, type EngineMode } from '../engine/engineClient';
import { type FilterResult, type FilterSpec, lowerBound } from '../model/filterEngine';
import type { LogStore } from '../model/logStore';
import { literalMatcher, type Matcher, type Range } from '../model/search';
import type { Structured } from '../model/structured';
import type { Volume } from '../model/volume';
import type { LogSnapshot } from './useLogStore';

/** The rows the panel shows, as store indices, from the engine's latest answer. */
export interface EngineView {
  /** store row indices shown, oldest first */
  rows: Int32Array;
  /** positions in `rows` of lines matching the search */
  matches: Int32Array;
  /** with dedup: per position in `rows`, the size of the row's run of duplicates (1: no duplicates) */
  duplicates?: Int32Array;
  /** with dedup: per position in `rows`, the store row of the run's last line */
  lastDuplicates?: Int32Array;
  /**
   * entries (a stack trace counts once) per level that pass every filter but the level filter; undefined until
   * the engine first answers
   */
  levelCounts?: Int32Array;
  /** the engine is still working on the current rows or filter: what is shown may be incomplete */
  busy: boolean;
  /** share of held rows examined under the current filter, 0..1 */
  progress: number;
  /** why the search or an exclude pattern does not compile (the last valid one stays applied) */
  error?: string;
  mode: EngineMode;
  /** why the engine runs on the main thread, if it does */
  fallbackReason?: string;
  /** changes whenever rows or matches do */
  version: number;
  /** search matches in the first `maxChars` of a row's text; undefined while they are being found */
  highlight(row: number, maxChars: number): Range[] | undefined;
  /** a long line prettified by the engine; undefined while it works, null when the line is not structured */
  prettified(seq: number, text: string): Structured | null | undefined;
  /** nav: entries per level over time over the buffer (the volume histogram); undefined until known */
  volume?: Volume;
}

/** Filters that can hide rows: without one the rows are the store's, in order, and need no engine answer. */
function hidesRows(spec: FilterSpec): boolean {
  return (
    spec.exclude.some((p) => p !== '') ||
    (spec.onlyMatching && spec.search !== '') ||
    spec.hiddenLevels.some(Boolean) ||
    spec.hiddenSources.some(Boolean) ||
    (spec.dedup !== undefined && spec.dedup !== 'none') ||
    (spec.fields !== undefined && spec.fields.length > 0) ||
    (spec.hiddenLabelSets !== undefined && spec.hiddenLabelSets.some(Boolean)) ||
    spec.hideUnlabelled === true ||
    spec.timeWindow !== undefined
  );
}

function identity(n: number): Int32Array {
  const rows = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    rows[i] = i;
  }
  return rows;
}

/** The panel draws the engine's answers at most this often (a large delta brings one answer per chunk). */
const RESULT_EVERY_MS = 50;

/** Calls `fn` at once, then at most every `ms` with the latest arguments (the last call always goes through). */
function throttle<A extends unknown[]>(fn: (...args: A) => void, ms: number): (...args: A) => void {
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: A | undefined;
  const run = () => {
    timer = undefined;
    last = Date.now();
    const args = pending!;
    pending = undefined;
    fn(...args);
  };
  return (...args: A) => {
    pending = args;
    if (timer !== undefined) {
      return;
    }
    const wait = last + ms - Date.now();
    if (wait <= 0) {
      run();
    } else {
      timer = setTimeout(run, wait);
    }
  };
}

/** Keeps the previous array when the new one holds the same rows. */
function useStableRows(rows: Int32Array): Int32Array {
  const [held, setHeld] = useState(rows);
  if (held !== rows && !sameRows(held, rows)) {
    setHeld(rows);
    return rows;
  }
  return held;
}

function sameRows(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) {
    return false;
  }
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      return false;
    }
  }
  return true;
}

/** Per render pass, literal highlighting on the main thread does at most this much text; the rest waits. */
const HIGHLIGHT_CHARS_PER_PASS = 1_000_000;

interface Notify {
  result(value: FilterResult, done: boolean): void;
  /** ranges or prettified lines arrived: rows should render again */
  changed(): void;
  fallback(reason: string): void;
}

/**
 * The hook's mutable side, kept out of React state: the engine client, the filter last sent, and the caches of
 * what the engine computed for visible rows (highlight ranges of regular expressions, prettified long lines).
 */
class EngineBridge {
  private client?: EngineClient;
  private sentFilter = 0;
  private sentKey = '';
  private ranges = { filterId: -1, byKey: new Map<number, { maxChars: number; ranges?: Range[] }>() };
  private wanted = { rows: [] as number[], keys: [] as number[], maxChars: 0 };
  private pretty = new Map<number, Structured | null | undefined>();
  private budget = HIGHLIGHT_CHARS_PER_PASS;

  constructor(private readonly store: LogStore) {}

  get filterId(): number {
    return this.sentFilter;
  }

  /** the filter last sent, as JSON: a render whose filter differs has not been answered yet */
  get filterKey(): string {
    return this.sentKey;
  }

  start(notify: Notify): () => void {
    const { store } = this;
    const client = new EngineClient(
      {
        onResult: notify.result,
        onRanges: (filterId, keys, found) => {
          if (this.ranges.filterId !== filterId) {
            this.ranges = { filterId, byKey: new Map() };
          }
          keys.forEach((key, i) => {
            const entry = this.ranges.byKey.get(key);
            this.ranges.byKey.set(key, { maxChars: entry?.maxChars ?? 0, ranges: found[i] });
          });
          notify.changed();
        },
        onPretty: (seq, value) => {
          this.pretty.set(seq, value ?? null);
          notify.changed();
        },
        onFallback: (reason) => {
          this.ranges = { filterId: -1, byKey: new Map() };
          notify.fallback(reason);
        },
      },
      () => {
        store.markAllChanged();
        return store.takeDelta()!;
      }
    );
    this.client = client;
    // a new engine starts from every row held (React may mount twice in development)
    store.markAllChanged();
    return () => {
      client.dispose();
      this.client = undefined;
    };
  }

  setFilter(key: string): void {
    if (this.client) {
      this.sentFilter = this.client.setFilter(JSON.parse(key) as FilterSpec);
      this.sentKey = key;
    }
  }

  sendRows(): void {
    const delta = this.store.takeDelta();
    if (delta && this.client) {
      this.client.sendRows(delta);
    }
  }

  /** After a commit: the rows whose ranges were asked for go out together, and the highlight budget refills. */
  committed(): void {
    this.budget = HIGHLIGHT_CHARS_PER_PASS;
    const w = this.wanted;
    if (w.rows.length > 0 && this.client) {
      this.client.requestRanges(this.sentFilter, w.rows, w.keys, w.maxChars);
    }
    this.wanted = { rows: [], keys: [], maxChars: 0 };
  }

  staleFrom(result: FilterResult): number {
    return this.client ? this.client.staleFrom(result.deltaSeq, result.generation) : Infinity;
  }

  highlight(row: number, maxChars: number, literal: Matcher | undefined): Range[] | undefined {
    const { store } = this;
    const text = store.texts[row];
    if (literal) {
      const cost = Math.min(text.length, maxChars);
      if (this.budget < cost) {
        // over this pass's share: the next render (new rows, results, the reader) picks it up
        return undefined;
      }
      this.budget -= cost;
      return literal.ranges(text.length > maxChars ? text.slice(0, maxChars) : text, 1000);
    }
    // a regular expression: only the worker has the engine; ask it and show the row unmarked meanwhile
    const key = store.seqs[row];
    if (this.ranges.filterId !== this.sentFilter) {
      this.ranges = { filterId: this.sentFilter, byKey: new Map() };
    }
    const entry = this.ranges.byKey.get(key);
    if (entry && entry.maxChars >= maxChars) {
      return entry.ranges;
    }
    this.ranges.byKey.set(key, { maxChars, ranges: entry?.ranges });
    this.wanted.rows.push(store.dropped + row);
    this.wanted.keys.push(key);
    this.wanted.maxChars = Math.max(this.wanted.maxChars, maxChars);
    return entry?.ranges;
  }

  prettified(seq: number, text: string): Structured | null | undefined {
    if (!this.pretty.has(seq)) {
      this.pretty.set(seq, undefined);
      this.client?.prettify(seq, text);
    }
    return this.pretty.get(seq);
  }
}

/**
 * The panel's filtering, off the main thread: rows the store gains go to the engine (a Web Worker, or the
 * main thread in slices), the filter goes there whenever it changes, and its answers come back as state.
 */
export function useLogEngine(snapshot: LogSnapshot, spec: FilterSpec): EngineView {
  const { store, version } = snapshot;
  const [bridge] = useState(() => new EngineBridge(store));
  const [result, setResult] = useState<{ value?: FilterResult; done: boolean }>({ done: true });
  const [fallbackReason, setFallbackReason] = useState<string>();
  const [tick, setTick] = useState(0);

  useEffect(
    () =>
      bridge.start({
        result: throttle((value: FilterResult, done: boolean) => setResult({ value, done }), RESULT_EVERY_MS),
        changed: () => setTick((t) => t + 1),
        fallback: setFallbackReason,
      }),
    [bridge]
  );

  const specKey = JSON.stringify(spec);
  useEffect(() => {
    bridge.setFilter(specKey);
  }, [bridge, specKey]);

  useEffect(() => {
    // Rows go to the worker in a task of their own: copying and posting them would otherwise lengthen the task
    // that read and drew them (a large result's first slice). A later version's rows go with these.
    const timer = setTimeout(() => bridge.sendRows(), 0);
    return () => clearTimeout(timer);
  }, [bridge, version]);

  // after every commit: what the rows asked for during the render goes out
  useEffect(() => bridge.committed());

  const value = result.value;
  const filtered = hidesRows(spec);
  // Without a filter that hides rows, the rows are the store's: the same array until the store changes, however
  // many answers the engine sends, so the list does not measure 100,000 rows again for each answer.
  const allRows = useMemo(
    () => (filtered ? undefined : identity(store.length)),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [filtered, store, version]
  );
  const mapped = useMemo(() => {
    const current = value && value.generation === store.generation ? value : undefined;
    const stale = current ? bridge.staleFrom(current) : Infinity;
    const start = store.dropped;
    const end = Math.min(store.dropped + store.length, stale);
    const toRows = (abs: Int32Array, parallel?: Int32Array, shift = 0) => {
      const lo = lowerBound(abs, start);
      const hi = lowerBound(abs, end, abs.length);
      const source = parallel ?? abs;
      const out = new Int32Array(Math.max(0, hi - lo));
      for (let k = lo; k < hi; k++) {
        out[k - lo] = source[k] - shift;
      }
      return out;
    };
    const rows = allRows ?? (current ? toRows(current.rows, undefined, start) : new Int32Array(0));
    // runs of duplicates, sliced as their rows are (a run's last line is at or after its first)
    const dups =
      !allRows && current?.duplicates && current.lastDuplicates
        ? {
            duplicates: toRows(current.rows, current.duplicates),
            lastDuplicates: toRows(current.rows, current.lastDuplicates, start),
          }
        : undefined;
    // matches as positions in rows: both lists are sorted, so one walk finds them
    const matchRows = current ? toRows(current.matches, undefined, start) : new Int32Array(0);
    const matches = new Int32Array(matchRows.length);
    let m = 0;
    for (let p = 0, k = 0; k < matchRows.length && p < rows.length;) {
      if (rows[p] < matchRows[k]) {
        p++;
      } else if (rows[p] > matchRows[k]) {
        k++;
      } else {
        matches[m++] = p;
        p++;
        k++;
      }
    }
    return { rows, matches: matches.subarray(0, m), ...dups };
    // version: the store changed in place
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value, store, version, allRows, bridge]);
  // the same rows array as long as the rows are the same (answers that only move matches keep it)
  const rows = useStableRows(mapped.rows);

  const latestFilter = bridge.filterId;
  const busy =
    bridge.filterKey !== specKey ||
    !result.done ||
    !value ||
    value.generation !== store.generation ||
    value.filterId !== latestFilter ||
    bridge.staleFrom(value) !== Infinity;

  const literal = useMemo(
    () => (spec.search !== '' && !spec.regex ? literalMatcher(spec.search, spec.caseSensitive) : undefined),
    [spec.search, spec.regex, spec.caseSensitive]
  );
  const searching = spec.search !== '';
  // rows draw again when a regular expression's ranges arrive or the engine applies a newer filter; new rows
  // are drawn anyway, so a plain-text search (or none) keeps the same function while lines stream in
  const regexEpoch = searching && spec.regex ? `${tick}:${value?.filterId}` : '';
  const highlight = useCallback(
    (row: number, maxChars: number) => (searching ? bridge.highlight(row, maxChars, literal) : []),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [bridge, searching, literal, regexEpoch]
  );
  const prettified = useCallback(
    (seq: number, text: string) => bridge.prettified(seq, text),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [bridge, tick]
  );

  return {
    rows,
    matches: mapped.matches,
    duplicates: mapped.duplicates,
    lastDuplicates: mapped.lastDuplicates,
    levelCounts: value?.generation === store.generation ? value.levelCounts : undefined,
    busy,
    progress: value && value.held > 0 ? value.scanned / value.held : 1,
    error: value?.filterId === latestFilter ? value.error : undefined,
    mode: fallbackReason ? 'main thread' : 'worker',
    fallbackReason,
    version: version * 1_000_003 + (value ? value.deltaSeq * 7 + value.filterId : 0),
    highlight,
    prettified,
    volume: value?.generation === store.generation ? value.volume : undefined,
  };
}
