import React, { memo } from 'react';
import { css, cx } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Icon, useStyles2 } from '@grafana/ui';

import { levelAt } from '../model/levels';
import { fitSourceLabel, type MarkerKind } from '../model/sources';
import { PODLOGS_TEST_IDS } from '../testIds';
import { InertText } from './InertText';
import type { RowContext } from './rowContext';

interface Props {
  ctx: RowContext;
  /** the line's absolute row (store.dropped + its index), as in LogRow: stable while older lines are dropped */
  abs: number;
  seq: number;
  kind: MarkerKind;
  /** its details are open */
  selected: boolean;
  onDetails: (row: number) => void;
}

const KIND_LABEL: Record<MarkerKind, string> = { restart: 'Restart', event: 'Event' };

/**
 * A row the data source added to the stream (a container restart, a pod event): a full-width band with an icon
 * and a word saying what it is, so it never reads as a line the container wrote. Text keeps the theme's primary
 * colour on a light tint of the level's colour, which holds WCAG AA contrast in the light and dark themes.
 */
export const MarkerRow = memo(function MarkerRow({ ctx, abs, seq, kind, selected, onDetails }: Props) {
  const styles = useStyles2(getStyles);
  const { store } = ctx;
  const row = abs - store.dropped;
  const rowNow = () => abs - ctx.store.dropped;
  const level = levelAt(store.levels[row]);
  const source = store.sourceTable.list[store.sources[row]];
  const serious = level === 'error' || level === 'critical' || level === 'warning';
  const icon = kind === 'restart' ? 'sync' : serious ? 'exclamation-triangle' : 'info-circle';
  return (
    <div
      className={cx(styles.band, serious ? styles.serious : styles.calm, selected && styles.selected)}
      style={{ borderLeftColor: ctx.levelColors[store.levels[row]] }}
      data-testid={PODLOGS_TEST_IDS.marker}
      data-marker={kind}
      data-level={level}
      data-seq={seq}
      role="button"
      tabIndex={0}
      aria-expanded={selected}
      aria-label={`${KIND_LABEL[kind]} ${source?.label ?? ''}: ${store.texts[row]}. Show details`}
      onClick={() => onDetails(rowNow())}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onDetails(rowNow());
        }
      }}
    >
      <Icon name={icon} size="sm" aria-hidden className={styles.icon} />
      <span className={styles.kind}>{KIND_LABEL[kind]}</span>
      {ctx.showTime && <span className={styles.time}>{ctx.formatTime(store.times[row])}</span>}
      {ctx.showSource && source && <span className={styles.source}>{fitSourceLabel(source, ctx.sourceChars)}</span>}
      <span className={styles.text}>
        <InertText text={store.texts[row]} escapeClassName={styles.escape} />
      </span>
    </div>
  );
});

const getStyles = (theme: GrafanaTheme2) => ({
  band: css({
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    margin: '1px 0',
    padding: theme.spacing(0, 1, 0, 0.75),
    borderLeft: '3px solid transparent',
    borderTop: `1px dashed ${theme.colors.border.medium}`,
    borderBottom: `1px dashed ${theme.colors.border.medium}`,
    color: theme.colors.text.primary,
    fontFamily: theme.typography.fontFamily,
    cursor: 'pointer',
    '&:focus-visible': {
      outline: `2px solid ${theme.colors.primary.main}`,
      outlineOffset: -2,
    },
  }),
  serious: css({ background: theme.colors.error.transparent }),
  calm: css({ background: theme.colors.info.transparent }),
  selected: css({ boxShadow: `inset 0 0 0 1px ${theme.colors.primary.border}` }),
  icon: css({ flex: 'none' }),
  kind: css({
    flex: 'none',
    fontWeight: theme.typography.fontWeightMedium,
    textTransform: 'uppercase',
    letterSpacing: '0.04em',
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  time: css({ flex: 'none', fontFamily: theme.typography.fontFamilyMonospace, whiteSpace: 'pre' }),
  source: css({ flex: 'none', whiteSpace: 'pre' }),
  text: css({ flex: '1 1 auto', minWidth: 0, fontWeight: theme.typography.fontWeightMedium }),
  escape: css({ color: theme.colors.warning.text }),
});
