import React, { type CSSProperties, useMemo } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Button, useStyles2, useTheme2 } from '@grafana/ui';

import { splitRuns } from '../model/highlight';
import type { Range } from '../model/search';
import { type AnsiStyle, cutAnsiRuns } from '../model/terminal';
import { PODLOGS_TEST_IDS } from '../testIds';
import { inertNodes } from './InertText';
import { LINE_CHUNK_CHARS } from './rowContext';

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
  /** the length of the line without escapes */
  total: number;
  /** characters of the line shown (the rest behind "show more") */
  shownChars: number;
  /** search matches in the shown text; undefined while they are being found */
  ranges?: Range[];
  onExpand: () => void;
}

/**
 * A line's text: ANSI colours as styled spans, search matches marked, long lines cut before their escapes are
 * even parsed, with a "show more" that adds a bounded chunk at a time.
 */
export function LineBody({ raw, total, shownChars, ranges, onExpand }: Props) {
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  const cut = useMemo(() => cutAnsiRuns(raw, shownChars, theme.isDark), [raw, shownChars, theme.isDark]);
  const segments = useMemo(
    () =>
      splitRuns(
        cut.runs.map((r) => ({ text: r.text, data: r.style })),
        ranges ?? []
      ),
    [cut, ranges]
  );
  const more = total - cut.visible;

  return (
    <span data-testid={PODLOGS_TEST_IDS.body}>
      {segments.map((seg, i) => {
        const content = inertNodes(seg.text, styles.escape);
        const style = cssOf(seg.data, theme);
        if (seg.highlighted) {
          return (
            <mark key={i} className={styles.match} style={style}>
              {content}
            </mark>
          );
        }
        // unstyled text needs no element of its own: fewer nodes per row while thousands scroll past
        return style ? (
          <span key={i} style={style}>
            {content}
          </span>
        ) : (
          <React.Fragment key={i}>{content}</React.Fragment>
        );
      })}
      {more > 0 && (
        <Button
          size="sm"
          variant="secondary"
          fill="text"
          className={styles.more}
          onClick={onExpand}
          data-testid={PODLOGS_TEST_IDS.expandLine}
        >
          … {more.toLocaleString('en-US')} more characters
          {more > LINE_CHUNK_CHARS ? ` (show ${LINE_CHUNK_CHARS.toLocaleString('en-US')} more)` : ' (show)'}
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
