import React, { useCallback, useMemo, useRef, useState } from 'react';
import { css } from '@emotion/css';
import { type GrafanaTheme2, LoadingState, type PanelProps } from '@grafana/data';
import { Button, Stack, useStyles2, useTheme2 } from '@grafana/ui';

import { labelColor } from '../common/labelColors';
import { copyText } from './model/clipboard';
import { countNewer, filterRows } from './model/filter';
import { inertString } from './model/inertText';
import { LEVEL_COUNT } from './model/levels';
import { downloadText, logFileName, logFileText } from './model/logFile';
import { timestampFormatter, type TimestampMode } from './model/timeFormat';
import { type PodLogsOptions, withDefaults } from './options';
import { PODLOGS_TEST_IDS } from './testIds';
import { DisplayControls } from './view/DisplayControls';
import { EmptyState, QueryErrors } from './view/EmptyState';
import { LevelChips } from './view/LevelChips';
import { levelColors } from './view/levelColors';
import { LogList, type LogListHandle } from './view/LogList';
import { LogRow } from './view/LogRow';
import type { RowContext } from './view/rowContext';
import { SearchControls } from './view/SearchControls';
import { SourceChips } from './view/SourceChips';
import { StatusBar } from './view/StatusBar';
import { useLogStore } from './view/useLogStore';
import { useNow } from './view/useNow';
import { useSearch } from './view/useSearch';

type Props = PanelProps<PodLogsOptions>;

/** Toolbar, chips and status bar take about this much height; the list gets the rest until it can measure. */
const CHROME_PX = 100;
/** One line of monospace body text (theme bodySmall: 12px at 1.5). */
const LINE_PX = 18;
const CHAR_PX = 7.2;

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
 * A container-log reader: every logs frame (ours, Loki's, Elasticsearch's) merged in time order into a
 * virtualized list with search, severity and pod/container filters, follow mode, ANSI colours and downloads.
 */
