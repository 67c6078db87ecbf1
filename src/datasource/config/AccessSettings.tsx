import React from 'react';
import { FieldSet } from '@grafana/ui';

import { TEST_IDS } from '../../components/testIds';
import { MAX_HISTORY_MINUTES } from './samplerSettings';
import { DEFAULT_FAN_OUT_CONCURRENCY, MAX_FAN_OUT_CONCURRENCY } from '../kube/limits';
import { DEFAULT_HISTORY_MINUTES, DEFAULT_POLL_INTERVAL_SECONDS, MIN_POLL_INTERVAL_SECONDS } from '../types';
import {
  fanOutConcurrencyError,
  historyMinutesError,
  MIN_FAN_OUT_CONCURRENCY,
  pollIntervalError,
  type SettingsSectionProps,
} from './configOptions';
import { NumberSetting } from './NumberSetting';
import { SwitchSetting } from './SwitchSetting';

/**
 * The opt-in kubelet access and how hard the data source may hit the cluster. Out-of-range numbers are kept as
 * typed (so the message explains them) and the data source clamps them, as it must for provisioned values too.
 */
export function AccessSettings({ options, onOptionsChange }: SettingsSectionProps) {
  const { jsonData } = options;
  const section = { options, onOptionsChange };

  return (
    <FieldSet label="Cluster access">
      <SwitchSetting
        {...section}
        label="Kubelet access"
        description={
          <>
            Read the kubelet&apos;s stats and metrics through the API server&apos;s node proxy. The token then needs{' '}
            <code>get</code> on <code>nodes/proxy</code>, a powerful grant: it opens the whole kubelet API, including
            the endpoints that run commands in containers, not just the stats. Bind that role only if you accept this;
            the RBAC guide (docs/rbac.md) explains the tiers.
          </>
        }
        field="kubeletAccess"
        id="kubeglance-kubelet-access"
        testId={TEST_IDS.configEditor.kubeletAccess}
      />

      <NumberSetting
        {...section}
        label="Polling interval (seconds)"
        description={`How often live panels ask the cluster again. At least ${MIN_POLL_INTERVAL_SECONDS}; metrics-server itself refreshes every 15 s by default.`}
        field="pollIntervalSeconds"
        id="kubeglance-poll-interval"
        testId={TEST_IDS.configEditor.pollInterval}
        min={MIN_POLL_INTERVAL_SECONDS}
        fallback={DEFAULT_POLL_INTERVAL_SECONDS}
        error={pollIntervalError(jsonData.pollIntervalSeconds)}
      />
      <NumberSetting
        {...section}
        label="History (minutes)"
        description={`How much history time-series panels keep in the browser (1 to ${MAX_HISTORY_MINUTES}). Each polled source keeps being polled this long after its last panel closes.`}
        field="historyMinutes"
        id="kubeglance-history"
        testId={TEST_IDS.configEditor.historyMinutes}
        min={1}
        max={MAX_HISTORY_MINUTES}
        fallback={DEFAULT_HISTORY_MINUTES}
        error={historyMinutesError(jsonData.historyMinutes)}
      />
      <NumberSetting
        {...section}
        label="Fan-out concurrency"
        description={`At most this many requests at once when a query reads every node or pod (${MIN_FAN_OUT_CONCURRENCY} to ${MAX_FAN_OUT_CONCURRENCY}: Grafana runs at most 5 proxy requests at once).`}
        field="fanOutConcurrency"
        id="kubeglance-fan-out"
        testId={TEST_IDS.configEditor.fanOutConcurrency}
        min={MIN_FAN_OUT_CONCURRENCY}
        max={MAX_FAN_OUT_CONCURRENCY}
        fallback={DEFAULT_FAN_OUT_CONCURRENCY}
        error={fanOutConcurrencyError(jsonData.fanOutConcurrency)}
      />
    </FieldSet>
  );
}
