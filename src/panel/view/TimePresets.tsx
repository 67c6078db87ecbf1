import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Button, Icon, RadioButtonGroup, useStyles2 } from '@grafana/ui';

import { PODLOGS_TEST_IDS } from '../testIds';
import { presetOf, TIME_PRESETS, type ViewWindow } from '../model/timeWindow';

interface Props {
  view?: ViewWindow;
  onView: (view: ViewWindow | undefined) => void;
  /** where a relative window ends: the newest line, or now while following (ms) */
  anchor: number;
  /** the dashboard's range start (ms): lines before it were not asked for */
  dashboardFrom?: number;
  /** widens the dashboard's range to start at `from` (absent where the panel cannot change it) */
  onWiden?: (from: number) => void;
  formatTime: (ms: number) => string;
}

/**
 * k9s-like presets: the last 5 minutes, 15 minutes, an hour, or every line. A preset wider than the dashboard's
 * time range cannot show more than the range loaded: the panel says so and offers to widen the range.
 */
export function TimePresets({ view, onView, anchor, dashboardFrom, onWiden, formatTime }: Props) {
  const styles = useStyles2(getStyles);
  const pressed = presetOf(view);
  const wanted = view?.kind === 'last' ? anchor - view.ms : NaN;
  const short = Number.isFinite(wanted) && dashboardFrom !== undefined && dashboardFrom > wanted + 1_000;
  return (
    <span className={styles.root}>
      <RadioButtonGroup
        size="sm"
        value={pressed?.label}
        options={TIME_PRESETS.map((p) => ({ label: p.label, value: p.label, description: p.title }))}
        onChange={(label) => {
          const preset = TIME_PRESETS.find((p) => p.label === label);
          onView(preset?.ms === undefined ? undefined : { kind: 'last', ms: preset.ms });
        }}
        data-testid={PODLOGS_TEST_IDS.presets}
      />
      {short && (
        <span className={styles.warning} role="status" data-testid={PODLOGS_TEST_IDS.presetShort}>
          <Icon name="exclamation-triangle" size="sm" /> The dashboard’s time range starts at{' '}
          {formatTime(dashboardFrom!)}: older lines are not loaded.
          {onWiden && (
            <Button
              size="sm"
              variant="secondary"
              fill="text"
              onClick={() => onWiden(wanted)}
              data-testid={PODLOGS_TEST_IDS.widenRange}
            >
              Widen the dashboard range
            </Button>
          )}
        </span>
      )}
    </span>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  root: css({
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    flexWrap: 'wrap',
  }),
  warning: css({
    color: theme.colors.warning.text,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
});
