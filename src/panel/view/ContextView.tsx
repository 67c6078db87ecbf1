import React, { useEffect, useMemo, useRef, useState } from 'react';
import { css, cx } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Button, IconButton, useStyles2 } from '@grafana/ui';

import { contextRows } from '../model/contextRows';
import { markerOf } from '../model/labelFilters';
import type { LogStore } from '../model/logStore';
import { PODLOGS_TEST_IDS } from '../testIds';
import { InertText } from './InertText';

interface Props {
  store: LogStore;
  row: number;
  /** changes when the store's rows do */
  version: number;
  formatTime: (ms: number) => string;
  levelColors: readonly string[];
  onClose: () => void;
}

/** Lines shown at first on each side, and added by each "more". */
export const CONTEXT_STEP = 10;
/** The most lines shown on each side: a context is for reading, the list is for scrolling. */
export const CONTEXT_MAX = 500;

/**
 * The lines around one line from the same pod/container, from the whole buffer whatever the filters hide, with
 * the line marked; "more before/after" widens it. Drawn over the panel; Escape or the close button leaves.
 */
export function ContextView({ store, row, version, formatTime, levelColors, onClose }: Props) {
  const styles = useStyles2(getStyles);
  const [span, setSpan] = useState({ before: CONTEXT_STEP, after: CONTEXT_STEP });
  const win = useMemo(
    () => contextRows(store, row, span.before, span.after),
    // version: lines arrived or were dropped
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [store, row, version, span]
  );
  const anchorRef = useRef<HTMLLIElement>(null);
  useEffect(() => {
    // jsdom has no scrollIntoView
    anchorRef.current?.scrollIntoView?.({ block: 'center' });
  }, [row]);
  const source = store.sourceTable.list[store.sources[row]];
  const what = source?.label || 'this stream';
  const more = (side: 'before' | 'after') => {
    const can = side === 'before' ? win.moreBefore : win.moreAfter;
    const atMax = span[side] >= CONTEXT_MAX;
    if (!can) {
      return (
        <p className={styles.edge}>
          {side === 'before' ? 'No earlier' : 'No later'} lines of {what} in the panel.
        </p>
      );
    }
    return (
      <Button
        size="sm"
        variant="secondary"
        fill="text"
        icon={side === 'before' ? 'arrow-up' : 'arrow-down'}
        disabled={atMax}
        onClick={() => setSpan((s) => ({ ...s, [side]: Math.min(CONTEXT_MAX, s[side] + CONTEXT_STEP) }))}
      >
        {atMax ? `At most ${CONTEXT_MAX} lines ${side}` : `${CONTEXT_STEP} more ${side}`}
      </Button>
    );
  };

  return (
    <div
      className={styles.overlay}
      role="dialog"
      aria-label={`Context of a line from ${what}`}
      data-testid={PODLOGS_TEST_IDS.context}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div className={styles.header}>
        <span>
          Context: lines of <strong>{what}</strong> around the marked line, filters not applied
        </span>
        <IconButton name="times" size="md" aria-label="Close the context" onClick={onClose} autoFocus />
      </div>
      <div className={styles.scroll}>
        {more('before')}
        <ol className={styles.list}>
          {win.rows.map((r, i) => {
            const anchor = i === win.anchor;
            const marker = markerOf(store, r);
            return (
              <li
                key={store.seqs[r]}
                ref={anchor ? anchorRef : undefined}
                className={cx(styles.line, marker && styles.marker, anchor && styles.anchor)}
                style={{ borderLeftColor: levelColors[store.levels[r]] }}
                aria-current={anchor ? 'true' : undefined}
                data-testid={PODLOGS_TEST_IDS.contextLine}
              >
                <span className={styles.time}>{formatTime(store.times[r])}</span>
                <span className={styles.text}>
                  {marker && <span className={styles.tag}>{marker}: </span>}
                  <InertText text={store.texts[r]} escapeClassName={styles.escape} />
                </span>
              </li>
            );
          })}
        </ol>
        {more('after')}
      </div>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  overlay: css({
    position: 'absolute',
    inset: 0,
    zIndex: 2,
    display: 'flex',
    flexDirection: 'column',
    background: theme.colors.background.primary,
    border: `1px solid ${theme.colors.border.medium}`,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  header: css({
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
    padding: theme.spacing(0.5, 1),
    borderBottom: `1px solid ${theme.colors.border.weak}`,
    color: theme.colors.text.secondary,
  }),
  scroll: css({ flex: '1 1 auto', overflow: 'auto', padding: theme.spacing(0.5, 0) }),
  list: css({
    listStyle: 'none',
    margin: 0,
    padding: 0,
    fontFamily: theme.typography.fontFamilyMonospace,
  }),
  line: css({
    display: 'flex',
    gap: theme.spacing(1.5),
    padding: theme.spacing(0, 1),
    borderLeft: '3px solid transparent',
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  }),
  marker: css({ background: theme.colors.info.transparent }),
  anchor: css({
    background: theme.colors.warning.transparent,
    outline: `1px solid ${theme.colors.warning.border}`,
    outlineOffset: -1,
  }),
  time: css({ flex: 'none', color: theme.colors.text.secondary }),
  text: css({ color: theme.colors.text.primary, minWidth: 0 }),
  tag: css({ fontWeight: theme.typography.fontWeightMedium }),
  edge: css({ color: theme.colors.text.secondary, margin: theme.spacing(0.5, 1) }),
  escape: css({ color: theme.colors.warning.text }),
});
