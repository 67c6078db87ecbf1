import React, { memo, useEffect, useId, useMemo, useRef, useState } from 'react';
import { css, cx } from '@emotion/css';
import { dateTimeFormat, type GrafanaTheme2 } from '@grafana/data';
import { IconButton, useStyles2 } from '@grafana/ui';

import { LEVEL_COUNT, levelAt } from '../model/levels';
import type { TimeWindow, ViewWindow } from '../model/timeWindow';
import { barTotal, type Volume } from '../model/volume';
import { PODLOGS_TEST_IDS } from '../testIds';
import { TimePresets } from './TimePresets';

/** Height of the bars; with the header the strip stays under 60 px. */
export const VOLUME_BARS_PX = 36;
/** Height of the strip's header (toggle, presets, window chip). */
export const VOLUME_HEADER_PX = 26;

interface Props {
  /** the engine's counts, steadied by useSteadyVolume (so the memoized strip skips most answers) */
  volume?: Volume;
  /** colour per level index */
  colors: readonly string[];
  hiddenLevels: readonly boolean[];
  view?: ViewWindow;
  /** the window applied, for shading the bars outside it */
  window?: TimeWindow;
  onView: (view: ViewWindow | undefined) => void;
  /** where a relative window ends (the newest line, or now while following) */
  anchor: number;
  dashboardFrom?: number;
  onWiden?: (from: number) => void;
  /** the dashboard's time zone, for the times in labels */
  timeZone: string;
}

/** While lines stream in, the bars draw again at most this often: each draw labels every bar. */
export const VOLUME_REDRAW_MS = 500;

/** Formatted times kept per formatter: bar edges repeat from one draw to the next. */
const FORMATTED_KEPT = 1_024;

/**
 * Times in the strip: to the second, with the date only when the lines span more than a day. Formatting with a
 * time zone is costly (each bar has two times), so a formatter remembers what it formatted.
 */
function shortFormatter(timeZone: string, withDate: boolean): (ms: number) => string {
  const format = withDate ? 'MM-DD HH:mm:ss' : 'HH:mm:ss';
  const seen = new Map<number, string>();
  return (ms) => {
    let text = seen.get(ms);
    if (text === undefined) {
      if (seen.size >= FORMATTED_KEPT) {
        seen.clear();
      }
      text = dateTimeFormat(ms, { format, timeZone });
      seen.set(ms, text);
    }
    return text;
  };
}

const count = new Intl.NumberFormat('en-US');

function barLabel(volume: Volume, bar: number, formatTime: (ms: number) => string): string {
  const from = volume.start + bar * volume.width;
  const parts: string[] = [];
  for (let level = 0; level < LEVEL_COUNT; level++) {
    const n = volume.counts[bar * LEVEL_COUNT + level];
    if (n > 0) {
      parts.push(`${count.format(n)} ${levelAt(level)}`);
    }
  }
  const total = barTotal(volume, bar);
  return `${formatTime(from)} – ${formatTime(from + volume.width)}: ${count.format(total)} ${
    total === 1 ? 'entry' : 'entries'
  }${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`;
}

function windowLabel(view: ViewWindow, formatTime: (ms: number) => string): string {
  if (view.kind === 'last') {
    const minutes = view.ms / 60_000;
    return minutes >= 60 && minutes % 60 === 0 ? `Last ${minutes / 60} h` : `Last ${minutes} min`;
  }
  return `${formatTime(view.from)} – ${formatTime(view.to)}`;
}

function sameVolume(a: Volume | undefined, b: Volume | undefined): boolean {
  if (a === b) {
    return true;
  }
  if (!a || !b || a.start !== b.start || a.width !== b.width || a.bars !== b.bars || a.max !== b.max) {
    return false;
  }
  return a.counts.every((n, i) => n === b.counts[i]);
}

/**
 * The engine sends the volume with every answer: keep the last object while the counts are the same, and while
 * lines stream in take a new one at most every VOLUME_REDRAW_MS (the latest one always lands).
 */
