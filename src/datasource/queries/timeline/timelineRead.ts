/**
 * Reads what a timeline subject needs: its pods (or node), their events, and for rollouts the ReplicaSets and
 * Deployments. Pods or nodes that cannot be read fail the query; the rest (events, ReplicaSets, Deployments, a
 * namespace of several) become notices and the timeline is drawn from what was read.
 */
import { DataQueryError, QueryResultMetaNotice } from '@grafana/data';
import { catchError, forkJoin, map, Observable, of } from 'rxjs';

import { EventObject, NodeObject } from '../../decode/apiTypes';
import { readEvent } from '../../decode/eventObjects';
import { KubeClient, KubeParams } from '../../kube/client';
import { describeKubeError } from '../../kube/errors';
import { eventsPath, nodePath, nodesPath, podPath, podsPath, workloadsPath } from '../../kube/paths';
import { asKubeError, toQueryError } from '../../kube/queryError';
import { allFailed, failureErrors, failureNotice, listInNamespaces, NamespacedList } from '../shared/namespacedList';
import { deploymentNameFromReplicaSet } from '../pods/owners';
import { TimelinePod } from './podSpans';
import { DeploymentObject, ReplicaSetObject } from './rollouts';
import { emptyObjects, TimelineObjects } from './timelineBuild';
import { ResolvedTimelineQuery } from './timelineResolve';

export interface TimelineRead {
  objects: TimelineObjects;
  notices: QueryResultMetaNotice[];
  /** set when the subject itself could not be read */
  errors?: DataQueryError[];
}

type Lister = <T>(path: (ns?: string) => string, params?: KubeParams) => Observable<NamespacedList<T>>;

/** A list whose failure only costs a part of the picture: its items, or none and a notice saying what. */
function optional<T>(
  list: Observable<NamespacedList<T>>,
  what: string,
  notices: QueryResultMetaNotice[]
): Observable<T[]> {
  return list.pipe(
    map(({ items, failures }) => {
      if (failures.length) {
        notices.push({
          severity: 'warning',
          text: `Could not read ${what}, so the timeline leaves out what they tell. ${describeKubeError(failures[0].error)}`,
        });
      }
      return items;
    })
  );
}

function get<T>(client: KubeClient, path: string): Observable<{ item?: T; error?: DataQueryError }> {
  return client.getJson<T>(path).pipe(
    map((item) => ({ item })),
    catchError((err) => of({ error: toQueryError(asKubeError(err, path), '') }))
  );
}

const controller = (o: {
  metadata?: { ownerReferences?: Array<{ kind?: string; name?: string; controller?: boolean }> | null };
}) => o.metadata?.ownerReferences?.find((r) => r?.controller === true);

