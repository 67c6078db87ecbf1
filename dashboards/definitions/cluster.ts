import type { Dashboard, DataTransformerConfig } from '@grafana/schema';

import { dashboard } from '../lib/dashboard';
import { onlyFields, onlyMetrics } from '../lib/filters';
import { CORES, eventsQuery, LIVE, nodesQuery, objectsQuery, podsQuery, rowLinks, TABLE } from '../lib/kube';
import {
  barGauge,
  gauge,
  gaugeCell,
  hideColumns,
  linkOverride,
  overrideByRegexp,
  stat,
  table,
  timeseries,
} from '../lib/panels';
import { kubeDs, KUBE_DS_TYPE, PROVISIONED_UIDS, UIDS } from '../lib/refs';
import { dataSourceVariable } from '../lib/variables';

const ds = kubeDs;

/** Count the rows of a table per value of one column (display names, as groupBy reads them). */
function countBy(groupColumn: string, countColumn: string): DataTransformerConfig {
  return {
    id: 'groupBy',
    options: {
      fields: {
        [groupColumn]: { operation: 'groupby', aggregations: [] },
        [countColumn]: { operation: 'aggregate', aggregations: ['count'] },
      },
    },
  };
}

/**
 * The nodes table summed into one row, then used / allocatable as a share. calculateField finds its
 * operands by display name (src/datasource/queries/nodesFrame.ts), not by field name.
 */
function shareOfAllocatable(used: string, allocatable: string, alias: string): DataTransformerConfig[] {
  return [
    { id: 'reduce', options: { mode: 'reduceFields', reducers: ['sum'], includeTimeField: false } },
    {
      id: 'calculateField',
      options: {
        mode: 'binary',
        alias,
        replaceFields: true,
        binary: {
          left: { matcher: { id: 'byName', options: used } },
          operator: '/',
          right: { matcher: { id: 'byName', options: allocatable } },
        },
      },
    },
  ];
}

/**
 * Used vs allocatable over time: usage stacked per node (its top is the cluster's usage), allocatable
 * stacked in a group of its own as a dashed line (its top is the cluster's allocatable).
 */
function usedVsAllocatable(title: string, metric: 'cpu' | 'memory', unit: string) {
  return timeseries({
    title,
    description: `Each node's ${metric} usage, stacked, under the stacked allocatable ${metric} (dashed): the tops are the cluster's totals.`,
    datasource: ds,
    targets: [nodesQuery({ refId: 'A', ...LIVE })],
    unit,
    min: 0,
    stack: true,
    transformations: [onlyMetrics(metric, `${metric}Allocatable`)],
    overrides: [
      overrideByRegexp(`^.* ${metric}Allocatable$`, {
        'custom.stacking': { mode: 'normal', group: 'allocatable' },
        'custom.fillOpacity': 0,
        'custom.lineStyle': { fill: 'dash', dash: [10, 10] },
      }),
    ],
  });
}

/** Events panels look further back than the dashboard: an event is news while the API server keeps it. */
export const EVENTS_WINDOW = '24h';

const SHARE_THRESHOLDS = [
  { color: 'green', value: null },
  { color: 'orange', value: 0.75 },
  { color: 'red', value: 0.9 },
];

