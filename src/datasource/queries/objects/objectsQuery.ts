import { DataQueryError, DataQueryResponse } from '@grafana/data';
import { map, Observable } from 'rxjs';

import { KubeClient, KubeParams } from '../../kube/client';
import { KubeError } from '../../kube/errors';
import { ObjectResource, ObjectsQuery } from '../../types';
import { Sample, Snapshot } from '../../live/types';
import { allFailed, failureErrors, failureNotice, listInNamespaces, NamespacedList } from '../shared/namespacedList';
import { QueryModule } from '../types';
import { isObjectResource, OBJECT_RESOURCES, ObjectResourceSpec } from './columns/resources';
import { objectsFrame } from './objectsFrame';

/** An objects query after variables were interpolated and every name validated. */
export interface ResolvedObjectsQuery {
  refId: string;
  resource: ObjectResource;
  /** empty for all namespaces */
  namespaces: string[];
  labelSelector?: string;
  fieldSelector?: string;
}

interface Named {
  metadata?: { name?: unknown };
}

/** Objects without a name cannot be shown or linked; they are left out and counted. */
function named(items: readonly unknown[]): { kept: Named[]; dropped: number } {
  const kept: Named[] = [];
  for (const item of items) {
    const name = (item as Named | null)?.metadata?.name;
    if (typeof item === 'object' && item !== null && typeof name === 'string' && name !== '') {
      kept.push(item as Named);
    }
  }
  return { kept, dropped: items.length - kept.length };
}

function scopeText(q: ResolvedObjectsQuery, namespaced: boolean): string {
  const parts: string[] = [];
  if (namespaced && q.namespaces.length) {
    parts.push(`in namespace ${q.namespaces.join(', ')}`);
  }
  if (q.labelSelector) {
    parts.push(`matching ${q.labelSelector}`);
  }
  if (q.fieldSelector) {
    parts.push(`with ${q.fieldSelector}`);
  }
  return parts.length ? ` ${parts.join(' ')}` : '';
}

interface ObjectsRead extends NamespacedList<unknown> {
  spec: ObjectResourceSpec;
  /** set when nothing could be read: every namespace failed */
  errors?: DataQueryError[];
}

/** What the table and the time-series answer both start from: the resource's objects, in the namespaces asked. */
function readObjects(client: KubeClient, q: ResolvedObjectsQuery, concurrency: number): Observable<ObjectsRead> {
  const spec = OBJECT_RESOURCES[q.resource];
  const params: KubeParams = { labelSelector: q.labelSelector, fieldSelector: q.fieldSelector };
  const namespaces = spec.namespaced ? q.namespaces : [];
  return listInNamespaces<unknown>(client, spec.path, namespaces, params, concurrency).pipe(
    map((list) =>
      allFailed(list.failures, namespaces)
        ? { ...list, spec, errors: failureErrors(list.failures, q.refId) }
        : { ...list, spec }
    )
  );
}

/** `kubectl get <resource>` as one table frame; namespaces that fail are named in a notice. */
export function runObjectsQuery(
  client: KubeClient,
  q: ResolvedObjectsQuery,
  nowMs: number,
  concurrency: number
): Observable<DataQueryResponse> {
  return readObjects(client, q, concurrency).pipe(
    map(({ spec, items, failures, errors }): DataQueryResponse => {
      if (errors) {
        return { data: [], errors, key: q.refId };
      }
      const notices = failureNotice(failures);
      let { kept, dropped } = named(items);
      if (q.resource === 'namespaces' && q.namespaces.length) {
        // namespaces are not namespaced: the namespace filter picks which ones to show
        const wanted = new Set(q.namespaces);
        kept = kept.filter((ns) => wanted.has(ns.metadata?.name as string));
      } else if (!spec.namespaced && q.namespaces.length) {
        notices.push({ severity: 'info', text: `Nodes are not namespaced: the namespace filter is ignored.` });
      }
      if (dropped) {
        notices.push({ severity: 'warning', text: `Left out ${dropped} object(s) without metadata.name.` });
      }
      if (!kept.length && !failures.length) {
        notices.push({ severity: 'info', text: `No ${spec.noun} found${scopeText(q, spec.namespaced)}.` });
      }
      const columns = spec.columns(kept as never[], nowMs);
      return { data: [objectsFrame(columns, q.refId, q.resource, notices)], key: q.refId };
    })
  );
}

/** The resource of a saved query; an unknown one fails before any request. */
function resolveResource(value: unknown): ObjectResource {
  if (value === undefined || value === '') {
    return 'pods';
  }
  if (!isObjectResource(value)) {
    throw new KubeError({
      kind: 'invalid',
      message: `Unknown resource ${JSON.stringify(value)}`,
      remedy: `Choose one of ${Object.keys(OBJECT_RESOURCES).join(', ')} in the query editor.`,
    });
  }
  return value;
}

/** The column a count over time is split by: what kubectl shows as the object's state. */
const COUNT_BY = ['status', 'type'];

/**
 * One poll for time series: how many objects there are in each state (pods by status, nodes Ready/NotReady,
 * events by type), so a panel can show, say, pods by phase over time.
 */
export function objectsSnapshot(
  client: KubeClient,
  q: ResolvedObjectsQuery,
  nowMs: number,
  concurrency: number
): Observable<Snapshot> {
  return readObjects(client, q, concurrency).pipe(
    map(({ spec, items, failures, errors }): Snapshot => {
      if (errors) {
        return { timeMs: nowMs, samples: [], errors };
      }
      const { kept } = named(items);
      const columns = spec.columns(kept as never[], nowMs);
      const by = columns.find((c) => COUNT_BY.includes(c.name));
      const counts = new Map<string, number>();
      for (let i = 0; i < kept.length; i++) {
        const state = by ? String(by.values[i] ?? 'Unknown') : q.resource;
        counts.set(state, (counts.get(state) ?? 0) + 1);
      }
      const samples: Sample[] = [...counts].map(([state, count]) => ({
        key: state,
        labels: by ? { resource: q.resource, [by.name]: state } : { resource: q.resource },
        metric: 'count',
        value: count,
        counter: false,
        unit: 'short',
      }));
      return { timeMs: nowMs, samples, notices: failureNotice(failures) };
    })
  );
}

export const objectsModule: QueryModule<ObjectsQuery, ResolvedObjectsQuery> = {
  resolve: (query, vars) => ({
    refId: query.refId,
    resource: resolveResource(query.resource),
    namespaces: vars.names(query.namespace, 'namespace'),
    labelSelector: vars.text(query.labelSelector),
    fieldSelector: vars.text(query.fieldSelector),
  }),
  run: (ctx, resolved) => runObjectsQuery(ctx.client, resolved, ctx.nowMs, ctx.concurrency),
  snapshot: (ctx, resolved) => objectsSnapshot(ctx.client, resolved, ctx.nowMs, ctx.concurrency),
  sourceKey: (ctx, r) =>
    `${ctx.datasourceUid}/objects/${r.resource}?${r.namespaces.join(',')}&${r.labelSelector ?? ''}&${r.fieldSelector ?? ''}`,
};
