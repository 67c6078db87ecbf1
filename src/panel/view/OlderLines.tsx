import React from 'react';
import { css } from '@emotion/css';
import { dateTimeFormat, type GrafanaTheme2 } from '@grafana/data';
import { Button, useStyles2 } from '@grafana/ui';

import { PODLOGS_TEST_IDS } from '../testIds';
import type { OlderState } from './useOlderLines';

interface Props {
  state: OlderState;
  timeZone: string;
  onLoad: () => void;
}

const n = (value: number) => value.toLocaleString('en-US');

/** What the bar says besides its button: why there is nothing more, or nothing to press. */
function explain(state: OlderState, timeZone: string): string | undefined {
  const at = (ms: number) => dateTimeFormat(ms, { timeZone });
  switch (state.kind) {
    case 'end':
      return (
        `No lines between ${at(state.from)} and ${at(state.to)}.` +
        (state.podLogs
          ? " The pod log API keeps a container's log since it started (or since the log was last rotated): earlier lines may be gone."
          : '')
      );
    case 'full':
      return `The panel holds its maximum of ${n(state.maxLines)} lines: raise "Max lines kept" to load older ones.`;
    case 'error':
      return `Could not load older lines: ${state.message}`;
    default:
      return undefined;
  }
}

/** "Load older lines" at the oldest end of the list (top, or bottom when newest lines come first). */
export function OlderLines({ state, timeZone, onLoad }: Props) {
  const styles = useStyles2(getStyles);
  if (state.kind === 'unsupported') {
    return null;
  }
  const text = explain(state, timeZone);
  return (
    <div className={styles.bar} data-testid={PODLOGS_TEST_IDS.olderLines}>
      {state.kind !== 'full' && (
        <Button
          size="sm"
          variant="secondary"
          fill="text"
          icon={state.kind === 'loading' ? 'spinner' : 'history'}
          disabled={state.kind === 'loading'}
          onClick={onLoad}
        >
          {state.kind === 'end'
            ? 'Look further back'
            : state.kind === 'loading'
              ? 'Loading older lines…'
              : 'Load older lines'}
        </Button>
      )}
      {text && (
        <span className={styles.text} data-testid={PODLOGS_TEST_IDS.olderLinesNote}>
          {text}
        </span>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  bar: css({
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    flex: 'none',
    minHeight: theme.spacing(3),
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  text: css({
    color: theme.colors.text.secondary,
  }),
});
