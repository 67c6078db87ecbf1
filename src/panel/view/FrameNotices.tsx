import React from 'react';
import { css } from '@emotion/css';
import type { DataFrame, GrafanaTheme2, QueryResultMetaNotice } from '@grafana/data';
import { Icon, useStyles2 } from '@grafana/ui';

import { PODLOGS_TEST_IDS } from '../testIds';

export type Notice = Pick<QueryResultMetaNotice, 'severity' | 'text'>;

/** Every notice the frames carry (byte caps hit, lines dropped, a pod without a previous instance), once each. */
export function frameNotices(series: readonly DataFrame[]): Notice[] {
  const seen = new Set<string>();
  const out: Notice[] = [];
  for (const frame of series) {
    for (const notice of frame.meta?.notices ?? []) {
      const key = `${notice.severity}\u0000${notice.text}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push({ severity: notice.severity, text: notice.text });
      }
    }
  }
  return out;
}

/** Frame notices drawn in the panel, one line each, warnings and errors in their colours. */
export function FrameNotices({ notices }: { notices: readonly Notice[] }) {
  const styles = useStyles2(getStyles);
  return (
    <>
      {notices.map((notice, i) => (
        <p
          key={i}
          className={notice.severity === 'info' ? styles.info : styles.warning}
          data-testid={PODLOGS_TEST_IDS.notice}
        >
          <Icon name={notice.severity === 'info' ? 'info-circle' : 'exclamation-triangle'} /> {notice.text}
        </p>
      ))}
    </>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  info: css({ color: theme.colors.text.secondary, margin: 0 }),
  warning: css({ color: theme.colors.warning.text, margin: 0 }),
});
