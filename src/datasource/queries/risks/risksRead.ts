/**
 * Reads what the checks need, every list at once (each bounded across namespaces). A list that fails is an
 * empty list and a notice naming the resource and the permission; the others still answer.
 */
import { DataQueryError, QueryResultMetaNotice } from '@grafana/data';
import { forkJoin, map, Observable } from 'rxjs';

import { KubeClient } from '../../kube/client';
import { describeKubeError, KubeError } from '../../kube/errors';
import { eventsPath, hpasPath, nodesPath, podsPath, pvcsPath, workloadsPath } from '../../kube/paths';
import { toQueryError } from '../../kube/queryError';
import { listInNamespaces, NamespacedList } from '../shared/namespacedList';
import { listNames } from '../shared/format';
import { RiskObjects } from './riskTypes';

interface Source {
  key: keyof RiskObjects;
  /** as RBAC names it: group and resource */
  group: string;
  resource: string;
  namespaced: boolean;
  path(ns?: string): string;
  /** the checks that go without it */
  skipped: string;
}

export const RISK_SOURCES: readonly Source[] = [
  { key: 'pods', group: '', resource: 'pods', namespaced: true, path: podsPath, skipped: 'pod checks' },
  { key: 'nodes', group: '', resource: 'nodes', namespaced: false, path: () => nodesPath(), skipped: 'node checks' },
  {
    key: 'deployments',
    group: 'apps',
    resource: 'deployments',
    namespaced: true,
    path: (ns) => workloadsPath('deployments', ns),
    skipped: 'Deployment checks',
  },
  {
    key: 'statefulSets',
    group: 'apps',
    resource: 'statefulsets',
    namespaced: true,
    path: (ns) => workloadsPath('statefulsets', ns),
    skipped: 'StatefulSet checks',
  },
  {
    key: 'daemonSets',
    group: 'apps',
    resource: 'daemonsets',
    namespaced: true,
    path: (ns) => workloadsPath('daemonsets', ns),
    skipped: 'DaemonSet checks',
  },
  {
    key: 'jobs',
    group: 'batch',
    resource: 'jobs',
    namespaced: true,
    path: (ns) => workloadsPath('jobs', ns),
    skipped: 'Job checks',
  },
  {
    key: 'pvcs',
    group: '',
    resource: 'persistentvolumeclaims',
    namespaced: true,
    path: pvcsPath,
    skipped: 'PVC checks',
  },
  {
    key: 'hpas',
    group: 'autoscaling',
    resource: 'horizontalpodautoscalers',
    namespaced: true,
    path: hpasPath,
    skipped: 'HPA checks',
  },
  {
    key: 'events',
    group: '',
    resource: 'events',
    namespaced: true,
    path: eventsPath,
    skipped: "the scheduler's and provisioners' messages",
  },
];

export interface RisksRead {
  objects: RiskObjects;
  notices: QueryResultMetaNotice[];
  /** set when nothing at all could be read */
  errors?: DataQueryError[];
}

function failureText(s: Source, failures: NamespacedList<unknown>['failures']): string {
  const err: KubeError = failures[0].error;
  const rule = `list ${s.resource}${s.group ? ` (API group ${s.group})` : ''}`;
  const where = failures.some((f) => f.namespace !== undefined)
    ? ` in namespace ${listNames(failures.map((f) => f.namespace ?? 'all'))}`
    : '';
  if (err.kind === 'notFound' && s.key === 'hpas') {
    return `The autoscaling/v2 API (HorizontalPodAutoscalers) is not served${where}: ${s.skipped} skipped.`;
  }
  if (err.kind === 'forbidden') {
    return `May not ${rule}${where}: ${s.skipped} skipped. ${describeKubeError(err)}`;
  }
  return `Could not ${rule}${where}: ${s.skipped} skipped. ${describeKubeError(err)}`;
}

export function readRiskObjects(
  client: KubeClient,
  namespaces: readonly string[],
  refId: string,
  concurrency: number
): Observable<RisksRead> {
  const reads = RISK_SOURCES.map((s) =>
    listInNamespaces<unknown>(client, s.path, s.namespaced ? namespaces : [], {}, concurrency)
  );
  return forkJoin(reads).pipe(
    map((lists) => {
      const objects = {} as Record<keyof RiskObjects, unknown[]>;
      const notices: QueryResultMetaNotice[] = [];
      let read = 0;
      lists.forEach((list, i) => {
        const s = RISK_SOURCES[i];
        objects[s.key] = list.items;
        const asked = s.namespaced ? Math.max(1, namespaces.length) : 1;
        if (list.failures.length < asked) {
          read++;
        }
        if (list.failures.length) {
          const hpasMissing = s.key === 'hpas' && list.failures[0].error.kind === 'notFound';
          notices.push({ severity: hpasMissing ? 'info' : 'warning', text: failureText(s, list.failures) });
        }
      });
      if (!read) {
        const errors = lists.flatMap((l) => l.failures.slice(0, 1)).map((f) => toQueryError(f.error, refId));
        return { objects: objects as unknown as RiskObjects, notices, errors: errors.slice(0, 1) };
      }
      return { objects: objects as unknown as RiskObjects, notices };
    })
  );
}
