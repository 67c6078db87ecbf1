import React, { type ReactNode, useMemo } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import { displayedValues } from '../model/displayedFields';
import type { LogStore } from '../model/logStore';
import { PODLOGS_TEST_IDS } from '../testIds';
import { InertText } from './InertText';

interface Props {
  store: LogStore;
  row: number;
  keys: readonly string[];
  /** what the row shows when it has none of the fields: the whole line */
  fallback: ReactNode;
}

/** A row's displayed fields as `key=value` pairs instead of its line (Grafana's "displayed fields"). */
export function DisplayedFieldsBody({ store, row, keys, fallback }: Props) {
  const styles = useStyles2(getStyles);
  const text = store.texts[row];
  // text is the row's identity here: the memo holds while the row shows the same line
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const values = useMemo(() => displayedValues(store, row, keys), [store, row, text, keys]);
  if (values.length === 0) {
    return <>{fallback}</>;
  }
  return (
    <span data-testid={PODLOGS_TEST_IDS.displayedFields}>
      {values.map(([key, value], i) => (
        <span key={key} className={styles.pair}>
          <span className={styles.key}>{key}=</span>
          <InertText text={value} escapeClassName={styles.escape} />
          {i < values.length - 1 ? ' ' : ''}
        </span>
      ))}
    </span>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  pair: css({ marginRight: theme.spacing(1) }),
  key: css({ color: theme.colors.text.secondary }),
  escape: css({ color: theme.colors.warning.text }),
});
