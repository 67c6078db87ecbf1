import { DataQueryResponse, TimeRange } from '@grafana/data';
import { Observable } from 'rxjs';

import { KubeClient } from '../kube/client';
import { SeriesHistory } from '../live/history';
import { Snapshot } from '../live/types';
import { KubeQuery } from '../types';
import { VariableResolver } from '../variableTypes';

/** What a query module gets to run with. */
export interface QueryContext {
  client: KubeClient;
  refId: string;
  nowMs: number;
  range?: TimeRange;
  /** the data source allows kubelet endpoints (nodes/proxy) */
  kubeletAccess: boolean;
  /** bound for fan-out to nodes and pods */
  concurrency: number;
  /** the data source's uid, part of every live source key */
  datasourceUid: string;
  /** how often live queries poll; each module has its own default (logs: 2 s) */
  pollIntervalMs?: number;
  /**
   * The sampler's history of a source, polled with `poll` while subscribed and shared with every query of the
   * same `key` (include the data source uid and every parameter): answers built from recent usage (outliers,
   * right-sizing, time to full) read it. Each poll gets a context with its own time and retry log.
   */
  watchHistory?: (key: string, poll: (pollCtx: QueryContext) => Observable<Snapshot>) => Observable<SeriesHistory>;
}

/**
 * One query type: how its query model is resolved, answered as a table, and (for metric types) polled
 * as samples for time series and live panels.
 */
export interface QueryModule<Q extends KubeQuery, R> {
  /** interpolate variables and validate every name; throws before any request exists */
  resolve(query: Q, vars: VariableResolver): R;
  /** the snapshot answer: table frames (or logs, for the logs type) */
  run(ctx: QueryContext, resolved: R, query: Q): Observable<DataQueryResponse>;
  /** for time series: one poll as samples, and the identity of what is polled */
  snapshot?(ctx: QueryContext, resolved: R): Observable<Snapshot>;
  sourceKey?(ctx: QueryContext, resolved: R): string;
}
