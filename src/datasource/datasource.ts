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
import { BackendSrvRequest, config, FetchResponse, getBackendSrv, getTemplateSrv, TemplateSrv } from '@grafana/runtime';
import { defer, lastValueFrom, map, merge, Observable, of } from 'rxjs';

import { kubeAnnotations } from './annotations';
import { checkHealth } from './health/checkHealth';
import { publishHealthProgress } from './config/healthProgress';
import { authMethodOf } from './config/configOptions';
import { hasOAuthSession, type SavedSettings, type SignedInUser } from './health/settingsCheck';
import { KubeClient } from './kube/client';
import { DEFAULT_FAN_OUT_CONCURRENCY, MAX_IN_FLIGHT_REQUESTS } from './kube/limits';
import { noteRetries, noteRetriesInSnapshot, RetryLog } from './kube/retryLog';
import { liveQuery } from './live/liveQuery';
import { Sampler } from './live/sampler';
import { samplerSettings } from './config/samplerSettings';
import { LiveSource, Snapshot } from './live/types';
import { kubeletMetricNamesFor } from './queries/kubelet/kubeletQuery';
import { getLogRowContext, getLogRowContextQuery } from './queries/logs/logsContext';
import { QUERY_MODULES } from './queries/registry';
import { QueryContext, QueryModule } from './queries/types';
import { toQueryError } from './kube/queryError';
import { DEFAULT_QUERY, KubeDataSourceOptions, KubeletEndpoint, KubeQuery, LogsQuery } from './types';
import { variableResolver } from './variables/resolver';
import { KubeVariableSupport } from './variables/variableSupport';

/** What Grafana hands the plugin, replaceable in tests (the proxy harness supplies `fetch`). */
export interface KubeDataSourceDeps {
  fetch?: (req: BackendSrvRequest) => Observable<FetchResponse<unknown>>;
  templateSrv?: Pick<TemplateSrv, 'replace'>;
  now?: () => number;
  /** how the client waits before a retry (tests pass one that does not wait) */
  sleep?: (ms: number) => Observable<unknown>;
  /** the saved settings, for Save & test (default: Grafana's `/api/datasources/uid/<uid>`) */
  loadSettings?: () => Promise<SavedSettings>;
  /** who is signed in (default: Grafana's boot data) */
  user?: SignedInUser;
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
  private readonly loadSettings: () => Promise<SavedSettings>;
  private readonly user: SignedInUser | undefined;
  /** set when this data source forwards OAuth identities and the signed-in user has none to forward */
  private readonly noOAuthSession: boolean;
  /** the in-browser history of live sources; see live/sampler.ts */
  readonly sampler: Sampler;

  constructor(instanceSettings: DataSourceInstanceSettings<KubeDataSourceOptions>, deps: KubeDataSourceDeps = {}) {
    super(instanceSettings);
    const json = instanceSettings.jsonData ?? {};
    // the setting bounds fan-out; the client caps it at its request gate (Grafana's 5 at a time)
    const concurrency = Math.max(1, Math.floor(json.fanOutConcurrency ?? DEFAULT_FAN_OUT_CONCURRENCY));
    const backendSrv = deps.fetch ? undefined : getBackendSrv();
    this.client = new KubeClient({
      baseUrl: instanceSettings.url ?? '',
      fetch: deps.fetch ?? ((req) => backendSrv!.fetch(req)),
      concurrency,
      maxInFlight: MAX_IN_FLIGHT_REQUESTS,
      requestIdPrefix: `kubeglance-${instanceSettings.uid}`,
      sleep: deps.sleep,
    });
    this.templateSrv = deps.templateSrv ?? getTemplateSrv();
    this.now = deps.now ?? Date.now;
    this.kubeletAccess = json.kubeletAccess === true;
    this.concurrency = concurrency;
    this.sampler = new Sampler({ ...samplerSettings(json), now: this.now });
    this.loadSettings =
      deps.loadSettings ?? (() => backendSrv!.get<SavedSettings>(`/api/datasources/uid/${instanceSettings.uid}`));
    this.user = deps.user ?? config.bootData?.user;
    this.noOAuthSession = authMethodOf(json) === 'oauth' && hasOAuthSession(this.user) === false;
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
    if (this.noOAuthSession) {
      // without this the API server would see an anonymous request and answer a puzzling 401 or 403
      const message = `This data source forwards your OAuth identity, but you signed in to Grafana with ${this.user?.authenticatedBy}, so there is none to forward. Sign in through Grafana's OAuth provider.`;
      return of({ data: [], errors: targets.map((t) => ({ message, refId: t.refId })) });
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
        const source = this.liveSource(ctx, sourceKey(ctx, resolved), (pollCtx) => snapshot(pollCtx, resolved));
        // a range ending "now" includes the poll that completes after the request was made (live ranges slide instead)
        const openEnd = request.range.raw.to === 'now' && !target.live;
        const to = openEnd ? Number.MAX_SAFE_INTEGER : request.range.to.valueOf();
        const range = { from: request.range.from.valueOf(), to };
        return liveQuery(this.sampler, source, { refId: target.refId, range, live: target.live === true });
      }
      // the retries (429/503) this run met, told once on its frames: the modules need not know
      const log = new RetryLog();
      return module
        .run({ ...ctx, client: this.client.withRetryLog(log) }, resolved, target)
        .pipe(map((response) => noteRetries(response, log)));
    } catch (err) {
      // an invalid name (after variables) fails this query only, before any request exists
      return of({ data: [], errors: [toQueryError(err, target.refId)], key: target.refId });
    }
  }

  private context(refId: string, range?: TimeRange): QueryContext {
    const ctx: QueryContext = {
      client: this.client,
      refId,
      nowMs: this.now(),
      range,
      kubeletAccess: this.kubeletAccess,
      concurrency: this.concurrency,
      datasourceUid: this.uid,
      watchHistory: (key, poll) => this.sampler.watch(this.liveSource(ctx, key, poll)),
    };
    return ctx;
  }

  /** A source the sampler polls: each poll with its own time and retry log, its retries shown with its samples. */
  private liveSource(
    ctx: QueryContext,
    key: string,
    poll: (pollCtx: QueryContext) => Observable<Snapshot>
  ): LiveSource {
    return {
      key,
      poll: () =>
        defer(() => {
          const log = new RetryLog();
          const pollCtx = { ...ctx, client: this.client.withRetryLog(log), nowMs: this.now() };
          return poll(pollCtx).pipe(map((s) => noteRetriesInSnapshot(s, log)));
        }),
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
    try {
      const { status, message, details } = await checkHealth(this.client, {
        kubeletAccess: this.kubeletAccess,
        loadSettings: this.loadSettings,
        user: this.user,
        onProgress: (p) => publishHealthProgress(this.uid, p),
      });
      return { status, message, details };
    } finally {
      publishHealthProgress(this.uid, undefined);
    }
  }
}

function asLogsQuery(query: KubeQuery | undefined): LogsQuery | undefined {
  return query?.queryType === 'logs' ? query : undefined;
}
