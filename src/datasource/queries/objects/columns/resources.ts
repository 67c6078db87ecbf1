import { eventsPath, namespacesPath, nodesPath, podsPath, pvcsPath, workloadsPath } from '../../../kube/paths';
import { ObjectResource } from '../../../types';
import { ObjectColumn } from './columns';
import { daemonSetColumns } from './daemonsets';
import { deploymentColumns } from './deployments';
import { eventColumns } from './events';
import { jobColumns } from './jobs';
import { namespaceColumns } from './namespaces';
import { nodeColumns } from './nodes';
import { pvcColumns } from './persistentvolumeclaims';
import { statefulSetColumns } from './statefulsets';
import { podColumns } from './pods';

/** How one resource is listed and printed. */
export interface ObjectResourceSpec {
  /** namespaced resources take the namespace filter; cluster-scoped ones ignore it */
  namespaced: boolean;
  /** the list path, for one namespace or (undefined) all */
  path(namespace?: string): string;
  /** what to call the objects in messages */
  noun: string;
  // items come from the API unchecked: every builder reads them defensively
  columns(items: readonly never[], nowMs: number): ObjectColumn[];
}

export const OBJECT_RESOURCES: Readonly<Record<ObjectResource, ObjectResourceSpec>> = {
  nodes: { namespaced: false, path: () => nodesPath(), noun: 'nodes', columns: nodeColumns },
  namespaces: { namespaced: false, path: () => namespacesPath(), noun: 'namespaces', columns: namespaceColumns },
  pods: { namespaced: true, path: podsPath, noun: 'pods', columns: podColumns },
  deployments: {
    namespaced: true,
    path: (ns) => workloadsPath('deployments', ns),
    noun: 'deployments',
    columns: deploymentColumns,
  },
  statefulsets: {
    namespaced: true,
    path: (ns) => workloadsPath('statefulsets', ns),
    noun: 'stateful sets',
    columns: statefulSetColumns,
  },
  daemonsets: {
    namespaced: true,
    path: (ns) => workloadsPath('daemonsets', ns),
    noun: 'daemon sets',
    columns: daemonSetColumns,
  },
  jobs: { namespaced: true, path: (ns) => workloadsPath('jobs', ns), noun: 'jobs', columns: jobColumns },
  persistentvolumeclaims: {
    namespaced: true,
    path: pvcsPath,
    noun: 'persistent volume claims',
    columns: pvcColumns,
  },
  events: { namespaced: true, path: eventsPath, noun: 'events', columns: eventColumns },
};

export function isObjectResource(value: unknown): value is ObjectResource {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(OBJECT_RESOURCES, value);
}