export function readTimeline(
  client: KubeClient,
  q: ResolvedTimelineQuery,
  concurrency: number
): Observable<TimelineRead> {
  const notices: QueryResultMetaNotice[] = [];
  const list: Lister = (path, params = {}) =>
    listInNamespaces(
      client,
      path,
      q.subject === 'namespace' ? q.namespaces : q.subject === 'node' ? [] : [q.namespace],
      params,
      concurrency
    );
  const events = (params: KubeParams = {}) =>
    optional(list<EventObject>(eventsPath, params), 'events', notices).pipe(map((items) => items.map(readEvent)));
  const withRefId = (errors: DataQueryError[]) => errors.map((e) => ({ ...e, refId: q.refId }));

  switch (q.subject) {
    case 'namespace':
      return forkJoin({
        pods: list<TimelinePod>(podsPath),
        events: events(),
        replicaSets: optional(
          list<ReplicaSetObject>((ns) => workloadsPath('replicasets', ns)),
          'ReplicaSets (rollouts)',
          notices
        ),
        deployments: optional(
          list<DeploymentObject>((ns) => workloadsPath('deployments', ns)),
          'Deployments (stuck rollouts)',
          notices
        ),
      }).pipe(
        map(({ pods, events, replicaSets, deployments }): TimelineRead => {
          if (allFailed(pods.failures, q.namespaces)) {
            return { objects: emptyObjects(), notices, errors: failureErrors(pods.failures, q.refId) };
          }
          const objects = { ...emptyObjects(), pods: pods.items, events, replicaSets, deployments };
          return { objects, notices: [...failureNotice(pods.failures), ...notices] };
        })
      );
    case 'workload': {
      const isDeployment = q.kind === 'Deployment';
      return forkJoin({
        pods: list<TimelinePod>(podsPath),
        events: events(),
        replicaSets: isDeployment
          ? optional(
              list<ReplicaSetObject>((ns) => workloadsPath('replicasets', ns)),
              'ReplicaSets',
              notices
            )
          : of([]),
        deployments: isDeployment
          ? optional(
              list<DeploymentObject>((ns) => workloadsPath('deployments', ns), {
                fieldSelector: `metadata.name=${q.name}`,
              }),
              'the Deployment',
              notices
            )
          : of([]),
      }).pipe(
        map(({ pods, events, replicaSets, deployments }): TimelineRead => {
          if (pods.failures.length) {
            return { objects: emptyObjects(), notices, errors: failureErrors(pods.failures, q.refId) };
          }
          const mine = replicaSets.filter(
            (rs) => controller(rs)?.kind === 'Deployment' && controller(rs)?.name === q.name
          );
          const owners = new Set(
            isDeployment ? mine.map((rs) => `ReplicaSet/${rs.metadata?.name}`) : [`${q.kind}/${q.name}`]
          );
          const ownPods = pods.items.filter((p) => {
            const ref = controller(p);
            if (ref === undefined) {
              return false;
            }
            if (owners.has(`${ref.kind}/${ref.name}`)) {
              return true;
            }
            // ReplicaSets unreadable: the Deployment's name is in its ReplicaSets' (<name>-<pod-template-hash>)
            const hash = p.metadata?.labels?.['pod-template-hash'];
            return (
              isDeployment &&
              !mine.length &&
              ref.kind === 'ReplicaSet' &&
              typeof ref.name === 'string' &&
              deploymentNameFromReplicaSet(ref.name, hash) === q.name
            );
          });
          if (!ownPods.length) {
            notices.push({
              severity: 'info',
              text: `No pods of ${q.kind} ${q.namespace}/${q.name} now. Check the name and kind, or that it has replicas.`,
            });
          }
          const names = new Set([...ownPods.map((p) => `Pod/${p.metadata?.name}`), ...owners, `${q.kind}/${q.name}`]);
          const about = events.filter((e) => names.has(`${e.kind}/${e.objectName}`));
          return {
            objects: { ...emptyObjects(), pods: ownPods, events: about, replicaSets: mine, deployments },
            notices,
          };
        })
      );
    }
    case 'pod':
      return forkJoin({
        pod: get<TimelinePod>(client, podPath(q.namespace, q.name)),
        events: events({ fieldSelector: `involvedObject.name=${q.name}` }),
      }).pipe(
        map(({ pod, events }): TimelineRead =>
          pod.error
            ? { objects: emptyObjects(), notices, errors: withRefId([pod.error]) }
            : {
                objects: { ...emptyObjects(), pods: [pod.item!], events: events.filter((e) => e.kind === 'Pod') },
                notices,
              }
        )
      );
    case 'node': {
      if (q.name === undefined) {
        return forkJoin({
          nodes: client.list<NodeObject>(nodesPath()).pipe(
            map((l) => ({ items: l.items, error: undefined as DataQueryError | undefined })),
            catchError((err) =>
              of({ items: [] as NodeObject[], error: toQueryError(asKubeError(err, nodesPath()), q.refId) })
            )
          ),
          events: events({ fieldSelector: 'involvedObject.kind=Node' }),
        }).pipe(
          map(({ nodes, events }): TimelineRead =>
            nodes.error
              ? { objects: emptyObjects(), notices, errors: [nodes.error] }
              : { objects: { ...emptyObjects(), nodes: nodes.items, events }, notices }
          )
        );
      }
      const name = q.name;
      return forkJoin({
        node: get<NodeObject>(client, nodePath(name)),
        pods: optional(
          list<TimelinePod>(podsPath, { fieldSelector: `spec.nodeName=${name}` }),
          "the node's pods",
          notices
        ),
        events: events(),
      }).pipe(
        map(({ node, pods, events }): TimelineRead => {
          if (node.error) {
            return { objects: emptyObjects(), notices, errors: withRefId([node.error]) };
          }
          const podNames = new Set(pods.map((p) => `${p.metadata?.namespace}/${p.metadata?.name}`));
          const about = events.filter(
            (e) =>
              (e.kind === 'Node' && e.objectName === name) ||
              (e.kind === 'Pod' && podNames.has(`${e.namespace}/${e.objectName}`))
          );
          return { objects: { ...emptyObjects(), nodes: [node.item!], pods, events: about }, notices };
        })
      );
    }
  }
}
