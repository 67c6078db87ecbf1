import { DataQueryError, QueryResultMetaNotice } from '@grafana/data';
import { catchError, map, Observable, of } from 'rxjs';

import { KubeClient, KubeParams } from '../../kube/client';
import { describeKubeError, KubeError } from '../../kube/errors';
import { asKubeError, toQueryError } from '../../kube/queryError';
import { listNames } from './format';

/** One namespace (or the all-namespaces list, without `namespace`) that could not be read. */
export interface ListFailure {
  namespace?: string;
  error: KubeError;
}

export interface NamespacedList<T> {
  items: T[];
  failures: ListFailure[];
}

/**
 * Every page of a list, across all namespaces (one request) or in each named namespace (bounded
 * fan-out). A namespace that fails is kept as a failure; the others still answer.
 */
export function listInNamespaces<T>(
  client: KubeClient,
  path: (namespace?: string) => string,
  namespaces: readonly string[],
  params: KubeParams,
  concurrency: number
): Observable<NamespacedList<T>> {
  if (!namespaces.length) {
    const all = path();
    return client.list<T>(all, params).pipe(
      map((list): NamespacedList<T> => ({ items: list.items, failures: [] })),
      catchError((err) => of<NamespacedList<T>>({ items: [], failures: [{ error: asKubeError(err, all) }] }))
    );
  }
  return client
    .fanOut(namespaces, (ns) => client.list<T>(path(ns), params), concurrency)
    .pipe(
      map((results) => {
        const out: NamespacedList<T> = { items: [], failures: [] };
        for (const r of results) {
          if (r.error) {
            out.failures.push({ namespace: r.key, error: r.error });
          } else if (r.value) {
            out.items.push(...r.value.items);
          }
        }
        return out;
      })
    );
}

/** Nothing could be read: every namespace asked for (or the one all-namespaces list) failed. */
export function allFailed(failures: readonly ListFailure[], namespaces: readonly string[]): boolean {
  return failures.length > 0 && failures.length === Math.max(1, namespaces.length);
}

function where(namespace: string | undefined): string {
  return namespace === undefined ? '' : `Namespace "${namespace}": `;
}

/** Panel errors for a query where nothing could be read. */
export function failureErrors(failures: readonly ListFailure[], refId: string): DataQueryError[] {
  return failures.map((f) => ({
    ...toQueryError(f.error, refId),
    message: `${where(f.namespace)}${describeKubeError(f.error)}`,
  }));
}

/** A warning naming the namespaces that could not be read, when others could. */
export function failureNotice(failures: readonly ListFailure[]): QueryResultMetaNotice[] {
  if (!failures.length) {
    return [];
  }
  const names = failures.map((f) => f.namespace ?? 'all namespaces');
  return [
    {
      severity: 'warning',
      text: `Could not read ${failures.length} namespace(s): ${listNames(names)}. ${describeKubeError(failures[0].error)}`,
    },
  ];
}
