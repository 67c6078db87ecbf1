import React, { memo } from 'react';
import { css, cx } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Tooltip, useStyles2 } from '@grafana/ui';

interface Props {
  label: string;
  color: string;
  /** shown after the label, e.g. a line count */
  count?: number;
  hidden: boolean;
  tooltip: string;
  /** what onToggle is called with (a level or source index), so every chip shares one handler */
  index: number;
  onToggle: (index: number) => void;
  testId: string;
}

/** A show/hide toggle with a colour swatch: pressed means the lines are shown. */
export const FilterChip = memo(function FilterChip({
  label,
  color,
  count,
  hidden,
  tooltip,
  index,
  onToggle,
  testId,
}: Props) {
  const styles = useStyles2(getStyles);
  return (
    <Tooltip content={tooltip} placement="top">
      <button
        type="button"
        className={cx(styles.chip, hidden && styles.hidden)}
        aria-pressed={!hidden}
        onClick={() => onToggle(index)}
        data-testid={testId}
        data-value={label}
      >
        <span className={styles.swatch} style={{ background: color }} />
        <span className={styles.label}>{label}</span>
        {count !== undefined && <span className={styles.count}>{count.toLocaleString('en-US')}</span>}
      </button>
    </Tooltip>
  );
});

const getStyles = (theme: GrafanaTheme2) => ({
  chip: css({
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    height: theme.spacing(3),
    padding: theme.spacing(0, 1),
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.pill,
    background: theme.colors.background.secondary,
    color: theme.colors.text.primary,
    fontSize: theme.typography.bodySmall.fontSize,
    cursor: 'pointer',
    whiteSpace: 'nowrap',
    '&:hover': { borderColor: theme.colors.border.strong },
    '&:focus-visible': { outline: `2px solid ${theme.colors.primary.main}` },
  }),
  hidden: css({
    opacity: 0.5,
    textDecoration: 'line-through',
  }),
  swatch: css({
    width: theme.spacing(1),
    height: theme.spacing(1),
    borderRadius: theme.shape.radius.circle,
    flex: 'none',
  }),
  label: css({
    maxWidth: '32ch',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  }),
  count: css({
    color: theme.colors.text.secondary,
    fontVariantNumeric: 'tabular-nums',
  }),
});
