import React, { useEffect, useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Spinner, Stack, Text, useStyles2 } from '@grafana/ui';

import { type HealthProgress, subscribeHealthProgress } from './healthProgress';

export const HEALTH_PROGRESS_TEST_ID = 'data-testid kubeglance health progress';

/**
 * Which step of Save & test is running. Grafana's own button shows only "Testing…", and the checks of a large
 * cluster can take a while: this sits at the bottom of the settings, right above that button.
 */
export function HealthProgressNote({ uid }: { uid: string }) {
  const styles = useStyles2(getStyles);
  const [progress, setProgress] = useState<HealthProgress | undefined>();
  useEffect(() => subscribeHealthProgress(uid, setProgress), [uid]);
  if (!progress) {
    return null;
  }
  return (
    <div className={styles.note} data-testid={HEALTH_PROGRESS_TEST_ID} role="status" aria-live="polite">
      <Stack direction="row" gap={1} alignItems="center">
        <Spinner inline />
        <Text color="secondary">
          Step {progress.index} of {progress.total}: {progress.title}…
        </Text>
      </Stack>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  note: css({ marginTop: theme.spacing(2) }),
});