export function clusterDashboard(): Dashboard {
  return dashboard({
    uid: UIDS.cluster,
    title: 'Kubernetes / Cluster (live)',
    description:
      'The whole cluster from the API server: nodes, pods, usage against allocatable, top pods, restarts and warnings.',
    tags: ['kubernetes', 'live'],
    refresh: '30s',
    variables: [dataSourceVariable(KUBE_DS_TYPE, 'Cluster', PROVISIONED_UIDS.kubeglance)],
    sections: [
      {
        bands: [
          {
            h: 5,
            panels: [
              [
                4,
                stat({
                  title: 'Nodes by status',
                  description: 'Nodes per Ready condition (kubectl get nodes STATUS).',
                  datasource: ds,
                  targets: [nodesQuery({ refId: 'A', ...TABLE })],
                  transformations: [countBy('Status', 'Node')],
                  perRow: true,
                  decimals: 0,
                }),
              ],
              [
                6,
                barGauge({
                  title: 'Pods by status',
                  description:
                    'Pods per status as kubectl shows it (Running, Pending, CrashLoopBackOff, Completed...).',
                  datasource: ds,
                  targets: [objectsQuery({ refId: 'A', resource: 'pods', ...TABLE })],
                  transformations: [countBy('Status', 'Name')],
                  perRow: true,
                  decimals: 0,
                }),
              ],
              [
                4,
                gauge({
                  title: 'CPU used of allocatable',
                  datasource: ds,
                  targets: [nodesQuery({ refId: 'A', ...TABLE })],
                  transformations: shareOfAllocatable('CPU', 'CPU allocatable', 'CPU used'),
                  unit: 'percentunit',
                  min: 0,
                  max: 1,
                  thresholds: SHARE_THRESHOLDS,
                }),
              ],
              [
                4,
                gauge({
                  title: 'Memory used of allocatable',
                  datasource: ds,
                  targets: [nodesQuery({ refId: 'A', ...TABLE })],
                  transformations: shareOfAllocatable('Memory (working set)', 'Memory allocatable', 'Memory used'),
                  unit: 'percentunit',
                  min: 0,
                  max: 1,
                  thresholds: SHARE_THRESHOLDS,
                }),
              ],
              [
                6,
                stat({
                  title: 'Cluster totals',
                  description: 'Usage and allocatable summed over the nodes that report metrics.',
                  datasource: ds,
                  targets: [nodesQuery({ refId: 'A', ...TABLE })],
                  transformations: [
                    { id: 'reduce', options: { mode: 'reduceFields', reducers: ['sum'], includeTimeField: false } },
                    onlyFields('cpu', 'cpuAllocatable', 'memory', 'memoryAllocatable'),
                  ],
                }),
              ],
            ],
          },
          {
            h: 8,
            panels: [
              [12, usedVsAllocatable('CPU: used vs allocatable', 'cpu', CORES)],
              [12, usedVsAllocatable('Memory: used vs allocatable', 'memory', 'bytes')],
            ],
          },
        ],
      },
      {
        title: 'Nodes',
        bands: [
          {
            h: 9,
            panels: [
              [
                24,
                table({
                  title: 'Nodes',
                  description: 'kubectl top nodes beside kubectl get nodes. Click a node for its kubelet view.',
                  datasource: ds,
                  targets: [nodesQuery({ refId: 'A', ...TABLE })],
                  overrides: [
                    linkOverride('node', 'Node details', rowLinks.node(UIDS.node)),
                    gaugeCell('cpuPercent'),
                    gaugeCell('memoryPercent'),
                  ],
                  sortBy: [{ displayName: 'CPU %', desc: true }],
                }),
              ],
            ],
          },
        ],
      },
      {
        title: 'Pods',
        bands: [
          {
            h: 9,
            panels: [
              [12, topPods('Top pods by CPU', 'cpu')],
              [12, topPods('Top pods by memory', 'memory')],
            ],
          },
          {
            h: 9,
            panels: [
              [
                10,
                table({
                  title: 'Restarts',
                  description: 'Pods with the most container restarts.',
                  datasource: ds,
                  targets: [podsQuery({ refId: 'A', groupBy: 'pod', sortBy: 'restarts', topN: 10, ...TABLE })],
                  transformations: [
                    {
                      id: 'filterByValue',
                      options: {
                        type: 'include',
                        match: 'any',
                        filters: [{ fieldName: 'Restarts', config: { id: 'greater', options: { value: 0 } } }],
                      },
                    },
                    hideColumns(PODS_USAGE_COLUMNS),
                  ],
                  overrides: [
                    linkOverride('pod', 'Pod details', rowLinks.pod(UIDS.pod)),
                    linkOverride('restarts', 'Logs', rowLinks.logs(UIDS.logs)),
                  ],
                }),
              ],
              [
                14,
                table({
                  title: 'Warning events',
                  description:
                    'Warning events in every namespace, newest first, from the last day (the API server keeps events for an hour by default).',
                  timeFrom: EVENTS_WINDOW,
                  datasource: ds,
                  targets: [eventsQuery({ refId: 'A', eventType: 'Warning', ...TABLE })],
                  sortBy: [{ displayName: 'Last seen', desc: true }],
                }),
              ],
            ],
          },
        ],
      },
    ],
  });
}

/** Usage columns a restarts table does not need. */
const PODS_USAGE_COLUMNS = [
  'cpu',
  'cpuRequest',
  'cpuLimit',
  'cpuOfRequest',
  'cpuOfLimit',
  'memory',
  'memoryRequest',
  'memoryLimit',
  'memoryOfRequest',
  'memoryOfLimit',
];

function topPods(title: string, sortBy: 'cpu' | 'memory') {
  return table({
    title,
    description: `The 10 pods using the most ${sortBy}, against their requests and limits. Click a pod for its view.`,
    datasource: ds,
    targets: [podsQuery({ refId: 'A', groupBy: 'pod', sortBy, topN: 10, ...TABLE })],
    transformations: [
      hideColumns([
        'workloadKind',
        'ready',
        'age',
        'restarts',
        'cpuOfLimit',
        'memoryOfRequest',
        'cpuLimit',
        'memoryRequest',
      ]),
    ],
    overrides: [
      linkOverride('pod', 'Pod details', rowLinks.pod(UIDS.pod)),
      linkOverride('node', 'Node details', rowLinks.node(UIDS.node)),
      gaugeCell('cpuOfRequest'),
      gaugeCell('memoryOfLimit'),
    ],
  });
}