export function useSteadyVolume(volume: Volume | undefined): Volume | undefined {
  const [held, setHeld] = useState(volume);
  const drawnAt = useRef(-Infinity);
  const changed = !sameVolume(held, volume);
  useEffect(() => {
    if (!changed) {
      return;
    }
    // newer counts wait for their turn; a newer answer meanwhile replaces them, with the same turn
    const wait = Math.max(0, drawnAt.current + VOLUME_REDRAW_MS - Date.now());
    const timer = setTimeout(() => {
      drawnAt.current = Date.now();
      setHeld(volume);
    }, wait);
    return () => clearTimeout(timer);
  }, [changed, volume]);
  return held;
}

/**
 * Entries per level over the buffer's time span, as stacked bars in the level colours (hidden levels grey).
 * Dragging across bars, or a click then a shift-click, narrows the list to that time window; the chip above
 * shows the window and clears it. The counts come from the engine (model/volume.ts), never from a walk over the
 * buffer here.
 */
export const VolumeHistogram = memo(function VolumeHistogram(props: Props) {
  const { colors, hiddenLevels, view, window, onView, timeZone, volume } = props;
  const styles = useStyles2(getStyles);
  const [collapsed, setCollapsed] = useState(false);
  const withDate = volume !== undefined && volume.bars * volume.width > 86_400_000;
  const formatTime = useMemo(() => shortFormatter(timeZone, withDate), [timeZone, withDate]);
  const [drag, setDrag] = useState<{ a: number; b: number }>();
  /** the bar a shift-click extends from */
  const [anchorBar, setAnchorBar] = useState<number>();
  /** the keyboard's bar (aria-activedescendant), and whether the bars have focus */
  const [cursor, setCursor] = useState<number>();
  const [focused, setFocused] = useState(false);
  const barId = useId();

  const choose = (a: number, b: number) => {
    if (!volume) {
      return;
    }
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    onView({ kind: 'range', from: volume.start + lo * volume.width, to: volume.start + (hi + 1) * volume.width });
  };

  const inDrag = (bar: number) =>
    drag !== undefined && bar >= Math.min(drag.a, drag.b) && bar <= Math.max(drag.a, drag.b);
  const outside = (bar: number) => {
    if (!volume || !window) {
      return false;
    }
    const from = volume.start + bar * volume.width;
    return from + volume.width <= window.from || (window.to !== undefined && from >= window.to);
  };

  /** Arrows move between bars, Shift+arrows extend a range, Enter shows it, Escape drops it (or the window). */
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (!volume) {
      return;
    }
    const last = volume.bars - 1;
    const at = Math.min(cursor ?? last, last);
    const moves: Record<string, number> = { ArrowLeft: at - 1, ArrowRight: at + 1, Home: 0, End: last };
    if (e.key in moves) {
      e.preventDefault();
      const next = Math.max(0, Math.min(last, moves[e.key]));
      setDrag(e.shiftKey ? { a: drag?.a ?? at, b: next } : undefined);
      setCursor(next);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      const range = drag ?? { a: at, b: at };
      setAnchorBar(range.a);
      choose(range.a, range.b);
      setDrag(undefined);
    } else if (e.key === 'Escape' && (drag || view)) {
      e.preventDefault();
      e.stopPropagation();
      if (drag) {
        setDrag(undefined);
      } else {
        onView(undefined);
      }
    }
  };

  // the bars draw again only when what they show changes, not with every answer of the engine
  const bars = useMemo(
    () =>
      volume && (
        <div
          className={styles.bars}
          role="listbox"
          aria-multiselectable="true"
          tabIndex={0}
          aria-activedescendant={cursor !== undefined && cursor < volume.bars ? `${barId}-${cursor}` : undefined}
          aria-label={
            'Log volume: drag across bars, or click one and shift-click another, to show that time only; ' +
            'from the keyboard, arrows and Shift+arrows, then Enter'
          }
          data-testid={PODLOGS_TEST_IDS.volumeBars}
          onMouseLeave={() => setDrag(undefined)}
          onKeyDown={onKeyDown}
          onFocus={() => setFocused(true)}
          onBlur={() => setFocused(false)}
        >
          {Array.from({ length: volume.bars }, (_, bar) => {
            const total = barTotal(volume, bar);
            return (
              <div
                key={bar}
                id={`${barId}-${bar}`}
                role="option"
                aria-selected={inDrag(bar) || (window !== undefined && !outside(bar))}
                className={cx(
                  styles.bar,
                  outside(bar) && styles.outside,
                  inDrag(bar) && styles.dragging,
                  focused && cursor === bar && styles.cursor
                )}
                title={barLabel(volume, bar, formatTime)}
                data-testid={PODLOGS_TEST_IDS.volumeBar}
                onMouseDown={(e) => {
                  e.preventDefault();
                  if (e.shiftKey && anchorBar !== undefined) {
                    choose(anchorBar, bar);
                    return;
                  }
                  setDrag({ a: bar, b: bar });
                }}
                onMouseEnter={() => drag && setDrag({ a: drag.a, b: bar })}
                onMouseUp={() => {
                  if (drag) {
                    setAnchorBar(drag.a);
                    choose(drag.a, bar);
                    setDrag(undefined);
                  }
                }}
              >
                {total > 0 &&
                  Array.from({ length: LEVEL_COUNT }, (_, level) => {
                    const n = volume.counts[bar * LEVEL_COUNT + level];
                    return n > 0 ? (
                      <div
                        key={level}
                        data-level={levelAt(level)}
                        data-hidden={hiddenLevels[level] ? 'true' : undefined}
                        className={styles.segment}
                        style={{
                          height: `${(n / volume.max) * 100}%`,
                          background: hiddenLevels[level] ? undefined : colors[level],
                        }}
                      />
                    ) : null;
                  })}
              </div>
            );
          })}
        </div>
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [
      volume,
      colors,
      hiddenLevels,
      window?.from,
      window?.to,
      drag,
      anchorBar,
      styles,
      formatTime,
      onView,
      cursor,
      focused,
    ]
  );

  return (
    <div className={styles.root} data-testid={PODLOGS_TEST_IDS.volume}>
      <div className={styles.header}>
        <IconButton
          name={collapsed ? 'angle-right' : 'angle-down'}
          size="sm"
          aria-label={collapsed ? 'Show the volume histogram' : 'Hide the volume histogram'}
          aria-expanded={!collapsed}
          onClick={() => setCollapsed(!collapsed)}
          data-testid={PODLOGS_TEST_IDS.volumeToggle}
        />
        <span className={styles.title}>Volume</span>
        <TimePresets
          view={view}
          onView={onView}
          anchor={props.anchor}
          dashboardFrom={props.dashboardFrom}
          onWiden={props.onWiden}
          formatTime={formatTime}
        />
        {view && (
          <span className={styles.chip} data-testid={PODLOGS_TEST_IDS.windowChip}>
            Window: {windowLabel(view, formatTime)}
            <IconButton
              name="times"
              size="sm"
              aria-label="Clear the time window"
              onClick={() => onView(undefined)}
              data-testid={PODLOGS_TEST_IDS.clearWindow}
            />
          </span>
        )}
      </div>
      {!collapsed && volume && bars}
    </div>
  );
});

