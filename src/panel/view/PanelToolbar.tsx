import React, { useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Stack, useStyles2 } from '@grafana/ui';

import type { LogFileFormat } from '../model/logFile';
import { DisplayControls } from './DisplayControls';
import { FieldSelector } from './FieldSelector';
import { SavedFilters } from './SavedFilters';
import { SearchControls } from './SearchControls';
import type { PodLogsSession } from './usePodLogsSession';
import { useStableCallback } from './useStableCallback';

interface Props {
  session: PodLogsSession;
  panelId: number;
  /** the fields shown instead of whole lines (the panel's `displayedFields` option) */
  displayedFields: readonly string[];
  onToggleField: (key: string) => void;
  onSetDisplayedFields: (keys: string[]) => void;
  onDownload: (which: 'visible' | 'all', format: LogFileFormat) => void;
}

/**
 * The panel's toolbar: search and match navigation, recent searches and saved filters, the field selector, and
 * how lines look and download. Its parts are memoized and get stable handlers from here, so lines streaming in
 * redraw only the match count.
 */
export function PanelToolbar({ session, panelId, displayedFields, ...props }: Props) {
  const styles = useStyles2(getStyles);
  const [historyOpen, setHistoryOpen] = useState(false);
  const { search, engine, store, shownRows } = session;
  const getSession = useStableCallback(() => session);
  const goToPrevMatch = useStableCallback(() => session.goToMatch(-1));
  const goToNextMatch = useStableCallback(() => session.goToMatch(1));
  const openHistory = useStableCallback(() => setHistoryOpen(true));
  const toggleField = useStableCallback(props.onToggleField);
  const clearDisplayed = useStableCallback(() => props.onSetDisplayedFields([]));
  const lineCounts = useStableCallback(() => ({ visible: shownRows.length, total: store.length }));
  const download = useStableCallback(props.onDownload);
  return (
    <div className={styles.toolbar}>
      <SearchControls
        state={search}
        onChange={session.updateSearch}
        error={engine.error}
        searching={engine.busy && search.text !== ''}
        matchIndex={session.current}
        matchCount={session.matches.length}
        onPrevMatch={goToPrevMatch}
        onNextMatch={goToNextMatch}
        onOpenHistory={openHistory}
      />
      <SavedFilters
        panelId={panelId}
        search={search}
        getSession={getSession}
        historyOpen={historyOpen}
        onHistoryOpen={setHistoryOpen}
      />
      <Stack direction="row" gap={0.5} alignItems="center" wrap="wrap">
        <FieldSelector store={store} displayed={displayedFields} onToggle={toggleField} onClear={clearDisplayed} />
        <DisplayControls
          timestamps={session.timestamps}
          onTimestamps={session.setTimestamps}
          wrap={session.wrap}
          onWrap={session.setWrap}
          prettify={session.prettify}
          onPrettify={session.setPrettify}
          dedup={session.dedup}
          onDedup={session.setDedup}
          sortOrder={session.sortOrder}
          onSortOrder={session.setSortOrder}
          lineCounts={lineCounts}
          onDownload={download}
        />
      </Stack>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  toolbar: css({
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: theme.spacing(0.5),
    paddingBottom: theme.spacing(0.5),
    flex: 'none',
  }),
});
