import React, { useEffect, useState } from 'react';
import { type DataSourceApi, getDefaultTimeRange, LoadingState, type PanelData, type PanelPlugin } from '@grafana/data';

import { HostedPanel } from './HostedPanel';
import type { LogsPod } from './pluginTypes';
import { followPodLogs, type LogsSource } from './podLogs';
import { PLAYGROUND_TEST_IDS } from './testIds';

interface Props {
  panel: PanelPlugin;
  datasource: DataSourceApi;
  proxyBase: string;
  pod: LogsPod;
  width: number;
}

/** The pod-logs panel from dist/ following the chatty pod. */
export function LogsSection({ panel, datasource, proxyBase, pod, width }: Props) {
  const [data, setData] = useState<PanelData>(() => ({
    state: LoadingState.Loading,
    series: [],
    timeRange: getDefaultTimeRange(),
  }));
  const [source, setSource] = useState<LogsSource | undefined>();

  useEffect(
    () =>
      followPodLogs({
        datasource,
        proxyBase,
        pod,
        onData: (next, from) => {
          setData(next);
          setSource(from);
        },
      }),
    [datasource, proxyBase, pod]
  );

  return (
    <div data-source={source}>
      <p>
        {pod.namespace}/{pod.pod} ({pod.container}):{' '}
        {source === 'datasource'
          ? "the data source's live logs query"
          : source === 'page'
            ? 'the data source has no logs query yet, so the page reads the log endpoint through the proxy'
            : 'starting…'}
      </p>
      <HostedPanel
        plugin={panel}
        data={data}
        width={width}
        height={420}
        title={`${pod.pod} logs`}
        testId={PLAYGROUND_TEST_IDS.logsPanel}
      />
    </div>
  );
}
