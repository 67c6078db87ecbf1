import React, { memo, useEffect, useMemo, useState } from 'react';
import { css, cx } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Button, IconButton, useStyles2 } from '@grafana/ui';

import { levelAt } from '../model/levels';
import { fitSourceLabel } from '../model/sources';
import { INLINE_STRUCTURED, looksStructured, parseStructured } from '../model/structured';
import { PODLOGS_TEST_IDS } from '../testIds';
import { DisplayedFieldsBody } from './DisplayedFields';
import { LineBody } from './LineBody';
import type { RowContext } from './rowContext';
import { StructuredBody } from './StructuredBody';

interface Props {
  ctx: RowContext;
  /**
   * the line's absolute row (store.dropped + its index): it stays the same while older lines are dropped, so a
   * row already drawn does not draw again when 2,000 lines a second arrive and leave
   */
  abs: number;
  /** the line's unique number: with `abs`, what tells a memoized row that its line changed */
  seq: number;
  /** the reader flipped this line's JSON/logfmt view away from the panel default */
  toggled: boolean;
  /** characters shown of a long line */
  shownChars: number;
  /** the line the match navigation is on */
  current: boolean;
  /** a stack trace's head: its continuation lines (> 0); -1 for a continuation line; 0 for a line of its own */
  more: number;
  /** a head's trace is expanded */
  expanded: boolean;
  /** with dedup: the size of the line's run of duplicates (0 or 1: none) */
  duplicates: number;
  /** the time of the run's last line */
  lastTime: number;
  /** its log details are open */
  selected?: boolean;
}

/** "×N" before a line that stands for N adjacent duplicates, with the last one's time when times are shown. */
function DuplicatesBadge({ count, last, className }: { count: number; last: string; className: string }) {
  const label = last ? `${count} duplicate lines, the last at ${last}` : `${count} duplicate lines`;
  return (
    <span className={className} title={label} aria-label={label} data-testid={PODLOGS_TEST_IDS.duplicates}>
      ×{count}
      {last && ` … ${last}`}
    </span>
  );
}

/** How long "Copied" shows on the copy button. */
const COPIED_MS = 1500;

/** One log line: level bar, time, pod/container, text, and on hover copy and structured-view buttons. */
export const LogRow = memo(function LogRow({
  ctx,
  abs,
  seq,
  toggled,
  shownChars,
  current,
  more,
  expanded,
  duplicates,
  lastTime,
  selected = false,
}: Props) {
  const styles = useStyles2(getStyles);
  const [copied, setCopied] = useState<boolean | undefined>(undefined);
  // The copy and prettify buttons exist only while the row is hovered or has focus: a thousand rows scrolled
  // past must not each mount two buttons with tooltips.
  const [active, setActive] = useState(false);
  const { store } = ctx;
  const row = abs - store.dropped;
  // handlers run later, when more lines may have been dropped: they find the row then
  const rowNow = () => abs - ctx.store.dropped;
  const text = store.texts[row];
  const level = store.levels[row];
  const source = store.sourceTable.list[store.sources[row]];
  const canStructure = useMemo(() => looksStructured(text), [text]);
  const structuredOn = canStructure && ctx.prettifyDefault !== toggled;
  const inline = text.length <= INLINE_STRUCTURED;
  const structuredInline = useMemo(
    () => (structuredOn && inline ? parseStructured(text) : undefined),
    [structuredOn, inline, text]
  );
  // long lines are prettified by the engine, off the main thread
  const structured = structuredOn && !inline ? ctx.prettified(seq, text) : structuredInline;
  const label = source ? fitSourceLabel(source, ctx.sourceChars) : '';
  const copyLabel = more > 0 ? 'Copy the stack trace' : 'Copy the line';

  useEffect(() => {
    if (copied === undefined) {
      return;
    }
    const timer = setTimeout(() => setCopied(undefined), COPIED_MS);
    return () => clearTimeout(timer);
  }, [copied]);

  const lineBody = (
    <LineBody
      raw={store.bodies[row]}
      total={text.length}
      shownChars={shownChars}
      ranges={ctx.highlight(row, shownChars)}
      onExpand={() => ctx.onExpand(seq)}
    />
  );

  return (
    <div
      className={cx(styles.row, current && styles.current, selected && styles.selected)}
      style={{ borderLeftColor: ctx.levelColors[level] }}
      data-testid={PODLOGS_TEST_IDS.row}
      data-level={levelAt(level)}
      aria-current={current ? 'true' : undefined}
      data-group={more > 0 ? 'head' : more < 0 ? 'continuation' : undefined}
      tabIndex={0}
      onMouseEnter={() => setActive(true)}
      onMouseLeave={(e) => setActive(e.currentTarget.contains(document.activeElement))}
      onFocus={() => setActive(true)}
      onBlur={(e) => setActive(e.currentTarget.contains(e.relatedTarget as Node | null))}
      onClick={(e) => {
        // a click opens the details, unless it ends a text selection or hits one of the row's controls
        const onControl = (e.target as Element).closest('button, a, [role="button"]') !== null;
        if (ctx.onDetails && !onControl && !window.getSelection()?.toString()) {
          ctx.onDetails(rowNow());
        }
      }}
      onKeyDown={(e) => {
        if (ctx.onDetails && e.key === 'Enter' && e.target === e.currentTarget) {
          ctx.onDetails(rowNow());
        }
      }}
    >
      {ctx.showTime && (
        <span className={styles.time} data-testid={PODLOGS_TEST_IDS.time}>
          {ctx.formatTime(store.times[row])}
        </span>
      )}
      {ctx.showSource && (
        <span
          className={styles.source}
          style={{ color: ctx.sourceColor(store.sources[row]), width: `${ctx.sourceChars}ch` }}
          title={
            source
              ? [
                  source.label,
                  source.namespace && `namespace ${source.namespace}`,
                  source.node && `node ${source.node}`,
                ]
                  .filter(Boolean)
                  .join(', ')
              : undefined
          }
          data-testid={PODLOGS_TEST_IDS.source}
        >
          {label}
        </span>
      )}
      {duplicates > 1 && (
        <DuplicatesBadge count={duplicates} last={ctx.formatTime(lastTime)} className={styles.dupes} />
      )}
      {more > 0 && (
        <Button
          size="sm"
          fill="text"
          variant="secondary"
          className={styles.groupToggle}
          aria-expanded={expanded}
          aria-label={
            expanded ? `Collapse the stack trace (${more} more lines)` : `Expand the stack trace (${more} more lines)`
          }
          onClick={() => ctx.onToggleGroup(seq, expanded)}
          data-testid={PODLOGS_TEST_IDS.groupToggle}
        >
          {expanded ? '▾' : `▸ ${more} more ${more === 1 ? 'line' : 'lines'}`}
        </Button>
      )}
      <span className={cx(styles.body, more < 0 && styles.continuation)}>
        {ctx.displayedFields?.length ? (
          <DisplayedFieldsBody store={store} row={row} keys={ctx.displayedFields} fallback={lineBody} />
        ) : structured ? (
          <StructuredBody value={structured} mark={ctx.markText} />
        ) : (
          lineBody
        )}
        {structured === undefined && structuredOn && !inline && <span className={styles.note}> (prettifying…)</span>}
      </span>
      {(active || copied !== undefined) && (
        <span className={styles.actions}>
          {ctx.onDetails && (
            <IconButton
              name="info-circle"
              size="sm"
              aria-label={selected ? 'Hide the log details' : 'Show the log details'}
              aria-expanded={selected}
              onClick={() => ctx.onDetails?.(rowNow())}
              data-testid={PODLOGS_TEST_IDS.detailsButton}
            />
          )}
          {canStructure && (
            <IconButton
              name="brackets-curly"
              size="sm"
              aria-label={structuredOn ? 'Show the line as written' : 'Show the line prettified'}
              aria-pressed={structuredOn}
              onClick={() => ctx.onToggleStructured(seq)}
              data-testid={PODLOGS_TEST_IDS.structuredToggle}
            />
          )}
          <IconButton
            name={copied ? 'check' : 'copy'}
            size="sm"
            aria-label={copied ? 'Copied' : copied === false ? 'Copy failed' : copyLabel}
            tooltip={copied ? 'Copied' : copied === false ? 'The browser refused the copy' : copyLabel}
            onClick={() => void ctx.onCopy(rowNow(), more > 0).then(setCopied)}
            data-testid={PODLOGS_TEST_IDS.copyLine}
          />
          {ctx.onLink && (
            <IconButton
              name="link"
              size="sm"
              aria-label={current ? 'Unlink this line' : 'Link to this line: the page link opens the panel here'}
              tooltip={current ? 'Unlink this line' : 'Copy a link to this line (the page URL opens the panel here)'}
              onClick={() => ctx.onLink?.(rowNow())}
              data-testid={PODLOGS_TEST_IDS.linkLine}
            />
          )}
          <span className={styles.srOnly} role="status" aria-live="polite">
            {copied ? 'Copied' : ''}
          </span>
        </span>
      )}
    </div>
  );
});

