import React, { memo, useEffect, useRef, useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { locationService } from '@grafana/runtime';
import { Button, IconButton, Input, Stack, useStyles2 } from '@grafana/ui';

import { levelsHiddenByName, portableFilters, sourcesHiddenByKey } from './portableFilters';
import { PODLOGS_TEST_IDS } from '../testIds';
import {
  historyKey,
  loadHistory,
  loadSavedFilters,
  remember,
  type RememberedSearch,
  type SavedFilter,
  storeHistory,
  storeSavedFilters,
  withSaved,
} from './searchHistory';
import type { SearchState } from './SearchControls';
import type { PodLogsSession } from './usePodLogsSession';

/** A search is remembered once it has stayed the same this long (not every keystroke). */
export const REMEMBER_AFTER_MS = 1500;

interface Props {
  panelId: number;
  search: SearchState;
  /** the session as it is now: read by the menus' actions, so the memoized menus need not draw as lines arrive */
  getSession: () => PodLogsSession;
  /** the history list is open (the search box opens it with the down arrow) */
  historyOpen: boolean;
  onHistoryOpen: (open: boolean) => void;
}

/** Moves focus between a menu's items with the arrow keys; Escape closes it. */
function onMenuKey(e: React.KeyboardEvent<HTMLElement>, close: () => void) {
  const items = Array.from(e.currentTarget.querySelectorAll<HTMLElement>('[role="menuitem"]'));
  const at = items.indexOf(document.activeElement as HTMLElement);
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    e.preventDefault();
    const next = e.key === 'ArrowDown' ? (at + 1) % items.length : (at - 1 + items.length) % items.length;
    items[next]?.focus();
  } else if (e.key === 'Escape') {
    e.preventDefault();
    e.stopPropagation();
    close();
  }
}

/** Closes a popover on a mouse press outside it. */
function useOutsideClose(open: boolean, ref: React.RefObject<HTMLElement | null>, close: () => void) {
  useEffect(() => {
    if (!open) {
      return;
    }
    const onDown = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) {
        close();
      }
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open, ref, close]);
}

function describeSearch(s: RememberedSearch): string {
  return `${s.text}${s.regex ? '  (regex)' : ''}${s.caseSensitive ? '  (match case)' : ''}`;
}

/**
 * Recent searches (a list under the search box: the last 20 of this dashboard panel, newest first) and saved
 * filters (a named search, excludes, hidden levels and pods, for every panel), both in localStorage.
 */
