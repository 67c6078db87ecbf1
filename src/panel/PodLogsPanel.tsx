import React, { useCallback, useMemo, useState } from 'react';
import { css } from '@emotion/css';
import { type GrafanaTheme2, LoadingState, type PanelProps } from '@grafana/data';
import { Button, Stack, useStyles2, useTheme2 } from '@grafana/ui';

import { MAX_RANGES } from './model/highlight';
import { inertString } from './model/inertText';
import { markerOf } from './model/labelFilters';
import { logFileCsv, type LogFileFormat, logFileJson, logFileName, logFileText, singlePod } from './model/logFile';
import { literalMatcher } from './model/search';
import { sourceColumnChars } from './model/sources';
import { groupMembers } from './model/traceFolds';
import { type PodLogsOptions, withDefaults } from './options';
import { PODLOGS_TEST_IDS } from './testIds';
import { copyText } from './view/clipboard';
import { ContextView } from './view/ContextView';
import { downloadText } from './view/download';
import { EmptyState, QueryErrors } from './view/EmptyState';
import { FieldFilterChips } from './view/FieldFilterChips';
import { FrameNotices, frameNotices } from './view/FrameNotices';
import { LevelChips } from './view/LevelChips';
import { LogDetails } from './view/LogDetails';
import { LogList } from './view/LogList';
import { LogRow } from './view/LogRow';
import { MarkerRow } from './view/MarkerRow';
import { OlderLines } from './view/OlderLines';
import { PanelToolbar } from './view/PanelToolbar';
import { levelColors, podColor } from './view/palette';
import { LINE_CHUNK_CHARS, type RowContext } from './view/rowContext';
import { SourceChips } from './view/SourceChips';
import { StatusBar } from './view/StatusBar';
import { timestampFormatter } from './view/timeFormat';
import { useLogDetails } from './view/useLogDetails';
import { defaultViewValue, initialFromUrl, readUrlView, useUrlState } from './view/urlState';
import { useNow } from './view/useNow';
import { usePodLogsSession } from './view/usePodLogsSession';
import { useStableCallback } from './view/useStableCallback';
import { useSteadyVolume, VOLUME_BARS_PX, VOLUME_HEADER_PX, VolumeHistogram } from './view/VolumeHistogram';

type Props = PanelProps<PodLogsOptions>;

/** Toolbar, chips and status bar take about this much height; the list gets the rest until it can measure. */
const CHROME_PX = 100;
/** One line of monospace body text (theme bodySmall: 12px at 1.5). */
const LINE_PX = 18;
const CHAR_PX = 7.2;
/** The log details pane: this share of the panel's width, within these bounds. */
const DETAILS_SHARE = 0.45;
const DETAILS_MIN_PX = 220;
const DETAILS_MAX_PX = 420;

/**
 * A container-log reader: every logs frame (ours, Loki's, Elasticsearch's) merged in time order into a
 * virtualized list with search, severity and pod/container filters, follow mode, ANSI colours and downloads.
 * Filtering runs in the panel's worker (view/useLogEngine.ts); this component only draws.
 */
