import React, { memo, useMemo } from 'react';
import { css, cx } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { IconButton, useStyles2 } from '@grafana/ui';

import { levelAt } from '../model/levels';
import { looksStructured, parseStructured } from '../model/structured';
import { PODLOGS_TEST_IDS } from '../testIds';
import { LineBody } from './LineBody';
import type { RowContext } from './rowContext';
import { StructuredBody } from './StructuredBody';

interface Props {
  ctx: RowContext;
  /** index into the store */
  row: number;
  /** the reader flipped this line's JSON/logfmt view away from the panel default */
  toggled: boolean;
  expanded: boolean;
  /** the line the match navigation is on */
  current: boolean;
}

/** One log line: level bar, time, pod/container, text, and on hover copy and structured-view buttons. */
export const LogRow = memo(function LogRow({ ctx, row, toggled, expanded, current }: Props) {
  const styles = useStyles2(getStyles);
  const { store } = ctx;
  const seq = store.seqs[row];
  const text = store.texts[row];
  const level = store.levels[row];
  const source = store.sourceTable.list[store.sources[row]];
  const canStructure = useMemo(() => looksStructured(text), [text]);
  const structuredOn = canStructure && ctx.prettifyDefault !== toggled;
  const structured = useMemo(() => (structuredOn ? parseStructured(text) : undefined), [structuredOn, text]);

  return (
    <div
      className={cx(styles.row, current && styles.current)}
      style={{ borderLeftColor: ctx.levelColors[level] }}
      data-testid={PODLOGS_TEST_IDS.row}
      data-level={levelAt(level)}
    >
      {ctx.showTime && (
        <span className={styles.time} data-testid={PODLOGS_TEST_IDS.time}>
          {ctx.formatTime(store.times[row])}
        </span>
      )}
      {ctx.showSource && source && source.label !== '' && (
        <span
          className={styles.source}
          style={{ color: ctx.sourceColor(store.sources[row]) }}
          title={[source.namespace && `namespace ${source.namespace}`, source.node && `node ${source.node}`]
            .filter(Boolean)
            .join(', ')}
          data-testid={PODLOGS_TEST_IDS.source}
        >
          {source.label}
        </span>
      )}
      <span className={styles.body}>
        {structured ? (
          <StructuredBody value={structured} highlight={ctx.highlight} />
        ) : (
          <LineBody
            raw={store.bodies[row]}
            highlight={ctx.highlight}
            expanded={expanded}
            onExpand={() => ctx.onExpand(seq)}
          />
        )}
      </span>
      <span className={styles.actions}>
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
          name="copy"
          size="sm"
          aria-label="Copy the line"
          onClick={() => ctx.onCopy(row)}
          data-testid={PODLOGS_TEST_IDS.copyLine}
        />
      </span>
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
    // shown on hover, and to keyboard users when a button inside has focus
    '&:hover > span:last-child, &:focus-within > span:last-child': {
      opacity: 1,
    },
  }),
  current: css({
    background: theme.colors.warning.transparent,
  }),
  time: css({
    flex: 'none',
    color: theme.colors.text.secondary,
    whiteSpace: 'pre',
  }),
  source: css({
    flex: 'none',
    maxWidth: '30ch',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'pre',
  }),
  body: css({
    flex: '1 1 auto',
    minWidth: 0,
    color: theme.colors.text.primary,
    // wrapping itself is set on the list row (pre-wrap or pre), inherited here
  }),
  actions: css({
    flex: 'none',
    display: 'flex',
    gap: theme.spacing(0.5),
    opacity: 0,
    position: 'sticky',
    right: 0,
    background: theme.colors.background.primary,
  }),
});
