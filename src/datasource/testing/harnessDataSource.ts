/**
 * A data source wired to kube-sim through the proxy harness (Grafana's proxy, modelled), and the query request a
 * dashboard panel sends: the set-up the data-source-level tests share. Files that use it still mock
 * `@grafana/runtime`'s getBackendSrv to throw, so nothing can bypass the harness.
 */
import { DataQueryRequest, dateTime } from '@grafana/data';

import { createProxyHarness, type HarnessOptions } from '../../../tools/proxy-harness';
import type { KubeSim } from '../../../tools/kube-sim';
import { KubeDataSource, type KubeDataSourceDeps } from '../datasource';
import type { KubeQuery } from '../types';

export type HarnessFetch = ReturnType<typeof createProxyHarness>['fetch'];

export interface HarnessDataSourceOptions extends Omit<KubeDataSourceDeps, 'fetch'> {
  /** settings of the data source as saved in Grafana (url, jsonData, secureJsonData, ...) */
  harness?: Partial<HarnessOptions>;
  /** wraps the harness's fetch, to watch or disturb what the client sends */
  wrap?: (fetch: HarnessFetch) => HarnessFetch;
}

export function harnessDataSource(sim: KubeSim, opts: HarnessDataSourceOptions = {}) {
  const { harness: settings, wrap = (f) => f, ...deps } = opts;
  const harness = createProxyHarness({
    url: sim.url,
    jsonData: {},
    secureJsonData: { token: sim.token },
    ...settings,
  });
  const ds = new KubeDataSource(harness.instanceSettings(), {
    templateSrv: { replace: (s: string) => s },
    ...deps,
    fetch: wrap(harness.fetch),
  });
  return { ds, harness };
}

/** The request a dashboard panel sends for the last hour. */
export function queryRequest(targets: KubeQuery[], requestId = 'test'): DataQueryRequest<KubeQuery> {
  const now = dateTime();
  return {
    requestId,
    interval: '15s',
    intervalMs: 15000,
    range: { from: dateTime(now).subtract(1, 'hour'), to: now, raw: { from: 'now-1h', to: 'now' } },
    scopedVars: {},
    targets,
    timezone: 'utc',
    app: 'dashboard',
    startTime: Date.now(),
  };
}