const getStyles = (theme: GrafanaTheme2) => ({
  row: css({
    display: 'flex',
    alignItems: 'flex-start',
    gap: theme.spacing(1.5),
    padding: theme.spacing(0, 0.5, 0, 0.75),
    borderLeft: '3px solid transparent',
    '&:hover': {
      background: theme.colors.emphasize(theme.colors.background.primary, 0.03),
    },
    '&:focus-visible': {
      outline: `1px solid ${theme.colors.primary.border}`,
      outlineOffset: -1,
    },
  }),
  current: css({
    background: theme.colors.warning.transparent,
  }),
  selected: css({
    boxShadow: `inset 0 0 0 1px ${theme.colors.primary.border}`,
  }),
  time: css({
    flex: 'none',
    color: theme.colors.text.secondary,
    whiteSpace: 'pre',
  }),
  source: css({
    flex: 'none',
    overflow: 'hidden',
    whiteSpace: 'pre',
    // the width is the label's length in ch; a pixel more keeps sub-pixel rounding from clipping its last glyph
    boxSizing: 'content-box',
    paddingRight: 1,
  }),
  body: css({
    flex: '1 1 auto',
    minWidth: 0,
    color: theme.colors.text.primary,
    // wrapping itself is set on the list row (pre-wrap or pre), inherited here
  }),
  // the toggle sits in the line's flow, one text line high, so rows keep their measured height
  groupToggle: css({
    flex: 'none',
    height: 18,
    minHeight: 0,
    padding: theme.spacing(0, 0.5),
    lineHeight: '18px',
    fontFamily: 'inherit',
    fontSize: 'inherit',
  }),
  dupes: css({
    flex: 'none',
    padding: theme.spacing(0, 0.5),
    borderRadius: theme.shape.radius.default,
    background: theme.colors.secondary.main,
    color: theme.colors.secondary.text,
    whiteSpace: 'pre',
  }),
  continuation: css({
    color: theme.colors.text.secondary,
  }),
  note: css({
    color: theme.colors.text.secondary,
  }),
  actions: css({
    flex: 'none',
    display: 'flex',
    gap: theme.spacing(0.5),
    position: 'sticky',
    right: 0,
    background: theme.colors.background.primary,
  }),
  srOnly: css({
    position: 'absolute',
    width: 1,
    height: 1,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
  }),
});