export const SavedFilters = memo(function SavedFilters({
  panelId,
  search,
  getSession,
  historyOpen,
  onHistoryOpen,
}: Props) {
  const styles = useStyles2(getStyles);
  const [key] = useState(() => historyKey(locationService.getLocation().pathname, panelId));
  const [history, setHistory] = useState(() => loadHistory(key));
  const [saved, setSaved] = useState(loadSavedFilters);
  const [savedOpen, setSavedOpen] = useState(false);
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string>();
  const historyRef = useRef<HTMLSpanElement>(null);
  const savedRef = useRef<HTMLSpanElement>(null);

  // a search that settles is remembered
  const { text, regex, caseSensitive } = search;
  useEffect(() => {
    if (text.trim() === '') {
      return;
    }
    const timer = setTimeout(() => {
      setHistory((h) => {
        const next = remember(h, { text, regex, caseSensitive });
        storeHistory(key, next);
        return next;
      });
    }, REMEMBER_AFTER_MS);
    return () => clearTimeout(timer);
  }, [key, text, regex, caseSensitive]);

  const closeHistory = () => onHistoryOpen(false);
  const closeSaved = () => setSavedOpen(false);
  useOutsideClose(historyOpen, historyRef, closeHistory);
  useOutsideClose(savedOpen, savedRef, closeSaved);

  const apply = (filter: SavedFilter) => {
    const session = getSession();
    session.updateSearch(filter.search);
    session.setHiddenLevels(levelsHiddenByName(filter.hiddenLevels));
    session.setHiddenSources(sourcesHiddenByKey(session.store, filter.hiddenSources));
    closeSaved();
  };

  const saveCurrent = () => {
    const trimmed = name.trim();
    if (trimmed === '') {
      setProblem('Give the filter a name, then save.');
      return;
    }
    const session = getSession();
    const filter: SavedFilter = { name: trimmed, ...portableFilters(session, session.store) };
    const next = withSaved(saved, filter);
    setSaved(next);
    setName('');
    setProblem(
      storeSavedFilters(next) ? undefined : 'The browser would not store it: it is kept until the page reloads.'
    );
  };

  const remove = (filter: SavedFilter) => {
    const next = saved.filter((f) => f.name !== filter.name);
    setSaved(next);
    storeSavedFilters(next);
  };

  return (
    <Stack direction="row" gap={0.5} alignItems="center">
      <span className={styles.anchor} ref={historyRef}>
        <IconButton
          name="history"
          aria-label="Recent searches"
          tooltip="Recent searches (↓ in the search box)"
          aria-expanded={historyOpen}
          onClick={() => onHistoryOpen(!historyOpen)}
          data-testid={PODLOGS_TEST_IDS.historyButton}
        />
        {historyOpen && (
          <div
            className={styles.popover}
            role="menu"
            aria-label="Recent searches"
            onKeyDown={(e) => onMenuKey(e, closeHistory)}
            data-testid={PODLOGS_TEST_IDS.historyList}
          >
            {history.length === 0 ? (
              <div className={styles.empty}>No recent searches yet.</div>
            ) : (
              history.map((h, i) => (
                <button
                  key={i}
                  type="button"
                  role="menuitem"
                  className={styles.item}
                  // the first item takes focus, so the arrow keys go on from the search box
                  autoFocus={i === 0}
                  onClick={() => {
                    getSession().updateSearch({ text: h.text, regex: h.regex, caseSensitive: h.caseSensitive });
                    closeHistory();
                  }}
                >
                  {describeSearch(h)}
                </button>
              ))
            )}
            {history.length > 0 && (
              <Button
                size="sm"
                variant="secondary"
                fill="text"
                icon="trash-alt"
                role="menuitem"
                onClick={() => {
                  setHistory([]);
                  storeHistory(key, []);
                }}
              >
                Clear history
              </Button>
            )}
          </div>
        )}
      </span>
      <span className={styles.anchor} ref={savedRef}>
        <IconButton
          name="bookmark"
          aria-label="Saved filters"
          tooltip="Saved filters"
          aria-expanded={savedOpen}
          onClick={() => setSavedOpen(!savedOpen)}
          data-testid={PODLOGS_TEST_IDS.savedButton}
        />
        {savedOpen && (
          <div
            className={styles.popover}
            role="menu"
            aria-label="Saved filters"
            onKeyDown={(e) => onMenuKey(e, closeSaved)}
            data-testid={PODLOGS_TEST_IDS.savedList}
          >
            {saved.length === 0 && <div className={styles.empty}>No saved filters yet.</div>}
            {saved.map((f) => (
              <div key={f.name} className={styles.savedRow}>
                <button type="button" role="menuitem" className={styles.item} onClick={() => apply(f)}>
                  {f.name}
                </button>
                <IconButton name="trash-alt" size="sm" aria-label={`Delete ${f.name}`} onClick={() => remove(f)} />
              </div>
            ))}
            <form
              className={styles.form}
              onSubmit={(e) => {
                e.preventDefault();
                saveCurrent();
              }}
            >
              <Input
                value={name}
                placeholder="Name the current filters"
                aria-label="Name for the current filters"
                onChange={(e) => setName(e.currentTarget.value)}
                width={24}
              />
              <Button size="sm" type="submit">
                Save
              </Button>
            </form>
            {problem && (
              <div className={styles.problem} role="alert">
                {problem}
              </div>
            )}
          </div>
        )}
      </span>
    </Stack>
  );
});

const getStyles = (theme: GrafanaTheme2) => ({
  anchor: css({ position: 'relative', display: 'inline-flex' }),
  popover: css({
    position: 'absolute',
    top: '100%',
    left: 0,
    zIndex: theme.zIndex.dropdown,
    minWidth: theme.spacing(32),
    maxWidth: theme.spacing(60),
    maxHeight: theme.spacing(40),
    overflowY: 'auto',
    display: 'flex',
    flexDirection: 'column',
    padding: theme.spacing(0.5),
    background: theme.colors.background.primary,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    boxShadow: theme.shadows.z3,
  }),
  item: css({
    textAlign: 'left',
    background: 'none',
    border: 'none',
    color: theme.colors.text.primary,
    padding: theme.spacing(0.5, 1),
    fontFamily: theme.typography.fontFamilyMonospace,
    fontSize: theme.typography.bodySmall.fontSize,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    flex: '1 1 auto',
    cursor: 'pointer',
    '&:hover, &:focus-visible': { background: theme.colors.action.hover },
  }),
  savedRow: css({ display: 'flex', alignItems: 'center' }),
  empty: css({ color: theme.colors.text.secondary, padding: theme.spacing(0.5, 1) }),
  form: css({ display: 'flex', gap: theme.spacing(0.5), paddingTop: theme.spacing(0.5) }),
  problem: css({ color: theme.colors.error.text, fontSize: theme.typography.bodySmall.fontSize }),
});