export function PodLogsPanel(props: Props) {
  const { data, options: savedOptions, width, height, timeZone, title, replaceVariables, onOptionsChange } = props;
  const options = withDefaults(savedOptions);
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  // nav: a shared link's view (the URL) wins over the panel's default search
  const [fromUrl] = useState(() => readUrlView(props.id));
  const defaultSearch = replaceVariables(options.defaultSearch);
  const session = usePodLogsSession(data, options, defaultSearch, initialFromUrl(fromUrl));
  const link = useUrlState(props.id, session, fromUrl, defaultViewValue(defaultSearch, options.defaultSearchRegex));
  const { store, snapshot, engine, rows, shownRows, matches, current, timestamps, wrap, prettify, search } = session;
  const { groupSizes, groupExpanded } = session;
  // log details, context, displayed fields and the filters they add (view/useLogDetails.ts)
  const details = useLogDetails(session, options, onOptionsChange);
  const displayedKey = options.displayedFields.join('\n');
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const displayedFields = useMemo(() => options.displayedFields, [displayedKey]);

  const now = useNow(timestamps === 'relative');
  const formatTime = useMemo(() => timestampFormatter(timestamps, timeZone, now), [timestamps, timeZone, now]);
  const showSource = store.sourceTable.anyKnown;
  const sourceChars = showSource ? sourceColumnChars(store.sourceTable.list) : 0;
  const colors = useMemo(() => levelColors(theme), [theme]);
  const sourceColor = useCallback(
    (i: number) => {
      const s = store.sourceTable.list[i];
      return s ? podColor(theme, s.pod ? `${s.namespace}/${s.pod}` : s.label) : theme.colors.text.secondary;
    },
    [store, theme]
  );
  const markText = useMemo(() => {
    const literal = search.text !== '' && !search.regex ? literalMatcher(search.text, search.caseSensitive) : undefined;
    return (text: string) => (literal ? literal.ranges(text, MAX_RANGES) : []);
  }, [search.text, search.regex, search.caseSensitive]);

  const ctx = useMemo<RowContext>(
    () => ({
      store,
      formatTime,
      showTime: timestamps !== 'off',
      showSource,
      sourceChars,
      highlight: engine.highlight,
      markText,
      prettified: engine.prettified,
      prettifyDefault: prettify,
      levelColors: colors,
      sourceColor,
      onToggleStructured: session.toggleStructured,
      onExpand: session.expandLine,
      // a stack trace's head copies the whole trace, collapsed or not
      onCopy: (row, group) =>
        copyText((group ? groupMembers(store, row) : [row]).map((r) => inertString(store.texts[r])).join('\n')),
      onToggleGroup: session.toggleGroup,
      onDetails: details.toggleDetails,
      displayedFields,
      onLink: (row) => void copyText(link.linkLine(row)),
    }),
    // Not the snapshot: a row shows one line (LogRow gets its seq), so rows already drawn need not draw again
    // when lines arrive. 2,000 lines a second while following redraw only the new ones.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [
      store,
      formatTime,
      timestamps,
      showSource,
      sourceChars,
      engine.highlight,
      engine.prettified,
      markText,
      prettify,
      colors,
      sourceColor,
      displayedFields,
      link.linkLine,
    ]
  );

  const itemKey = useCallback((index: number) => store.seqs[rows[index]], [store, rows]);
  const detailsRow = details.detailsRow;
  const paneWidth =
    detailsRow >= 0 ? Math.round(Math.min(DETAILS_MAX_PX, Math.max(DETAILS_MIN_PX, width * DETAILS_SHARE))) : 0;
  const listWidth = width - paneWidth;
  const bodyWidth = Math.max(80, listWidth - (timestamps === 'off' ? 40 : 220) - sourceChars * CHAR_PX);
  const estimateSize = useCallback(
    (index: number) => {
      if (!wrap) {
        return LINE_PX;
      }
      const length = Math.min(store.texts[rows[index]].length, LINE_CHUNK_CHARS);
      return LINE_PX * Math.max(1, Math.ceil((length * CHAR_PX) / bodyWidth));
    },
    [store, rows, wrap, bodyWidth]
  );

  const download = (which: 'visible' | 'all', format: LogFileFormat) => {
    // every line that passes the filters, the frames of collapsed stack traces included
    const chosen = which === 'all' ? Int32Array.from({ length: store.length }, (_, i) => i) : shownRows;
    const text =
      format === 'json'
        ? logFileJson(store, chosen)
        : format === 'csv'
          ? logFileCsv(store, chosen)
          : logFileText(store, chosen, { time: timestampFormatter(timestamps, timeZone, Date.now()), showSource });
    downloadText(text, logFileName(title, new Date(), format, singlePod(store, chosen)), format);
  };
  const widenRange = useStableCallback((from: number) =>
    props.onChangeTimeRange({ from, to: Math.max(data.timeRange.to.valueOf(), session.windowAnchor || 0) })
  );
  // the histogram draws again at most twice a second while lines stream in (view/VolumeHistogram.tsx)
  const volume = useSteadyVolume(engine.volume);
  const liveTail = useMemo(
    () => ({ seconds: options.liveTailSeconds, idle: session.liveTailIdle }),
    [options.liveTailSeconds, session.liveTailIdle]
  );

  const errors = data.errors ?? [];
  const notices = [...frameNotices(data.series), ...session.fetchNotices];
  if (store.length === 0) {
    return (
      <EmptyState
        width={width}
        height={height}
        loading={data.state === LoadingState.Loading}
        errors={errors}
        notices={notices}
      />
    );
  }

  const current_ = current >= 0 ? matches[current] : -1;
  const detailFilters = session.fieldFilters.length + session.labelFilters.length > 0;
  const showChips = options.showLevelFilter || (options.showSourceChips && showSource) || detailFilters;
  const filterBusy = engine.busy && shownRows.length === 0 && store.length > 0;
  // "Load older lines" sits at the oldest end: above the list, or below it when newest lines come first
  const newestOnTop = session.sortOrder === 'newestFirst';
  const olderLines = <OlderLines state={session.older.state} timeZone={timeZone} onLoad={session.older.load} />;
  return (
    <div className={styles.root} style={{ width, height }} data-testid={PODLOGS_TEST_IDS.root}>
      <PanelToolbar
        session={session}
        panelId={props.id}
        displayedFields={displayedFields}
        onToggleField={details.toggleField}
        onSetDisplayedFields={details.setDisplayedFields}
        onDownload={download}
      />
      {showChips && (
        <div className={styles.chips}>
          {options.showLevelFilter && (
            <LevelChips
              counts={engine.levelCounts}
              hidden={session.hiddenLevels}
              colors={colors}
              onToggle={session.toggleLevel}
            />
          )}
          {options.showSourceChips && showSource && (
            <SourceChips
              sources={store.sourceTable.list}
              hidden={session.hiddenSources}
              color={sourceColor}
              onToggle={session.toggleSource}
            />
          )}
          <FieldFilterChips
            fields={session.fieldFilters}
            labels={session.labelFilters}
            onRemoveField={details.removeFieldFilter}
            onRemoveLabel={details.removeLabelFilter}
          />
        </div>
      )}
      <VolumeHistogram
        volume={volume}
        colors={colors}
        hiddenLevels={session.hiddenLevels}
        view={session.viewWindow}
        window={session.timeWindow}
        onView={session.setViewWindow}
        // only a relative window reads the anchor (which moves with every line while following)
        anchor={session.viewWindow?.kind === 'last' ? session.windowAnchor : 0}
        dashboardFrom={data.timeRange?.from.valueOf()}
        onWiden={widenRange}
        timeZone={timeZone}
      />
      {(errors.length > 0 || notices.length > 0 || engine.fallbackReason) && (
        <div className={styles.errors}>
          <QueryErrors errors={errors} />
          <FrameNotices
            notices={
              engine.fallbackReason
                ? [...notices, { severity: 'info', text: `Filtering runs on the page: ${engine.fallbackReason}.` }]
                : notices
            }
          />
        </div>
      )}
      {!newestOnTop && olderLines}
      <div className={styles.main}>
        {shownRows.length === 0 ? (
          <div className={styles.noMatch} data-testid={PODLOGS_TEST_IDS.noMatch}>
            {filterBusy ? (
              <span>Filtering {store.length.toLocaleString('en-US')} lines…</span>
            ) : (
              <Stack direction="column" alignItems="center" gap={1}>
                <span>No lines match the filters.</span>
                <Button size="sm" variant="secondary" onClick={session.clearFilters}>
                  Clear filters
                </Button>
              </Stack>
            )}
          </div>
        ) : (
          <div className={wrap ? styles.listWrap : styles.listNoWrap}>
            <LogList
              handleRef={session.listRef}
              count={rows.length}
              itemKey={itemKey}
              estimateSize={estimateSize}
              width={listWidth}
              height={Math.max(LINE_PX * 3, height - CHROME_PX - VOLUME_HEADER_PX - VOLUME_BARS_PX)}
              wrap={wrap}
              following={session.following}
              newestFirst={session.sortOrder === 'newestFirst'}
              dataVersion={engine.version}
              layoutVersion={`${wrap}:${prettify}:${timestamps}:${bodyWidth}`}
              onUserScroll={session.onUserScroll}
              renderRow={(index) => {
                const row = rows[index];
                const seq = store.seqs[row];
                const run = session.runOf(row);
                const marker = markerOf(store, row);
                if (marker) {
                  return (
                    <MarkerRow
                      ctx={ctx}
                      abs={store.dropped + row}
                      seq={seq}
                      kind={marker}
                      selected={row === detailsRow}
                      onDetails={details.toggleDetails}
                    />
                  );
                }
                return (
                  <LogRow
                    ctx={ctx}
                    abs={store.dropped + row}
                    seq={seq}
                    toggled={session.toggled.has(seq)}
                    shownChars={session.expanded.get(seq) ?? LINE_CHUNK_CHARS}
                    current={index === current_ || seq === link.lineSeq}
                    more={groupSizes ? groupSizes[index] : 0}
                    expanded={groupExpanded ? groupExpanded[index] === 1 : false}
                    duplicates={run ? run.count : 0}
                    lastTime={run ? store.times[run.last] : NaN}
                    selected={row === detailsRow}
                  />
                );
              }}
            />
          </div>
        )}
        {detailsRow >= 0 && (
          <div className={styles.details} style={{ width: paneWidth }}>
            <LogDetails
              store={store}
              row={detailsRow}
              formatTime={formatTime}
              displayedFields={displayedFields}
              onFilter={details.filter}
              onToggleField={details.toggleField}
              onShowContext={details.showContext}
              onClose={details.closeDetails}
            />
          </div>
        )}
      </div>
      {details.contextRow >= 0 && (
        <ContextView
          key={store.seqs[details.contextRow]}
          store={store}
          row={details.contextRow}
          version={snapshot.version}
          formatTime={formatTime}
          levelColors={colors}
          onClose={details.closeContext}
        />
      )}
      {newestOnTop && olderLines}
      <StatusBar
        shown={shownRows.length}
        total={store.length}
        dropped={store.dropped}
        busy={engine.busy}
        progress={engine.progress}
        reading={snapshot.pendingRows}
        following={session.following}
        liveTail={liveTail}
        newLines={session.newLines}
        onFollow={session.follow}
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
      // the context view is drawn over the panel
      position: 'relative',
    }),
    main: css({
      display: 'flex',
      flex: '1 1 auto',
      minHeight: 0,
    }),
    details: css({
      flex: 'none',
      minHeight: 0,
    }),
    chips: css({
      display: 'flex',
      flexWrap: 'wrap',
      gap: theme.spacing(0.5),
      maxHeight: theme.spacing(7.5),
      overflowY: 'auto',
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