const getStyles = (theme: GrafanaTheme2) => ({
  root: css({
    flex: 'none',
    paddingBottom: theme.spacing(0.5),
  }),
  header: css({
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    minHeight: VOLUME_HEADER_PX,
    flexWrap: 'wrap',
  }),
  title: css({
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  chip: css({
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    padding: theme.spacing(0, 0.5, 0, 1),
    borderRadius: theme.shape.radius.pill,
    background: theme.colors.primary.transparent,
    border: `1px solid ${theme.colors.primary.border}`,
    fontSize: theme.typography.bodySmall.fontSize,
    whiteSpace: 'nowrap',
  }),
  bars: css({
    display: 'flex',
    alignItems: 'stretch',
    gap: 1,
    height: VOLUME_BARS_PX,
    cursor: 'crosshair',
    userSelect: 'none',
    '&:focus-visible': { outline: `1px dashed ${theme.colors.border.strong}`, outlineOffset: 1 },
  }),
  bar: css({
    flex: '1 1 0',
    display: 'flex',
    flexDirection: 'column-reverse',
    minWidth: 1,
    '&:hover': { background: theme.colors.action.hover },
  }),
  outside: css({ opacity: 0.35 }),
  dragging: css({ background: theme.colors.action.selected }),
  cursor: css({ outline: `2px solid ${theme.colors.primary.main}`, outlineOffset: -1 }),
  segment: css({
    flex: 'none',
    // a hidden level's share stays, greyed
    background: theme.colors.border.medium,
  }),
});
