import { useCallback, useMemo, useRef, useState } from 'react';
import type { PanelData } from '@grafana/data';

import type { FieldFilter } from '../model/fieldFilters';
import { countNewer } from '../model/filter';
import type { FilterSpec } from '../model/filterEngine';
import { labelSetsHiddenBy, unlabelledHiddenBy } from '../model/labelFilters';
import { LEVEL_COUNT } from '../model/levels';
import { lowerBound } from '../model/intColumn';
import { newestFirst } from '../model/newestFirst';
import { foldRows } from '../model/traceFolds';
import { resolveWindow, type ViewWindow, windowStep } from '../model/timeWindow';
import type { DedupMode } from '../model/dedupKeys';
import type { PodLogsOptions, SortOrder } from '../options';
import type { LogListHandle } from './LogList';
import { LINE_CHUNK_CHARS } from './rowContext';
import type { SearchState } from './SearchControls';
import type { TimestampMode } from './timeFormat';
import { useLogEngine } from './useLogEngine';
import { useLogStore } from './useLogStore';
import { useNow } from './useNow';
import { useFetchedFrames } from './useFetchedFrames';
import { useLiveTail } from './useLiveTail';
import { useOlderLines } from './useOlderLines';

function toggleInSet(set: ReadonlySet<number>, value: number): Set<number> {
  const next = new Set(set);
  if (!next.delete(value)) {
    next.add(value);
  }
  return next;
}

/** Session state that starts from a saved option and follows it when the option is edited. */
function useOptionState<T>(option: T): [T, (value: T) => void] {
  const [state, setState] = useState({ option, value: option });
  const setValue = useCallback((value: T) => setState({ option, value }), [option]);
  if (!Object.is(state.option, option)) {
    // the option changed in the editor: adopt it (React's pattern for state derived from props)
    setState({ option, value: option });
    return [option, setValue];
  }
  return [state.value, setValue];
}

/**
 * Everything the reader changes while reading (search, filters, follow, expanded lines, the current match),
 * with the lines and the engine's answer. Options set the starting values; none of this is saved.
 */
/** nav: a view to start from instead of the defaults (a shared link's, view/urlState.ts) */
export interface InitialView {
  search?: Partial<SearchState>;
  hiddenLevels?: boolean[];
  window?: ViewWindow;
}

