import {
  CoreApp,
  DataQueryRequest,
  DataQueryResponse,
  DataSourceApi,
  DataSourceInstanceSettings,
  DataSourceWithLogsContextSupport,
  LogRowContextOptions,
  LogRowModel,
  TimeRange,
  TestDataSourceResponse,
} from '@grafana/data';
import { BackendSrvRequest, FetchResponse, getBackendSrv, getTemplateSrv, TemplateSrv } from '@grafana/runtime';
import { defer, lastValueFrom, merge, Observable, of } from 'rxjs';

import { kubeAnnotations } from './annotations';
import { checkHealth } from './health';
import { KubeClient } from './kube/client';
import { liveQuery } from './live/liveQuery';
import { Sampler } from './live/sampler';
import { samplerSettings } from './live/samplerSettings';
import { LiveSource } from './live/types';
import { kubeletMetricNamesFor } from './queries/kubelet';
import { getLogRowContext, getLogRowContextQuery } from './queries/logsContext';
import { QUERY_MODULES } from './queries/registry';
import { QueryContext, QueryModule } from './queries/types';
import { toQueryError } from './queries/queryError';
import {
  DEFAULT_FAN_OUT_CONCURRENCY,
  DEFAULT_QUERY,
  KubeDataSourceOptions,
  KubeletEndpoint,
  KubeQuery,
  LogsQuery,
  MAX_FAN_OUT_CONCURRENCY,
} from './types';
import { variableResolver } from './variables';
import { KubeVariableSupport } from './variableSupport';

/** What Grafana hands the plugin, replaceable in tests (the proxy harness supplies `fetch`). */
export interface KubeDataSourceDeps {
  fetch?: (req: BackendSrvRequest) => Observable<FetchResponse<unknown>>;
  templateSrv?: Pick<TemplateSrv, 'replace'>;
  now?: () => number;
}

export class KubeDataSource
  extends DataSourceApi<KubeQuery, KubeDataSourceOptions>
  implements DataSourceWithLogsContextSupport<KubeQuery>
{
  readonly client: KubeClient;
  private readonly templateSrv: Pick<TemplateSrv, 'replace'>;
  private readonly now: () => number;
  private readonly kubeletAccess: boolean;
  private readonly concurrency: number;
  /** the in-browser history of live sources; see live/sampler.ts */
  readonly sampler: Sampler;

  constructor(instanceSettings: DataSourceInstanceSettings<KubeDataSourceOptions>, deps: KubeDataSourceDeps = {}) {
    super(instanceSettings);
    const json = instanceSettings.jsonData ?? {};
    const concurrency = Math.min(
      MAX_FAN_OUT_CONCURRENCY,
      Math.max(1, Math.floor(json.fanOutConcurrency ?? DEFAULT_FAN_OUT_CONCURRENCY))
    );
    const backendSrv = deps.fetch ? undefined : getBackendSrv();
    this.client = new KubeClient({
      baseUrl: instanceSettings.url ?? '',
      fetch: deps.fetch ?? ((req) => backendSrv!.fetch(req)),
      concurrency,
      requestIdPrefix: `kubeglance-${instanceSettings.uid}`,
    });
    this.templateSrv = deps.templateSrv ?? getTemplateSrv();
    this.now = deps.now ?? Date.now;
    this.kubeletAccess = json.kubeletAccess === true;
    this.concurrency = concurrency;
    this.sampler = new Sampler({ ...samplerSettings(json), now: this.now });
    this.variables = new KubeVariableSupport(this, deps.templateSrv);
    this.annotations = kubeAnnotations;
  }

  getDefaultQuery(app: CoreApp): Partial<KubeQuery> {
    // Explore is where people read logs; dashboards start with the cluster's nodes
    return app === CoreApp.Explore ? { queryType: 'logs' } : DEFAULT_QUERY;
  }

  filterQuery(query: KubeQuery): boolean {
    return !query.hide && Boolean(query.queryType);
  }

  query(request: DataQueryRequest<KubeQuery>): Observable<DataQueryResponse> {
    const targets = request.targets.filter((t) => this.filterQuery(t));
    if (!targets.length) {
      return of({ data: [] });
    }
    // Explore's live tail asks through the request, dashboards through the query's own `live`
    const live = request.liveStreaming === true;
    return merge(...targets.map((t) => this.runTarget(live ? { ...t, live: true } : t, request)));
  }

  private runTarget(target: KubeQuery, request: DataQueryRequest<KubeQuery>): Observable<DataQueryResponse> {
    const module = QUERY_MODULES[target.queryType] as QueryModule<KubeQuery, unknown> | undefined;
    if (!module) {
      const message = `Unknown query type "${String(target.queryType)}". Choose one in the query editor.`;
      return of({ data: [], errors: [{ message, refId: target.refId }], key: target.refId });
    }
    try {
      const resolved = module.resolve(target, variableResolver(this.templateSrv, request.scopedVars));
      const ctx = this.context(target.refId, request.range);
      const { snapshot, sourceKey } = module;
      if (snapshot && sourceKey && (target.format === 'timeseries' || target.live)) {
        // history and live panels: one shared poller per distinct source, however many panels ask
        const source: LiveSource = {
          key: sourceKey(ctx, resolved),
          poll: () => defer(() => snapshot({ ...ctx, nowMs: this.now() }, resolved)),
        };
        // a range ending "now" includes the poll that completes after the request was made (live ranges slide instead)
        const openEnd = request.range.raw.to === 'now' && !target.live;
        const to = openEnd ? Number.MAX_SAFE_INTEGER : request.range.to.valueOf();
        const range = { from: request.range.from.valueOf(), to };
        return liveQuery(this.sampler, source, { refId: target.refId, range, live: target.live === true });
      }
      return module.run(ctx, resolved, target);
    } catch (err) {
      // an invalid name (after variables) fails this query only, before any request exists
      return of({ data: [], errors: [toQueryError(err, target.refId)], key: target.refId });
    }
  }

  private context(refId: string, range?: TimeRange): QueryContext {
    return {
      client: this.client,
      refId,
      nowMs: this.now(),
      range,
      kubeletAccess: this.kubeletAccess,
      concurrency: this.concurrency,
      datasourceUid: this.uid,
    };
  }

  /** Metric names a kubelet endpoint serves, for the query editor's picker (one node's endpoint). */
  getKubeletMetricNames = (node: string | undefined, endpoint: KubeletEndpoint): Promise<string[]> =>
    lastValueFrom(
      kubeletMetricNamesFor(this.context('editor'), variableResolver(this.templateSrv).names(node, 'node'), endpoint)
    ).then((metrics) => metrics.map((m) => m.name));

  /** Explore's log context: the lines around a row, read from the same pod and container. */
  getLogRowContext = (
    row: LogRowModel,
    options?: LogRowContextOptions,
    query?: KubeQuery
  ): Promise<DataQueryResponse> =>
    getLogRowContext(this.context(query?.refId ?? 'context'), row, options, asLogsQuery(query));

  getLogRowContextQuery = async (
    row: LogRowModel,
    _options?: LogRowContextOptions,
    query?: KubeQuery
  ): Promise<KubeQuery | null> => getLogRowContextQuery(row, asLogsQuery(query));

  async testDatasource(): Promise<TestDataSourceResponse> {
    const { status, message, details } = await checkHealth(this.client, { kubeletAccess: this.kubeletAccess });
    return { status, message, details };
  }
}

function asLogsQuery(query: KubeQuery | undefined): LogsQuery | undefined {
  return query?.queryType === 'logs' ? query : undefined;
}
