import React, { memo } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Button, Stack, ToolbarButton, useStyles2 } from '@grafana/ui';

import { PODLOGS_TEST_IDS } from '../testIds';

interface Props {
  shown: number;
  total: number;
  dropped: number;
  /** the engine is still filtering: counts may change */
  busy: boolean;
  /** share of lines examined, 0..1 */
  progress: number;
  /** lines of the frames not read yet */
  reading: number;
  following: boolean;
  /** the live tail (Loki, Elasticsearch): every how many seconds, and why it is idle (undefined: running) */
  liveTail?: { seconds: number; idle?: string };
  /** lines that arrived while following was paused */
  newLines: number;
  onFollow: (follow: boolean) => void;
}

const n = (value: number) => value.toLocaleString('en-US');

/** Follow, Following, or "N new lines": drawn again only when one of those changes, not with every count. */
const FollowButton = memo(function FollowButton({
  following,
  newLines,
  onFollow,
}: Pick<Props, 'following' | 'newLines' | 'onFollow'>) {
  return following ? (
    <ToolbarButton
      icon="pause"
      variant="active"
      tooltip="Following the newest line; click or scroll up to pause"
      onClick={() => onFollow(false)}
      data-testid={PODLOGS_TEST_IDS.follow}
    >
      Following
    </ToolbarButton>
  ) : newLines > 0 ? (
    <Button size="sm" icon="arrow-down" onClick={() => onFollow(true)} data-testid={PODLOGS_TEST_IDS.newLines}>
      {n(newLines)} new {newLines === 1 ? 'line' : 'lines'}
    </Button>
  ) : (
    <ToolbarButton
      icon="arrow-down"
      tooltip="Jump to the newest line and follow"
      onClick={() => onFollow(true)}
      data-testid={PODLOGS_TEST_IDS.follow}
    >
      Follow
    </ToolbarButton>
  );
});

/** Idle reasons that say the panel has nothing to tail: the indicator is not shown for them. */
const NOTHING_TO_TAIL = new Set(['off', 'no Loki or Elasticsearch query']);

/** Whether the panel re-queries Loki or Elasticsearch, and if not, why (paused, a range that ends in the past). */
function LiveTailState({ seconds, idle, className }: { seconds: number; idle?: string; className: string }) {
  if (idle !== undefined && NOTHING_TO_TAIL.has(idle)) {
    return null;
  }
  return (
    <span className={className} data-testid={PODLOGS_TEST_IDS.liveTail} data-state={idle ? 'idle' : 'running'}>
      {idle ? `Live tail ${idle === 'paused' ? 'paused' : `off: ${idle}`}` : `Live tail: every ${seconds} s`}
    </span>
  );
}

/** Line counts, dropped lines, and the follow switch that doubles as the "N new lines" button. */
export function StatusBar(props: Props) {
  const { shown, total, dropped, busy, progress, reading, following, newLines, onFollow } = props;
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.bar}>
      <Stack direction="row" gap={1.5} alignItems="center">
        <span data-testid={PODLOGS_TEST_IDS.status}>
          {shown === total ? `${n(total)} lines` : `${n(shown)} of ${n(total)} lines`}
        </span>
        {reading > 0 && <span data-testid={PODLOGS_TEST_IDS.filtering}>reading {n(reading)} more lines…</span>}
        {reading === 0 && busy && progress < 1 && (
          <span data-testid={PODLOGS_TEST_IDS.filtering}>filtering… {Math.floor(progress * 100)}%</span>
        )}
        {props.liveTail && (
          <LiveTailState seconds={props.liveTail.seconds} idle={props.liveTail.idle} className={styles.live} />
        )}
        {dropped > 0 && (
          <span className={styles.dropped} data-testid={PODLOGS_TEST_IDS.dropped}>
            {n(dropped)} older lines dropped
          </span>
        )}
      </Stack>
      <FollowButton following={following} newLines={newLines} onFollow={onFollow} />
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  bar: css({
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
    padding: theme.spacing(0.25, 0.5),
    borderTop: `1px solid ${theme.colors.border.weak}`,
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    fontFamily: theme.typography.fontFamily,
    flex: 'none',
  }),
  live: css({
    color: theme.colors.text.secondary,
  }),
  dropped: css({
    color: theme.colors.warning.text,
  }),
});