export function PodLogsPanel({ data, options: savedOptions, width, height, timeZone, title, replaceVariables }: Props) {
  const options = withDefaults(savedOptions);
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  const snapshot = useLogStore(data, options.maxLines);
  const { store, version } = snapshot;

  const [timestamps, setTimestamps] = useOptionState<TimestampMode>(options.timestamps);
  const [wrap, setWrap] = useOptionState(options.wrapLines);
  const [prettify, setPrettify] = useOptionState(options.prettifyStructured);
  const [following, setFollowing] = useOptionState(options.followByDefault);
  const [pausedAfter, setPausedAfter] = useState(Infinity);
  const [hiddenLevels, setHiddenLevels] = useState<boolean[]>(() => new Array(LEVEL_COUNT).fill(false));
  const [hiddenSources, setHiddenSources] = useState<boolean[]>([]);
  const [toggled, setToggled] = useState<ReadonlySet<number>>(new Set());
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set());
  const [matchIndex, setMatchIndex] = useState(-1);
  const listRef = useRef<LogListHandle>(null);

  const search = useSearch({
    text: replaceVariables(options.defaultSearch),
    regex: options.defaultSearchRegex,
    caseSensitive: false,
    onlyMatching: false,
    exclude: [],
  });
  const { applied } = search;

  const filtered = useMemo(
    () =>
      filterRows(snapshot.store, {
        search: applied.search,
        exclude: applied.exclude,
        onlyMatching: search.input.onlyMatching,
        hiddenLevels,
        hiddenSources,
      }),
    [snapshot, applied, search.input.onlyMatching, hiddenLevels, hiddenSources]
  );
  const { rows, matches } = filtered;
  const current = matchIndex >= 0 && matchIndex < matches.length ? matches[matchIndex] : -1;
  if (!following && pausedAfter === Infinity && store.length > 0) {
    // not following from the start: lines after the first ones shown count as new
    setPausedAfter(store.times[store.length - 1]);
  }
  const newLines = following ? 0 : countNewer(store, rows, pausedAfter);

  const pause = useCallback(() => {
    setFollowing(false);
    // lines newer than the newest one held now count as new
    setPausedAfter(store.length > 0 ? store.times[store.length - 1] : -Infinity);
  }, [store, setFollowing, setPausedAfter]);
  const follow = useCallback(
    (on: boolean) => {
      if (on) {
        setFollowing(true);
        listRef.current?.scrollToEnd();
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

  const goToMatch = (step: 1 | -1) => {
    if (matches.length === 0) {
      return;
    }
    const next =
      matchIndex < 0 || matchIndex >= matches.length
        ? step === 1
          ? 0
          : matches.length - 1
        : (matchIndex + step + matches.length) % matches.length;
    setMatchIndex(next);
    if (following) {
      pause();
    }
    listRef.current?.scrollToIndex(matches[next]);
  };

  const now = useNow(timestamps === 'relative');
  const formatTime = useMemo(() => timestampFormatter(timestamps, timeZone, now), [timestamps, timeZone, now]);
  const showSource = store.sourceTable.anyKnown;
  const colors = useMemo(() => levelColors(theme), [theme]);
  const sourceColor = useCallback(
    (i: number) => {
      const s = store.sourceTable.list[i];
      return s ? labelColor(theme, s.pod ? `${s.namespace}/${s.pod}` : s.label) : theme.colors.text.secondary;
    },
    [store, theme]
  );

  const ctx = useMemo<RowContext>(
    () => ({
      store: snapshot.store,
      formatTime,
      showTime: timestamps !== 'off',
      showSource,
      highlight: applied.highlight,
      prettifyDefault: prettify,
      levelColors: colors,
      sourceColor,
      onToggleStructured: (seq) => setToggled((s) => toggleInSet(s, seq)),
      onExpand: (seq) => setExpanded((s) => toggleInSet(s, seq)),
      onCopy: (row) => void copyText(inertString(snapshot.store.texts[row])),
    }),
    // a new snapshot means new rows, so visible rows re-read the store
    [
      snapshot,
      formatTime,
      timestamps,
      showSource,
      applied.highlight,
      prettify,
      colors,
      sourceColor,
      setToggled,
      setExpanded,
    ]
  );

  const itemKey = useCallback((index: number) => store.seqs[rows[index]], [store, rows]);
  const bodyWidth = Math.max(80, width - (timestamps === 'off' ? 40 : 220) - (showSource ? 160 : 0));
  const estimateSize = useCallback(
    (index: number) => {
      if (!wrap) {
        return LINE_PX;
      }
      const length = Math.min(store.texts[rows[index]].length, 10_000);
      return LINE_PX * Math.max(1, Math.ceil((length * CHAR_PX) / bodyWidth));
    },
    [store, rows, wrap, bodyWidth]
  );

  const download = (which: 'visible' | 'all') => {
    const all = which === 'all' ? Int32Array.from({ length: store.length }, (_, i) => i) : rows;
    const text = logFileText(store, all, { time: timestampFormatter(timestamps, timeZone, Date.now()), showSource });
    downloadText(text, logFileName(title, new Date()));
  };

  const errors = data.errors ?? [];
  if (store.length === 0) {
    return <EmptyState width={width} height={height} loading={data.state === LoadingState.Loading} errors={errors} />;
  }

  const showChips = options.showLevelFilter || (options.showSourceChips && showSource);
  return (
    <div className={styles.root} style={{ width, height }} data-testid={PODLOGS_TEST_IDS.root}>
      <div className={styles.toolbar}>
        <SearchControls
          state={search.input}
          onChange={(next) => {
            search.update(next);
            setMatchIndex(-1);
          }}
          error={search.error}
          matchIndex={current >= 0 ? matchIndex : -1}
          matchCount={matches.length}
          onPrevMatch={() => goToMatch(-1)}
          onNextMatch={() => goToMatch(1)}
        />
        <DisplayControls
          timestamps={timestamps}
          onTimestamps={setTimestamps}
          wrap={wrap}
          onWrap={setWrap}
          prettify={prettify}
          onPrettify={setPrettify}
          visibleCount={rows.length}
          totalCount={store.length}
          onDownload={download}
        />
      </div>
      {showChips && (
        <div className={styles.chips}>
          {options.showLevelFilter && (
            <LevelChips
              counts={filtered.levelCounts}
              hidden={hiddenLevels}
              colors={colors}
              onToggle={(level) => setHiddenLevels((h) => h.map((v, i) => (i === level ? !v : v)))}
            />
          )}
          {options.showSourceChips && showSource && (
            <SourceChips
              sources={store.sourceTable.list}
              hidden={hiddenSources}
              color={sourceColor}
              onToggle={(source) =>
                setHiddenSources((h) => {
                  const next = h.slice();
                  next[source] = !next[source];
                  return next;
                })
              }
            />
          )}
        </div>
      )}
      {errors.length > 0 && (
        <div className={styles.errors}>
          <QueryErrors errors={errors} />
        </div>
      )}
      {rows.length === 0 ? (
        <div className={styles.noMatch} data-testid={PODLOGS_TEST_IDS.noMatch}>
          <Stack direction="column" alignItems="center" gap={1}>
            <span>No lines match the filters.</span>
            <Button
              size="sm"
              variant="secondary"
              onClick={() => {
                search.update({ text: '', exclude: [], onlyMatching: false });
                setHiddenLevels(new Array(LEVEL_COUNT).fill(false));
                setHiddenSources([]);
              }}
            >
              Clear filters
            </Button>
          </Stack>
        </div>
      ) : (
        <div className={wrap ? styles.listWrap : styles.listNoWrap}>
          <LogList
            handleRef={listRef}
            count={rows.length}
            itemKey={itemKey}
            estimateSize={estimateSize}
            width={width}
            height={Math.max(LINE_PX * 3, height - CHROME_PX)}
            wrap={wrap}
            following={following}
            dataVersion={version}
            layoutVersion={`${wrap}:${prettify}:${timestamps}:${bodyWidth}`}
            onUserScroll={onUserScroll}
            renderRow={(index) => {
              const row = rows[index];
              const seq = store.seqs[row];
              return (
                <LogRow
                  ctx={ctx}
                  row={row}
                  toggled={toggled.has(seq)}
                  expanded={expanded.has(seq)}
                  current={index === current}
                />
              );
            }}
          />
        </div>
      )}
      <StatusBar
        shown={rows.length}
        total={store.length}
        dropped={store.dropped}
        following={following}
        newLines={newLines}
        onFollow={follow}
      />
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => {
  const list = {
    display: 'flex',
    flexDirection: 'column' as const,
    flex: '1 1 auto',
    minHeight: 0,
    fontFamily: theme.typography.fontFamilyMonospace,
    fontSize: theme.typography.bodySmall.fontSize,
    lineHeight: `${LINE_PX}px`,
  };
  return {
    root: css({
      display: 'flex',
      flexDirection: 'column',
      overflow: 'hidden',
    }),
    toolbar: css({
      display: 'flex',
      flexWrap: 'wrap',
      alignItems: 'center',
      justifyContent: 'space-between',
      gap: theme.spacing(0.5),
      paddingBottom: theme.spacing(0.5),
      flex: 'none',
    }),
    chips: css({
      display: 'flex',
      gap: theme.spacing(0.5),
      overflowX: 'auto',
      paddingBottom: theme.spacing(0.5),
      flex: 'none',
    }),
    errors: css({
      flex: 'none',
      maxHeight: theme.spacing(8),
      overflow: 'auto',
      fontSize: theme.typography.bodySmall.fontSize,
      p: { margin: 0 },
    }),
    listWrap: css({ ...list, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }),
    listNoWrap: css({ ...list, whiteSpace: 'pre' }),
    noMatch: css({
      flex: '1 1 auto',
      display: 'flex',
      alignItems: 'center',
      justifyContent: 'center',
      color: theme.colors.text.secondary,
    }),
  };
};