export function usePodLogsSession(
  data: PanelData,
  options: PodLogsOptions,
  defaultSearch: string,
  initial: InitialView = {}
) {
  // lines the panel fetches itself (live tail, older lines) join the dashboard's as more of its stream
  const fetched = useFetchedFrames(data);
  const snapshot = useLogStore(fetched.data, options.maxLines);
  const { store } = snapshot;

  const [timestamps, setTimestamps] = useOptionState<TimestampMode>(options.timestamps);
  const [wrap, setWrap] = useOptionState(options.wrapLines);
  const [prettify, setPrettify] = useOptionState(options.prettifyStructured);
  const [dedup, setDedup] = useOptionState<DedupMode>(options.dedup);
  const [sortOrder, setSortOrder] = useOptionState<SortOrder>(options.sortOrder);
  const [following, setFollowing] = useOptionState(options.followByDefault);
  const [pausedAfter, setPausedAfter] = useState(Infinity);
  const [hiddenLevels, setHiddenLevels] = useState<boolean[]>(
    () => initial.hiddenLevels ?? new Array(LEVEL_COUNT).fill(false)
  );
  const [hiddenSources, setHiddenSources] = useState<boolean[]>([]);
  const [toggled, setToggled] = useState<ReadonlySet<number>>(new Set());
  /** stack traces the reader expanded (true) or collapsed (false), by the head's seq */
  const [folds, setFolds] = useState<ReadonlyMap<number, boolean>>(new Map());
  /** characters shown per long line (by seq), beyond the first chunk */
  const [expanded, setExpanded] = useState<ReadonlyMap<number, number>>(new Map());
  /** the seq of the line the match navigation is on */
  const [currentSeq, setCurrentSeq] = useState(-1);
  const [search, setSearch] = useState<SearchState>(() => ({
    text: defaultSearch,
    regex: options.defaultSearchRegex,
    caseSensitive: false,
    onlyMatching: false,
    exclude: [],
    ...initial.search,
  }));
  /** nav: the time window chosen on the histogram or with a preset */
  const [viewWindow, setViewWindow] = useState<ViewWindow | undefined>(initial.window);
  const listRef = useRef<LogListHandle>(null);
  // filters from the log details (LogDetails.tsx): fields of structured lines, and stream labels
  const [fieldFilters, setFieldFilters] = useState<FieldFilter[]>([]);
  const [labelFilters, setLabelFilters] = useState<FieldFilter[]>([]);
  const labelSetCount = store.sourceTable.labelSets.length;
  const hiddenLabelSets = useMemo(
    () => labelSetsHiddenBy(store.sourceTable.labelSets, labelFilters),
    // a new stream is judged by the filters too
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [store, labelFilters, labelSetCount]
  );

  // nav: a relative window ends at the newest line, or at now while following (moving in steps)
  const relative = viewWindow?.kind === 'last' ? viewWindow.ms : 0;
  const now = useNow(following && relative > 0, relative > 0 ? windowStep(relative) : 5000);
  const newest = store.length > 0 ? store.times[store.length - 1] : NaN;
  const windowAnchor = following ? Math.max(now, newest || -Infinity) : newest;
  const timeWindow = resolveWindow(viewWindow, windowAnchor);
  const windowFrom = timeWindow?.from;
  const windowTo = timeWindow?.to;

  const spec = useMemo<FilterSpec>(
    () => ({
      search: search.text,
      exclude: search.exclude,
      regex: search.regex,
      caseSensitive: search.caseSensitive,
      onlyMatching: search.onlyMatching,
      hiddenLevels,
      hiddenSources,
      dedup,
      fields: fieldFilters,
      hiddenLabelSets,
      hideUnlabelled: unlabelledHiddenBy(labelFilters),
      timeWindow: windowFrom === undefined ? undefined : { from: windowFrom, to: windowTo },
    }),
    [search, hiddenLevels, hiddenSources, dedup, fieldFilters, hiddenLabelSets, labelFilters, windowFrom, windowTo]
  );
  const engine = useLogEngine(snapshot, spec);
  // the list shows the filtered rows without the frames of collapsed stack traces
  const folded = useMemo(() => {
    const byTime = foldRows(store, engine.rows, engine.matches, folds);
    return sortOrder === 'newestFirst' ? newestFirst(byTime, (row) => store.sources[row]) : byTime;
  }, [store, engine.rows, engine.matches, folds, sortOrder]);
  const { rows, matches } = folded;

  /** A listed row's run of duplicates (dedup on): its size and the store row of its last line; undefined alone. */
  const { rows: shown, duplicates, lastDuplicates } = engine;
  const runOf = useCallback(
    (row: number): { count: number; last: number } | undefined => {
      if (!duplicates || !lastDuplicates) {
        return undefined;
      }
      const k = lowerBound(shown, row);
      const count = k < shown.length && shown[k] === row ? duplicates[k] : 1;
      return count > 1 ? { count, last: Math.min(lastDuplicates[k], store.length - 1) } : undefined;
    },
    [shown, duplicates, lastDuplicates, store]
  );

  if (!following && pausedAfter === Infinity && store.length > 0) {
    // not following from the start: lines after the first ones shown count as new
    setPausedAfter(store.times[store.length - 1]);
  }
  const newLines = following ? 0 : countNewer(store, engine.rows, pausedAfter);
  const liveTailIdle = useLiveTail({
    data,
    seconds: options.liveTailSeconds,
    following,
    onFrames: fetched.add,
    onNotice: fetched.notify,
  });
  const older = useOlderLines({
    data,
    store,
    maxLines: options.maxLines,
    onFrames: fetched.add,
    onNotice: fetched.notify,
  });

  const pause = useCallback(() => {
    setFollowing(false);
    // lines newer than the newest one held now count as new
    setPausedAfter(store.length > 0 ? store.times[store.length - 1] : -Infinity);
  }, [store, setFollowing, setPausedAfter]);

  const follow = useCallback(
    (on: boolean) => {
      if (on) {
        setFollowing(true);
        listRef.current?.scrollToNewest();
      } else {
        pause();
      }
    },
    [pause, setFollowing]
  );

  const onUserScroll = useCallback(
    (atEnd: boolean) => {
      if (atEnd && !following) {
        setFollowing(true);
      } else if (!atEnd && following) {
        pause();
      }
    },
    [following, pause, setFollowing]
  );

  // the current match as a position in rows (it follows its line when rows come and go)
  let current = -1;
  if (currentSeq >= 0) {
    for (let k = 0; k < matches.length; k++) {
      if (store.seqs[rows[matches[k]]] === currentSeq) {
        current = k;
        break;
      }
    }
  }

  /**
   * Next (newer) or previous (older) match, counted from the current match or else from the newest line in
   * view (the last one, or the first one newest first). A match already in view is only marked, so following
   * goes on; one out of view is scrolled to, which pauses following (the reader moved away from the newest line).
   */
  const goToMatch = (step: 1 | -1) => {
    if (matches.length === 0) {
      return;
    }
    // matches counted in time order: newest first lists them backwards, and "next" (newer) goes up
    const n = matches.length;
    const flip = sortOrder === 'newestFirst';
    const inTime = (k: number) => (flip ? n - 1 - k : k);
    let next: number;
    if (current >= 0) {
      next = (inTime(current) + step + n) % n;
    } else {
      const shown = listRef.current?.visibleRange();
      const anchor = flip ? (shown?.first ?? 0) : (shown?.last ?? rows.length - 1);
      // the first match newer than the anchor, or the last one at or before it
      let k = 0;
      while (k < n && (flip ? matches[n - 1 - k] >= anchor : matches[k] <= anchor)) {
        k++;
      }
      next = step === 1 ? k % n : (k - 1 + n) % n;
    }
    const position = matches[inTime(next)];
    setCurrentSeq(store.seqs[rows[position]]);
    const view = listRef.current?.visibleRange();
    const inView = view !== undefined && position >= view.first && position <= view.last;
    if (!inView) {
      if (following) {
        pause();
      }
      listRef.current?.scrollToIndex(position);
    }
  };

  const updateSearch = useCallback((next: Partial<SearchState>) => {
    setSearch((s) => ({ ...s, ...next }));
    setCurrentSeq(-1);
  }, []);

  // the same functions for the session's life: memoized rows and chips take them
  const toggles = useMemo(
    () => ({
      group: (seq: number, expanded: boolean) => setFolds((m) => new Map(m).set(seq, !expanded)),
      level: (level: number) => setHiddenLevels((h) => h.map((v, i) => (i === level ? !v : v))),
      source: (source: number) =>
        setHiddenSources((h) => {
          const next = h.slice();
          next[source] = !next[source];
          return next;
        }),
      structured: (seq: number) => setToggled((s) => toggleInSet(s, seq)),
      expandLine: (seq: number) =>
        setExpanded((m) => new Map(m).set(seq, (m.get(seq) ?? LINE_CHUNK_CHARS) + LINE_CHUNK_CHARS)),
    }),
    []
  );

  const clearFilters = useCallback(() => {
    setSearch((s) => ({ ...s, text: '', exclude: [], onlyMatching: false }));
    setHiddenLevels(new Array(LEVEL_COUNT).fill(false));
    setHiddenSources([]);
    setFieldFilters([]);
    setLabelFilters([]);
    setViewWindow(undefined);
  }, []);

  return {
    snapshot,
    store,
    engine,
    /** store rows listed (collapsed stack traces show their first line only) */
    rows,
    /** store rows that pass the filters, collapsed frames included: what "visible" counts and downloads hold */
    shownRows: engine.rows,
    matches,
    /** per listed row: continuation rows of a head (> 0), -1 for a continuation row, 0 otherwise */
    groupSizes: folded.sizes,
    groupExpanded: folded.expanded,
    /** collapses or expands the stack trace headed by the line with this seq */
    toggleGroup: toggles.group,
    current,
    newLines,
    search,
    updateSearch,
    clearFilters,
    timestamps,
    setTimestamps,
    dedup,
    setDedup,
    sortOrder,
    setSortOrder,
    runOf,
    wrap,
    setWrap,
    prettify,
    setPrettify,
    following,
    follow,
    onUserScroll,
    hiddenLevels,
    toggleLevel: toggles.level,
    hiddenSources,
    toggleSource: toggles.source,
    toggled,
    toggleStructured: toggles.structured,
    expanded,
    /** shows the next chunk of a long line */
    expandLine: toggles.expandLine,
    goToMatch,
    listRef,
    // whole-filter setters: the log details' filter buttons (a label filter on the level or a pod/container sets
    // these chips), shared links and saved filters
    setHiddenLevels,
    setHiddenSources,
    setSearch,
    setCurrentSeq,
    fieldFilters,
    setFieldFilters,
    labelFilters,
    setLabelFilters,
    // nav: the time window
    viewWindow,
    setViewWindow,
    /** the window the engine applies (absolute), undefined for every line */
    timeWindow,
    /** where a relative window ends: the newest line, or now while following */
    windowAnchor,
    /** the live tail's and older lines' notices (a failed re-query, a byte cap on older lines) */
    fetchNotices: fetched.notices,
    /** why the live tail is idle ('off', 'paused', …), undefined while it re-queries */
    liveTailIdle,
    /** "Load older lines": its state and the load */
    older,
  };
}

export type PodLogsSession = ReturnType<typeof usePodLogsSession>;
