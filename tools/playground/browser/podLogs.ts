import { type DataFrame, type DataQuery, type DataSourceApi, LoadingState, type PanelData } from '@grafana/data';
import { getBackendSrv } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';

import { queryRequest, runQuery } from './dataSource';
import { LineDeduper, logsFrame, parseTimestampedLog } from './logLines';
import type { LogsPod } from './pluginTypes';

export type LogsSource = 'datasource' | 'page';

export interface FollowOptions {
  datasource: DataSourceApi;
  proxyBase: string;
  pod: LogsPod;
  onData: (data: PanelData, source: LogsSource) => void;
  pollMs?: number;
}

const UNSUPPORTED = /unknown query type/i;

/**
 * Streams a pod's lines as PanelData: the data source's own logs query (live) when it has one; otherwise the
 * page polls the pod's log endpoint through the same proxy and builds the logs frame itself.
 */
export function followPodLogs(opts: FollowOptions): () => void {
  const { datasource, pod, onData } = opts;
  let stopPage: (() => void) | undefined;
  const target = {
    refId: 'logs',
    queryType: 'logs',
    namespace: pod.namespace,
    podName: pod.pod,
    container: pod.container,
    tailLines: 500,
    live: true,
  } as DataQuery;
  const request = queryRequest([target], { minutes: 15 });
  const sub = runQuery(datasource, request).subscribe({
    next: (res) => {
      const errors = res.errors ?? (res.error ? [res.error] : []);
      if (errors.some((e) => UNSUPPORTED.test(e.message ?? '')) && !stopPage) {
        stopPage = pollFromPage(opts);
        return;
      }
      onData(
        {
          state: res.state ?? LoadingState.Done,
          series: res.data as DataFrame[],
          errors,
          timeRange: request.range,
          request,
        },
        'datasource'
      );
    },
  });
  return () => {
    sub.unsubscribe();
    stopPage?.();
  };
}

function pollFromPage({ proxyBase, pod, onData, pollMs = 1000 }: FollowOptions): () => void {
  const dedupe = new LineDeduper();
  const request = queryRequest([{ refId: 'logs' }], { minutes: 15 });
  const labels = { namespace: pod.namespace, pod: pod.pod, container: pod.container };
  const url = `${proxyBase}/api/v1/namespaces/${encodeURIComponent(pod.namespace)}/pods/${encodeURIComponent(pod.pod)}/log`;
  let stopped = false;
  let timer: number | undefined;

  const poll = async () => {
    const since = dedupe.sinceTime;
    const params = since
      ? { container: pod.container, timestamps: true, sinceTime: since }
      : { container: pod.container, timestamps: true, tailLines: 500 };
    try {
      const res = await lastValueFrom(getBackendSrv().fetch<string>({ url, params, responseType: 'text' }));
      const fresh = dedupe.fresh(parseTimestampedLog(res.data));
      if (!stopped && (fresh.length || !since)) {
        const lines = fresh.map((l) => ({ timeMs: l.timeMs, body: l.body, id: `${pod.pod}/${l.stamp}` }));
        // only the new lines, as a streaming data source may send them: the panel appends them
        const frame: DataFrame = logsFrame('logs', lines, labels);
        onData({ state: LoadingState.Streaming, series: [frame], timeRange: request.range, request }, 'page');
      }
    } catch (err) {
      const message = (err as { data?: { message?: string } }).data?.message ?? String(err);
      onData(
        { state: LoadingState.Error, series: [], errors: [{ message }], timeRange: request.range, request },
        'page'
      );
    }
    if (!stopped) {
      timer = window.setTimeout(() => void poll(), pollMs);
    }
  };
  void poll();
  return () => {
    stopped = true;
    window.clearTimeout(timer);
  };
}
