import React, { type CSSProperties, useMemo } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Button, useStyles2, useTheme2 } from '@grafana/ui';

import { matchRanges, splitRuns } from '../model/highlight';
import { ansiRuns, type AnsiStyle } from '../model/terminal';
import { PODLOGS_TEST_IDS } from '../testIds';
import { InertText } from './InertText';

/** Lines longer than this are cut, with a control to show the rest: one 5 MB line must not stall the panel. */
export const LONG_LINE_CHARS = 10_000;

function cssOf(style: AnsiStyle | undefined, theme: GrafanaTheme2): CSSProperties | undefined {
  if (!style) {
    return undefined;
  }
  let color = style.color;
  let background = style.background;
  if (style.reverse) {
    [color, background] = [background ?? theme.colors.background.primary, color ?? theme.colors.text.primary];
  }
  const decorations = [
    style.underline && 'underline',
    style.strikethrough && 'line-through',
    style.overline && 'overline',
  ]
    .filter(Boolean)
    .join(' ');
  return {
    color,
    backgroundColor: background,
    fontWeight: style.bold ? theme.typography.fontWeightBold : undefined,
    opacity: style.dim ? 0.7 : undefined,
    fontStyle: style.italic ? 'italic' : undefined,
    textDecoration: decorations || undefined,
  };
}

interface Props {
  /** the line as received, escapes included */
  raw: string;
  /** global RegExp of the search, if any */
  highlight?: RegExp;
  expanded: boolean;
  onExpand: () => void;
}

/** A line's text: ANSI colours as styled spans, search matches marked, long lines cut with a "show all". */
export function LineBody({ raw, highlight, expanded, onExpand }: Props) {
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  const runs = useMemo(() => ansiRuns(raw, theme.isDark), [raw, theme.isDark]);
  const total = runs.reduce((n, r) => n + r.text.length, 0);
  const cut = !expanded && total > LONG_LINE_CHARS;
  const shown = useMemo(() => {
    if (!cut) {
      return runs;
    }
    const out: typeof runs = [];
    let left = LONG_LINE_CHARS;
    for (const run of runs) {
      if (left <= 0) {
        break;
      }
      out.push(run.text.length > left ? { ...run, text: run.text.slice(0, left) } : run);
      left -= run.text.length;
    }
    return out;
  }, [runs, cut]);
  const segments = useMemo(() => {
    const text = shown.map((r) => r.text).join('');
    return splitRuns(
      shown.map((r) => ({ text: r.text, data: r.style })),
      matchRanges(text, highlight)
    );
  }, [shown, highlight]);

  return (
    <span data-testid={PODLOGS_TEST_IDS.body}>
      {segments.map((seg, i) => {
        const content = <InertText text={seg.text} escapeClassName={styles.escape} />;
        const style = cssOf(seg.data, theme);
        return seg.highlighted ? (
          <mark key={i} className={styles.match} style={style}>
            {content}
          </mark>
        ) : (
          <span key={i} style={style}>
            {content}
          </span>
        );
      })}
      {cut && (
        <Button
          size="sm"
          variant="secondary"
          fill="text"
          className={styles.more}
          onClick={onExpand}
          data-testid={PODLOGS_TEST_IDS.expandLine}
        >
          … show {(total - LONG_LINE_CHARS).toLocaleString('en-US')} more characters
        </Button>
      )}
    </span>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  match: css({
    background: theme.colors.warning.transparent,
    color: 'inherit',
    borderRadius: theme.shape.radius.default,
    outline: `1px solid ${theme.colors.warning.border}`,
  }),
  escape: css({
    color: theme.colors.error.text,
    background: theme.colors.error.transparent,
    borderRadius: theme.shape.radius.default,
    fontSize: '0.9em',
    padding: '0 1px',
  }),
  more: css({
    marginLeft: theme.spacing(1),
    height: 'auto',
    padding: theme.spacing(0, 0.5),
    lineHeight: 'inherit',
  }),
});
